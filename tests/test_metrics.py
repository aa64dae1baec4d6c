"""GET /metrics: Prometheus figures of turns, nodes, tools, clarifications, handoffs,
LLM use and active sessions, in a registry of each app's own."""

from __future__ import annotations

import asyncio
import time

from prometheus_client.parser import text_string_to_metric_families
from redis.exceptions import ConnectionError as RedisConnectionError

from app.chat.schemas import ActionOut, ChatResponse
from app.chat.service import TurnOutcome
from app.llm.base import LLMUsage
from app.metrics import Metrics
from app.sessions.context import SessionContext
from app.sessions.store import ACTIVE_SESSIONS_KEY
from tests.helpers import say
from tests.test_stream import stream_turn


async def scrape(client) -> dict[tuple[str, tuple], float]:
    """`{(sample name, sorted labels): value}` from /metrics."""
    response = await client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=")
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(response.text) for s in family.samples}


async def test_metrics_after_a_few_turns(app, client, auth) -> None:
    headers = auth()
    first = await say(client, headers, "what projects do I have?")
    for _ in range(3):  # unclear three times in a row: two questions, then a person is offered
        await say(client, headers, "uh the thing from before", first["session_id"])
    await say(client, headers, "can I talk to a real person please")
    await stream_turn(app, headers, "what projects do I have?")

    figures = await scrape(client)
    assert figures[("chat_turn_duration_seconds_count", (("endpoint", "chat"),))] == 5
    assert figures[("chat_turn_duration_seconds_count", (("endpoint", "stream"),))] == 1
    assert figures[("chat_turn_duration_seconds_sum", (("endpoint", "chat"),))] > 0
    assert figures[("chat_turns_total", (("endpoint", "chat"), ("intent", "list_projects")))] == 1
    assert figures[("chat_node_duration_seconds_count", (("node", "supervisor"),))] == 6
    assert figures[("chat_node_duration_seconds_count", (("node", "response_generator"),))] == 6
    assert figures[("chat_node_duration_seconds_count", (("node", "clarifier"),))] == 3
    assert figures[("chat_tool_calls_total", (("status", "ok"), ("tool", "list_projects")))] == 2
    assert figures[("chat_clarifications_total", ())] == 2
    assert figures[("chat_handoffs_total", (("reason", "offered"),))] == 1
    assert figures[("chat_handoffs_total", (("reason", "requested"),))] == 1
    assert figures[("llm_calls_total", ())] == 0  # the local provider calls no LLM
    assert figures[("llm_tokens_total", (("direction", "input"),))] == 0
    assert figures[("chat_active_sessions", ())] == 3


def test_llm_calls_and_tokens_are_counted() -> None:
    metrics = Metrics()
    response = ChatResponse(session_id="s", message_id="m", response="ok", intent="get_time_slots", confidence=0.8,
                            needs_clarification=False, quick_replies=[], pending_action=None,
                            actions=[ActionOut(tool="get_time_slots", status="error", error="timeout")],
                            agent_trace=["supervisor"])
    usage = LLMUsage(calls=2, input_tokens=310, output_tokens=42, latency_ms=900)
    metrics.observe_turn(TurnOutcome(response, 1, usage, 950.0, {"supervisor": 1.0}, outcome="tool_error"),
                         endpoint="chat")
    value = metrics.registry.get_sample_value
    assert value("llm_calls_total") == 2
    assert value("llm_tokens_total", {"direction": "input"}) == 310
    assert value("llm_tokens_total", {"direction": "output"}) == 42
    assert value("chat_tool_calls_total", {"tool": "get_time_slots", "status": "error"}) == 1
    assert value("chat_turn_duration_seconds_sum", {"endpoint": "chat"}) == 0.95


def test_each_app_has_its_own_registry() -> None:
    one, two = Metrics(), Metrics()  # the default global registry would refuse the second
    one.clarifications.inc()
    assert one.registry.get_sample_value("chat_clarifications_total") == 1
    assert two.registry.get_sample_value("chat_clarifications_total") == 0


async def test_active_sessions_are_those_with_a_turn_within_the_ttl(app) -> None:
    store, redis = app.state.resources.store, app.state.resources.redis
    await redis.zadd(ACTIVE_SESSIONS_KEY, {"idle-for-an-hour": time.time() - 3600})
    for session_id in ("a", "b", "a", "c"):
        await store.save(SessionContext(session_id=session_id, client_id="demo-client", customer_id="1001"))
    assert await store.count_active() == 3
    assert await redis.zscore(ACTIVE_SESSIONS_KEY, "idle-for-an-hour") is None  # trimmed
    assert 0 < await redis.ttl(ACTIVE_SESSIONS_KEY) <= store.ttl_seconds + 60
    assert await store.delete("c")  # an ended session no longer counts
    assert await store.count_active() == 2


async def test_ending_a_session_takes_it_off_the_gauge(client, auth) -> None:
    headers = auth()
    first = await say(client, headers, "hi there")
    await say(client, headers, "hello again")
    assert (await scrape(client))[("chat_active_sessions", ())] == 2
    assert (await client.delete(f"/api/sessions/{first['session_id']}", headers=headers)).status_code == 204
    assert (await scrape(client))[("chat_active_sessions", ())] == 1


async def test_a_scrape_still_answers_when_redis_fails(app, client, auth, monkeypatch) -> None:
    await say(client, auth(), "hi there")
    assert (await scrape(client))[("chat_active_sessions", ())] == 1

    async def down(*args, **kwargs):
        raise RedisConnectionError("redis is down")

    monkeypatch.setattr(app.state.resources.redis, "zcount", down)
    assert (await scrape(client))[("chat_active_sessions", ())] == 1  # the last value


async def test_the_turn_gate_shows_turns_in_progress_and_waiting(app, client) -> None:
    gate = app.state.resources.chat.gate
    release = asyncio.Event()

    async def turn() -> None:
        async with gate.turn():
            await release.wait()

    tasks = [asyncio.create_task(turn()) for _ in range(gate.slots + 2)]
    try:
        while gate.waiting < 2:
            await asyncio.sleep(0.001)
        busy = await scrape(client)
    finally:
        release.set()
        await asyncio.gather(*tasks)
    idle = await scrape(client)

    assert (busy[("chat_turns_in_progress", ())], busy[("chat_turns_waiting", ())]) == (gate.slots, 2)
    assert (idle[("chat_turns_in_progress", ())], idle[("chat_turns_waiting", ())]) == (0, 0)
