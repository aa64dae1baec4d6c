"""Per-customer message rate limit: a sliding window kept in Redis (shared by every
worker and instance)."""

from __future__ import annotations

import uuid

from app.api.errors import ApiError
from app.auth.tokens import Caller
from app.security.limits import seconds_until

#: Lua function `count_message(key, now, window, member, limit)`: drop times older than
#: the window, add this message, count, read the oldest, renew the expiry, and take this
#: message back out when it is over the limit. Returns {count, oldest time (s)}.
#: `now` is the time as a string (it is stored as given). Run by the turn's
#: admission script (`app.chat.admission`), in the lock's round trip.
COUNT_MESSAGE_LUA = """
local function count_message(key, now, window, member, limit)
    redis.call('ZREMRANGEBYSCORE', key, 0, tonumber(now) - window)
    redis.call('ZADD', key, now, member)
    local count = redis.call('ZCARD', key)
    local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
    redis.call('EXPIRE', key, window + 1)
    if count > limit then
        redis.call('ZREM', key, member)
    end
    return {count, oldest[2] or now}
end
"""


class RateLimiter:
    """At most `limit` messages per customer in any `window_seconds`.

    A message is counted by its turn's admission (`app.chat.admission` runs the Lua
    function above in the same round trip as the session lock). A refusal is
    `ApiError(429)` with `Retry-After`: seconds until the oldest message in the window
    leaves it.
    """

    def __init__(self, *, limit: int, window_seconds: int) -> None:
        self.limit = limit
        self.window = window_seconds

    @staticmethod
    def key(caller: Caller) -> str:
        """The Redis key of a customer's message window."""
        return f"ratelimit:{caller.client_id}:{caller.customer_id}"

    @staticmethod
    def member(now: float) -> str:
        """A unique member of the window for a message sent at `now` (epoch s)."""
        return f"{now:.6f}:{uuid.uuid4().hex[:8]}"

    def refusal(self, oldest: bytes | str, now: float) -> ApiError:
        """The 429 for a message over the limit, at `now`, when the window's oldest
        message was sent at `oldest` (both epoch seconds)."""
        return ApiError(429, "rate_limited", "too many messages; please wait a moment",
                        retry_after=seconds_until(float(oldest) + self.window, now))
