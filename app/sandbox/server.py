"""Running the sandbox as its own HTTP server (``scheduling-agent sandbox``)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import uvicorn
from uvicorn.config import LOG_LEVELS

from app.gc_tuning import settle_heap
from app.sandbox.app import sandbox_app_from_settings

if TYPE_CHECKING:
    from app.config import Settings


def run(host: str, port: int, settings: Settings) -> None:
    """Serve the sandbox with uvicorn on ``host:port`` until interrupted (blocks).

    The database is ``settings.pf360_sandbox_database_url`` (created and seeded with
    the demo fixture when empty); faults come from the ``PF360_SANDBOX_*`` settings.
    """
    app = sandbox_app_from_settings(settings)
    settle_heap()  # after the app (and its imports) exist: see app.gc_tuning
    level = settings.log_level.lower()
    # uvicorn formats an access-log line on every request even when its level drops
    # it; switch the access log off when it could not print anything anyway.
    access_log = LOG_LEVELS.get(level, logging.INFO) <= logging.INFO
    uvicorn.run(app, host=host, port=port, log_level=level, access_log=access_log)
