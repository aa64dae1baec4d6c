"""The per-customer rate limit (one Redis script per message) on both store kinds."""

from __future__ import annotations

import time

import pytest

from app.api.errors import ApiError
from app.auth.tokens import Caller
from app.chat.ratelimit import RateLimiter


async def test_the_limit_counts_per_customer_and_answers_retry_after(app) -> None:
    redis = app.state.resources.redis
    limiter = RateLimiter(redis, limit=3, window_seconds=60)
    jane, john = Caller("1001", "demo-client"), Caller("1002", "demo-client")
    for _ in range(3):
        await limiter.check(jane)
    with pytest.raises(ApiError) as refused:
        await limiter.check(jane)
    assert refused.value.status == 429 and refused.value.code == "rate_limited"
    assert 1 <= refused.value.retry_after <= 60
    await limiter.check(john)  # another customer has a window of their own
    # a refused message is not counted: the window still holds exactly the three
    assert await redis.zcard("ratelimit:demo-client:1001") == 3
    assert 0 < await redis.ttl("ratelimit:demo-client:1001") <= 61


async def test_old_messages_leave_the_window(app) -> None:
    redis = app.state.resources.redis
    limiter = RateLimiter(redis, limit=2, window_seconds=60)
    key = "ratelimit:demo-client:1001"
    old = time.time() - 120
    await redis.zadd(key, {f"{old:.6f}:a": old, f"{old + 1:.6f}:b": old + 1})
    await limiter.check(Caller("1001", "demo-client"))
    await limiter.check(Caller("1001", "demo-client"))
    assert await redis.zcard(key) == 2
