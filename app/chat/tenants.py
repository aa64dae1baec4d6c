"""Per-client facts the turn needs before any tool runs: the client's time zone."""

from __future__ import annotations

import time
from zoneinfo import ZoneInfo

import structlog

from app.pf360 import tools as pf360_tools
from app.pf360.client import PF360Client
from app.pf360.errors import PF360Error
from app.pf360.schemas import CallerScope

log = structlog.get_logger(__name__)


class ClientDirectory:
    """Caches each client's time zone (from PF360's business hours) for `ttl_seconds`.

    When PF360 cannot say, the turn uses `default_timezone` and asks again next time.
    """

    def __init__(self, pf360: PF360Client, *, default_timezone: str, ttl_seconds: float = 3600) -> None:
        self.pf360 = pf360
        self.default = ZoneInfo(default_timezone)
        self.ttl_seconds = ttl_seconds
        self._zones: dict[str, tuple[ZoneInfo, float]] = {}

    async def timezone(self, scope: CallerScope) -> ZoneInfo:
        """The time zone of the caller's client."""
        client_id = scope.client_id
        cached = self._zones.get(client_id)
        if cached and cached[1] > time.monotonic():
            return cached[0]
        try:
            hours = await pf360_tools.get_business_hours(self.pf360, scope)
            zone = ZoneInfo(hours.timezone)
        except (PF360Error, KeyError, ValueError, TimeoutError) as error:
            log.warning("client_timezone_unknown", client_id=client_id, error=str(error)[:120])
            return self.default
        self._zones[client_id] = (zone, time.monotonic() + self.ttl_seconds)
        return zone
