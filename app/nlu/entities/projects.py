"""``project_ref`` from project ids, order numbers and ordinals ("the second one").

Source: the ``project_ref`` entity of ``shared/contract/intents.md`` ("90003",
"ORD-1001-A", "the second one" → ``#2``). Category words ("the flooring one") are
in ``categories``; the pipeline's precedence is id/order > category > ordinal.

  - a project id: a 5–8 digit number ("90003", "#90003"), not a phone/zip/code;
  - an order number, upper-cased: "ord-1001-a" → "ORD-1001-A";
  - an ordinal: "the second one", "2nd project", "#2", "number 2", "option 2" → "#2".
    A bare "the 2nd"/"the 14th" is a date, not an ordinal; "the last one" gives no
    project_ref here (it depends on the list shown: the classifier resolves it from
    the dialogue context as ``#<listed_project_count>``).

Shapes (``chars`` is the working copy of the normalised text, see ``text.blank``;
``spans`` the pipeline's list of ``(start, end, placeholder)``):
  - ``find_ids(chars, spans) -> list[(start, end, value)]``: order numbers
    (placeholder ``ordernum``), then project ids (``projectid``); each is blanked, and
    so is a number next to "zip"/"phone"/"code" … (not a project, not a date).
  - ``find_ordinals(chars, spans) -> list[(start, end, "#n")]``: placeholder
    ``ordinalref``, blanked; run before dates so "the 2nd one" is no date.
"""

from __future__ import annotations

import re

from .text import blank
from .vocab import NUM_WORDS, ORD_WORDS

__all__ = ["find_ids", "find_ordinals"]

_F = re.IGNORECASE

_ORDER_RE = re.compile(r"(?<![\w-])ord(?:er)?[\s#:.-]*(?P<n>\d{2,8})(?:\s*-\s*(?P<l>[a-z])\b|(?P<l2>[a-z])\b)?", _F)
_PROJECT_ID_RE = re.compile(r"(?<![\w/$.:,-])#?\s?(?P<n>\d{5,8})(?:'?s\b)?(?![\w/-]|[.,:]\d)")
_PROJECT_ID_NEG = re.compile(
    r"(?:zip|zipcode|postal|code|pin|phone|tel|cell|ext|extension|\$|usd|dollars?|suite|apt|unit|box|acct|account|card|ssn)\s*(?:code\s*)?(?:is|#|:|number|no\.?)?\s*$",
    _F,
)


_ORDINAL_REF_RE = re.compile(
    r"(?:#\s*(?P<a>\d{1,2})(?!\d)|\b(?:number|no\.|num|option|choice|item)\s*#?\s*(?P<b>\d{1,2})\b(?![:/.]\d|\s*(?:am|pm|a\.m|p\.m|st|nd|rd|th|days?|weeks?|hours?)\b)"
    r"|\b(?:project|job|order)\s*#?\s*(?P<b2>\d{1,2})(?=\s*(?:$|[.,!?;)]|please|pls|plz|thanks|thx|is\b|on\s+the\s+list))"
    r"|\b(?:the\s+|my\s+|that\s+)?(?P<c>\d{1,2})(?:st|nd|rd|th)\s+(?:one|project|job|order|option|choice|item|on\s+the\s+list|listed|entry|line)\b"
    rf"|\b(?:the\s+|my\s+|that\s+)?(?P<w>{'|'.join(k for k in ORD_WORDS if ' ' not in k and '-' not in k and ORD_WORDS[k] <= 12)})\s+"
    r"(?:one|project|job|order|option|choice|item|on\s+the\s+list|listed|entry|line)s?\b"
    r"|\bproject\s+(?P<w2>one|two|three|four|five|six)\b)",
    _F,
)
_BARE_ORDINAL_RE = re.compile(
    r"^\s*(?:(?:ok(?:ay)?|um+|uh+|hmm+|yeah|yes|well)[\s,]+)?(?:i'?ll\s+(?:take|go\s+with)\s+|i\s+(?:want|pick|choose)\s+|let'?s\s+(?:do|go\s+with)\s+|go\s+with\s+)?(?:the\s+)?"
    rf"(?P<w>{'|'.join(k for k in ORD_WORDS if ' ' not in k and '-' not in k and ORD_WORDS[k] <= 10)})"
    r"(?:\s+(?:please|pls|plz|thanks|thx))?\s*[.!?]*\s*$",
    _F,
)




def find_ids(chars: list[str], spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Order numbers and project ids, in that order; their spans are blanked in ``chars``."""
    refs: list[tuple[int, int, str]] = []
    cur = "".join(chars)
    for m in _ORDER_RE.finditer(cur):
        letter = m["l"] or m["l2"]
        val = f"ORD-{m['n']}" + (f"-{letter.upper()}" if letter else "")
        refs.append((m.start(), m.end(), val))
        spans.append((m.start(), m.end(), "ordernum"))
        blank(chars, m.start(), m.end())
    cur = "".join(chars)
    for m in _PROJECT_ID_RE.finditer(cur):
        if _PROJECT_ID_NEG.search(cur[max(0, m.start() - 25) : m.start()]):
            blank(chars, m.start(), m.end())
            continue
        refs.append((m.start(), m.end(), m["n"]))
        spans.append((m.start(), m.end(), "projectid"))
        blank(chars, m.start(), m.end())
    return refs


def find_ordinals(chars: list[str], spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """List positions ("the second one", "#2" → ``#2``); their spans are blanked in ``chars``."""
    cur = "".join(chars)
    ords: list[tuple[int, int, str]] = []
    for m in _ORDINAL_REF_RE.finditer(cur):
        n: int | None = None
        for g in ("a", "b", "b2", "c"):
            if m[g]:
                n = int(m[g])
        if m["w"]:
            n = ORD_WORDS.get(m["w"].lower())
        if m["w2"]:
            n = NUM_WORDS.get(m["w2"].lower())
        if n and 1 <= n <= 20:
            ords.append((m.start(), m.end(), f"#{n}"))
            spans.append((m.start(), m.end(), "ordinalref"))
            blank(chars, m.start(), m.end())
    if not ords:
        m = _BARE_ORDINAL_RE.match("".join(chars))
        if m:
            n = ORD_WORDS.get(m["w"].lower())
            if n:
                ords.append((m.start("w"), m.end("w"), f"#{n}"))
                spans.append((m.start("w"), m.end("w"), "ordinalref"))
                blank(chars, m.start("w"), m.end("w"))
    return ords
