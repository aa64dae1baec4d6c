"""Times of day between our form (``"13:00"``, 24-hour) and PF360's (``"01:00 PM"``)."""

from __future__ import annotations

import re

_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_PF360 = re.compile(r"^\s*(\d{1,2}):([0-5]\d)\s*([AaPp][Mm])\s*$")


def to_pf360_time(hhmm: str) -> str:
    """``"13:00"`` → ``"01:00 PM"``, ``"00:15"`` → ``"12:15 AM"``.

    Raises:
        ValueError: not a 24-hour ``"HH:MM"``.
    """
    match = _HHMM.match(hhmm)
    if not match:
        raise ValueError(f"not a 24-hour time 'HH:MM': {hhmm!r}")
    hour, minute = int(match[1]), int(match[2])
    return f"{(hour % 12) or 12:02d}:{minute:02d} {'AM' if hour < 12 else 'PM'}"


def from_pf360_time(text: str) -> str:
    """``"01:00 PM"`` → ``"13:00"``, ``"12:00 AM"`` → ``"00:00"`` (case/spacing tolerant).

    Raises:
        ValueError: not a 12-hour time.
    """
    match = _PF360.match(text)
    if not match or not 1 <= int(match[1]) <= 12:
        raise ValueError(f"not a PF360 time 'hh:MM AM': {text!r}")
    hour = int(match[1]) % 12 + (12 if match[3].upper() == "PM" else 0)
    return f"{hour:02d}:{int(match[2]):02d}"


def is_hhmm(text: str) -> bool:
    """True for a valid 24-hour ``"HH:MM"``."""
    return bool(_HHMM.match(text))
