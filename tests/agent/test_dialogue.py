"""The dialogue through the real graph, classifier and sandbox: writes wait for a yes,
context-dependent answers resolve, other customers' projects are never touched."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from tests.helpers import pf360_appointment, say

WRITES = {"confirm_appointment", "reschedule_appointment", "cancel_appointment"}


def next_weekday(days_ahead: int = 3) -> date:
    day = datetime.now(ZoneInfo("America/New_York")).date() + timedelta(days=days_ahead)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def spoken(day: date) -> str:
    return f"{day:%B} {day.day}"


def tools(body: dict) -> list[str]:
    return [a["tool"] for a in body["actions"]]


async def test_booking_waits_for_yes_then_books_once(app, client, auth) -> None:
    day = next_weekday()
    headers = auth("1001")
    ask = await say(client, headers, f"book my flooring installation for {spoken(day)} at 10am")
    assert ask["pending_action"] == {"tool": "confirm_appointment", "project_id": 90001,
                                     "date": day.isoformat(), "time": "10:00"}
    assert not WRITES & set(tools(ask))
    assert await pf360_appointment(app, 90001) is None
    done = await say(client, headers, "yes", ask["session_id"])
    assert tools(done)[-1] == "confirm_appointment" and done["actions"][-1]["status"] == "ok"
    assert done["pending_action"] is None
    booked = await pf360_appointment(app, 90001)
    assert booked["date"] == day.isoformat() and booked["time"] == "10:00 AM"
    again = await say(client, headers, "yes", ask["session_id"])
    assert not WRITES & set(tools(again))


async def test_no_drops_the_pending_write(app, client, auth) -> None:
    ask = await say(client, auth(), "please cancel my windows appointment")
    assert ask["pending_action"]["tool"] == "cancel_appointment"
    no = await say(client, auth(), "no", ask["session_id"])
    assert no["pending_action"] is None and not WRITES & set(tools(no))
    assert await pf360_appointment(app, 90002) is not None


async def test_a_pick_from_the_list_resolves_against_it(client, auth) -> None:
    listed = await say(client, auth(), "what projects do I have?")
    picked = await say(client, auth(), "the third one", listed["session_id"])
    assert picked["intent"] == "select_project"
    assert "ORD-1001-C" in picked["response"]


async def test_dates_then_a_day_then_a_time_then_yes(app, client, auth) -> None:
    headers = auth()
    first = await say(client, headers, "I'd like to schedule my deck repair")
    assert "get_available_dates" in tools(first)
    sid = first["session_id"]
    day = next_weekday()
    slots = await say(client, headers, spoken(day), sid)
    assert "get_time_slots" in tools(slots), slots
    chosen = await say(client, headers, "1pm", sid)
    assert chosen["pending_action"]["tool"] == "confirm_appointment"
    assert chosen["pending_action"]["time"] == "13:00"
    await say(client, headers, "yes", sid)
    assert (await pf360_appointment(app, 90003))["time"] == "01:00 PM"


async def test_another_customers_project_never_reaches_pf360(app, client, auth) -> None:
    day = next_weekday()
    body = await say(client, auth("1001"), f"book project 90004 for {spoken(day)} at 10am")
    assert body["pending_action"] is None
    assert "90004" in body["response"]
    assert all(a["tool"] == "list_projects" for a in body["actions"])
    yes = await say(client, auth("1001"), "yes", body["session_id"])
    assert not WRITES & set(tools(yes))
    assert await pf360_appointment(app, 90004) is None


async def test_unclear_messages_clarify_then_offer_a_person(client, auth) -> None:
    sid = None
    for _ in range(2):
        body = await say(client, auth(), "uh the thing from before", sid)
        sid = body["session_id"]
        assert body["needs_clarification"] and body["actions"] == [] and len(body["quick_replies"]) >= 2
    third = await say(client, auth(), "uh the thing from before", sid)
    assert third["needs_clarification"]
    assert "person" in third["response"].lower()


async def test_moving_an_appointment_frees_the_old_slot(app, client, auth) -> None:
    before = await pf360_appointment(app, 90002)
    day = next_weekday(4)
    ask = await say(client, auth(), f"move my windows appointment to {spoken(day)} at 3pm")
    assert ask["pending_action"]["tool"] == "reschedule_appointment"
    await say(client, auth(), "yes", ask["session_id"])
    after = await pf360_appointment(app, 90002)
    assert (after["date"], after["time"]) == (day.isoformat(), "03:00 PM")
    assert (after["date"], after["time"]) != (before["date"], before["time"])


async def test_a_note_without_text_is_asked_for(app, client, auth) -> None:
    ask = await say(client, auth(), "I want to add a note to the deck repair")
    assert "add_project_note" not in tools(ask)
    added = await say(client, auth(), "please park in the back, the dog is friendly", ask["session_id"])
    assert "add_project_note" in tools(added)
    notes = await say(client, auth(), "what notes are on the deck project?", ask["session_id"])
    assert "park in the back" in notes["response"]
