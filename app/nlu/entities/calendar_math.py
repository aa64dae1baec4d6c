"""Calendar arithmetic of the date rules, done with python-dateutil's ``relativedelta``.

Source: the date rules of ``shared/contract/intents.md`` (its examples: today is
Monday 2026-11-23). ``dates`` recognises the phrases; this module only computes.

Shapes: every function takes ``today: datetime.date`` and returns a
``datetime.date`` or ``None`` when no such date exists. A day or month out of range,
or a date past ``date.max``, also gives ``None``. Nothing reads the clock.

  - ``in_days(today, n)`` / ``in_weeks(today, n)``: "tomorrow" (n=1) → 2026-11-24,
    "the day after tomorrow" (n=2) → 2026-11-25, "yesterday" (n=-1), "in 3 days",
    "a week from now".
  - ``weekday_date(today, wd, mode)``, with ``wd`` = ``date.weekday()`` (Monday 0):
      ``"bare"``: a bare weekday, "on Friday", "this Friday": the next such day
      strictly after today (Tuesday → 2026-11-24, Monday → 2026-11-30);
      ``"next"``: "next Tuesday": that day in the next calendar week, weeks starting
      Monday (→ 2026-12-01; next Monday → 2026-11-30);
      ``"last"``: "last Friday": the most recent such day strictly before today.
  - ``next_day_of_month(today, d)``: "the 14th": the next date on or after today with
    that day of month, skipping months without it ("the 31st" → 2026-12-31).
  - ``next_month_day(today, m, d, y)``: "Dec 3", "12/3": the next such date on or
    after today (→ 2026-12-03; "Jan 12" in December → next year; "Feb 29" → the next
    leap year); an explicit year ``y`` is kept (two digits mean 20yy).
  - ``safe_date(y, m, d)``: ``date(y, m, d)`` or ``None``.

``relativedelta(day=d)`` clamps to the month's last day (Feb 29 → Feb 28 in a common
year), so a candidate whose day is not ``d`` is a month without that day and is
skipped. ``dateutil.parser`` is not used: the phrases need the contract's own
readings (US month/day, next occurrence, typos) and the parser costs far more per
call than the regexes that already recognise them.

Every function is pure in its arguments and ``today`` is the same for all messages of
a day, so results are memoised (``functools.lru_cache``): ``relativedelta`` costs a
few microseconds per operation, a cache hit a fraction of one, which keeps
extraction as fast as the former hand-written ``timedelta`` arithmetic.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

__all__ = [
    "in_days",
    "in_weeks",
    "weekday_date",
    "next_day_of_month",
    "next_month_day",
    "safe_date",
]

_WEEKDAY_OBJS = (MO, TU, WE, TH, FR, SA, SU)
#: the next such weekday strictly after today
_AFTER = tuple(relativedelta(days=+1, weekday=wd(+1)) for wd in _WEEKDAY_OBJS)
#: the most recent such weekday strictly before today
_BEFORE = tuple(relativedelta(days=-1, weekday=wd(-1)) for wd in _WEEKDAY_OBJS)
#: the Monday that starts the next calendar week
_NEXT_WEEK_MONDAY = relativedelta(days=+1, weekday=MO(+1))
#: from a Monday: that weekday of the same week
_SAME_WEEK = tuple(relativedelta(weekday=wd(+1)) for wd in _WEEKDAY_OBJS)

#: how far ahead "the 14th" / "Dec 3" are looked for (months / years)
_DOM_MONTHS = 14
_MD_YEARS = 9
_CACHE = 1024


@lru_cache(maxsize=_CACHE)
def in_days(today: date, n: int) -> date:
    """``today`` plus ``n`` days ("tomorrow", "in 3 days"; negative: "yesterday")."""
    return today + relativedelta(days=+n)


@lru_cache(maxsize=_CACHE)
def in_weeks(today: date, n: int) -> date:
    """``today`` plus ``n`` weeks ("a week from now")."""
    return today + relativedelta(weeks=+n)


@lru_cache(maxsize=_CACHE)
def weekday_date(today: date, wd: int, mode: str) -> date:
    """The weekday ``wd`` (0 = Monday) meant by a ``"bare"``, ``"next"`` or ``"last"`` mention."""
    if mode == "next":
        return (today + _NEXT_WEEK_MONDAY) + _SAME_WEEK[wd]
    if mode == "last":
        return today + _BEFORE[wd]
    return today + _AFTER[wd]


@lru_cache(maxsize=_CACHE)
def next_day_of_month(today: date, d: int) -> date | None:
    """The first date on or after ``today`` whose day of month is ``d``."""
    if not 1 <= d <= 31:
        return None
    for k in range(_DOM_MONTHS):
        try:
            cand = today + relativedelta(months=+k, day=d)
        except (ValueError, OverflowError):
            return None
        if cand.day == d and cand >= today:
            return cand
    return None


@lru_cache(maxsize=_CACHE)
def next_month_day(today: date, m: int, d: int, y: int | None) -> date | None:
    """Month ``m``, day ``d``: in year ``y`` if given, else the next one on or after ``today``."""
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    if y is not None:
        if y < 100:
            y += 2000
        return safe_date(y, m, d)
    for k in range(_MD_YEARS):
        try:
            cand = today + relativedelta(years=+k, month=m, day=d)
        except (ValueError, OverflowError):
            return None
        if cand.day == d and cand >= today:
            return cand
    return None


def safe_date(y: int, m: int, d: int) -> date | None:
    """``date(y, m, d)``, or ``None`` when there is no such day."""
    try:
        return date(y, m, d)
    except (ValueError, OverflowError):
        return None
