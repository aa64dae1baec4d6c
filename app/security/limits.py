"""Limits on what a request may be and how often a client address may fail to
authenticate.

- `RequestEnvelopeMiddleware`: refuses, before anything reads the request, a declared
  body (`Content-Length`) over `MAX_BODY_BYTES` (413) and a path with control
  characters (404; no resource is named like that, and no store ever sees it). Bytes
  actually streamed are counted by Starlette's `RequestBodyLimitMiddleware` (413 too).
- `AuthFailureGuard`: a Redis sliding window of failed authentications per client
  address, shared by every worker; once `AUTH_FAILURE_LIMIT` is reached the address
  gets 429 with `Retry-After` whatever its token. Most endpoints check it before the
  token is looked at; a chat turn checks it in its admission script, in the same round
  trip as the rate limit and the session lock (`app.chat.admission`).
"""

from __future__ import annotations

import time
import unicodedata
import uuid

from redis.asyncio import Redis
from starlette.types import ASGIApp, Receive, Scope, Send

from app.api.errors import ApiError, error_response
from app.config import Settings


def declared_length(scope: Scope) -> int | None:
    """The request's `Content-Length` in bytes, or None when absent or not a number."""
    for name, value in scope.get("headers") or []:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def has_control_characters(path: str) -> bool:
    """Whether the (%-decoded) `path` holds a control character (Unicode category Cc,
    e.g. NUL or a newline)."""
    return any(unicodedata.category(ch) == "Cc" for ch in path)


class RequestEnvelopeMiddleware:
    """Refuses an over-long declared body (413) or a path with control characters
    (404) in the API's error format, before the request reaches any route."""

    def __init__(self, app: ASGIApp, *, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            length = declared_length(scope)
            if length is not None and length > self.max_body_bytes:
                response = error_response(
                    413, "payload_too_large", f"the request body may not exceed {self.max_body_bytes} bytes"
                )
                await response(scope, receive, send)
                return
            if has_control_characters(scope.get("path", "")):
                await error_response(404, "not_found", "no such resource")(scope, receive, send)
                return
        await self.app(scope, receive, send)


#: Lua function `retry_at(key, now, window, limit)`: drop the failures that left the
#: window; when `limit` remain, the time (s) at which the one that unblocks the address
#: (index count - limit) leaves the window, else nil. Shared with the turn's admission
#: script (`app.chat.admission`), which runs it in the same round trip as the lock.
RETRY_AT_LUA = """
local function retry_at(key, now, window, limit)
    redis.call('ZREMRANGEBYSCORE', key, 0, now - window)
    local count = redis.call('ZCARD', key)
    if count < limit then
        return nil
    end
    local entry = redis.call('ZRANGE', key, count - limit, count - limit, 'WITHSCORES')
    return tostring(tonumber(entry[2]) + window)
end
"""

_RETRY_AT = RETRY_AT_LUA + "return retry_at(KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]))\n"


def seconds_until(leaves_at: bytes | str | float, now: float) -> int:
    """Whole seconds (≥ 1) from `now` until `leaves_at` (both epoch seconds): a `Retry-After`."""
    return max(1, int(float(leaves_at) - now + 0.999))


class AuthFailureGuard:
    """At most `limit` failed authentications per client address in any `window_seconds`.

    Key `authfail:{address}`: a sorted set of failure times (s). Works the same on
    Redis and on the in-process fakeredis stand-in. Redis errors propagate
    (`redis.exceptions.RedisError`); the API answers them with 503.
    """

    def __init__(self, redis: Redis, *, limit: int, window_seconds: int) -> None:
        self.redis = redis
        self.limit = limit
        self.window = window_seconds
        self._retry_at = redis.register_script(_RETRY_AT)

    @classmethod
    def from_settings(cls, redis: Redis, settings: Settings) -> AuthFailureGuard:
        """The guard configured by `AUTH_FAILURE_LIMIT` / `AUTH_FAILURE_WINDOW_SECONDS`."""
        return cls(redis, limit=settings.auth_failure_limit, window_seconds=settings.auth_failure_window_seconds)

    @staticmethod
    def key(address: str) -> str:
        """The Redis key of an address's failures."""
        return f"authfail:{address}"

    async def retry_after(self, address: str) -> int | None:
        """Seconds (≥ 1) until `address` may try again, or None when it is not blocked.

        One round trip (a Lua script). A chat turn with a valid token makes this check
        in its admission script instead (`app.chat.admission`)."""
        now = time.time()
        leaves_at = await self._retry_at(keys=[self.key(address)], args=[f"{now:.6f}", self.window, self.limit])
        if leaves_at is None:
            return None
        return seconds_until(leaves_at, now)

    @staticmethod
    def refusal(retry_after: int) -> ApiError:
        """The 429 a blocked address gets, whatever its token."""
        return ApiError(429, "too_many_auth_failures", "too many failed sign-ins from this address; wait a moment",
                        retry_after=retry_after)

    async def record_failure(self, address: str) -> None:
        """Count one failed authentication of `address`."""
        key, now = self.key(address), time.time()
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.zadd(key, {f"{now:.6f}:{uuid.uuid4().hex[:8]}": now})
            pipe.expire(key, self.window + 1)
            await pipe.execute()
