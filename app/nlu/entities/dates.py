"""Date recognition: which words of a message name a day, resolved to a ``date``.

Source: the date rules of ``shared/contract/intents.md``; the calendar arithmetic is
``calendar_math`` (python-dateutil). Everything is resolved against the ``today``
passed in, never the clock.

  - "today"/"tonight", "tomorrow" (and typos: tmrw, tmr, tomorow, 2morrow …),
    "the day after tomorrow", "yesterday", "in 3 days".
  - "<N> days/weeks from <anchor>" ("a week from today" → 2026-11-30, "a week from
    tomorrow" → 2026-12-01, "two weeks from now", "3 days from Friday", "a week
    from next Tuesday"): the anchor is read by the rules here ("now" is today), then
    moved N days/weeks later; the span covers the whole phrase. The anchor is found
    first like any date and the offset applied at the end, so a shorter rule
    ("today", "tomorrow", a weekday) can no longer win alone. N is a number of one
    or two digits or a word up to "fourteen" ("a"/"an" = 1). Without an anchor
    ("in 2 weeks", "2 weeks from when I called") there is no date.
  - a bare weekday, "on Friday", "this Friday", "this coming Friday": the next such
    day strictly after today.
  - "next Friday", "Friday next week", "Friday of next week": that weekday in the next
    calendar week (weeks start on Monday).
  - "last Friday": the most recent such day before today.
  - "the 14th", "on the first", "Dec 3", "December 3rd", "3rd of December", "12/3",
    "12/3/2026", "2026-12-03": the next such date on or after today (US month/day);
    an explicit year is kept. "Friday the 4th" uses the day of month.
  - plural weekdays ("on Saturdays"), "next week", "this weekend", "sometime soon",
    "in December": no date.
  - Which of several dates is the entity is decided by ``choose.pick``.

Shape: ``find_dates(s, chars, today) -> list[(start, end, date)]``, candidates in the
order found, positions over the normalised text ``s``; each span is blanked in
``chars`` (the shared working copy, see ``text.blank``) so later extractors skip it.
``DATE_ISO`` is also used by the pipeline (a long digit run that is an ISO date is
kept for this module).
"""

from __future__ import annotations

import re
from datetime import date

from .calendar_math import (
    in_days,
    next_day_of_month,
    next_month_day,
    safe_date,
    weekday_date,
)
from .text import blank, edits1
from .vocab import DAYNUM, DAYWORD, MONTHS, ORD_WORDS, ORDW_ALT, WEEKDAY_NEEDS_CUE, WEEKDAY_STRICT, WEEKDAY_WORDS, WEEKDAYS

__all__ = ["DATE_ISO", "find_dates"]

_F = re.IGNORECASE

DATE_ISO = re.compile(r"(?<!\d)(?P<y>20\d\d)-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)")
_DATE_NUM = re.compile(r"(?<![\d/.:-])(?P<m>\d{1,2})\s?/\s?(?P<d>\d{1,2})(?:\s?/\s?(?P<y>\d{4}|\d{2}))?(?![\d/]|\.\d)")
_MON_WORD = r"(?P<mon>[a-z]{3,10})"
_DATE_MD = re.compile(
    rf"\b{_MON_WORD}\.?,?\s*(?:the\s+)?(?:{DAYNUM}|{DAYWORD}(?!\s+(?:thing|one|time|available|opening|slot|appointment|of\b)))\b(?!\s*(?:am|pm|a\.m|p\.m|:\d|o'?clock|hours?|hrs?|mins?|minutes?|days?|weeks?|years?|%))"
    r"(?:,?\s*(?P<y>20\d\d))?",
    _F,
)
_DATE_DM = re.compile(
    rf"\b(?:the\s+)?(?:{DAYNUM}|{DAYWORD})\s*(?:of\s+|day\s+of\s+)?{_MON_WORD}\b\.?(?:,?\s*(?P<y>20\d\d))?",
    _F,
)
_DATE_DAYONLY = re.compile(r"(?<![\w#/])(?:the\s+)?(?P<d>\d{1,2})\s*(?P<suf>st|nd|rd|th)\b", _F)
_DATE_DAYWORD = re.compile(
    rf"\b(?P<cue>on|for|by|until|till|til|before|after|from|starting|to|around|or|and)\s+the\s+(?P<dw>{ORDW_ALT})\b", _F
)
_DATE_REL = re.compile(
    r"\b(?P<w>(?:the\s+)?day\s+after\s+(?:tomorrow|tmrw|tmr|tomorow|tommorow|tommorrow|2morrow)|"
    r"today|tonight|tonite|todays|2day|tday|tomorrow|tomorrows|tmrw|tmrow|tmr|tmw|tomorow|tommorow|tommorrow|tommorw|tomorroe|"
    r"tomorro|tomoro|tomm?or+ow|2morrow|2moro|2mrw|yesterday)\b",
    _F,
)
_REL_FUZZY: dict[str, int] = {}
for _w, _d in (("today", 0), ("tomorrow", 1), ("tonight", 0)):
    for _v in edits1(_w):
        if len(_v) >= 4 and _v not in ("toady", "toddy", "tidy", "toda", "tonights", "tomorrows", "todays"):
            _REL_FUZZY.setdefault(_v, _d)
