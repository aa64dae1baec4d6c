"""The sandbox as its own HTTP server (uvicorn, lifespan), used over the network."""

from __future__ import annotations

import asyncio
import datetime as dt
import socket
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import uvicorn

from app.pf360 import PF360Client, tools
from app.sandbox import FaultConfig, create_sandbox_app
from tests.sandbox.harness import JANE, TODAY, TOKEN, seed_database, sqlite_url


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
async def sandbox_server(tmp_path: Path) -> AsyncIterator[tuple[str, uvicorn.Server]]:
    """A sandbox served by uvicorn on a free local port (its URL and the server); hangs
    5 s after each write."""
    database_url = sqlite_url(tmp_path)
    await seed_database(database_url)
    app = create_sandbox_app(database_url=database_url, api_token=TOKEN,
                             faults=FaultConfig(hang_after_commit=True, timeout_seconds=5))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}", server
    finally:
        server.should_exit = True
        server.force_exit = True
        await asyncio.wait_for(task, timeout=10)
        # A forced exit skips the lifespan shutdown (requests still hang after commit):
        # release the database here, not whenever the abandoned lifespan is collected.
        await app.state.sandbox.shutdown()


@pytest.fixture
def server_url(sandbox_server: tuple[str, uvicorn.Server]) -> str:
    return sandbox_server[0]


@pytest.mark.slow
async def test_a_burst_of_calls_keeps_its_connections_for_the_next_one(sandbox_server) -> None:
    url, server = sandbox_server
    burst = 40  # more than httpx's default of 20 kept-alive connections
    async with PF360Client(url, TOKEN) as client:
        await asyncio.gather(*(client.get_dashboard(JANE) for _ in range(burst)))
        kept = len(server.server_state.connections)
        await asyncio.gather(*(client.get_dashboard(JANE) for _ in range(burst)))
        assert len(server.server_state.connections) == kept  # the second burst opened none
    assert kept == burst


@pytest.mark.slow
async def test_booking_over_http_survives_a_timeout_after_commit(server_url: str) -> None:
    async with PF360Client(server_url, TOKEN, timeout_seconds=0.5, backoff_seconds=0.01) as client:
        appointment = await tools.confirm_appointment(
            client, JANE, project_id=90001, on=dt.date(2026, 11, 24), at="13:00",
            request_id=None, today=TODAY, idempotency_key="over-http",
        )
        stored = await client.get_appointment(JANE, 90001)
        dashboard = await client.get_dashboard(JANE)

    assert stored == appointment
    assert (appointment.date, appointment.time) == (dt.date(2026, 11, 24), "13:00")
    assert dashboard.projects[0].status == "Scheduled"
