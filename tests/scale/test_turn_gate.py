"""The turn gate: at most MAX_ACTIVE_TURNS turns in progress per process, the rest in line;
a turn awaiting PF360 does not count (app/turn_gate.py)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest

from app.config import Settings
from app.turn_gate import TurnGate, stepping_out
from tests.helpers import PF360_HEADERS, sandbox_client, say


async def _wait_until(condition, timeout: float = 2.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        await asyncio.sleep(0.001)


async def test_turns_beyond_the_bound_wait_in_line_and_start_in_arrival_order() -> None:
    gate = TurnGate(2)
    started: list[int] = []
    running = 0
    most = 0
    release = asyncio.Event()

    async def turn(n: int) -> None:
        nonlocal running, most
        async with gate.turn():
            started.append(n)
            running += 1
            most = max(most, running)
            await release.wait()
            running -= 1

    tasks = []
    for n in range(6):
        tasks.append(asyncio.create_task(turn(n)))
        await asyncio.sleep(0)  # arrive one after the other
    await _wait_until(lambda: len(started) == 2)
    assert gate.waiting == 4
    release.set()
    await asyncio.gather(*tasks)

    assert started == [0, 1, 2, 3, 4, 5]
    assert most == 2
    assert gate.active == 0 and gate.waiting == 0


async def test_a_turn_back_from_a_remote_call_goes_before_turns_that_have_not_started() -> None:
    gate = TurnGate(1)
    order: list[str] = []
    remote_done, b_done = asyncio.Event(), asyncio.Event()

    async def a() -> None:
        async with gate.turn():
            order.append("a starts")
            async with stepping_out():  # e.g. a PF360 call: b may use the process meanwhile
                await remote_done.wait()
            order.append("a back")

    async def b() -> None:
        async with gate.turn():
            order.append("b starts")
            await b_done.wait()

    async def c() -> None:
        async with gate.turn():
            order.append("c starts")

    task_a = asyncio.create_task(a())
    await _wait_until(lambda: order == ["a starts"])
    task_b = asyncio.create_task(b())
    await _wait_until(lambda: order == ["a starts", "b starts"])
    task_c = asyncio.create_task(c())
    await asyncio.sleep(0.01)
    remote_done.set()  # a is back and waits for b, in front of c
    await asyncio.sleep(0.01)
    assert order == ["a starts", "b starts"]
    b_done.set()
    await asyncio.gather(task_a, task_b, task_c)

    assert order == ["a starts", "b starts", "a back", "c starts"]
    assert gate.active == 0


async def test_a_turn_cancelled_while_in_line_holds_nothing() -> None:
    gate = TurnGate(1)
    hold = asyncio.Event()

    async def holder() -> None:
        async with gate.turn():
            await hold.wait()

    first = asyncio.create_task(holder())
    await _wait_until(lambda: gate.active == 1)
    waiting = asyncio.create_task(holder())
    await _wait_until(lambda: gate.waiting == 1)
    waiting.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiting
    hold.set()
    await first

    assert gate.active == 0 and gate.waiting == 0
    async with asyncio.timeout(1):  # the slot is free again
        async with gate.turn():
            assert gate.active == 1


def test_a_gate_needs_a_slot() -> None:
    with pytest.raises(ValueError):
        TurnGate(0)


@asynccontextmanager
async def pf360_latency(app, milliseconds: int) -> AsyncIterator[None]:
    """The in-process sandbox answers every call `milliseconds` late within the block."""
    async with sandbox_client(app) as pf360:
        response = await pf360.put("/_sandbox/faults", json={"latency_ms": milliseconds}, headers=PF360_HEADERS)
        response.raise_for_status()
        try:
            yield
        finally:
            await pf360.put("/_sandbox/faults", json={"latency_ms": 0}, headers=PF360_HEADERS)


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"max_active_turns": 1})


async def test_a_turn_awaiting_pf360_does_not_hold_up_another_session(app, client, auth) -> None:
    """One slot per process, PF360 answering in 1.5 s: a small-talk turn of another
    customer is answered while the first turn still waits for PF360."""
    jane, john = await say(client, auth("1001"), "hello"), await say(client, auth("1002"), "hello")
    async with pf360_latency(app, 1500):
        started = time.perf_counter()
        slow = asyncio.create_task(say(client, auth("1001"), "show my projects", jane["session_id"]))
        await asyncio.sleep(0.3)  # Jane's turn now waits for PF360
        quick = await say(client, auth("1002"), "thanks", john["session_id"])
        quick_seconds = time.perf_counter() - started
        assert not slow.done()
        listed = await slow

    assert quick["actions"] == []
    assert quick_seconds < 1.2
    assert [a["tool"] for a in listed["actions"]] == ["list_projects"]
    assert app.state.resources.chat.gate.active == 0


async def test_a_message_waiting_for_its_session_does_not_hold_a_slot(app, client, auth) -> None:
    """One slot per process. Jane's first message holds her session while PF360 answers
    slowly; her second waits for the session outside the gate, so John is answered at
    once and Jane's first message gets its slot back when PF360 answers."""
    jane, john = await say(client, auth("1001"), "hello"), await say(client, auth("1002"), "hello")
    async with pf360_latency(app, 1000):
        started = time.perf_counter()
        first = asyncio.create_task(say(client, auth("1001"), "show my projects", jane["session_id"]))
        await asyncio.sleep(0.3)  # Jane's session is held while PF360 answers
        second = asyncio.create_task(say(client, auth("1001"), "thanks", jane["session_id"]))
        await asyncio.sleep(0.1)  # her second message waits for the session
        quick = await say(client, auth("1002"), "thanks", john["session_id"])
        quick_seconds = time.perf_counter() - started
        listed, thanked = await asyncio.gather(first, second)
        all_seconds = time.perf_counter() - started

    assert quick["actions"] == [] and quick_seconds < 0.9
    assert [a["tool"] for a in listed["actions"]] == ["list_projects"]
    assert thanked["actions"] == []
    assert all_seconds < 3  # not the session lock's wait (10 s): nobody was stuck
    assert app.state.resources.chat.gate.active == 0
