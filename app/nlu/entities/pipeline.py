"""The extraction pipeline: normalise, then take entities in a fixed order.

Source: the entity table of ``shared/contract/intents.md`` (``date``, ``time``,
``project_ref``, ``note_text``, normalised, absent when not present).

Shapes
  - ``extract(text, *, today) -> Extraction``; never raises (a bug gives an empty
    extraction, never a broken conversation).
  - ``extract_entities(text, *, today) -> dict[str, str]``: ``Extraction.entities``,
    e.g. ``{"date": "2026-12-03", "time": "15:00", "project_ref": "deck"}``.
  - ``Extraction``: ``entities``; ``spans``, a list of ``(start, end, placeholder)``
    over ``text`` with placeholders ``notetext``, ``ordernum``, ``projectid``,
    ``ordinalref``, ``datex``, ``timex``; ``text``, the normalised message;
    ``masked()``, the text with spans replaced by placeholders (the intent model's
    input, see ``app/nlu/classifier.py``).

Order (each step blanks its spans in a working copy, so later steps skip them):
  1. ``note_text`` (``notes``): the note's own words are not searched further;
  2. order numbers and project ids (``projects``); long digit runs (phone numbers)
     are blanked so they feed no date or time;
  3. ordinals (``projects``), before dates, so "the 2nd one" is no date;
  4. ``date`` (``dates``, ``choose``);
  5. ``time`` (``times``, ``choose``); with several times, the one next to the
     chosen date wins unless they are alternatives ("10 or 2");
  6. ``project_ref``: id/order > category (``categories``) > ordinal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .categories import find_category
from .choose import pick
from .dates import DATE_ISO, find_dates
from .notes import find_note
from .projects import find_ids, find_ordinals
from .text import blank, normalise
from .times import find_times

__all__ = ["Extraction", "extract", "extract_entities"]

_F = re.IGNORECASE
_DIGIT_RUN = re.compile(r"\d[\d\s().-]{6,}\d")
_NON_DIGIT = re.compile(r"\D")
_ALTERNATIVES = re.compile(r"[\s,/]*(?:or|and|&)?[\s,/]*", _F)


@dataclass
class Extraction:
    """Entities plus the spans they came from (used to build the model's input)."""

    entities: dict[str, str] = field(default_factory=dict)
    #: (start, end, placeholder) over ``text``
    spans: list[tuple[int, int, str]] = field(default_factory=list)
    text: str = ""

    def masked(self) -> str:
        """The text with entity spans replaced by placeholder tokens."""
        if not self.spans:
            return self.text
        out: list[str] = []
        pos = 0
        for start, end, token in sorted(self.spans):
            if start < pos:
                continue
            out.append(self.text[pos:start])
            out.append(f" {token} ")
            pos = end
        out.append(self.text[pos:])
        return "".join(out)


def extract(text: str, *, today: date) -> Extraction:
    """Entities of ``text`` and their spans; never raises."""
    try:
        return _extract(text, today)
    except Exception:  # pragma: no cover - a bug must never break a conversation
        s = normalise(text) if isinstance(text, str) else ""
        return Extraction({}, [], s)


def extract_entities(text: str, *, today: date) -> dict[str, str]:
    """The normalised entities found in ``text`` (only those present)."""
    return extract(text, today=today).entities


def _extract(text: str, today: date) -> Extraction:
    """Steps 1–6 of the module docstring, in that order (each blanks what it takes)."""
    s = normalise(text)
    ents: dict[str, str] = {}
    spans: list[tuple[int, int, str]] = []
    chars = list(s)
    if not s.strip():
        return Extraction(ents, spans, s)

    # 1. note_text (its content is not searched for other entities)
    note = find_note(s)
    if note:
        val, a, b = note
        ents["note_text"] = val
        spans.append((a, b, "notetext"))
        blank(chars, a, b)

    # 2. order numbers and project ids
    refs = find_ids(chars, spans)
    # long digit runs (phone numbers …) must not feed dates/times
    cur = "".join(chars)
    for m in _DIGIT_RUN.finditer(cur):
        if len(_NON_DIGIT.sub("", m.group())) >= 7 and not DATE_ISO.fullmatch(m.group().strip()):
            blank(chars, m.start(), m.end())

    # 3. ordinals ("the second one", "#2") before dates so "2nd one" is no date
    ords = find_ordinals(chars, spans)

    # 4. dates
    dates = find_dates(s, chars, today)
    picked = pick(dates, s, today)  # type: ignore[arg-type]
    if picked:
        ents["date"] = picked[2].isoformat()  # type: ignore[union-attr]
    for a, b, _v in dates:
        spans.append((a, b, "datex"))

    # 5. times
    times = find_times(chars, s)
    if times:
        best_prio = min(t[3] for t in times)
        cands = [(a, b, v) for a, b, v, p in times if p == best_prio]
        cs = sorted(cands)
        alternatives = len(cs) > 1 and _ALTERNATIVES.fullmatch(s[cs[0][1] : cs[1][0]]) is not None
        if picked and len(cands) > 1 and not alternatives:
            da, db = picked[0], picked[1]
            picked_t = min(cands, key=lambda c: min(abs(c[0] - db), abs(da - c[1])))
        else:
            picked_t = pick(cands, s)  # type: ignore[arg-type]
        if picked_t:
            ents["time"] = str(picked_t[2])
    for a, b, _v, _p in times:
        spans.append((a, b, "timex"))

    # 6. project_ref: id/order > category > ordinal
    if refs:
        ents["project_ref"] = sorted(refs)[0][2]
    else:
        cat = find_category("".join(chars))
        if cat:
            ents["project_ref"] = cat
        elif ords:
            ents["project_ref"] = sorted(ords)[0][2]
    return Extraction(ents, spans, s)

