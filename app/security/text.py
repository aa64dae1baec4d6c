"""Cleaning of customer text before it is validated, classified, logged or stored."""

from __future__ import annotations

import unicodedata

#: Kept although they are control characters.
KEPT_CONTROLS = frozenset("\n\t")
#: Invisible format characters kept because scripts and emoji need them (ZWNJ, ZWJ).
KEPT_FORMAT = frozenset("\u200c\u200d")
_LINE_BREAKS = str.maketrans({"\r": "\n", "\u2028": "\n", "\u2029": "\n", "\x85": "\n"})


def clean_text(text: str) -> str:
    """`text` in Unicode NFKC with control, surrogate and invisible format characters
    removed, line breaks unified to `\\n`, and surrounding whitespace stripped.

    Removed: category Cc except `\\n` and `\\t` (NUL, escape sequences…), Cs (lone
    surrogates, which no database can store) and Cf except ZWNJ/ZWJ (zero-width
    spaces, bidirectional overrides, Unicode "tag" characters that can smuggle
    invisible instructions to a language model). The result may be empty.
    """
    text = text.replace("\r\n", "\n").translate(_LINE_BREAKS)
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if _is_kept(ch)).strip()


def _is_kept(ch: str) -> bool:
    category = unicodedata.category(ch)
    if category == "Cc":
        return ch in KEPT_CONTROLS
    if category == "Cf":
        return ch in KEPT_FORMAT
    return category != "Cs"
