"""Test fixtures: real PostgreSQL and Redis when available, the embedded stores otherwise.

`TEST_STORES` chooses: `real` (PostgreSQL + Redis on the machine, required), `embedded`
(SQLite + the in-process Redis stand-in), or `auto` (default: real when both answer).
With real stores the run gets its own PostgreSQL database (migrated once with Alembic,
dropped at the end) and its own Redis database number; every test is isolated by
truncating the tables and flushing that Redis database after it.
"""

from __future__ import annotations

import asyncio
import os
import socket
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from app.auth.tokens import issue_token
from app.config import Settings
from app.db.migrations import upgrade_head
from app.main import create_app

PG_HOST, PG_PORT = os.environ.get("TEST_PG_HOST", "127.0.0.1"), int(os.environ.get("TEST_PG_PORT", "5432"))
REDIS_HOST, REDIS_PORT = os.environ.get("TEST_REDIS_HOST", "127.0.0.1"), int(os.environ.get("TEST_REDIS_PORT", "6379"))
CLAIM_KEY = "scheduling-agent-test-run"
TABLES = ("appointment_audit", "chat_messages", "chat_sessions")


def _port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


@dataclass(frozen=True)
class Stores:
    """The stores of this test run."""

    kind: str
    database_url: str
    redis_url: str | None


def _choose_stores() -> str:
    choice = os.environ.get("TEST_STORES", "auto")
    if choice == "auto":
        return "real" if _port_open(PG_HOST, PG_PORT) and _port_open(REDIS_HOST, REDIS_PORT) else "embedded"
    return choice


def pytest_report_header(config) -> str:
    return f"stores: {_choose_stores()}"


async def _admin(sql: str) -> None:
    engine = create_async_engine(f"postgresql+asyncpg://postgres@{PG_HOST}:{PG_PORT}/postgres",
                                 isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.execute(text(sql))
    finally:
        await engine.dispose()


async def _claim_redis_db(run_id: str) -> int:
    """A Redis database number no other test run holds (claimed with SET NX, freed at the end)."""
    from redis.asyncio import Redis

    for number in range(15, 0, -1):
        redis = Redis(host=REDIS_HOST, port=REDIS_PORT, db=number)
        try:
            if await redis.set(CLAIM_KEY, run_id, nx=True, ex=3 * 3600):
                return number
        finally:
            await redis.aclose()
    raise RuntimeError("every Redis database 1-15 is claimed by another test run")


async def _release_redis_db(number: int) -> None:
    from redis.asyncio import Redis

    redis = Redis(host=REDIS_HOST, port=REDIS_PORT, db=number)
    try:
        await redis.flushdb()
    finally:
        await redis.aclose()


@pytest.fixture(scope="session")
def stores(tmp_path_factory) -> Stores:
    """Create (and finally drop) this run's database, migrated once with Alembic, and
    claim a Redis database number of its own, so that concurrent runs never collide."""
    kind = _choose_stores()
    if kind == "real":
        run_id = uuid.uuid4().hex[:10]
        name = f"sa_test_{run_id}"
        asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
        redis_db = asyncio.run(_claim_redis_db(run_id))
        url = f"postgresql+asyncpg://postgres@{PG_HOST}:{PG_PORT}/{name}"
        upgrade_head(Settings(), database_url=url)
        yield Stores(kind, url, f"redis://{REDIS_HOST}:{REDIS_PORT}/{redis_db}")
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        asyncio.run(_release_redis_db(redis_db))
    else:
        url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('db') / 'service.db'}"
        upgrade_head(Settings(), database_url=url)
        yield Stores(kind, url, None)


@pytest.fixture
def settings(stores: Stores, tmp_path: Path) -> Settings:
    """Settings of one test: the run's stores, a fresh sandbox database, test environment."""
    return Settings(
        environment="test",
        database_url=stores.database_url,
        redis_url=stores.redis_url,
        pf360_sandbox_database_url=f"sqlite+aiosqlite:///{tmp_path / 'sandbox.db'}",
        pf360_base_url=None,
        llm_provider="local",
        rate_limit_messages=1000,
    )


async def _clean(stores: Stores) -> None:
    engine = create_async_engine(stores.database_url)
    try:
        async with engine.begin() as connection:
            if stores.kind == "real":
                await connection.execute(text(f"TRUNCATE {', '.join(TABLES)} CASCADE"))
            else:
                for table in TABLES:
                    await connection.execute(text(f"DELETE FROM {table}"))
    finally:
        await engine.dispose()
    if stores.redis_url:
        from redis.asyncio import Redis

        redis = Redis.from_url(stores.redis_url)
        try:
            claim = await redis.get(CLAIM_KEY)
            await redis.flushdb()
            if claim is not None:
                await redis.set(CLAIM_KEY, claim, ex=3 * 3600)
        finally:
            await redis.aclose()


@pytest.fixture
async def app(settings: Settings, stores: Stores) -> AsyncIterator:
    """The API app with its lifespan running; the stores are cleaned afterwards."""
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application
    await _clean(stores)


@pytest.fixture
async def client(app) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client calling the app through httpx's ASGI transport."""
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as http:
        yield http


@pytest.fixture
def token_for(settings: Settings) -> Callable[..., str]:
    """`token_for("1001")` → a signed token of that demo-client customer."""

    def make(customer_id: str = "1001", client_id: str = "demo-client", **kwargs) -> str:
        return issue_token(settings, customer_id=customer_id, client_id=client_id, **kwargs)

    return make


@pytest.fixture
def auth(token_for) -> Callable[..., dict[str, str]]:
    """`auth("1001")` → the Authorization header of that customer."""
    return lambda customer_id="1001", client_id="demo-client": {
        "Authorization": f"Bearer {token_for(customer_id, client_id)}"
    }
