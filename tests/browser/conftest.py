"""Browser-test fixtures: the app served by uvicorn on a free port, and Debian's Chromium
driven by Playwright (the test is skipped only when /usr/bin/chromium is missing)."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import AsyncIterator, Coroutine
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from app.config import Settings
from app.main import create_app
from tests.conftest import Stores, _clean
from tests.stores.servers import free_port

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
START_TIMEOUT_SECONDS = 60.0


class LiveServer:
    """The API app served by uvicorn on 127.0.0.1, in a thread with its own event loop.

    `run(coro)` executes a coroutine on the server's loop (where the app's resources
    live), e.g. to read the in-process PF360 sandbox back.
    """

    def __init__(self, settings: Settings) -> None:
        self.app = create_app(settings)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(self.app, host="127.0.0.1", port=self.port, lifespan="on",
                                                    log_level="warning", access_log=False))
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self._serve, name="live-server", daemon=True)

    def _serve(self) -> None:
        asyncio.set_event_loop(self.loop)
        try:
            self.loop.run_until_complete(self.server.serve())
        finally:  # e.g. sse-starlette's shutdown watcher
            leftovers = asyncio.all_tasks(self.loop)
            for task in leftovers:
                task.cancel()
            self.loop.run_until_complete(asyncio.gather(*leftovers, return_exceptions=True))

    def start(self) -> LiveServer:
        """Start serving; raises when the server did not come up."""
        self.thread.start()
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the live server did not start")
            time.sleep(0.05)
        return self

    async def run(self, coro: Coroutine[Any, Any, Any]) -> Any:
        """Await `coro` on the server's event loop."""
        return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(coro, self.loop))

    def stop(self) -> None:
        """Shut the server down (its lifespan closes the app's resources)."""
        self.server.should_exit = True
        self.thread.join(timeout=30)
        self.loop.close()


@pytest.fixture
async def live_server(settings: Settings, stores: Stores) -> AsyncIterator[LiveServer]:
    """The app on a free port with the test stores and a fresh sandbox; stores cleaned afterwards."""
    server = await asyncio.to_thread(LiveServer(settings).start)
    try:
        yield server
    finally:
        await asyncio.to_thread(server.stop)
        await _clean(stores)


@pytest.fixture
async def browser_context(tmp_path: Path):
    """A headless Chromium context with a fresh profile."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not installed (/usr/bin/chromium): apt-get install -y chromium")
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        context = await playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1000, "height": 1200},
        )
        try:
            yield context
        finally:
            await context.close()
