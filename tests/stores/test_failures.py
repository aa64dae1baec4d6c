"""Stores and PF360 failing: a turn is all or nothing, the client is told to retry,
and the service recovers without a restart. Each test runs its own Redis/PostgreSQL."""

from __future__ import annotations

import asyncio
import time
from contextlib import asynccontextmanager

import httpx
import pytest
from sqlalchemy import func, select

from app.auth.tokens import issue_token
from app.config import Settings
from app.db.migrations import upgrade_head
from app.db.models import AppointmentAudit, ChatMessage
from app.main import create_app
from app.scenarios import hhmm_24
from tests.helpers import PF360_HEADERS, pf360_appointment, sandbox_client, say
from tests.stores.servers import OwnPostgres, OwnRedis


@asynccontextmanager
async def running(settings: Settings):
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
            yield app, client


def make_settings(tmp_path, *, database_url: str, redis_url: str | None, **extra) -> Settings:
    return Settings(environment="test", database_url=database_url, redis_url=redis_url,
                    pf360_sandbox_database_url=f"sqlite+aiosqlite:///{tmp_path / 'sandbox.db'}",
                    rate_limit_messages=1000, **extra)


async def stored_messages(app, session_id: str) -> int:
    async with app.state.resources.sessionmaker() as db:
        return await db.scalar(select(func.count()).select_from(ChatMessage).where(ChatMessage.session_id == session_id))


@pytest.fixture
def headers(stores) -> dict[str, str]:
    return {"Authorization": f"Bearer {issue_token(Settings(), customer_id='1001', client_id='demo-client')}"}


@pytest.fixture
def own_redis():
    server = OwnRedis().start()
    yield server
    server.close()


async def test_redis_killed_between_turns(tmp_path, stores, own_redis, headers) -> None:
    async with running(make_settings(tmp_path, database_url=stores.database_url, redis_url=own_redis.url)) as (app, client):
        session_id = (await say(client, headers, "what projects do I have?"))["session_id"]
        await say(client, headers, "the deck one", session_id)
        own_redis.kill()
        started = time.monotonic()
        down = await client.post("/api/chat", json={"session_id": session_id, "message": "when is my appointment?"},
                                 headers=headers)
        assert down.status_code == 503
        assert time.monotonic() - started < 2.0
        assert int(down.headers["retry-after"]) > 0
        assert down.json()["error"]["code"] == "store_unavailable"
        assert await stored_messages(app, session_id) == 4
        ready = await client.get("/api/readyz")
        assert ready.status_code == 503 and ready.json()["checks"]["redis"] != "ok"
        own_redis.start()
        again = await say(client, headers, "when is my appointment?", session_id)
        assert "Deck repair" in again["response"]  # the context (selected project) survived
        assert await stored_messages(app, session_id) == 6


async def test_redis_dies_in_the_middle_of_a_turn(tmp_path, stores, own_redis, headers) -> None:
    settings = make_settings(tmp_path, database_url=stores.database_url, redis_url=own_redis.url,
                             session_lock_timeout_seconds=2, session_lock_wait_seconds=0.5)
    async with running(settings) as (app, client):
        session_id = (await say(client, headers, "what projects do I have?"))["session_id"]
        before = await app.state.resources.store.load(session_id)
        async with sandbox_client(app) as pf360:
            await pf360.put("/_sandbox/faults", json={"latency_ms": 600}, headers=PF360_HEADERS)
        turn = asyncio.create_task(client.post(
            "/api/chat", json={"session_id": session_id, "message": "what notes are on the deck project?"},
            headers=headers))
        await asyncio.sleep(0.3)
        own_redis.kill()
        response = await turn
        assert response.status_code == 503
        assert await stored_messages(app, session_id) == 2  # nothing of the failed turn
        async with sandbox_client(app) as pf360:
            await pf360.put("/_sandbox/faults", json={"latency_ms": 0}, headers=PF360_HEADERS)
        own_redis.start()
        assert await app.state.resources.store.load(session_id) == before
        # The dead turn's lock outlives the restart until its lifetime ends: the client is told
        # to retry (429 + Retry-After), never served a half-updated session.
        for _ in range(10):
            retried = await client.post("/api/chat", headers=headers,
                                        json={"session_id": session_id, "message": "what notes are on the deck project?"})
            if retried.status_code != 429:
                break
            await asyncio.sleep(int(retried.headers["retry-after"]))
        assert retried.status_code == 200, retried.text
        assert retried.json()["intent"] == "list_notes"
        assert await stored_messages(app, session_id) == 4


