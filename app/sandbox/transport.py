"""Mounting the sandbox in-process behind an httpx transport."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from app.sandbox.runtime import SandboxRuntime


class SandboxTransport(httpx.ASGITransport):
    """``httpx.ASGITransport`` over a sandbox app that also owns the app's runtime.

    Requests go through the full ASGI stack (routing, validation, error handlers)
    exactly as over the network. An unexpected exception in the app becomes a 500
    answer, as a real server would send, rather than an exception in the caller.
    ``aclose()`` (called by ``httpx.AsyncClient.aclose``) disposes of the sandbox's
    database engine, since ASGITransport runs no lifespan events.

    Note: ASGITransport enforces no timeouts; callers must bound each request
    themselves (``PF360Client`` does, with ``asyncio.timeout``).
    """

    def __init__(self, app: FastAPI) -> None:
        super().__init__(app=app, raise_app_exceptions=False)
        self.runtime: SandboxRuntime = app.state.sandbox

    async def aclose(self) -> None:
        """Shut the sandbox runtime down (idempotent)."""
        await self.runtime.shutdown()
