"""The FastAPI application: `create_app()` with a lifespan that builds the process's
resources once, hands them to the routes, and closes them at shutdown."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import structlog
from fastapi import FastAPI

from app.api.errors import install_error_handlers
from app.chat.endpoints import router as chat_router
from app.chat.stream import TurnTasks
from app.chat.stream import router as stream_router
from app.config import Settings, get_settings
from app.health.endpoints import router as health_router
from app.metrics import Metrics
from app.metrics import router as metrics_router
from app.observability import RequestIdMiddleware, configure_logging
from app.resources import open_resources
from app.security.middleware import install_security
from app.sessions.endpoints import router as sessions_router
from app.turn_timing import TurnTimingMiddleware
from app.widget.routes import assets_router as widget_router
from app.widget.routes import demo_router as widget_demo_router

log = structlog.get_logger(__name__)


def create_app(settings: Settings | None = None) -> FastAPI:
    """The API application for `settings` (default: from the environment).

    Start-up fails (and nothing is left open) when the database or Redis is
    unreachable or a production setting is missing.
    """
    settings = settings or get_settings()
    configure_logging(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.uses_dev_jwt_key:
            log.warning("dev_jwt_key", message="JWT_SECRET_KEY is the development key; never use it in production")
        resources = await open_resources(settings)
        app.state.resources = resources
        log.info("started", environment=settings.environment, llm_provider=resources.provider.name,
                 pf360="sandbox (in-process)" if not settings.pf360_base_url else settings.pf360_base_url)
        try:
            yield
        finally:
            await app.state.turn_tasks.drain()
            await resources.close()

    app = FastAPI(
        title="Scheduling assistant",
        version="0.1.0",
        description="Chat API of the scheduling assistant for PF360 (ProjectsForce 360) customers.",
        lifespan=lifespan,
    )
    install_security(app, settings)  # inside the request id: its refusals carry one
    app.add_middleware(RequestIdMiddleware)
    app.add_middleware(TurnTimingMiddleware)  # outermost: X-Turn-Timing covers the whole request
    install_error_handlers(app)
    app.include_router(chat_router)
    app.include_router(sessions_router)
    app.include_router(health_router)
    app.state.metrics = Metrics()
    app.state.turn_tasks = TurnTasks()
    app.include_router(stream_router)
    app.include_router(metrics_router)
    app.include_router(widget_router)
    if settings.environment != "prod":  # the demo page and its token endpoint: development only
        app.include_router(widget_demo_router)
    return app
