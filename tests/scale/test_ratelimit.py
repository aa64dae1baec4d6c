"""A turn's admission (one Redis script with the session lock) on both store kinds: the
per-customer message rate and the per-address failed sign-ins."""

from __future__ import annotations

import time

import pytest

from app.api.errors import ApiError
from app.auth.tokens import Caller
from app.chat.admission import TurnAdmission
from app.chat.ratelimit import RateLimiter
from app.security.limits import AuthFailureGuard
from app.sessions.store import SessionBusyError

JANE, JOHN = Caller("1001", "demo-client"), Caller("1002", "demo-client")
ADDRESS = "198.51.100.9"


@pytest.fixture
def admission(app) -> TurnAdmission:
    redis = app.state.resources.redis
    return TurnAdmission(redis, guard=AuthFailureGuard(redis, limit=2, window_seconds=60),
                         limiter=RateLimiter(limit=3, window_seconds=60))


async def admit(app, admission: TurnAdmission, caller: Caller, session_id: str, *, address: str = ADDRESS) -> None:
    """Take and release `session_id`'s lock with the admission's first attempt."""
    store = app.state.resources.store
    async with store.lock(session_id, first_attempt=admission.first_attempt(caller, address)):
        pass


async def test_the_limit_counts_per_customer_and_answers_retry_after(app, admission) -> None:
    redis = app.state.resources.redis
    for turn in range(3):
        await admit(app, admission, JANE, f"s{turn}")
    with pytest.raises(ApiError) as refused:
        await admit(app, admission, JANE, "s-refused")
    assert refused.value.status == 429 and refused.value.code == "rate_limited"
    assert 1 <= refused.value.retry_after <= 60
    assert not await redis.exists("session:s-refused:lock")  # a refused turn takes no lock
    await admit(app, admission, JOHN, "s-john")  # another customer has a window of their own
    # a refused message is not counted: the window still holds exactly the three
    assert await redis.zcard("ratelimit:demo-client:1001") == 3
    assert 0 < await redis.ttl("ratelimit:demo-client:1001") <= 61


async def test_old_messages_leave_the_window(app, admission) -> None:
    redis = app.state.resources.redis
    key = "ratelimit:demo-client:1001"
    old = time.time() - 120
    await redis.zadd(key, {f"{old:.6f}:a": old, f"{old + 1:.6f}:b": old + 1})
    await admit(app, admission, JANE, "s1")
    await admit(app, admission, JANE, "s2")
    assert await redis.zcard(key) == 2


async def test_a_blocked_address_is_refused_whatever_the_customer_and_not_counted(app, admission) -> None:
    redis = app.state.resources.redis
    for _ in range(2):
        await admission.guard.record_failure(ADDRESS)
    with pytest.raises(ApiError) as refused:
        await admit(app, admission, JANE, "s1")
    assert refused.value.status == 429 and refused.value.code == "too_many_auth_failures"
    assert 55 <= refused.value.retry_after <= 60
    assert not await redis.exists("ratelimit:demo-client:1001", "session:s1:lock")
    await admit(app, admission, JANE, "s1", address="198.51.100.10")  # another address goes on


async def test_the_first_attempt_reads_the_context_and_a_busy_lock_is_retried(app, admission) -> None:
    resources = app.state.resources
    store = resources.store
    await resources.redis.set(store.key("s1"), b'{"stored": true}')
    async with store.lock("s1", prefetch=True, first_attempt=admission.first_attempt(JANE, ADDRESS)) as lock:
        assert lock.prefetched == b'{"stored": true}'
    store.lock_wait = 0.2
    async with store.lock("s1"):
        with pytest.raises(SessionBusyError):  # the first attempt finds the lock taken, the retries too
            await admit(app, admission, JANE, "s1")
    assert await resources.redis.zcard("ratelimit:demo-client:1001") == 2  # counted once per turn, not per try
