"""Redis-backed session context store and per-session turn lock.

Uses redis-py's asyncio client; when `REDIS_URL` is unset, fakeredis stands in
(in-process, same API, Lua included for the lock scripts).
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Awaitable, Callable

from redis.asyncio import Redis
from redis.asyncio.lock import Lock
from redis.exceptions import LockError

from app.sessions.context import SessionContext
from app.turn_gate import stepping_out


#: Sorted set of session ids scored by their last turn's time (s): the sessions with a
#: live context, counted by the `chat_active_sessions` gauge without scanning keys.
ACTIVE_SESSIONS_KEY = "metrics:active_sessions"

#: Write the context with its TTL and mark the session active, trimming sessions idle
#: for longer than the TTL: one round trip per turn.
_SAVE = """
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', tonumber(ARGV[3]) - tonumber(ARGV[2]))
redis.call('EXPIRE', KEYS[2], tonumber(ARGV[2]) + 60)
return 1
"""


#: The first attempt at a session's lock when it carries more checks (the turn's
#: admission): called with (lock key, context key or None, token, lock lifetime in ms),
#: answers (acquired, context value or None). It may raise to refuse the turn.
LockAttempt = Callable[[str, str | None, bytes, int], Awaitable[tuple[bool, bytes | None]]]


class SessionBusyError(Exception):
    """Another turn of the same session held the lock for longer than we may wait."""


def create_redis(redis_url: str | None) -> Redis:
    """A Redis client for `redis_url`, or an in-process fakeredis when it is None.

    Connect/read timeouts are short so that an unreachable Redis fails a turn fast
    (the API answers 503) instead of hanging.
    """
    if redis_url is None:
        import fakeredis

        return fakeredis.FakeAsyncRedis(server=fakeredis.FakeServer(), decode_responses=False)
    return Redis.from_url(
        redis_url,
        socket_connect_timeout=1.0,
        socket_timeout=1.5,
        health_check_interval=10,
        retry_on_timeout=False,
    )


class ContextStore:
    """Reads and writes `SessionContext` values with a sliding TTL.

    Args:
        redis: the client (real or fakeredis).
        ttl_seconds: the sliding TTL; each `save` renews it.
        lock_timeout: how long (s) a turn may hold its session's lock before Redis frees it.
        lock_wait: how long (s) a second message waits for the lock before `SessionBusyError`.
    """

    def __init__(self, redis: Redis, *, ttl_seconds: int, lock_timeout: float, lock_wait: float) -> None:
        self.redis = redis
        self.ttl_seconds = ttl_seconds
        self.lock_timeout = lock_timeout
        self.lock_wait = lock_wait
        self._save = redis.register_script(_SAVE)

    @staticmethod
    def key(session_id: str) -> str:
        """The Redis key of a session's context."""
        return f"session:{session_id}:context"

    async def load(self, session_id: str) -> SessionContext | None:
        """The session's context, or None when unknown or expired."""
        return self.parse(await self.redis.get(self.key(session_id)))

    @staticmethod
    def parse(raw: bytes | str | None) -> SessionContext | None:
        """A stored context value (as `load` or `lock(..., prefetch=True)` read it), or None."""
        return SessionContext.model_validate_json(raw) if raw else None

    async def save(self, context: SessionContext) -> None:
        """Write the context, renew its TTL and count the session as active now."""
        await self._save(
            keys=[self.key(context.session_id), ACTIVE_SESSIONS_KEY],
            args=[context.model_dump_json(), self.ttl_seconds, f"{time.time():.6f}", context.session_id],
        )

    async def delete(self, session_id: str) -> bool:
        """Remove the context (and the session from the active ones); True when it existed."""
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.delete(self.key(session_id))
            pipe.zrem(ACTIVE_SESSIONS_KEY, session_id)
            deleted, _ = await pipe.execute()
        return bool(deleted)

    async def count_active(self) -> int:
        """Sessions that had a turn within the TTL (one `ZCOUNT`)."""
        return int(await self.redis.zcount(ACTIVE_SESSIONS_KEY, time.time() - self.ttl_seconds, "+inf"))

    async def ttl(self, session_id: str) -> int:
        """Seconds left before the context expires (Redis `TTL`: -2 missing, -1 no expiry)."""
        return int(await self.redis.ttl(self.key(session_id)))

    def lock(self, session_id: str, *, prefetch: bool = False, first_attempt: LockAttempt | None = None) -> _TurnLock:
        """The session's turn lock (bounded lifetime and wait).

        Use as `async with store.lock(id) as lock:`; raises `SessionBusyError` when the
        wait runs out. With `prefetch`, the attempt that takes the lock also reads the
        context in the same round trip: `store.parse(lock.prefetched)` is then what
        `load` would have answered right after taking the lock. `first_attempt`, when
        given, makes the first try instead of a plain `SET NX` (see `LockAttempt`);
        whatever it raises leaves the lock untaken and propagates.
        """
        return _TurnLock(
            self.redis,
            f"session:{session_id}:lock",
            timeout=self.lock_timeout,
            blocking_timeout=self.lock_wait,
            sleep=0.01,
            context_key=self.key(session_id) if prefetch else None,
            first_attempt=first_attempt,
        )


class _TurnLock(Lock):
    def __init__(self, *args, context_key: str | None = None, first_attempt: LockAttempt | None = None,
                 **kwargs) -> None:
        super().__init__(*args, thread_local=False, **kwargs)
        self.context_key = context_key
        self.first_attempt = first_attempt
        self.prefetched: bytes | None = None

    async def do_acquire(self, token: str | bytes) -> bool:
        if self.first_attempt is not None:
            attempt, self.first_attempt = self.first_attempt, None
            acquired, raw = await attempt(self.name, self.context_key, token, int(self.timeout * 1000))
            if acquired:
                self.prefetched = raw
            return acquired
        if self.context_key is None:
            return await super().do_acquire(token)
        # SET NX and GET in one round trip; the GET counts only when the SET took the lock
        # (only the lock holder writes the context, so it cannot change in between).
        async with self.redis.pipeline(transaction=False) as pipe:
            pipe.set(self.name, token, nx=True, px=int(self.timeout * 1000) if self.timeout else None)
            pipe.get(self.context_key)
            acquired, raw = await pipe.execute()
        if acquired:
            self.prefetched = raw
            return True
        return False

    async def __aenter__(self) -> _TurnLock:
        try:
            # a random token (redis-py's default, uuid1, costs more CPU and says when and where)
            acquired = await self.acquire(blocking=False, token=secrets.token_hex(16))
            if not acquired:
                # Another message of the session holds it: wait outside the turn gate, so
                # that waiting turns never fill the slots the lock's holder needs back.
                async with stepping_out():
                    acquired = await self.acquire(token=secrets.token_hex(16))
        except LockError as exc:  # pragma: no cover - redis-py raises only on misuse
            raise SessionBusyError(str(exc)) from exc
        if not acquired:
            raise SessionBusyError("the session is busy with another message")
        return self

    async def __aexit__(self, exc_type, exc, tb) -> None:
        try:
            await self.release()
        except LockError:
            # The lock expired while the turn ran; another turn may hold it now.
            pass
