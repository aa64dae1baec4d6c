"""The PF360 wire format: 12-hour times and the JSON shapes of the answers.

Rows keep times as ``"HH:MM"`` 24-hour; PF360 speaks ``"hh:MM AM"``. Conversion
happens only here, at the HTTP edge.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from app.sandbox.models import Appointment, BusinessHours, Client, Customer, Note, Project

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


def project_json(project: Project) -> dict[str, Any]:
    """A project as PF360 renders it on the dashboard."""
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


def appointment_json(appointment: Appointment, *, status: str = "Scheduled") -> dict[str, Any]:
    """An appointment: ``{project_id, date, time: "08:00 AM", status, created_at}``."""
    return {
        "project_id": appointment.project_id,
        "date": appointment.date.isoformat(),
        "time": to_12h(appointment.time),
        "status": status,
        "created_at": iso_datetime(appointment.created_at),
    }


def note_json(note: Note) -> dict[str, Any]:
    """A note: ``{note_id, project_id, note_text, created_at}``."""
    return {
        "note_id": note.id,
        "project_id": note.project_id,
        "note_text": note.note_text,
        "created_at": iso_datetime(note.created_at),
    }


def client_json(client: Client) -> dict[str, Any]:
    """The client block of the dashboard."""
    return {"client_id": client.client_id, "name": client.name, "timezone": client.timezone}


def customer_json(customer: Customer) -> dict[str, Any]:
    """The customer block of the dashboard."""
    return {
        "customer_id": customer.customer_id,
        "first_name": customer.first_name,
        "last_name": customer.last_name,
    }


def work_hours_json(rows: list[BusinessHours]) -> list[dict[str, Any]]:
    """The 7 days Monday..Sunday; a weekday without a row is not working."""
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
