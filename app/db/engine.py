"""Async engine and session factory, built once per process by the app's lifespan."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from app.config import Settings


def ensure_sqlite_folder(database_url: str) -> None:
    """Create the folder of a SQLite file URL, so the embedded default works on a fresh clone."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)


def create_engine(settings: Settings, *, database_url: str | None = None) -> AsyncEngine:
    """An `AsyncEngine` for `DATABASE_URL` (asyncpg pool sized by settings, or SQLite).

    SQLite gets WAL mode and a busy timeout so concurrent turns wait instead of failing.

    PostgreSQL connections are not pinged on checkout: SQLAlchemy's asyncpg ping is
    BEGIN, `;`, ROLLBACK, three round trips on every turn. A connection that died (a
    database restart) fails the statement that meets it instead. A turn's write then
    replaces the pool and is sent once more (`app.chat.turn_writer.PostgresTurnWriter`);
    a read through SQLAlchemy answers that one request with 503 and `Retry-After`, after
    SQLAlchemy has discarded every pooled connection older than the failure
    (https://docs.sqlalchemy.org/en/20/core/pooling.html#disconnect-handling-optimistic).
    """
    url = database_url or settings.database_url
    ensure_sqlite_folder(url)
    if make_url(url).get_backend_name() == "sqlite":
        engine = create_async_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine.sync_engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record) -> None:  # pragma: no cover - driver hook
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        return engine
    return create_async_engine(
        url,
        pool_size=settings.database_pool_size,
        max_overflow=settings.database_max_overflow,
        pool_pre_ping=False,  # see the docstring
        pool_timeout=2,
        connect_args={"timeout": 2, "command_timeout": 5},
    )


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """The session factory; sessions do not expire objects on commit."""
    return async_sessionmaker(engine, expire_on_commit=False)
