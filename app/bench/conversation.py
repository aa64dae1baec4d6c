"""The scripted conversation each bench session runs, and what it records.

One virtual user is one bulk customer (ids from 2001). It runs conversations one
after the other, each in a new session, sending one message at a time (a person
waits for the answer). A conversation is a realistic mix of 10-12 turns:

    greeting → list projects → available dates → free times on a day → book a time
    → yes → add a note → read the notes → small talk → cancel (if booked) → yes → bye

The day asked for is spread over the month by customer and conversation, the time
is one of the times the assistant offered, so sessions compete for slots the way
customers do (a taken slot is answered plainly, with other times: still a 200).
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from app.bench.http import HttpError, RawClient
from app.turn_timing import TURN_TIMING_HEADER

TIMING_HEADER = TURN_TIMING_HEADER.lower()


@dataclass
class TurnRecord:
    """One message sent: when, to which instance, and what came back."""

    session: SessionRecord | None
    message: str
    started: float
    latency: float
    status: int | str  # HTTP status, or the exception's name when no answer came
    instance: int
    timing: dict[str, float] | None = None
    intent: str | None = None
    tools: tuple[str, ...] = ()


@dataclass
class SessionRecord:
    """A session the bench opened, with what it expects the history to hold.

    `turns` holds (user message, assistant text or None, certain): `certain` is True
    for a 200 (the turn must be in the history exactly once) and False for a request
    that got no answer (it may or may not have been stored, at most once).
    """

    customer_id: str
    session_id: str | None = None
    turns: list[tuple[str, str | None, bool]] = field(default_factory=list)


def parse_timing(value: str | None) -> dict[str, float] | None:
    """`total=1.0;pf360=0.5;...` → {"total": 1.0, "pf360": 0.5, ...}."""
    if not value:
        return None
    parts = {}
    for item in value.split(";"):
        name, _, number = item.partition("=")
        try:
            parts[name.strip()] = float(number)
        except ValueError:
            continue
    return parts


def short_day(day: dt.date) -> str:
    """"Tue Nov 24", as the assistant's quick replies write a day."""
    return f"{day:%a} {day:%b} {day.day}"


def bookable_days(today: dt.date, horizon: int = 30) -> list[dt.date]:
    """Days with slots in the sandbox fixture: tomorrow + 1 … horizon, Sundays excluded."""
    return [today + dt.timedelta(days=o) for o in range(2, horizon + 1)
            if (today + dt.timedelta(days=o)).weekday() != 6]


Send = Callable[[SessionRecord, str], Awaitable[dict[str, Any] | None]]


class VirtualUser:
    """Runs conversations for one customer through `send` until told to stop.

    Args:
        index: the user's number (0-based) — spreads days and times.
        customer_id: the bulk customer.
        order_number: the project the conversations are about (e.g. ORD-2001-A).
        days: the days that can be asked for.
        rng: the user's own random choices (seeded).
    """

    def __init__(self, index: int, customer_id: str, order_number: str, days: list[dt.date],
                 rng: random.Random) -> None:
        self.index = index
        self.customer_id = customer_id
        self.order = order_number
        self.days = days
        self.rng = rng
        self.conversations = 0

    async def conversation(self, send: Send, new_session: Callable[[str], SessionRecord],
                           keep_going: Callable[[], bool]) -> None:
        """One conversation in a new session; stops early when a turn fails or time is up."""
        session = new_session(self.customer_id)
        self.conversations += 1
        order = self.order

        async def say(message: str) -> dict[str, Any] | None:
            if not keep_going():
                return None
            return await send(session, message)

        if await say("hi there") is None:
            return
        if await say("what projects do I have?") is None:
            return
        if await say(f"what dates are available for {order}?") is None:
            return
        day = self.days[(self.index * 7 + self.conversations * 3 + self.rng.randrange(3)) % len(self.days)]
        slots = await say(f"what times are free on {short_day(day)}?")
        if slots is None:
            return
        booked = False
        times = [t for t in slots.get("quick_replies", []) if t.endswith(("AM", "PM"))]
        if times:
            ask = await say(f"{short_day(day)} at {self.rng.choice(times)} please")
            if ask is None:
                return
            if (ask.get("pending_action") or {}).get("tool") in {"confirm_appointment", "reschedule_appointment"}:
                done = await say("yes")
                if done is None:
                    return
                booked = any(a.get("status") == "ok" for a in done.get("actions", []))
        if await say(f"add a note to {order}: the gate code is {1000 + self.rng.randrange(9000)}") is None:
            return
        if await say(f"what notes are on {order}?") is None:
            return
        if await say(self.rng.choice(("thanks, that's helpful", "thank you!", "great, thanks"))) is None:
            return
        if booked:
            cancel = await say(f"cancel my appointment for {order}")
            if cancel is None:
                return
            if (cancel.get("pending_action") or {}).get("tool") == "cancel_appointment":
                if await say("yes") is None:
                    return
        await say("bye")


async def post_turn(
    client: RawClient,
    instance: int,
    session: SessionRecord,
    message: str,
    headers: dict[str, str],
) -> tuple[TurnRecord, dict[str, Any] | None]:
    """POST one message; returns its record and the body of a 200 (else None)."""
    started = time.perf_counter()
    body: dict[str, Any] | None = None
    timing = None
    try:
        answer = await client.request("POST", "/api/chat", headers=headers,
                                      json_body={"session_id": session.session_id, "message": message})
        status: int | str = answer.status
        if status == 200:
            body = answer.json()
            timing = parse_timing(answer.headers.get(TIMING_HEADER))
    except HttpError as error:
        status = error.kind
    latency = time.perf_counter() - started
    record = TurnRecord(session, message, started, latency, status, instance, timing)
    if body is not None:
        if session.session_id is None:
            session.session_id = body["session_id"]
        session.turns.append((message, body["response"], True))
        record.intent = body.get("intent")
        record.tools = tuple(f"{a['tool']}:{a.get('error') or a['status']}" for a in body.get("actions", []))
    elif isinstance(status, str) and session.session_id is not None:
        session.turns.append((message, None, False))  # no answer: it may have been stored
    return record, body
