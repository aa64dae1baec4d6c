"""A turn's admission: the address's failed sign-ins, the customer's message rate and the
session's lock (with its context) in one Redis round trip.

Done one by one, these were three round trips before the graph could start: the
failed-sign-in check of the auth dependency, the rate limit, then the lock. The chat
endpoints verify the token first (local CPU, no store) and leave the failed-sign-in
check of a valid token to this script, so a blocked address is still refused whatever
its token; a token that fails verification is handled by the dependency as before
(`app.api.deps.get_turn_caller`).

All four keys live on the one Redis every instance shares (a Redis Cluster would need
them in one hash slot).
"""

from __future__ import annotations

import time

from redis.asyncio import Redis

from app.auth.tokens import Caller
from app.chat.ratelimit import COUNT_MESSAGE_LUA, RateLimiter
from app.security.limits import RETRY_AT_LUA, AuthFailureGuard, seconds_until
from app.sessions.store import LockAttempt

#: KEYS: lock, context, the address's failures, the customer's message window.
#: ARGV: lock token, lock lifetime (ms), prefetch ("1"/"0"), now (s), failure window (s),
#: failure limit, message window (s), window member, message limit.
#: Answers {"blocked", leaves_at} | {"limited", oldest} | {"busy"} | {"acquired", context or ""}.
#: A blocked address is not counted against the message rate; a limited message takes no lock.
_ADMIT = RETRY_AT_LUA + COUNT_MESSAGE_LUA + """
local blocked = retry_at(KEYS[3], tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6]))
if blocked then
    return {'blocked', blocked}
end
local counted = count_message(KEYS[4], ARGV[4], tonumber(ARGV[7]), ARGV[8], tonumber(ARGV[9]))
if counted[1] > tonumber(ARGV[9]) then
    return {'limited', counted[2]}
end
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
    return {'busy'}
end
if ARGV[3] == '1' then
    return {'acquired', redis.call('GET', KEYS[2]) or ''}
end
return {'acquired', ''}
"""


class TurnAdmission:
    """Builds each turn's first lock attempt (`LockAttempt`) with the two limits folded in.

    Args:
        redis: the Redis the context store uses.
        guard: the failed-sign-in limit (per client address).
        limiter: the message rate limit (per customer).
    """

    def __init__(self, redis: Redis, *, guard: AuthFailureGuard, limiter: RateLimiter) -> None:
        self.guard = guard
        self.limiter = limiter
        self._admit = redis.register_script(_ADMIT)

    def first_attempt(self, caller: Caller, address: str) -> LockAttempt:
        """The first try at the session lock of `caller`'s turn, sent from `address`.

        The attempt raises `ApiError(429)`: `too_many_auth_failures` when the address is
        blocked, `rate_limited` when the customer sent too many messages; a Redis failure
        propagates (`redis.exceptions.RedisError`).
        """

        async def attempt(lock_key: str, context_key: str | None, token: bytes, lock_ms: int) -> tuple[bool, bytes | None]:
            now = time.time()
            answer = await self._admit(
                keys=[lock_key, context_key or lock_key, self.guard.key(address), self.limiter.key(caller)],
                args=[token, lock_ms, "1" if context_key else "0", f"{now:.6f}", self.guard.window, self.guard.limit,
                      self.limiter.window, self.limiter.member(now), self.limiter.limit],
            )
            verdict = answer[0].decode() if isinstance(answer[0], bytes) else answer[0]
            if verdict == "blocked":
                raise self.guard.refusal(seconds_until(answer[1], now))
            if verdict == "limited":
                raise self.limiter.refusal(answer[1], now)
            if verdict == "busy":
                return False, None
            return True, answer[1] or None

        return attempt
