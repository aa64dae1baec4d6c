"""Rate limits on Redis (real or the in-process stand-in): failed authentications per
client address, messages per customer; a Redis failure is 503, never 500."""

from __future__ import annotations

import httpx
import pytest

from app.chat.admission import TurnAdmission
from app.security.limits import AuthFailureGuard
from app.sessions.store import create_redis
from tests.security.support import bearer, settings_with, signed

FORGED = signed("forged-key-of-sufficient-length-0123456789abcdef")
MESSAGE = {"message": "what projects do I have?"}


@pytest.fixture
def settings(settings):
    return settings_with(settings, auth_failure_limit=3, auth_failure_window_seconds=120, rate_limit_messages=2)


def client_at(app, address: str) -> httpx.AsyncClient:
    """A client of `app` calling from `address`."""
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app, client=(address, 40000)), base_url="http://test")


async def test_failed_sign_ins_block_the_address_before_its_token_is_checked(app, auth, pf360_calls) -> None:
    async with client_at(app, "203.0.113.7") as attacker, client_at(app, "198.51.100.2") as neighbour:
        for token in (FORGED, "not-a-jwt", None):
            headers = bearer(token) if token else {}
            assert (await attacker.post("/api/chat", json=MESSAGE, headers=headers)).status_code == 401

        blocked = await attacker.post("/api/chat", json=MESSAGE, headers=auth())  # even a valid token
        assert blocked.status_code == 429
        assert blocked.json()["error"]["code"] == "too_many_auth_failures"
        assert 1 <= int(blocked.headers["retry-after"]) <= 120
        assert (await attacker.get("/api/sessions/x/history", headers=auth())).status_code == 429
        assert pf360_calls.calls == []

        assert (await neighbour.post("/api/chat", json=MESSAGE, headers=auth())).status_code == 200


async def test_the_block_lifts_when_failures_leave_the_window(app, auth) -> None:
    redis = app.state.resources.redis
    guard = AuthFailureGuard(redis, limit=2, window_seconds=60)
    for _ in range(2):
        await guard.record_failure("192.0.2.1")
    assert 55 <= await guard.retry_after("192.0.2.1") <= 60
    key = guard.key("192.0.2.1")
    oldest = await redis.zrange(key, 0, 0, withscores=True)
    await redis.zadd(key, {oldest[0][0]: oldest[0][1] - 61})  # as if recorded 61 s earlier
    assert await guard.retry_after("192.0.2.1") is None


async def test_too_many_messages_from_one_customer_is_429_with_retry_after(client, auth) -> None:
    for _ in range(2):
        assert (await client.post("/api/chat", json=MESSAGE, headers=auth("1001"))).status_code == 200
    limited = await client.post("/api/chat", json=MESSAGE, headers=auth("1001"))
    assert limited.status_code == 429
    assert limited.json()["error"]["code"] == "rate_limited"
    assert int(limited.headers["retry-after"]) >= 1
    assert (await client.post("/api/chat", json=MESSAGE, headers=auth("1002"))).status_code == 200


@pytest.fixture
async def dead_redis():
    """A Redis client of a port nobody listens on: every command fails to connect."""
    client = create_redis("redis://127.0.0.1:1/0")
    yield client
    await client.aclose()


@pytest.mark.parametrize("broken, token, path", [
    ("auth-guard", "forged", "/api/chat"),  # a failed token is counted before the turn
    ("auth-guard", "valid", "/api/sessions/x/history"),  # other endpoints check the address first
    ("turn-admission", "valid", "/api/chat"),  # a turn checks address, rate and lock in one go
])
async def test_redis_down_is_503_never_500(app, client, auth, monkeypatch, dead_redis, broken, token, path) -> None:
    resources = app.state.resources
    if broken == "auth-guard":
        monkeypatch.setattr(resources, "guard", AuthFailureGuard(dead_redis, limit=3, window_seconds=60))
    else:
        admission = resources.admission
        monkeypatch.setattr(resources, "admission", TurnAdmission(dead_redis, guard=admission.guard,
                                                                  limiter=admission.limiter))
    headers = auth() if token == "valid" else bearer(FORGED)
    if path == "/api/chat":
        response = await client.post(path, json=MESSAGE, headers=headers)
    else:
        response = await client.get(path, headers=headers)
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "store_unavailable"
    assert response.headers["retry-after"]
