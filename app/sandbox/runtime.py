"""The sandbox's database runtime: engine lifecycle and transactions.

A :class:`SandboxRuntime` lives in ``app.state.sandbox``. It initialises itself
lazily on the first request (engine, tables, demo seed when the database is empty),
guarded by an :class:`asyncio.Lock`, so the sandbox works both

* under a server (uvicorn): the app's lifespan calls :meth:`SandboxRuntime.startup`
  and :meth:`SandboxRuntime.shutdown`;
* mounted in-process behind ``httpx.ASGITransport``, which runs no lifespan: the
  first request initialises, and the host calls :meth:`SandboxRuntime.shutdown`
  (done by :class:`app.sandbox.transport.SandboxTransport` on ``aclose``).

SQLite write transactions start with ``BEGIN IMMEDIATE`` (the write lock is taken
up front, so concurrent bookings serialise instead of failing with "database is
locked" on lock upgrade); on PostgreSQL the row locks and conditional updates of
:mod:`app.sandbox.booking` do the work.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from app.sandbox.faults import FaultInjector
from app.sandbox.seed import SeedSummary, seed_if_empty, seed_sandbox

_WRITE_OPTION = "pf360_sandbox_write"


def create_sandbox_engine(database_url: str) -> AsyncEngine:
    """An async engine for the sandbox database.

    SQLite (``sqlite+aiosqlite:///path``): the file's folder is created, the driver's
    own transaction handling is replaced by explicit ``BEGIN`` / ``BEGIN IMMEDIATE``
    (for write transactions), foreign keys are enforced. Use a file, not
    ``:memory:`` (a single shared connection cannot isolate concurrent requests).
    PostgreSQL (``postgresql+asyncpg://...``): pooled, pre-pinged connections.
    """
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        return create_async_engine(url, pool_pre_ping=True)
    if url.database and url.database != ":memory:" and not url.database.startswith("file:"):
        Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(url, connect_args={"timeout": 30})
    _use_explicit_sqlite_transactions(engine)
    return engine


def _use_explicit_sqlite_transactions(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(_WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


class SandboxRuntime:
    """Engine, sessions, faults and settings of one sandbox app.

    Args:
        database_url: the sandbox database (SQLAlchemy async URL).
        api_token: the expected ``authorization`` header; None accepts any non-empty value.
        faults: the fault injector consulted by the PF360 endpoints.
        request_id_ttl_seconds: lifetime of an issued scheduling ``request_id``.
    """

    def __init__(
        self,
        database_url: str,
        *,
        api_token: str | None,
        faults: FaultInjector,
        request_id_ttl_seconds: int,
    ) -> None:
        self.database_url = database_url
        self.api_token = api_token
        self.faults = faults
        self.request_id_ttl = dt.timedelta(seconds=request_id_ttl_seconds)
        self._engine: AsyncEngine | None = None
        self._sessions: async_sessionmaker[AsyncSession] | None = None
        self._lock = asyncio.Lock()

    async def startup(self) -> None:
        """Create the engine and tables; seed the demo fixture if the database is empty.

        Idempotent. Raises ``sqlalchemy.exc.SQLAlchemyError`` when the database fails.
        """
        await self._ensure_ready()

    async def shutdown(self) -> None:
        """Dispose of the engine (idempotent; a later request initialises again)."""
        async with self._lock:
            engine, self._engine, self._sessions = self._engine, None, None
        if engine is not None:
            await engine.dispose()

    async def engine(self) -> AsyncEngine:
        """The engine, initialising the runtime first if needed."""
        await self._ensure_ready()
        assert self._engine is not None
        return self._engine

    @asynccontextmanager
    async def read_session(self) -> AsyncIterator[AsyncSession]:
        """A session for reads (its transaction ends when the block exits)."""
        sessions = await self._ensure_ready()
        async with sessions() as session:
            yield session

    @asynccontextmanager
    async def write_session(self) -> AsyncIterator[AsyncSession]:
        """A session in one write transaction: committed when the block exits
        normally, rolled back when it raises. On SQLite it holds the write lock from
        its first statement (``BEGIN IMMEDIATE``)."""
        sessions = await self._ensure_ready()
        async with sessions() as session, session.begin():
            await session.connection(execution_options={_WRITE_OPTION: True})
            yield session

    async def reset(self, *, today: dt.date | None, customers: int, seed: int = 42) -> SeedSummary:
        """Drop all sandbox rows and reseed (see :func:`app.sandbox.seed.seed_sandbox`)."""
        return await seed_sandbox(await self.engine(), today=today, customers=customers, seed=seed)

    async def _ensure_ready(self) -> async_sessionmaker[AsyncSession]:
        if self._sessions is not None:
            return self._sessions
        async with self._lock:
            if self._sessions is None:
                engine = create_sandbox_engine(self.database_url)
                try:
                    await seed_if_empty(engine)
                except BaseException:
                    await engine.dispose()
                    raise
                self._engine = engine
                self._sessions = async_sessionmaker(engine, expire_on_commit=False)
            return self._sessions
