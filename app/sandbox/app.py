"""The PF360 sandbox application: a faithful stand-in of the PF360 HTTP API.

Serves exactly the paths of ``shared/contract/pf360.md`` (no prefix) from its own
tables, plus ``/_sandbox`` admin endpoints. See :mod:`app.sandbox.runtime` for how
it starts with or without lifespan events.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from fastapi import FastAPI

from app.sandbox import routes_admin, routes_projects, routes_scheduler
from app.sandbox.errors import install_error_handlers
from app.sandbox.faults import FaultConfig, FaultInjector
from app.sandbox.runtime import SandboxRuntime

if TYPE_CHECKING:
    from app.config import Settings


def create_sandbox_app(
    *,
    database_url: str,
    api_token: str | None,
    faults: FaultConfig | None = None,
    request_id_ttl_seconds: int = 900,
) -> FastAPI:
    """Build a sandbox app.

    Args:
        database_url: SQLAlchemy async URL of the sandbox database (``sqlite+aiosqlite:///…``
            file or ``postgresql+asyncpg://…``). Tables are created on first use, and
            an empty database gets the demo fixture dated today in America/New_York.
        api_token: the expected ``authorization`` header; None accepts any non-empty one.
        faults: initial fault injection (none by default).
        request_id_ttl_seconds: lifetime of a scheduling ``request_id``, in seconds.

    The runtime is ``app.state.sandbox`` (:class:`SandboxRuntime`). Under a server the
    lifespan starts and stops it; mounted behind ``httpx.ASGITransport`` (no lifespan)
    it starts on the first request and the host should ``await
    app.state.sandbox.shutdown()`` at the end (:class:`app.sandbox.transport.SandboxTransport`
    does so on ``aclose``).
    """
    runtime = SandboxRuntime(
        database_url,
        api_token=api_token,
        faults=FaultInjector(faults),
        request_id_ttl_seconds=request_id_ttl_seconds,
    )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await runtime.startup()
        try:
            yield
        finally:
            await runtime.shutdown()

    app = FastAPI(
        title="PF360 sandbox",
        description="A stand-in of the ProjectsForce 360 API for development and tests.",
        version="1.0",
        lifespan=lifespan,
    )
    app.state.sandbox = runtime
    install_error_handlers(app)
    app.include_router(routes_projects.router)
    app.include_router(routes_scheduler.router)
    app.include_router(routes_admin.router)
    return app


def sandbox_app_from_settings(settings: Settings) -> FastAPI:
    """A sandbox app configured by ``PF360_SANDBOX_DATABASE_URL``, ``PF360_API_TOKEN``
    and ``PF360_SANDBOX_LATENCY_MS`` / ``_ERROR_RATE`` / ``_TIMEOUT_RATE``."""
    faults = FaultConfig(
        latency_ms=settings.pf360_sandbox_latency_ms,
        error_rate=settings.pf360_sandbox_error_rate,
        timeout_rate=settings.pf360_sandbox_timeout_rate,
    )
    return create_sandbox_app(
        database_url=settings.pf360_sandbox_database_url,
        api_token=settings.pf360_api_token,
        faults=faults,
    )
