"""The sandbox's database runtime: engine lifecycle and transactions.

A :class:`SandboxRuntime` lives in ``app.state.sandbox``. It initialises itself
lazily on the first request (engine, tables, demo seed when the database is empty),
guarded by an :class:`asyncio.Lock`, so the sandbox works both

* under a server (uvicorn): the app's lifespan calls :meth:`SandboxRuntime.startup`
  and :meth:`SandboxRuntime.shutdown`;
* mounted in-process behind ``httpx.ASGITransport``, which runs no lifespan: the
  first request initialises, and the host calls :meth:`SandboxRuntime.shutdown`
  (done by :class:`app.sandbox.transport.SandboxTransport` on ``aclose``).

Requests use SQLAlchemy Core on one pooled connection each (no ORM session):
:meth:`SandboxRuntime.connection` for reads, :meth:`SandboxRuntime.write_connection`
for independent single-statement writes, :meth:`SandboxRuntime.transaction` for
atomic writes. On PostgreSQL the pool's connections run in autocommit, so a read
costs no ``BEGIN``/``ROLLBACK`` round trips and the pre-ping at checkout is one
round trip (it is ``BEGIN`` / ping / ``ROLLBACK`` on a transactional connection);
transactions run at the server's default isolation level. SQLite write
transactions start with ``BEGIN IMMEDIATE`` (the write lock is taken up front, so
concurrent bookings serialise instead of failing with "database is locked" on lock
upgrade); on PostgreSQL the row locks and conditional updates of
:mod:`app.sandbox.booking` do the work.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from time import monotonic
from typing import Any, NamedTuple

from sqlalchemy import event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from app.sandbox.faults import FaultInjector
from app.sandbox.seed import SeedSummary, seed_if_empty, seed_sandbox

_WRITE_OPTION = "pf360_sandbox_write"


def create_sandbox_engine(database_url: str, *, autocommit: bool = False) -> AsyncEngine:
    """An async engine for the sandbox database.

    SQLite (``sqlite+aiosqlite:///path``): the file's folder is created, the driver's
    own transaction handling is replaced by explicit ``BEGIN`` / ``BEGIN IMMEDIATE``
    (for write transactions), foreign keys are enforced. Use a file, not
    ``:memory:`` (a single shared connection cannot isolate concurrent requests).
    PostgreSQL (``postgresql+asyncpg://...``): pooled, pre-pinged connections.

    Args:
        autocommit: PostgreSQL only (ignored for SQLite): connections run in
            autocommit, every statement committing on its own; a transaction then
            needs an engine view with an isolation level (``engine.execution_options(
            isolation_level=...)``), as :class:`SandboxRuntime` uses. The pre-ping
            is then one round trip, instead of ``BEGIN`` / ping / ``ROLLBACK``.
    """
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        options = {"isolation_level": "AUTOCOMMIT"} if autocommit else {}
        return create_async_engine(url, pool_pre_ping=True, **options)
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


class _Engines(NamedTuple):
    """Views of one engine (one pool), by use."""

    reads: AsyncEngine  # autocommit on PostgreSQL; a read transaction on SQLite
    transactions: AsyncEngine  # engine.begin() runs a real transaction
    writes: AsyncEngine  # write transactions (BEGIN IMMEDIATE on SQLite)
    single_writes: AsyncEngine  # statements committing on their own (one BEGIN IMMEDIATE on SQLite)


class SandboxRuntime:
    """Engine, connections, faults and settings of one sandbox app.

    Args:
        database_url: the sandbox database (SQLAlchemy async URL).
        api_token: the expected ``authorization`` header; None accepts any non-empty value.
        faults: the fault injector consulted by the PF360 endpoints.
        request_id_ttl_seconds: lifetime of an issued scheduling ``request_id``.
    """

    #: Expired request ids are deleted at most this often, in seconds (they are
    #: refused by their ``expires_at`` whether or not they were deleted yet).
    PURGE_INTERVAL_SECONDS = 60.0

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
        self._engines: _Engines | None = None
        self._lock = asyncio.Lock()
        self._next_purge = 0.0  # monotonic() time of the next purge of expired request ids

    @property
    def _engine(self) -> AsyncEngine | None:
        """The engine, or None before the first use and after :meth:`shutdown`."""
        return self._engines.reads if self._engines is not None else None

    async def startup(self) -> None:
        """Create the engine and tables; seed the demo fixture if the database is empty.

        Idempotent. Raises ``sqlalchemy.exc.SQLAlchemyError`` when the database fails.
        """
        await self._ensure_ready()

    async def shutdown(self) -> None:
        """Dispose of the engine (idempotent; a later request initialises again)."""
        async with self._lock:
            engines, self._engines = self._engines, None
        if engines is not None:
            await engines.reads.dispose()

    async def engine(self) -> AsyncEngine:
        """The engine (``engine.begin()`` runs a real transaction), initialising the
        runtime first if needed."""
        return (await self._ensure_ready()).transactions

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[AsyncConnection]:
        """A connection for reads: on PostgreSQL in autocommit (each statement sees
        the latest committed data, as in a READ COMMITTED transaction); on SQLite in
        one read transaction, rolled back at the end. Do not write through it."""
        engines = self._engines or await self._ensure_ready()
        async with engines.reads.connect() as conn:
            yield conn

    @asynccontextmanager
    async def write_connection(self) -> AsyncIterator[AsyncConnection]:
        """A connection for writes that need no atomicity across statements: on
        PostgreSQL each statement commits on its own; on SQLite the block is one
        ``BEGIN IMMEDIATE`` transaction, committed when it exits normally."""
        engines = self._engines or await self._ensure_ready()
        async with engines.single_writes.begin() as conn:
            yield conn

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncConnection]:
        """A connection in one write transaction: committed when the block exits
        normally, rolled back when it raises. On SQLite it holds the write lock from
        its first statement (``BEGIN IMMEDIATE``)."""
        engines = self._engines or await self._ensure_ready()
        async with engines.writes.begin() as conn:
            yield conn

    def purge_due(self) -> bool:
        """Whether expired request ids should be deleted now (at most once per
        :attr:`PURGE_INTERVAL_SECONDS`); answering True starts the next interval."""
        now = monotonic()
        if now < self._next_purge:
            return False
        self._next_purge = now + self.PURGE_INTERVAL_SECONDS
        return True

    async def reset(self, *, today: dt.date | None, customers: int, seed: int = 42) -> SeedSummary:
        """Drop all sandbox rows and reseed (see :func:`app.sandbox.seed.seed_sandbox`)."""
        return await seed_sandbox(await self.engine(), today=today, customers=customers, seed=seed)

    async def _ensure_ready(self) -> _Engines:
        if self._engines is not None:
            return self._engines
        async with self._lock:
            if self._engines is None:
                engine = create_sandbox_engine(self.database_url, autocommit=True)
                try:
                    if engine.dialect.name == "sqlite":
                        writes = engine.execution_options(**{_WRITE_OPTION: True})
                        engines = _Engines(engine, engine, writes, writes)
                    else:
                        async with engine.connect():  # learns the server's default isolation level
                            pass
                        level = engine.dialect.default_isolation_level
                        transactions = engine.execution_options(isolation_level=level)
                        engines = _Engines(engine, transactions, transactions, engine)
                    await seed_if_empty(engines.transactions)
                except BaseException:
                    await engine.dispose()
                    raise
                self._engines = engines
            return self._engines
