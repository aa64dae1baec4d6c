"""The PF360 wire format: 12-hour times and the JSON shapes of the answers.

Rows keep times as ``"HH:MM"`` 24-hour; PF360 speaks ``"hh:MM AM"``. Conversion
happens only here, at the HTTP edge.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_TIME_12H = re.compile(r"^\s*(\d{1,2}):([0-5]\d)\s*([AaPp][Mm])\s*$")


def to_12h(hhmm: str) -> str:
    """``"13:00"`` → ``"01:00 PM"``; ``"00:30"`` → ``"12:30 AM"``."""
    hour, minute = (int(part) for part in hhmm.split(":"))
    suffix = "AM" if hour < 12 else "PM"
    return f"{(hour % 12) or 12:02d}:{minute:02d} {suffix}"


def parse_12h(text: str) -> str:
    """``"01:00 PM"`` (case and spacing tolerant, e.g. ``"1:00pm"``) → ``"13:00"``.

    Raises:
        ValueError: not a 12-hour time.
    """
    match = _TIME_12H.match(text)
    if not match:
        raise ValueError(f"not a 12-hour time like '08:00 AM': {text!r}")
    hour, minute, suffix = int(match[1]), int(match[2]), match[3].upper()
    if not 1 <= hour <= 12:
        raise ValueError(f"hour out of range in {text!r}")
    hour = hour % 12 + (12 if suffix == "PM" else 0)
    return f"{hour:02d}:{minute:02d}"


def iso_datetime(value: dt.datetime) -> str:
    """An aware datetime as ISO 8601 in UTC with a ``Z`` suffix."""
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


#: The project columns the dashboard renders, in order.
PROJECT_FIELDS = (
    "project_id",
    "order_number",
    "project_type",
    "category",
    "status",
    "store",
    "installation_address",
    "date_sold",
    "date_scheduled",
    "date_completed",
    "technician",
    "service_time_minutes",
)


def project_json(project: Any) -> dict[str, Any]:
    """A project as PF360 renders it on the dashboard (``project``: a row or object
    with the :data:`PROJECT_FIELDS` attributes)."""
    return {
        "project_id": project.project_id,
        "order_number": project.order_number,
        "project_type": project.project_type,
        "category": project.category,
        "status": project.status,
        "store": project.store,
        "installation_address": project.installation_address,
        "date_sold": _iso_date(project.date_sold),
        "date_scheduled": _iso_date(project.date_scheduled),
        "date_completed": _iso_date(project.date_completed),
        "technician": project.technician,
        "service_time_minutes": project.service_time_minutes,
    }


def appointment_json(appointment: Any, *, status: str = "Scheduled") -> dict[str, Any]:
    """An appointment (a row or object with ``project_id``, ``date``, ``time`` as
    ``"HH:MM"`` and an aware ``created_at``): ``{project_id, date, time: "08:00 AM",
    status, created_at}``."""
    return {
        "project_id": appointment.project_id,
        "date": appointment.date.isoformat(),
        "time": to_12h(appointment.time),
        "status": status,
        "created_at": iso_datetime(appointment.created_at),
    }


def note_json(note_id: int, project_id: int, note_text: str, created_at: dt.datetime) -> dict[str, Any]:
    """A note: ``{note_id, project_id, note_text, created_at}``."""
    return {
        "note_id": note_id,
        "project_id": project_id,
        "note_text": note_text,
        "created_at": iso_datetime(created_at),
    }


def work_hours_json(rows: Iterable[Any]) -> list[dict[str, Any]]:
    """The 7 days Monday..Sunday from business-hours rows (``weekday``, ``is_working``,
    ``start``, ``end``); a weekday without a row is not working."""
    by_day = {row.weekday: row for row in rows}
    days = []
    for weekday, name in enumerate(WEEKDAYS):
        row = by_day.get(weekday)
        working = bool(row and row.is_working)
        days.append(
            {
                "day": name,
                "is_working": working,
                "start": row.start if working and row else None,
                "end": row.end if working and row else None,
            }
        )
    return days


def _iso_date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
