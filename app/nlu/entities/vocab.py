"""Word lists shared by the date, time and project-ref extractors.

Shapes (all module constants, built once at import; their insertion order matters,
as the first spelling to claim a typo keeps it)
  - ``WEEKDAYS``: ``("monday", …, "sunday")``; index = ``date.weekday()`` (Monday 0).
  - ``WEEKDAY_WORDS: dict[str, int]``: weekday spellings → weekday index: full names,
    abbreviations ("tues", "thu", "sat"), common misspellings ("wensday") and every
    one-edit typo of at least 5 letters. Abbreviations in ``WEEKDAY_NEEDS_CUE`` count
    only next to a cue ("on sat", "sat at 10"); ``WEEKDAY_STRICT`` ones need a stricter
    cue (see ``dates``).
  - ``MONTHS: dict[str, int]``: month spellings → 1..12 (names, abbreviations, typos).
  - ``ORD_WORDS: dict[str, int]``: "first" … "thirty-first" → 1..31 (day of month or
    list position); ``ORDW_ALT``: the same keys as a regex alternation, longest first.
  - ``NUM_WORDS: dict[str, int]``: "one" … "twelve" → 1..12 (hours, list positions).
  - ``DAYNUM`` / ``DAYWORD``: regex fragments for a day of month, "14"/"14th" (group
    ``d``) or "fourteenth" (group ``dw``).

The vocabulary serves the rules of ``shared/contract/intents.md`` (dates such as
"next Tuesday", "the 14th", "Dec 3"; ordinals such as "the second one").
"""

from __future__ import annotations

import re

from .text import edits1

__all__ = [
    "WEEKDAYS",
    "WEEKDAY_WORDS",
    "WEEKDAY_NEEDS_CUE",
    "WEEKDAY_STRICT",
    "MONTHS",
    "ORD_WORDS",
    "ORDW_ALT",
    "NUM_WORDS",
    "DAYNUM",
    "DAYWORD",
]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_WORDS: dict[str, int] = {}
_COMMON_WORDS = {"sundae", "fridays", "mondays", "tuesdays", "wednesdays", "thursdays", "saturdays", "sundays"}
for _i, _name in enumerate(WEEKDAYS):
    for _v in edits1(_name):
        if len(_v) >= 5 and _v not in _COMMON_WORDS:
            WEEKDAY_WORDS.setdefault(_v, _i)
for _i, _name in enumerate(WEEKDAYS):
    WEEKDAY_WORDS[_name] = _i
WEEKDAY_WORDS.update(
    {
        "tues": 1,
        "tue": 1,
        "tu": 1,
        "weds": 2,
        "wed": 2,
        "wensday": 2,
        "wendsday": 2,
        "wenesday": 2,
        "wednsday": 2,
        "wedensday": 2,
        "wednessday": 2,
        "wendesday": 2,
        "thurs": 3,
        "thur": 3,
        "thu": 3,
        "thrus": 3,
        "thursady": 3,
        "thrusday": 3,
        "thurday": 3,
        "fri": 4,
        "firday": 4,
        "fryday": 4,
        "sat": 5,
        "saterday": 5,
        "satuday": 5,
        "satruday": 5,
        "sun": 6,
        "mon": 0,
        "tuseday": 1,
        "teusday": 1,
        "tusday": 1,
        "tuesay": 1,
    }
)
#: Short forms that are also ordinary words or fragments: need a cue next to them.
WEEKDAY_NEEDS_CUE = {"mon", "tue", "tu", "wed", "thu", "fri", "sat", "sun"}
WEEKDAY_STRICT = {"mon", "tu", "wed", "sat", "sun"}

MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    (
        ("january", "jan", "janurary", "januray", "janaury", "jan."),
        ("february", "feb", "febuary", "feburary", "febrary"),
        ("march", "mar"),
        ("april", "apr", "aprl"),
        ("may",),
        ("june", "jun"),
        ("july", "jul"),
        ("august", "aug", "agust", "augst"),
        ("september", "sep", "sept", "septmber", "setember", "septemer"),
        ("october", "oct", "ocotber", "octobr", "octber"),
        ("november", "nov", "novmber", "novemeber", "novemebr", "noveber", "novembr"),
        ("december", "dec", "decmber", "decemeber", "decembr", "decemebr", "deceber", "dicember"),
    ),
    start=1,
):
    for _n in _names:
        MONTHS[_n.rstrip(".")] = _i
for _full, _num in list(MONTHS.items()):
    if len(_full) >= 6:
        for _v in edits1(_full):
            if len(_v) >= 6:
                MONTHS.setdefault(_v, _num)

ORD_WORDS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
}
for _k, _v in list(ORD_WORDS.items()):
    if _v < 10:
        ORD_WORDS[f"twenty {_k}"] = 20 + _v
        ORD_WORDS[f"twenty-{_k}"] = 20 + _v
        ORD_WORDS[f"twentyf{_k}"] = 20 + _v
ORD_WORDS["thirty first"] = 31
ORD_WORDS["thirty-first"] = 31

NUM_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}

ORDW_ALT = "|".join(sorted((re.escape(k) for k in ORD_WORDS), key=len, reverse=True))
DAYNUM = r"(?P<d>\d{1,2})(?:\s*(?:st|nd|rd|th))?"
DAYWORD = rf"(?P<dw>{ORDW_ALT})"
