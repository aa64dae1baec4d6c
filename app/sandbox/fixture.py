"""The sandbox's data set, built as plain rows (pure; no database).

:func:`build_fixture` returns the demo fixture of ``shared/contract/pf360.md``
exactly, plus optional bulk fake customers. The output depends only on the
arguments: the same ``today``, ``customers`` and ``seed`` give the same rows.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

Row = dict[str, Any]

DEMO_CLIENT_ID = "demo-client"
DEMO_CLIENT_NAME = "Demo Home Services"
DEMO_TIMEZONE = "America/New_York"

#: weekday (0 = Monday) → (start, end) of the working day; absent = closed.
DEMO_HOURS: dict[int, tuple[str, str]] = {
    0: ("08:00", "17:00"),
    1: ("08:00", "17:00"),
    2: ("08:00", "17:00"),
    3: ("08:00", "17:00"),
    4: ("08:00", "17:00"),
    5: ("09:00", "13:00"),
}
WEEKDAY_SLOT_TIMES = ("08:00", "10:00", "13:00", "15:00")
SATURDAY_SLOT_TIMES = ("09:00", "11:00")
SLOT_HORIZON_DAYS = 30
DEMO_APPOINTMENT_OFFSET_DAYS = 7
FIRST_BULK_CUSTOMER_ID = 2001
FIRST_BULK_PROJECT_ID = 100000

_STORES = (
    "Demo Home Services - Arlington Showroom",
    "Demo Home Services - Alexandria Design Center",
    "Demo Home Services - Fairfax Outlet",
)
_CREW = ("Marcus Bell", "Luis Ortega", "Dana Whitfield", "Priya Raman", "Tom Kowalski", "Grace Njoroge")
#: (project_type, category, service minutes) offered to bulk customers.
_CATALOG = (
    ("Installation", "Flooring", 240),
    ("Installation", "Windows", 180),
    ("Installation", "Kitchen Cabinets", 360),
    ("Installation", "Doors", 150),
    ("Installation", "Countertops", 240),
    ("Installation", "Roofing", 480),
    ("Repair", "Deck", 120),
    ("Repair", "Roofing", 120),
    ("Repair", "Windows", 90),
    ("Measurement", "Flooring", 60),
    ("Measurement", "Kitchen Cabinets", 90),
)
_BULK_STATUSES = ("Ready to Schedule", "Ready to Schedule", "Pending Measurement", "Completed")


@dataclass(frozen=True)
class FixtureRows:
    """Rows per sandbox table. ``appointments`` name their slot by ``date``/``time``
    (slot ids are assigned by the database)."""

    today: dt.date
    clients: list[Row] = field(default_factory=list)
    business_hours: list[Row] = field(default_factory=list)
    customers: list[Row] = field(default_factory=list)
    projects: list[Row] = field(default_factory=list)
    slots: list[Row] = field(default_factory=list)
    appointments: list[Row] = field(default_factory=list)


def build_fixture(today: dt.date, *, customers: int = 0, seed: int = 42) -> FixtureRows:
    """The demo fixture relative to ``today``, plus ``customers`` fake customers.

    Args:
        today: the seed's date; slots run from ``today + 1`` for 30 days.
        customers: how many bulk fake customers (ids from 2001, projects from 100000).
        seed: seed of the fake data.

    Raises:
        ValueError: ``customers`` is negative.
    """
    if customers < 0:
        raise ValueError("customers must be >= 0")
    rows = FixtureRows(today=today)
    rows.clients.append({"client_id": DEMO_CLIENT_ID, "name": DEMO_CLIENT_NAME, "timezone": DEMO_TIMEZONE})
    for weekday in range(7):
        start, end = DEMO_HOURS.get(weekday, (None, None))
        rows.business_hours.append(
            {"client_id": DEMO_CLIENT_ID, "weekday": weekday, "is_working": start is not None,
             "start": start, "end": end}
        )
    _add_demo_customers(rows, today)
    _add_slots(rows, today)
    if customers:
        _add_bulk_customers(rows, today, count=customers, seed=seed)
    return rows


def slot_times_for(day: dt.date) -> tuple[str, ...]:
    """The slot times the demo client offers on ``day`` (``()`` on Sundays)."""
    if day.weekday() == 5:
        return SATURDAY_SLOT_TIMES
    if day.weekday() in DEMO_HOURS:
        return WEEKDAY_SLOT_TIMES
    return ()


def _customer(customer_id: str, first: str, last: str, email: str, phone: str) -> Row:
    return {"client_id": DEMO_CLIENT_ID, "customer_id": customer_id, "first_name": first,
            "last_name": last, "email": email, "phone": phone}


def _project(project_id: int, customer_id: str, order_number: str, project_type: str, category: str,
             **details: Any) -> Row:
    row = {"project_id": project_id, "client_id": DEMO_CLIENT_ID, "customer_id": customer_id,
           "order_number": order_number, "project_type": project_type, "category": category,
           "status": "Ready to Schedule", "store": None, "installation_address": None,
           "date_sold": None, "date_scheduled": None, "date_completed": None,
           "technician": None, "service_time_minutes": None}
    row.update(details)
    return row


def _add_demo_customers(rows: FixtureRows, today: dt.date) -> None:
    jane_home = "1420 Maple Avenue, Arlington, VA 22201"
    appointment_day = today + dt.timedelta(days=DEMO_APPOINTMENT_OFFSET_DAYS)
    rows.customers.extend([
        _customer("1001", "Jane", "Doe", "jane.doe@example.com", "(703) 555-0142"),
        _customer("1002", "John", "Roe", "john.roe@example.com", "(571) 555-0187"),
    ])
    rows.projects.extend([
        _project(90001, "1001", "ORD-1001-A", "Installation", "Flooring", store=_STORES[0],
                 installation_address=jane_home, date_sold=today - dt.timedelta(days=12),
                 technician="Marcus Bell", service_time_minutes=240),
        _project(90002, "1001", "ORD-1001-B", "Installation", "Windows", status="Scheduled",
                 store=_STORES[0], installation_address=jane_home,
                 date_sold=today - dt.timedelta(days=20), date_scheduled=appointment_day,
                 technician="Luis Ortega", service_time_minutes=180),
        _project(90003, "1001", "ORD-1001-C", "Repair", "Deck", store=_STORES[2],
                 installation_address=jane_home, date_sold=today - dt.timedelta(days=5),
                 technician="Dana Whitfield", service_time_minutes=120),
        _project(90004, "1002", "ORD-1002-A", "Installation", "Kitchen Cabinets", store=_STORES[1],
                 installation_address="77 Harbor Street, Alexandria, VA 22314",
                 date_sold=today - dt.timedelta(days=9), technician="Priya Raman",
                 service_time_minutes=360),
    ])
    booked_at = dt.datetime.combine(today - dt.timedelta(days=3), dt.time(15, 30), tzinfo=dt.UTC)
    rows.appointments.append(
        {"project_id": 90002, "date": appointment_day, "time": "08:00",
         "created_at": booked_at, "is_chatbot": False}
    )


def _add_slots(rows: FixtureRows, today: dt.date) -> None:
    booked = {(a["date"], a["time"]): a["project_id"] for a in rows.appointments}
    for offset in range(1, SLOT_HORIZON_DAYS + 1):
        day = today + dt.timedelta(days=offset)
        for time in slot_times_for(day):
            rows.slots.append({"client_id": DEMO_CLIENT_ID, "date": day, "time": time,
                               "booked_project_id": booked.pop((day, time), None)})
    # An appointment outside the regular grid (e.g. on a Sunday) still holds a slot.
    for (day, time), project_id in booked.items():
        rows.slots.append({"client_id": DEMO_CLIENT_ID, "date": day, "time": time,
                           "booked_project_id": project_id})


def _add_bulk_customers(rows: FixtureRows, today: dt.date, *, count: int, seed: int) -> None:
    from faker import Faker  # imported lazily: only the bulk seed needs it

    fake = Faker("en_US")
    fake.seed_instance(seed)
    rng = random.Random(seed)
    project_id = FIRST_BULK_PROJECT_ID
    for index in range(count):
        customer_id = str(FIRST_BULK_CUSTOMER_ID + index)
        first, last = fake.first_name(), fake.last_name()
        email = f"{first}.{last}.{customer_id}@example.com".lower().replace(" ", "")
        rows.customers.append(_customer(customer_id, first, last, email, fake.numerify("(###) 555-01##")))
        address = f"{fake.street_address()}, {fake.city()}, {fake.state_abbr()} {fake.zipcode()}"
        for letter in "ABC"[: rng.randint(1, 3)]:
            rows.projects.append(_bulk_project(rng, project_id, customer_id, letter, address, today))
            project_id += 1


def _bulk_project(rng: random.Random, project_id: int, customer_id: str, letter: str, address: str,
                  today: dt.date) -> Row:
    project_type, category, minutes = rng.choice(_CATALOG)
    status = rng.choice(_BULK_STATUSES)
    sold = today - dt.timedelta(days=rng.randint(35, 150) if status == "Completed" else rng.randint(2, 30))
    completed = sold + dt.timedelta(days=rng.randint(7, 30)) if status == "Completed" else None
    return _project(project_id, customer_id, f"ORD-{customer_id}-{letter}", project_type, category,
                    status=status, store=rng.choice(_STORES), installation_address=address,
                    date_sold=sold, date_completed=completed, technician=rng.choice(_CREW),
                    service_time_minutes=minutes)
