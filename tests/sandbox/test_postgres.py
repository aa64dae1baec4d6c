"""The sandbox on a real PostgreSQL: booking races are decided by the database.

Runs in a database of its own (``pf360_sandbox_test_<random>``), dropped at the end;
skipped only when PostgreSQL is unreachable (``TEST_PG_HOST``/``TEST_PG_PORT``,
default 127.0.0.1:5432, user ``postgres``).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import uuid
from collections.abc import AsyncIterator

import asyncpg
import pytest

from app.pf360 import PF360Error
from tests.sandbox.harness import JANE, JOHN, TODAY, make_sandbox

PG_HOST = os.environ.get("TEST_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("TEST_PG_PORT", "5432"))


@pytest.fixture
async def pg_database_url() -> AsyncIterator[str]:
    """A fresh PostgreSQL database for this test, dropped afterwards."""
    try:
        admin = await asyncpg.connect(host=PG_HOST, port=PG_PORT, user="postgres", database="postgres", timeout=2)
    except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
        pytest.skip(f"PostgreSQL unreachable at {PG_HOST}:{PG_PORT}: {exc}")
    name = f"pf360_sandbox_test_{uuid.uuid4().hex[:12]}"
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql+asyncpg://postgres@{PG_HOST}:{PG_PORT}/{name}"
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def test_booking_race_on_postgresql_has_exactly_one_winner(pg_database_url: str) -> None:
    box = await make_sandbox(pg_database_url)
    contenders = ((JANE, 90001), (JANE, 90003), (JOHN, 90004))
    try:
        for week in range(3):
            day = dt.date(2026, 11, 24) + dt.timedelta(weeks=week)
            ids = {pid: (await box.client.get_available_dates(scope, pid, today=TODAY)).request_id
                   for scope, pid in contenders}

            results = await asyncio.gather(
                *(box.client.schedule(scope, pid, on=day, at="13:00", request_id=ids[pid],
                                      idempotency_key=f"race-{week}-{pid}")
                  for scope, pid in contenders),
                return_exceptions=True,
            )

            winners = [r for r in results if not isinstance(r, BaseException)]
            assert len(winners) == 1, results
            assert all(isinstance(r, PF360Error) and r.code == "slot_unavailable" for r in results if r not in winners)
            slots = await box.client.get_time_slots(JANE, 90001, on=day, request_id=ids[90001])
            assert slots.slots == ["08:00", "10:00", "15:00"]

        cancelled = await box.client.cancel(JANE, 90002, idempotency_key="cancel")
        replay = await box.client.cancel(JANE, 90002, idempotency_key="cancel")
        assert replay == cancelled
    finally:
        await box.aclose()


async def test_pooled_connections_closed_by_the_server_are_replaced(pg_database_url: str) -> None:
    box = await make_sandbox(pg_database_url)
    name = pg_database_url.rsplit("/", 1)[1]
    admin = await asyncpg.connect(host=PG_HOST, port=PG_PORT, user="postgres", database="postgres", timeout=2)
    try:
        await asyncio.gather(*(box.client.get_dashboard(JANE) for _ in range(3)))  # fill the pool

        await admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", name)
        for _ in range(100):  # as after a server restart: every pooled connection is gone
            if not await admin.fetchval("SELECT count(*) FROM pg_stat_activity WHERE datname = $1", name):
                break
            await asyncio.sleep(0.05)

        # Raw requests (no client retries): each one still succeeds.
        answers = [await box.http.get("/dashboard/get/demo-client/1001", headers=box.headers(customer_id="1001"))
                   for _ in range(4)]
        assert [a.status_code for a in answers] == [200] * 4
        assert (await box.client.get_available_dates(JANE, 90001, today=TODAY)).dates
    finally:
        await admin.close()
        await box.aclose()
