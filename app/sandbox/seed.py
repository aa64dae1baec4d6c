"""Writing the sandbox data set (:mod:`app.sandbox.fixture`) into a database."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from app.sandbox.fixture import DEMO_TIMEZONE, FixtureRows, build_fixture
from app.sandbox.models import (
    Appointment,
    BusinessHours,
    Client,
    Customer,
    Project,
    SandboxBase,
    Slot,
)


@dataclass(frozen=True)
class SeedSummary:
    """What a seed wrote: its date and row counts per table."""

    today: dt.date
    clients: int
    customers: int
    projects: int
    slots: int
    appointments: int

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (``today`` as an ISO date)."""
        return {**asdict(self), "today": self.today.isoformat()}


def default_today() -> dt.date:
    """The current date in the demo client's time zone (America/New_York), now."""
    return dt.datetime.now(ZoneInfo(DEMO_TIMEZONE)).date()


async def seed_sandbox(
    engine: AsyncEngine, *, today: dt.date | None = None, customers: int = 0, seed: int = 42
) -> SeedSummary:
    """Drop and recreate the sandbox tables, then insert the fixture deterministically.

    Only the sandbox's own tables (``SandboxBase.metadata``) are touched.

    Args:
        engine: the sandbox database.
        today: the seed's date (default: today in America/New_York, at call time).
        customers: bulk fake customers to add to the demo fixture.
        seed: seed of the fake data; same arguments → same rows.

    Raises:
        ValueError: ``customers`` is negative.
        sqlalchemy.exc.SQLAlchemyError: the database failed.
    """
    rows = build_fixture(today or default_today(), customers=customers, seed=seed)
    async with engine.begin() as conn:
        await conn.run_sync(SandboxBase.metadata.drop_all)
        await conn.run_sync(SandboxBase.metadata.create_all)
        await insert_fixture(conn, rows)
    return summarize(rows)


async def seed_if_empty(engine: AsyncEngine, *, today: dt.date | None = None) -> SeedSummary | None:
    """Create missing tables; when there is no client yet, insert the demo fixture.

    Safe against a concurrent process doing the same: whoever inserts second hits
    the primary keys and backs off. Returns the summary, or None when data existed.
    """
    async with engine.begin() as conn:
        await conn.run_sync(SandboxBase.metadata.create_all)
    async with engine.connect() as conn:
        if await conn.scalar(select(func.count()).select_from(Client)):
            return None
    rows = build_fixture(today or default_today())
    try:
        async with engine.begin() as conn:
            await insert_fixture(conn, rows)
    except IntegrityError:
        return None
    return summarize(rows)


async def insert_fixture(conn: AsyncConnection, rows: FixtureRows) -> None:
    """Insert ``rows`` in foreign-key order, within the caller's transaction."""
    for table, batch in (
        (Client, rows.clients),
        (BusinessHours, rows.business_hours),
        (Customer, rows.customers),
        (Project, rows.projects),
        (Slot, rows.slots),
    ):
        if batch:
            await conn.execute(insert(table), batch)
    for appointment in rows.appointments:
        project_client = next(p["client_id"] for p in rows.projects if p["project_id"] == appointment["project_id"])
        slot_id = await conn.scalar(
            select(Slot.id).where(
                Slot.client_id == project_client,
                Slot.date == appointment["date"],
                Slot.time == appointment["time"],
            )
        )
        await conn.execute(insert(Appointment), [{**appointment, "slot_id": slot_id}])


def summarize(rows: FixtureRows) -> SeedSummary:
    """Row counts of ``rows``."""
    return SeedSummary(
        today=rows.today,
        clients=len(rows.clients),
        customers=len(rows.customers),
        projects=len(rows.projects),
        slots=len(rows.slots),
        appointments=len(rows.appointments),
    )