for _w in ("today", "tomorrow", "tonight", "tomorrows", "todays"):
    _REL_FUZZY.pop(_w, None)
_REL_TOKEN = re.compile(r"[a-z]{4,9}", _F)
_DATE_IN_N = re.compile(
    rf"\b(?:in|within)\s+(?P<n>\d{{1,2}}|a|one|two|three|four|five|six|seven|ten|fourteen)\s+(?P<u>days?|weeks?)\b(?!\s+or\b)", _F
)
_COUNT_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
}  # fmt: skip
#: "<N> days/weeks from " before an anchor date ("a week from tomorrow")
_OFFSET_FROM = re.compile(
    rf"\b(?P<n>\d{{1,2}}|{'|'.join(_COUNT_WORDS)})\s+(?P<u>days?|weeks?)\s+from\s+", _F
)
_NOW = re.compile(r"(?:right\s+)?now\b", _F)
_TODAY_IDIOM = re.compile(
    r"\b(?:all|it|everything|done|that'?s\s+all|that\s+is\s+all|enough|that'?s\s+it)\s+for\s+(?:today|tonight)\b|\b(?:today|tonight)\s+only\b",
    _F,
)
_WEEKDAY_TOKEN = re.compile(r"[a-z]+", _F)
_NEXT_WEEK_AFTER = re.compile(r"^\s*(?:,\s*)?(?:of\s+)?next\s+week\b", _F)
_NEXT_WEEK_BEFORE = re.compile(r"\bnext\s+week(?:'?s)?\s*,?\s*(?:on\s+)?$", _F)
_CUE_BEFORE_SHORT = re.compile(
    r"(?:\b(?:on|next|this|for|by|until|till|til|before|after|coming|or|and|thru|through|from|to|last|mon|tue|wed|thu|fri|sat|sun)\s*$|[,/&-]\s*$)",
    _F,
)
_CUE_AFTER_SHORT = re.compile(
    r"^\s*(?:$|[.?!,/&-]|or\b|and\b|at\b|@|morning|afternoon|evening|am\b|pm\b|\d|the\s+\d|next\b|works\b|work\b|is\b|would\b|ok\b|good\b|please|pls|instead)",
    _F,
)
_CUE_BEFORE_STRICT = re.compile(
    r"\b(?:on|next|this|for|by|until|till|til|before|after|coming|or|and|thru|through|from|to|last|mon|tue|wed|thu|fri|sat|sun)\s*$", _F
)
_CUE_AFTER_STRICT = re.compile(r"^\s*(?:$|[.?!,/&-]|at\b|@|morning|afternoon|evening|am\b|pm\b|\d|the\s+\d|or\b|and\b)", _F)

def _day_value(m: re.Match[str]) -> int | None:
    gd = m.groupdict()
    if gd.get("d"):
        return int(gd["d"])
    if gd.get("dw"):
        return ORD_WORDS.get(re.sub(r"\s+", " ", gd["dw"].lower()))
    return None


