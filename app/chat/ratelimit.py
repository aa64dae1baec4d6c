"""Per-customer message rate limit: a sliding window kept in Redis (shared by every
worker and instance)."""

from __future__ import annotations

import time
import uuid

from redis.asyncio import Redis

from app.api.errors import ApiError
from app.auth.tokens import Caller


#: One round trip per message (was a MULTI/EXEC pipeline of five commands plus a ZREM):
#: drop times older than the window, add this one, count, read the oldest, renew the
#: expiry, and take this one back out when it is over the limit. Returns {count, oldest}.
_CHECK = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], 0, tonumber(ARGV[1]) - tonumber(ARGV[2]))
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[3])
local count = redis.call('ZCARD', KEYS[1])
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[2]) + 1)
if count > tonumber(ARGV[4]) then
    redis.call('ZREM', KEYS[1], ARGV[3])
end
return {count, oldest[2] or ARGV[1]}
"""


class RateLimiter:
    """At most `limit` messages per customer in any `window_seconds`.

    Raises `ApiError(429)` with `Retry-After` (seconds until the oldest message in the
    window leaves it). A Redis failure propagates (the API answers 503).
    """

    def __init__(self, redis: Redis, *, limit: int, window_seconds: int) -> None:
        self.redis = redis
        self.limit = limit
        self.window = window_seconds
        self._check = redis.register_script(_CHECK)

    async def check(self, caller: Caller) -> None:
        """Count this message, or refuse it."""
        key = f"ratelimit:{caller.client_id}:{caller.customer_id}"
        now = time.time()
        member = f"{now:.6f}:{uuid.uuid4().hex[:8]}"
        count, oldest = await self._check(keys=[key], args=[f"{now:.6f}", self.window, member, self.limit])
        if int(count) > self.limit:
            oldest_at = float(oldest)
            retry_after = max(1, int(oldest_at + self.window - now + 0.999))
            raise ApiError(429, "rate_limited", "too many messages; please wait a moment", retry_after=retry_after)
