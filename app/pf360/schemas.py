"""Typed values of the PF360 client and tools (pydantic v2, immutable).

Times of day are always ``"HH:MM"`` 24-hour here; the PF360 wire form
(``"08:00 AM"``) is converted by the ``from_wire`` constructors and by the client.
Dates are :class:`datetime.date`, timestamps timezone-aware :class:`datetime.datetime`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from app.pf360.timefmt import from_pf360_time

HHMM = Annotated[str, StringConstraints(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")]
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class _Value(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class CallerScope(_Value):
    """Who is asking: always taken from the verified token, never from user input.

    Every PF360 call is made on behalf of exactly this client and customer; PF360
    answers ``not_found`` for anything outside it.
    """

    client_id: str = Field(min_length=1, max_length=64)
    customer_id: str = Field(min_length=1, max_length=64)


class Project(_Value):
    """A project (job/order) as listed on the customer's dashboard."""

    project_id: int
    order_number: str
    project_type: str  # e.g. "Installation", "Repair"
    category: str  # e.g. "Flooring", "Kitchen Cabinets"
    status: str  # e.g. "Ready to Schedule", "Scheduled"
    store: str | None = None
    installation_address: str | None = None
    date_sold: dt.date | None = None
    date_scheduled: dt.date | None = None
    date_completed: dt.date | None = None
    technician: str | None = None
    service_time_minutes: int | None = None


class Appointment(_Value):
    """A project's appointment; ``time`` is ``"HH:MM"`` 24-hour (local to the client)."""

    project_id: int
    date: dt.date
    time: HHMM
    status: str = "Scheduled"  # "Cancelled" for the result of a cancellation
    created_at: dt.datetime | None = None

    @classmethod
    def from_wire(cls, raw: Mapping[str, Any]) -> Appointment:
        """From PF360's ``{project_id, date, time: "08:00 AM", status, created_at}``.

        Raises:
            ValueError / pydantic.ValidationError / KeyError / TypeError: malformed.
        """
        return cls.model_validate({**raw, "time": from_pf360_time(raw["time"])})


class Booking(_Value):
    """The result of a schedule call: the appointment, and whether it replaced one."""

    appointment: Appointment
    rescheduled: bool


class BusinessDay(_Value):
    """One weekday's working hours (``weekday`` 0 = Monday); start/end None when closed."""

    day: str
    weekday: int = Field(ge=0, le=6)
    is_working: bool
    start: HHMM | None = None
    end: HHMM | None = None


class BusinessHours(_Value):
    """The client's time zone (IANA name) and its 7 days, Monday first."""

    timezone: str
    days: list[BusinessDay]

    def on(self, day: dt.date) -> BusinessDay:
        """The hours of ``day``'s weekday (closed when PF360 did not list it)."""
        for entry in self.days:
            if entry.weekday == day.weekday():
                return entry
        return BusinessDay(day=WEEKDAY_NAMES[day.weekday()], weekday=day.weekday(), is_working=False)

    @classmethod
    def from_wire(cls, raw: Mapping[str, Any]) -> BusinessHours:
        """From PF360's ``{timezone, workHours: [{day, is_working, start, end}]}``.

        Raises:
            ValueError / pydantic.ValidationError / KeyError / TypeError: malformed.
        """
        days = []
        for entry in raw["workHours"]:
            name = str(entry["day"]).strip().capitalize()
            working = bool(entry.get("is_working"))
            days.append(
                BusinessDay(
                    day=name,
                    weekday=WEEKDAY_NAMES.index(name),
                    is_working=working,
                    start=entry.get("start") if working else None,
                    end=entry.get("end") if working else None,
                )
            )
        return cls(timezone=raw["timezone"], days=sorted(days, key=lambda d: d.weekday))


class AvailableDates(_Value):
    """Dates with at least one free slot (ascending) and the ``request_id`` that
    PF360 requires for the following slot and schedule calls."""

    dates: list[dt.date]
    request_id: str


class TimeSlots(_Value):
    """Free times (``"HH:MM"``, ascending) of one date, and the ``request_id`` used."""

    date: dt.date
    slots: list[HHMM]
    request_id: str

    @classmethod
    def from_wire(cls, raw: Mapping[str, Any]) -> TimeSlots:
        """From PF360's ``{date, slots: ["08:00 AM", ...], request_id}``.

        Raises:
            ValueError / pydantic.ValidationError / KeyError / TypeError: malformed.
        """
        return cls(date=raw["date"], slots=[from_pf360_time(s) for s in raw["slots"]], request_id=raw["request_id"])


class Note(_Value):
    """A note on a project."""

    note_id: int
    project_id: int
    note_text: str
    created_at: dt.datetime


class ClientInfo(_Value):
    """The PF360 client (the field-service company) and its IANA time zone."""

    client_id: str
    name: str
    timezone: str


class CustomerInfo(_Value):
    """The customer whose dashboard it is."""

    customer_id: str
    first_name: str
    last_name: str


class Dashboard(_Value):
    """The customer's dashboard: client, customer, and projects in PF360's order."""

    client: ClientInfo
    customer: CustomerInfo
    projects: list[Project]