async def test_a_redis_that_stops_answering_fails_the_turn_fast(tmp_path, stores, own_redis, headers) -> None:
    settings = make_settings(tmp_path, database_url=stores.database_url, redis_url=own_redis.url,
                             session_lock_timeout_seconds=2)
    async with running(settings) as (app, client):
        session_id = (await say(client, headers, "what projects do I have?"))["session_id"]
        own_redis.pause()  # the port stays open; commands are accepted and never answered
        try:
            started = time.monotonic()
            stuck = await client.post("/api/chat", json={"session_id": session_id, "message": "the deck one"},
                                      headers=headers)
            turn_seconds = time.monotonic() - started
            ready = await client.get("/api/readyz")
            ready_seconds = time.monotonic() - started - turn_seconds
        finally:
            own_redis.resume()
        assert stuck.status_code == 503 and stuck.json()["error"]["code"] == "store_unavailable"
        assert turn_seconds < 4 and ready_seconds < 4
        assert ready.status_code == 503 and ready.json()["checks"]["redis"] != "ok"
        assert await stored_messages(app, session_id) == 2
        # Redis ran the timed-out admission when it woke up (it held the lock until its
        # lifetime ran out): the client is told to retry, then the session goes on.
        for _ in range(10):
            again = await client.post("/api/chat", json={"session_id": session_id, "message": "the deck one"},
                                      headers=headers)
            if again.status_code != 429:
                break
            await asyncio.sleep(int(again.headers["retry-after"]))
        assert again.status_code == 200, again.text
        assert await stored_messages(app, session_id) == 4


@asynccontextmanager
async def running_on_own_postgres(tmp_path):
    """The app on a throw-away PostgreSQL (migrated) and the in-process Redis stand-in."""
    server = OwnPostgres().start()
    try:
        settings = make_settings(tmp_path, database_url=server.url, redis_url=None)
        await asyncio.to_thread(upgrade_head, settings)
        async with running(settings) as (app, client):
            yield server, app, client
    finally:
        server.close()


async def test_postgres_down_answers_503_and_recovers(tmp_path, headers) -> None:
    async with running_on_own_postgres(tmp_path) as (server, app, client):
        session_id = (await say(client, headers, "what projects do I have?"))["session_id"]
        before = await app.state.resources.store.load(session_id)
        await asyncio.to_thread(server.stop)
        down = await client.post("/api/chat", json={"session_id": session_id, "message": "the deck one"},
                                 headers=headers)
        assert down.status_code == 503 and "retry-after" in down.headers
        assert await app.state.resources.store.load(session_id) == before  # the context did not move
        history = await client.get(f"/api/sessions/{session_id}/history", headers=headers)
        assert history.status_code == 503
        await asyncio.to_thread(server.start)
        await say(client, headers, "the deck one", session_id)
        assert await stored_messages(app, session_id) == 4


async def test_a_database_restart_between_turns_costs_no_turn(tmp_path, headers) -> None:
    """Pooled connections are not pinged: the first turn after a restart meets a dead
    connection, and the service sends its write again on a fresh one, once."""
    async with running_on_own_postgres(tmp_path) as (server, app, client):
        session_id = (await say(client, headers, "what projects do I have?"))["session_id"]
        await asyncio.to_thread(server.stop)
        await asyncio.to_thread(server.start)
        body = await say(client, headers, "the deck one", session_id)
        assert body["intent"] == "select_project"
        assert await stored_messages(app, session_id) == 4
        history = await client.get(f"/api/sessions/{session_id}/history", headers=headers)
        assert history.status_code == 200
        assert [m["text"] for m in history.json()["messages"]][2] == "the deck one"


