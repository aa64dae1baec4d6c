"""Structured logs (structlog): readable in development, JSON in production, with the
request id (and, during a turn, the session id and turn number) on every line.

Records of the standard library's ``logging`` (uvicorn, SQLAlchemy, httpx, our own
``logging.getLogger`` users) go through the same redaction and renderer: the root
logger gets one handler whose formatter is structlog's ``ProcessorFormatter``, with
the context variables (request id …), level, logger name and timestamp added by its
``foreign_pre_chain`` and then ``format_exc_info`` → ``redact_event`` → renderer, as
for structlog events. uvicorn's own handlers are removed so its records reach it too.
"""

from __future__ import annotations

import logging
import sys
import uuid

import structlog
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.config import Settings
from app.security.redaction import redact_event

REQUEST_ID_HEADER = "X-Request-ID"

#: The processor chain, changed in place by `configure_logging` so that loggers
#: already cached (`cache_logger_on_first_use`) follow a new configuration too.
_PROCESSORS: list = []
#: Marks the root handler `configure_logging` installs (so a new call replaces it).
_HANDLER_MARK = "_scheduling_agent_handler"
#: uvicorn's loggers with handlers of their own (uvicorn's default logging config).
_UVICORN_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access")


class _Stderr:
    """Writes to whatever `sys.stderr` is at the time of writing (not at configuration)."""

    def write(self, text: str) -> int:
        """Write `text` to the current standard error."""
        return sys.stderr.write(text)

    def flush(self) -> None:
        """Flush the current standard error."""
        sys.stderr.flush()


def configure_logging(settings: Settings) -> None:
    """Configure structlog and the standard library's logging for the process.

    Calling it again (another app in the same process, e.g. the tests) switches
    every logger, cached ones included, to the new format.
    """
    fmt = settings.log_format
    if fmt == "auto":
        fmt = "json" if settings.environment == "prod" else "console"
    renderer = (
        structlog.processors.JSONRenderer() if fmt == "json" else structlog.dev.ConsoleRenderer(colors=sys.stderr.isatty())
    )
    level = logging.getLevelName(settings.log_level.upper())
    level = level if isinstance(level, int) else logging.INFO
    timestamper = structlog.processors.TimeStamper(fmt="iso", utc=True)
    _PROCESSORS[:] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        timestamper,
        structlog.processors.StackInfoRenderer(),
        structlog.processors.format_exc_info,
        redact_event,  # after exc_info: tracebacks are redacted too
        renderer,
    ]
    structlog.configure(
        processors=_PROCESSORS,
        wrapper_class=structlog.make_filtering_bound_logger(level),
        logger_factory=structlog.PrintLoggerFactory(file=_Stderr()),
        cache_logger_on_first_use=True,
    )
    _configure_stdlib_logging(renderer, timestamper, max(level, logging.WARNING))


def _configure_stdlib_logging(renderer, timestamper, level: int) -> None:
    """Send every standard-library record through the redaction and ``renderer``.

    Replaces the handler a previous call installed (never anyone else's, e.g. pytest's
    capture handlers) on the root logger, sets the root level to ``level`` (WARNING
    unless the configured level is higher: libraries are chatty below it) and makes
    uvicorn's loggers, which uvicorn gives their own handlers, propagate to the root.
    """
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=[
            structlog.contextvars.merge_contextvars,  # the request id where there is one
            structlog.processors.add_log_level,
            structlog.stdlib.add_logger_name,
            timestamper,
        ],
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.StackInfoRenderer(),
            structlog.processors.format_exc_info,
            redact_event,  # after exc_info: tracebacks are redacted too
            renderer,
        ],
    )
    handler = logging.StreamHandler(_Stderr())  # type: ignore[arg-type]
    handler.setFormatter(formatter)
    setattr(handler, _HANDLER_MARK, True)
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, _HANDLER_MARK, False)]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    for name in _UVICORN_LOGGERS:
        uv_logger = logging.getLogger(name)
        for old in list(uv_logger.handlers):
            uv_logger.removeHandler(old)
        uv_logger.propagate = True


class RequestIdMiddleware:
    """Binds a request id (the client's `X-Request-ID` if sane, else a new one) to the
    log context and returns it in the response header."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope.get("headers") or []).get(REQUEST_ID_HEADER.lower().encode(), b"").decode("latin-1")
        request_id = incoming if 8 <= len(incoming) <= 64 and incoming.replace("-", "").isalnum() else uuid.uuid4().hex
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(request_id=request_id)
        scope.setdefault("state", {})["request_id"] = request_id

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", []).append((REQUEST_ID_HEADER.lower().encode(), request_id.encode()))
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            structlog.contextvars.clear_contextvars()
