"""Test harness: a fresh PF360 sandbox on a temporary database, reached through the
real :class:`PF360Client` over ``httpx.ASGITransport`` (nothing of ours is mocked).

Shared by ``tests/sandbox`` and ``tests/pf360`` (their conftests import the fixtures).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import update

from app.pf360.client import PF360Client
from app.pf360.schemas import CallerScope
from app.sandbox import FaultConfig, SandboxRuntime, SandboxTransport, create_sandbox_app, create_sandbox_engine
from app.sandbox.models import RequestToken
from app.sandbox.seed import seed_sandbox

#: The seed's date: a Monday. The demo appointment (90002) is on Monday 2026-11-30 at 08:00.
TODAY = dt.date(2026, 11, 23)
TOKEN = "test-token"
CLIENT_ID = "demo-client"
JANE = CallerScope(client_id=CLIENT_ID, customer_id="1001")
JOHN = CallerScope(client_id=CLIENT_ID, customer_id="1002")


class CountingTransport(httpx.AsyncBaseTransport):
    """Forwards to another transport and counts requests per ``"METHOD /path"``."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.calls: Counter[str] = Counter()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.calls[f"{request.method} {request.url.path}"] += 1
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()

    def count(self, method: str, path_suffix: str) -> int:
        """Requests so far whose method is ``method`` and path ends with ``path_suffix``."""
        return sum(n for key, n in self.calls.items() if key.startswith(method + " ") and key.endswith(path_suffix))


@dataclass
class Sandbox:
    """One sandbox under test: its app, a PF360 client, and a raw HTTP client."""

    database_url: str
    app: FastAPI
    transport: CountingTransport
    client: PF360Client
    http: httpx.AsyncClient
    extra_clients: list[PF360Client] = field(default_factory=list)

    @property
    def runtime(self) -> SandboxRuntime:
        return self.app.state.sandbox

    def set_faults(self, **config: object) -> None:
        """Replace the fault configuration (as ``PUT /_sandbox/faults`` does)."""
        self.runtime.faults.configure(FaultConfig(**config))

    def new_client(self, api_token: str = TOKEN, **options: object) -> PF360Client:
        """Another PF360Client on the same sandbox (closed with the sandbox)."""
        options.setdefault("backoff_seconds", 0.01)
        client = PF360Client("http://pf360-sandbox", api_token, transport=self.transport, **options)
        self.extra_clients.append(client)
        return client

    @staticmethod
    def headers(client_id: str = CLIENT_ID, **extra: str) -> dict[str, str]:
        """PF360 request headers (``authorization``, ``client_id``, plus ``extra``)."""
        return {"authorization": TOKEN, "client_id": client_id, **extra}

    async def expire_request_ids(self) -> None:
        """Make every issued request_id expired (as if its 15 minutes had passed)."""
        engine = await self.runtime.engine()
        async with engine.begin() as conn:
            past = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
            await conn.execute(update(RequestToken).values(expires_at=past))

    async def aclose(self) -> None:
        for client in self.extra_clients:
            await client.aclose()
        await self.client.aclose()
        await self.http.aclose()


async def seed_database(database_url: str, *, today: dt.date = TODAY, customers: int = 0, seed: int = 42) -> None:
    """Seed the sandbox tables of ``database_url``."""
    engine = create_sandbox_engine(database_url)
    try:
        await seed_sandbox(engine, today=today, customers=customers, seed=seed)
    finally:
        await engine.dispose()


async def make_sandbox(
    database_url: str,
    *,
    today: dt.date = TODAY,
    faults: FaultConfig | None = None,
    timeout_seconds: float = 2.0,
    seeded: bool = True,
) -> Sandbox:
    """A sandbox on ``database_url`` seeded for ``today``, with a PF360Client
    (fast retries: 3 attempts, 10 ms backoff)."""
    if seeded:
        await seed_database(database_url, today=today)
    app = create_sandbox_app(database_url=database_url, api_token=TOKEN, faults=faults)
    transport = CountingTransport(SandboxTransport(app))
    client = PF360Client(
        "http://pf360-sandbox", TOKEN, transport=transport, timeout_seconds=timeout_seconds, backoff_seconds=0.01
    )
    http = httpx.AsyncClient(transport=transport, base_url="http://pf360-sandbox")
    return Sandbox(database_url, app, transport, client, http)


def sqlite_url(tmp_path: Path, name: str = "pf360_sandbox.db") -> str:
    """A SQLite database URL inside ``tmp_path``."""
    return f"sqlite+aiosqlite:///{tmp_path / name}"


@pytest.fixture
async def sandbox(tmp_path: Path) -> AsyncIterator[Sandbox]:
    """A fresh sandbox seeded for :data:`TODAY` on a SQLite file in ``tmp_path``."""
    box = await make_sandbox(sqlite_url(tmp_path))
    try:
        yield box
    finally:
        await box.aclose()


@pytest.fixture
def pf360(sandbox: Sandbox) -> PF360Client:
    """The PF360 client of :func:`sandbox`."""
    return sandbox.client
