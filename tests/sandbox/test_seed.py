"""The seeded demo fixture, seed determinism, and sandbox start-up."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from app.pf360 import tools
from app.sandbox import create_sandbox_app, create_sandbox_engine, default_today, seed_sandbox
from app.sandbox.fixture import build_fixture
from app.sandbox.models import Appointment, Customer, Project, SandboxBase, Slot
from tests.sandbox.harness import JANE, JOHN, TODAY, Sandbox, make_sandbox, sqlite_url


async def test_dashboard_lists_the_demo_projects(sandbox: Sandbox) -> None:
    dashboard = await sandbox.client.get_dashboard(JANE)

    assert (dashboard.client.client_id, dashboard.client.name, dashboard.client.timezone) == (
        "demo-client", "Demo Home Services", "America/New_York")
    assert (dashboard.customer.first_name, dashboard.customer.last_name) == ("Jane", "Doe")
    summary = [(p.project_id, p.order_number, p.project_type, p.category, p.status) for p in dashboard.projects]
    assert summary == [
        (90001, "ORD-1001-A", "Installation", "Flooring", "Ready to Schedule"),
        (90002, "ORD-1001-B", "Installation", "Windows", "Scheduled"),
        (90003, "ORD-1001-C", "Repair", "Deck", "Ready to Schedule"),
    ]
    flooring = dashboard.projects[0]
    assert flooring.store and flooring.installation_address and flooring.technician
    assert flooring.date_sold is not None and flooring.date_sold < TODAY
    assert dashboard.projects[1].date_scheduled == TODAY + dt.timedelta(days=7)

    johns = await tools.list_projects(sandbox.client, JOHN)
    assert [(p.project_id, p.order_number, p.category) for p in johns] == [(90004, "ORD-1002-A", "Kitchen Cabinets")]


async def test_only_the_windows_project_has_an_appointment(sandbox: Sandbox) -> None:
    appointment = await tools.get_appointment_status(sandbox.client, JANE, project_id=90002)

    assert appointment is not None
    assert (appointment.date, appointment.time, appointment.status) == (dt.date(2026, 11, 30), "08:00", "Scheduled")
    for project_id in (90001, 90003):
        assert await tools.get_appointment_status(sandbox.client, JANE, project_id=project_id) is None


async def test_business_hours(sandbox: Sandbox) -> None:
    hours = await tools.get_business_hours(sandbox.client, JANE)

    assert hours.timezone == "America/New_York"
    assert [d.day for d in hours.days] == ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    assert all((d.is_working, d.start, d.end) == (True, "08:00", "17:00") for d in hours.days[:5])
    assert (hours.days[5].start, hours.days[5].end) == ("09:00", "13:00")
    assert not hours.days[6].is_working and hours.days[6].start is None
    assert hours.on(dt.date(2026, 11, 29)).day == "Sunday"


async def test_slot_grid_weekdays_saturdays_and_no_sundays(sandbox: Sandbox) -> None:
    available = await tools.get_available_dates(sandbox.client, JANE, project_id=90001, today=TODAY)

    assert available.dates[0] == TODAY + dt.timedelta(days=1)
    assert available.dates[-1] == TODAY + dt.timedelta(days=30)
    assert all(d.weekday() != 6 for d in available.dates)
    weekday = await sandbox.client.get_time_slots(JANE, 90001, on=dt.date(2026, 11, 24), request_id=available.request_id)
    saturday = await sandbox.client.get_time_slots(JANE, 90001, on=dt.date(2026, 11, 28), request_id=available.request_id)
    sunday = await sandbox.client.get_time_slots(JANE, 90001, on=dt.date(2026, 11, 29), request_id=available.request_id)
    assert weekday.slots == ["08:00", "10:00", "13:00", "15:00"]
    assert saturday.slots == ["09:00", "11:00"]
    assert sunday.slots == []
    demo_day = await sandbox.client.get_time_slots(JANE, 90001, on=dt.date(2026, 11, 30), request_id=available.request_id)
    assert demo_day.slots == ["10:00", "13:00", "15:00"]  # 08:00 holds the windows appointment


async def test_demo_appointment_on_a_sunday_still_holds_its_slot(tmp_path: Path) -> None:
    sunday_seed = dt.date(2026, 11, 22)  # + 7 days = Sunday 2026-11-29: no regular slots
    box = await make_sandbox(sqlite_url(tmp_path), today=sunday_seed)
    try:
        appointment = await box.client.get_appointment(JANE, 90002)
        assert appointment is not None and (appointment.date, appointment.time) == (dt.date(2026, 11, 29), "08:00")
        available = await box.client.get_available_dates(JANE, 90001, today=sunday_seed)
        assert dt.date(2026, 11, 29) not in available.dates
    finally:
        await box.aclose()


async def _dump(engine: AsyncEngine) -> dict[str, list[tuple]]:
    async with engine.connect() as conn:
        return {
            table.name: [tuple(row) for row in await conn.execute(select(table).order_by(*table.primary_key.columns))]
            for table in SandboxBase.metadata.sorted_tables
        }


async def test_seed_is_deterministic(tmp_path: Path) -> None:
    dumps = []
    for name, seed in (("a.db", 7), ("b.db", 7), ("c.db", 8)):
        engine = create_sandbox_engine(sqlite_url(tmp_path, name))
        try:
            summary = await seed_sandbox(engine, today=TODAY, customers=10, seed=seed)
            dumps.append(await _dump(engine))
        finally:
            await engine.dispose()

    assert dumps[0] == dumps[1]
    assert dumps[0]["pf360_customers"] != dumps[2]["pf360_customers"]
    assert summary.customers == 12 and summary.appointments == 1
    bulk = [row for row in dumps[0]["pf360_projects"] if row[0] >= 100000]
    assert bulk and bulk[0][0] == 100000
    assert build_fixture(TODAY, customers=5, seed=1) == build_fixture(TODAY, customers=5, seed=1)


async def test_bulk_customers_have_one_to_three_projects(tmp_path: Path) -> None:
    rows = build_fixture(TODAY, customers=30, seed=3)
    bulk = [c["customer_id"] for c in rows.customers if c["customer_id"] not in ("1001", "1002")]
    per_customer = {cid: [p for p in rows.projects if p["customer_id"] == cid] for cid in bulk}

    assert len(bulk) == 30
    assert all(1 <= len(projects) <= 3 for projects in per_customer.values())
    first = per_customer[bulk[0]]
    assert [p["order_number"] for p in first] == [f"ORD-{bulk[0]}-{letter}" for letter in "ABC"[: len(first)]]


async def test_reseeding_replaces_all_rows(tmp_path: Path) -> None:
    engine = create_sandbox_engine(sqlite_url(tmp_path))
    try:
        await seed_sandbox(engine, today=TODAY, customers=5)
        await seed_sandbox(engine, today=TODAY + dt.timedelta(days=1))
        async with engine.connect() as conn:
            customers = (await conn.execute(select(Customer.customer_id))).scalars().all()
            first_slot = await conn.scalar(select(Slot.date).order_by(Slot.date).limit(1))
            appointments = (await conn.execute(select(Appointment.project_id))).scalars().all()
    finally:
        await engine.dispose()
    assert sorted(customers) == ["1001", "1002"]
    assert first_slot == TODAY + dt.timedelta(days=2)
    assert appointments == [90002]


async def test_empty_database_is_seeded_on_first_request_without_lifespan(tmp_path: Path) -> None:
    box = await make_sandbox(sqlite_url(tmp_path), seeded=False)
    try:
        dashboard = await box.client.get_dashboard(JANE)
        appointment = await box.client.get_appointment(JANE, 90002)
    finally:
        await box.aclose()
    assert len(dashboard.projects) == 3
    assert appointment is not None and appointment.date == default_today() + dt.timedelta(days=7)


async def test_lifespan_starts_and_stops_the_runtime(tmp_path: Path) -> None:
    app = create_sandbox_app(database_url=sqlite_url(tmp_path), api_token=None)
    async with app.router.lifespan_context(app):
        engine = await app.state.sandbox.engine()
        async with engine.connect() as conn:
            assert await conn.scalar(select(Project.project_id).where(Project.project_id == 90004)) == 90004
    assert app.state.sandbox._engine is None
