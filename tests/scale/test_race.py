"""Twenty customers say "yes" to the same last free slot at the same moment.

Exactly one booking is made; every other customer is told plainly that the time was
just taken and is offered other days, and PF360 holds one appointment at that slot.
Runs in-process (the sandbox mounted behind the app), on both store kinds.
"""

from __future__ import annotations

import asyncio
import datetime as dt

from sqlalchemy import select

from app.db.models import AppointmentAudit
from app.pf360.timefmt import to_pf360_time
from tests.helpers import PF360_HEADERS, sandbox_client, say

CUSTOMERS = [str(2001 + i) for i in range(20)]
LAST_FREE = "15:00"


def short_day(day: dt.date) -> str:
    """What the assistant's quick replies say for a day ("Tue Nov 24")."""
    return f"{day:%a} {day:%b} {day.day}"


async def book_directly(pf360, project_id: int, customer_id: str, day: dt.date, time: str) -> None:
    """Book a slot through the sandbox's PF360 endpoints (as another channel would)."""
    headers = {**PF360_HEADERS, "customer_id": customer_id}
    base = f"/scheduler/client/demo-client/project/{project_id}"
    dates = await pf360.get(f"{base}/date/{day}/selected/{day}/get-rescheduler-slots", headers=headers)
    request_id = dates.json()["data"]["request_id"]
    booked = await pf360.post(f"{base}/schedule", headers=headers, json={
        "date": day.isoformat(), "time": to_pf360_time(time), "request_id": request_id, "is_chatbot": "false"})
    assert booked.status_code == 200, booked.text


async def free_times(pf360, day: dt.date) -> list[str]:
    base = "/scheduler/client/demo-client/project/90004"
    headers = {**PF360_HEADERS, "customer_id": "1002"}
    dates = await pf360.get(f"{base}/date/{day}/selected/{day}/get-rescheduler-slots", headers=headers)
    request_id = dates.json()["data"]["request_id"]
    slots = await pf360.get(f"{base}/date/{day}/selected/{day}/get-rescheduler-slots", headers=headers,
                            params={"request_id": request_id})
    return slots.json()["data"]["slots"]


async def test_the_last_slot_is_booked_exactly_once(app, client, auth) -> None:
    async with sandbox_client(app) as pf360:
        reset = await pf360.post("/_sandbox/reset", json={"customers": len(CUSTOMERS)}, headers=PF360_HEADERS)
        today = dt.date.fromisoformat(reset.json()["data"]["today"])
        day = today + dt.timedelta(days=2)
        while day.weekday() >= 5:  # a weekday: four slots (08:00, 10:00, 13:00, 15:00)
            day += dt.timedelta(days=1)
        for project_id, customer_id, time in ((90001, "1001", "08:00"), (90003, "1001", "10:00"),
                                              (90004, "1002", "13:00")):
            await book_directly(pf360, project_id, customer_id, day, time)
        assert await free_times(pf360, day) == [to_pf360_time(LAST_FREE)]

    async def pending(customer_id: str) -> str:
        headers = auth(customer_id)
        dates = await say(client, headers, f"what dates are available for ORD-{customer_id}-A?")
        asked = await say(client, headers, f"{short_day(day)} at 3:00 PM please", dates["session_id"])
        assert asked["pending_action"] is not None, asked["response"]
        assert (asked["pending_action"]["date"], asked["pending_action"]["time"]) == (day.isoformat(), LAST_FREE)
        return asked["session_id"]

    sessions = await asyncio.gather(*(pending(c) for c in CUSTOMERS))

    answers = await asyncio.gather(*(
        client.post("/api/chat", json={"session_id": sid, "message": "yes"}, headers=auth(c))
        for c, sid in zip(CUSTOMERS, sessions, strict=True)
    ))
    assert [a.status_code for a in answers] == [200] * len(CUSTOMERS)
    bodies = [a.json() for a in answers]
    won = [b for b in bodies if {"tool": "confirm_appointment", "status": "ok"} in b["actions"]]
    lost = [b for b in bodies if b not in won]
    assert len(won) == 1
    assert len(lost) == len(CUSTOMERS) - 1
    for body in lost:
        assert {"tool": "confirm_appointment", "status": "error", "error": "slot_unavailable"} in body["actions"]
        assert "that time has just been taken" in body["response"]
        assert body["pending_action"] is None
        assert body["quick_replies"], "other times must be offered"
        assert short_day(day) not in body["quick_replies"]  # the day is full now: other days are offered
        assert "nearest open days" in body["response"]

    async with sandbox_client(app) as pf360:
        assert await free_times(pf360, day) == []
        holders = []
        dashboards = await asyncio.gather(*(
            pf360.get(f"/dashboard/get/demo-client/{c}", headers={**PF360_HEADERS, "customer_id": c})
            for c in CUSTOMERS
        ))
        for dashboard in dashboards:
            for project in dashboard.json()["data"]["projects"]:
                if project["order_number"].endswith("-A") and project["date_scheduled"] == day.isoformat():
                    holders.append(project["project_id"])
        assert len(holders) == 1

    async with app.state.resources.sessionmaker() as db:
        audits = (await db.execute(select(AppointmentAudit))).scalars().all()
    assert sorted((a.status, a.error_code) for a in audits) == (
        [("error", "slot_unavailable")] * (len(CUSTOMERS) - 1) + [("ok", None)])
    assert {(a.appointment_date, a.appointment_time) for a in audits} == {(day, LAST_FREE)}
