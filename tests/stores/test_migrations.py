"""Alembic migrations upgrade and downgrade cleanly on the run's database kind."""

from __future__ import annotations

import asyncio
import uuid

from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import create_async_engine

from app.config import Settings
from app.db.migrations import downgrade, upgrade_head
from tests.conftest import _admin


async def _tables(url: str) -> set[str]:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            return set(await connection.run_sync(lambda c: inspect(c).get_table_names()))
    finally:
        await engine.dispose()


async def test_upgrade_downgrade_upgrade(stores, tmp_path) -> None:
    if stores.kind == "real":
        name = f"sa_migr_{uuid.uuid4().hex[:8]}"
        await _admin(f'CREATE DATABASE "{name}"')
        url = stores.database_url.rsplit("/", 1)[0] + f"/{name}"
    else:
        url = f"sqlite+aiosqlite:///{tmp_path / 'migrations.db'}"
    settings = Settings()
    try:
        await asyncio.to_thread(upgrade_head, settings, database_url=url)
        assert {"chat_sessions", "chat_messages", "appointment_audit"} <= await _tables(url)
        await asyncio.to_thread(downgrade, settings, "base", database_url=url)
        assert await _tables(url) <= {"alembic_version"}
        await asyncio.to_thread(upgrade_head, settings, database_url=url)
        assert {"chat_sessions", "chat_messages", "appointment_audit"} <= await _tables(url)
    finally:
        if stores.kind == "real":
            await _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