async def test_slow_pf360_still_answers_within_the_turn_budget(tmp_path, stores, headers) -> None:
    settings = make_settings(tmp_path, database_url=stores.database_url, redis_url=stores.redis_url,
                             pf360_timeout_seconds=0.5, pf360_turn_budget_seconds=1.5)
    async with running(settings) as (app, client):
        await say(client, headers, "hi")  # learns the client's time zone while PF360 is healthy
        async with sandbox_client(app) as pf360:
            await pf360.put("/_sandbox/faults", json={"timeout_rate": 1.0, "timeout_seconds": 30},
                            headers=PF360_HEADERS)
        started = time.monotonic()
        body = await say(client, headers, "what projects do I have?")
        assert time.monotonic() - started < 3
        assert body["actions"] == [{"tool": "list_projects", "status": "error", "error": "timeout"}]
        assert "sorry" in body["response"].lower()


async def free_slots(app, project_id: int, day: str) -> list[str]:
    """The free times PF360 offers for a project on a day."""
    base = f"/scheduler/client/demo-client/project/{project_id}/date"
    async with sandbox_client(app) as pf360:
        dates = await pf360.get(f"{base}/{day}/selected/{day}/get-rescheduler-slots", headers=PF360_HEADERS)
        request_id = dates.json()["data"]["request_id"]
        slots = await pf360.get(f"{base}/{day}/selected/{day}/get-rescheduler-slots",
                                params={"request_id": request_id}, headers=PF360_HEADERS)
    return slots.json()["data"]["slots"]


async def test_booking_that_times_out_after_commit_is_retried_once(tmp_path, stores, headers) -> None:
    settings = make_settings(tmp_path, database_url=stores.database_url, redis_url=stores.redis_url,
                             pf360_timeout_seconds=0.5)
    async with running(settings) as (app, client):
        listed = await say(client, headers, "I'd like to schedule my deck repair")
        sid = listed["session_id"]
        slots = await say(client, headers, listed["quick_replies"][0], sid)
        ask = await say(client, headers, slots["quick_replies"][0], sid)
        pending = ask["pending_action"]
        assert pending["tool"] == "confirm_appointment"
        async with sandbox_client(app) as pf360:
            await pf360.put("/_sandbox/faults", json={"hang_after_commit": True, "timeout_seconds": 3},
                            headers=PF360_HEADERS)
        done = await say(client, headers, "yes", sid)
        assert done["actions"][-1] == {"tool": "confirm_appointment", "status": "ok"}
        async with sandbox_client(app) as pf360:
            await pf360.put("/_sandbox/faults", json={"hang_after_commit": False}, headers=PF360_HEADERS)
        booked = await pf360_appointment(app, 90003)
        assert (booked["date"], hhmm_24(booked["time"])) == (pending["date"], pending["time"])
        assert booked["time"] not in await free_slots(app, 90001, pending["date"])  # taken, exactly once
        async with app.state.resources.sessionmaker() as db:
            audits = (await db.execute(select(AppointmentAudit).where(AppointmentAudit.session_id == sid))).scalars().all()
        assert [(a.tool, a.status, a.project_id) for a in audits] == [("confirm_appointment", "ok", 90003)]


async def test_yes_again_after_a_failed_write_books_once(app, client, auth) -> None:
    headers = auth()
    first = await say(client, headers, "I'd like to schedule my deck repair")
    sid = first["session_id"]
    slots = await say(client, headers, first["quick_replies"][0], sid)
    ask = await say(client, headers, slots["quick_replies"][0], sid)
    assert ask["pending_action"]["tool"] == "confirm_appointment"
    async with sandbox_client(app) as pf360:
        await pf360.put("/_sandbox/faults", json={"error_rate": 1.0}, headers=PF360_HEADERS)
    failed = await say(client, headers, "yes", sid)
    assert failed["actions"][-1]["status"] == "error"
    assert failed["pending_action"] == ask["pending_action"]  # still waiting: yes again retries safely
    async with sandbox_client(app) as pf360:
        await pf360.put("/_sandbox/faults", json={"error_rate": 0.0}, headers=PF360_HEADERS)
    done = await say(client, headers, "yes", sid)
    assert done["actions"][-1] == {"tool": "confirm_appointment", "status": "ok"}
    assert done["pending_action"] is None
    booked = await pf360_appointment(app, 90003)
    assert booked["date"] == ask["pending_action"]["date"]
    async with app.state.resources.sessionmaker() as db:
        audits = (await db.execute(select(AppointmentAudit).where(AppointmentAudit.session_id == sid)
                                   .order_by(AppointmentAudit.turn))).scalars().all()
    assert [a.status for a in audits] == ["error", "ok"]
    assert audits[0].idempotency_key == audits[1].idempotency_key
