"""Shared text helpers of the entity extractors: normalisation, blanking, one-edit typos.

Shapes
  - ``normalise(text) -> str``: at most ``MAX_CHARS`` characters, NFKC-folded, curly
    quotes/dashes/odd spaces mapped to ASCII (``'``, ``"``, ``-``, space), newlines and
    tabs to spaces. Every later position (entity spans) refers to this string.
  - ``blank(chars, start, end)``: overwrite ``chars[start:end]`` (a ``list[str]`` view of
    the normalised text) with spaces, so a span taken by one extractor is not read
    again by the next one while all positions stay valid.
  - ``edits1(word) -> set[str]``: every string one delete/transpose/replace/insert away
    from ``word`` (the typo vocabularies of ``vocab``, ``notes``, ``times``,
    ``categories`` and ``dates`` are built from it).

Nothing here raises on arbitrary input (``None`` and non-strings become text).
"""

from __future__ import annotations

import unicodedata

__all__ = ["MAX_CHARS", "normalise", "blank", "edits1"]

#: Longest text looked at (longer messages are cut; keeps every call bounded).
MAX_CHARS = 3000

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u0060": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\t": " ",
        "\r": " ",
        "\n": " ",
        "\uff03": "#",
    }
)


def normalise(text: str) -> str:
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = text[:MAX_CHARS]
    # NFKC folds full-width digits/letters; keep lengths simple by doing it first.
    try:
        text = unicodedata.normalize("NFKC", text)
    except Exception:  # pragma: no cover - defensive
        pass
    text = text.translate(_TRANSLATE)
    return text[:MAX_CHARS]


def blank(chars: list[str], start: int, end: int) -> None:
    for i in range(max(start, 0), min(end, len(chars))):
        chars[i] = " "


def edits1(word: str) -> set[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in letters}
    inserts = {a + c + b for a, b in splits for c in letters}
    return deletes | transposes | replaces | inserts