def _offset_days(m: re.Match[str]) -> int:
    """The number of days an ``_OFFSET_FROM`` match names ("a week" → 7, "3 days" → 3)."""
    n_raw = m["n"].lower()
    n = int(n_raw) if n_raw.isdigit() else _COUNT_WORDS[n_raw]
    return n * 7 if m["u"].lower().startswith("week") else n


def _shift(value: date, days: int) -> date | None:
    """``value`` plus ``days`` days, or ``None`` past the calendar's end."""
    try:
        return in_days(value, days)
    except (OverflowError, ValueError):
        return None


def find_dates(s: str, chars: list[str], today: date) -> list[tuple[int, int, date]]:
    """Date candidates ``(start, end, value)`` in the order found, positions over ``s``;
    their spans are blanked in ``chars``. Never raises on arbitrary text."""
    found: list[tuple[int, int, date]] = []

    def take(start: int, end: int, value: date | None) -> None:
        if value is None:
            return
        found.append((start, end, value))
        blank(chars, start, end)

    cur = "".join(chars)
    # "<N> days/weeks from <anchor>": the prefixes are noted now (not blanked, so the
    # anchor rules still see their cue "from"); "... from now" is taken here, the other
    # anchors are shifted once every rule has run (see the end of this function).
    offsets: list[tuple[int, int, int]] = []
    for m in _OFFSET_FROM.finditer(cur):
        days = _offset_days(m)
        now = _NOW.match(cur, m.end())
        if now:
            take(m.start(), now.end(), _shift(today, days))
        else:
            offsets.append((m.start(), m.end(), days))
    cur = "".join(chars)
    for m in DATE_ISO.finditer(cur):
        take(m.start(), m.end(), safe_date(int(m["y"]), int(m["m"]), int(m["d"])))
    cur = "".join(chars)
    for m in _DATE_NUM.finditer(cur):
        y = int(m["y"]) if m["y"] else None
        take(m.start(), m.end(), next_month_day(today, int(m["m"]), int(m["d"]), y))
    cur = "".join(chars)
    for pat in (_DATE_DM, _DATE_MD):
        pos = 0
        while True:
            m = pat.search(cur, pos)
            if m is None:
                break
            mon = MONTHS.get(m["mon"].lower())
            d = _day_value(m)
            if pat is _DATE_DM and re.search(
                r"(?:\b(?:at|around|about|by|after|before|til|until|like)|@|\d[:.]|\d\s*(?:-|to|and|till|until)\s*)\s*$", s[max(0, m.start() - 12) : m.start()], _F
            ):
                mon = None
            if mon is None or d is None:
                # not a month word: retry just after this match's first character
                pos = m.start() + 1
                continue
            y = int(m["y"]) if m["y"] else None
            take(m.start(), m.end(), next_month_day(today, mon, d, y))
            pos = m.end()
        cur = "".join(chars)
    for m in _DATE_DAYONLY.finditer(cur):
        d = int(m["d"])
        after = cur[m.end() : m.end() + 25]
        if re.match(
            r"\s*(?:one|project|job|order|option|choice|item|on\s+the\s+list|listed|thing|entry|line|floor|time|try|attempt|visit|appointment|call|request|customer|person|house|grade|street|st\b|ave\b|avenue|road|rd\b)",
            after,
            _F,
        ):
            continue
        take(m.start(), m.end(), next_day_of_month(today, d))
    cur = "".join(chars)
    for m in _DATE_DAYWORD.finditer(cur):
        after = cur[m.end() : m.end() + 20]
        if re.match(r"\s*(?:one|project|job|order|option|choice|item|on\s+the\s+list|thing|time|slot|av[a-z]*|opening|open\b)", after, _F):
            continue
        d = ORD_WORDS.get(re.sub(r"\s+", " ", m["dw"].lower()))
        if d is None:
            continue
        start = m.start("dw") - 4  # include "the "
        take(start, m.end(), next_day_of_month(today, d))
    cur = "".join(chars)
    idioms = [(i.start(), i.end()) for i in _TODAY_IDIOM.finditer(cur)]
    for m in _REL_TOKEN.finditer(cur):
        val_days = _REL_FUZZY.get(m.group().lower())
        if val_days is None or any(a <= m.start() < b for a, b in idioms):
            continue
        take(m.start(), m.end(), in_days(today, val_days))
    cur = "".join(chars)
    for m in _DATE_REL.finditer(cur):
        if any(a <= m.start() < b for a, b in idioms):
            continue
        w = m["w"].lower()
        if w.startswith(("the day after", "day after")):
            val = in_days(today, 2)
        elif w.startswith(("today", "tonight", "tonite", "2day", "tday")):
            val = today
        elif w.startswith("yesterday"):
            val = in_days(today, -1)
        else:
            val = in_days(today, 1)
        take(m.start(), m.end(), val)
    cur = "".join(chars)
    for m in _DATE_IN_N.finditer(cur):
        n_raw = m["n"].lower()
        n = int(n_raw) if n_raw.isdigit() else {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10, "fourteen": 14}[n_raw]
        if m["u"].lower().startswith("week"):
            continue  # "in 2 weeks" is a range, not a day
        take(m.start(), m.end(), in_days(today, n))
    cur = "".join(chars)
    lower = cur.lower()
    for m in _WEEKDAY_TOKEN.finditer(lower):
        tok = m.group()
        wd = WEEKDAY_WORDS.get(tok)
        if wd is None and tok.endswith("s") and tok[:-1] in WEEKDAYS:
            if re.match(r"\s+(?:appointment|appt|visit|install\w*|slot|booking|measure|time)\b", lower[m.end() : m.end() + 20]):
                wd = WEEKDAYS.index(tok[:-1])
        if wd is None:
            continue
        before = lower[max(0, m.start() - 40) : m.start()]
        after = lower[m.end() : m.end() + 30]
        if tok == "wed" and re.match(r"\s+(?:like|love|need|want|prefer|be|have|rather|appreciate|get|go|do|also|still|really|just|probably|better|never|always|hate)\b", after):
            continue
        if tok in WEEKDAY_NEEDS_CUE:
            cue_before = (_CUE_BEFORE_STRICT if tok in WEEKDAY_STRICT else _CUE_BEFORE_SHORT).search(before)
            if not cue_before and not (_CUE_AFTER_STRICT if tok in WEEKDAY_STRICT else _CUE_AFTER_SHORT).match(after):
                continue
        if after.startswith("'s") and tok in ("sun",):
            continue
        start, end = m.start(), m.end()
        mode = "bare"
        pm = re.search(r"\b(?P<mod>next|this\s+coming|this|coming|last|past|previous)\s*,?\s*$", before)
        if pm:
            word = pm["mod"]
            if word == "next":
                mode = "next"
            elif word in ("last", "past", "previous"):
                mode = "last"
            start = m.start() - (len(before) - pm.start())
        am = _NEXT_WEEK_AFTER.match(after)
        if am:
            mode = "next"
            end = m.end() + am.end()
        else:
            nb = _NEXT_WEEK_BEFORE.search(before)
            if nb:
                mode = "next"
                start = min(start, m.start() - (len(before) - nb.start()))
        # "Friday the 4th" / "Fri Dec 4": the explicit date already found wins
        near = False
        for a, b, _v in found:
            if 0 <= a - m.end() <= 6 or 0 <= m.start() - b <= 3:
                near = True
                break
        if near:
            blank(chars, m.start(), m.end())
            continue
        take(max(start, 0), end, weekday_date(today, wd, mode))
    # "<N> days/weeks from <anchor>": the candidate right after a prefix is its anchor;
    # it becomes the whole phrase, moved N days, and what overlapped the prefix
    # ("in 3 days" of "in 3 days from Friday") is dropped.
    for p_start, p_end, days in offsets:
        anchor = next((i for i, c in enumerate(found) if c[0] == p_end), None)
        if anchor is None:
            continue
        _a, a_end, a_value = found[anchor]
        shifted = _shift(a_value, days)
        found[anchor] = (p_start, a_end, shifted)  # type: ignore[assignment]
        found[:] = [c for i, c in enumerate(found) if i == anchor or c[1] <= p_start or c[0] >= p_end]
        blank(chars, p_start, p_end)
    return [c for c in found if c[2] is not None]
