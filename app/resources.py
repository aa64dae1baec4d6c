"""The long-lived resources of a process, built once and closed once.

Used by the API's lifespan and by the terminal chat, so that both run turns through
the same graph and stores.
"""

from __future__ import annotations

from dataclasses import dataclass

import structlog
from redis.asyncio import Redis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from app.chat.admission import TurnAdmission
from app.chat.ratelimit import RateLimiter
from app.chat.service import ChatService
from app.chat.tenants import ClientDirectory
from app.config import Settings
from app.db.engine import create_engine, create_sessionmaker
from app.llm.base import IntentProvider
from app.llm.factory import create_provider
from app.pf360.client import PF360Client, build_pf360_client
from app.security.limits import AuthFailureGuard
from app.sessions.store import ContextStore, create_redis

log = structlog.get_logger(__name__)


@dataclass
class Resources:
    """Engine, session factory, Redis, PF360 client, intent provider, the chat service and the
    limits a request meets (failed sign-ins per address; a turn's admission)."""

    settings: Settings
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    redis: Redis
    store: ContextStore
    pf360: PF360Client
    provider: IntentProvider
    chat: ChatService
    guard: AuthFailureGuard
    admission: TurnAdmission

    async def close(self) -> None:
        """Release every connection (safe to call once)."""
        await self.pf360.aclose()
        await self.redis.aclose()
        await self.engine.dispose()


async def open_resources(settings: Settings, *, check: bool = True) -> Resources:
    """Build the process's resources and (with `check`) prove the stores answer.

    Raises:
        Exception: the database or Redis is unreachable; everything built so far is closed,
            so a failed start never limps on.
    """
    engine = create_engine(settings)
    redis = create_redis(settings.redis_url)
    pf360 = build_pf360_client(settings)
    try:
        if check:
            async with engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
            await redis.ping()
        provider = create_provider(settings)
        store = ContextStore(
            redis,
            ttl_seconds=settings.session_ttl_seconds,
            lock_timeout=settings.session_lock_timeout_seconds,
            lock_wait=settings.session_lock_wait_seconds,
        )
        sessionmaker = create_sessionmaker(engine)
        chat = ChatService(
            settings=settings,
            store=store,
            sessionmaker=sessionmaker,
            pf360=pf360,
            provider=provider,
            clients=ClientDirectory(pf360, default_timezone=settings.default_timezone),
        )
    except BaseException:
        await pf360.aclose()
        await redis.aclose()
        await engine.dispose()
        raise
    guard = AuthFailureGuard.from_settings(redis, settings)
    limiter = RateLimiter(limit=settings.rate_limit_messages, window_seconds=settings.rate_limit_window_seconds)
    admission = TurnAdmission(redis, guard=guard, limiter=limiter)
    return Resources(settings, engine, sessionmaker, redis, store, pf360, provider, chat, guard, admission)
