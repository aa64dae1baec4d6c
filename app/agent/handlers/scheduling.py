"""Finding a day and a time, and booking, moving or cancelling the crew's visit.

Writes never happen here directly: a booking, move or cancellation becomes the
session's `pending_action` and waits for the customer's `confirm` (see `control.py`).
"""

from __future__ import annotations

from datetime import date

from app.agent.handlers.base import Reply, Turn, has_appointment, needs_appointment
from app.agent.state import Outcome
from app.agent.tool_runner import ToolFailed
from app.sessions.context import PendingAction, ProjectSummary

MAX_OFFERED_DATES = 10


def split_time(value: str | None) -> tuple[str | None, tuple[str, str] | None]:
    """Split a `time` entity into an exact "HH:MM" or a range ("HH:MM", "HH:MM")."""
    if not value:
        return None, None
    if "-" in value:
        start, _, end = value.partition("-")
        return None, (start, end)
    return value, None


async def offer_dates(turn: Turn, project: ProjectSummary, *, purpose: str) -> Outcome:
    """Ask PF360 for the open days of `project` and offer them."""
    available = await turn.tool("get_available_dates", project_id=project.project_id, today=turn.today)
    context = turn.context
    context.request_id, context.request_project_id = available.request_id, project.project_id
    context.offered_dates = list(available.dates[:MAX_OFFERED_DATES])
    context.offered_slots, context.slots_date = [], None
    if not available.dates:
        return Outcome("no_dates", {"project": project})
    context.expecting = "date"
    context.deferred = None
    return Outcome("dates", {"project": project, "dates": context.offered_dates, "purpose": purpose})


async def fetch_slots(turn: Turn, project: ProjectSummary, on: date) -> list[str]:
    """Free "HH:MM" times of `project` on `on` (PF360 request id refreshed as needed)."""
    context = turn.context
    request_id = context.request_id if context.request_project_id == project.project_id else None
    slots = await turn.tool(
        "get_time_slots", project_id=project.project_id, on=on, request_id=request_id, today=turn.today
    )
    context.request_id, context.request_project_id = slots.request_id, project.project_id
    return list(slots.slots)


async def offer_slots(turn: Turn, project: ProjectSummary, on: date, window: tuple[str, str] | None) -> Outcome:
    """Offer the free times of a day (within `window` when the customer named one)."""
    slots = await fetch_slots(turn, project, on)
    if window:
        in_window = [s for s in slots if window[0] <= s < window[1]]
        slots = in_window or slots
    context = turn.context
    if not slots:
        return await no_slots(turn, project, on)
    context.offered_slots, context.slots_date, context.expecting = slots, on, "time"
    return Outcome("slots", {"project": project, "date": on, "slots": slots, "window": window})


async def no_slots(turn: Turn, project: ProjectSummary, on: date) -> Outcome:
    """Nothing free that day: offer the nearest open days instead."""
    outcome = await offer_dates(turn, project, purpose="schedule_appointment")
    dates = outcome.data.get("dates", [])
    nearest = sorted(dates, key=lambda d: abs((d - on).days))[:3]
    return Outcome("no_slots", {"project": project, "date": on, "alternatives": sorted(nearest)})


async def get_available_dates(turn: Turn) -> Outcome:
    """`get_available_dates`: the open days of the project in question."""
    project = await turn.resolve_project(prefer=needs_appointment, purpose="get_available_dates")
    return await offer_dates(turn, project, purpose="schedule_appointment")


async def get_time_slots(turn: Turn) -> Outcome:
    """`get_time_slots`: the free times of a day (asks for the day first if none is named)."""
    project = await turn.resolve_project(prefer=needs_appointment, purpose="get_time_slots")
    on = turn.entity_date()
    if on is None:
        return await offer_dates(turn, project, purpose="schedule_appointment")
    _, window = split_time(turn.entities.get("time"))
    return await offer_slots(turn, project, on, window)


async def schedule_appointment(turn: Turn) -> Outcome:
    """`schedule_appointment`: book (or, when one exists, move) the crew's visit."""
    return await _plan_booking(turn, reschedule=False)


async def reschedule_appointment(turn: Turn) -> Outcome:
    """`reschedule_appointment`: move the existing appointment."""
    return await _plan_booking(turn, reschedule=True)


async def _plan_booking(turn: Turn, *, reschedule: bool) -> Outcome:
    prefer = has_appointment if reschedule else needs_appointment
    project = await turn.resolve_project(prefer=prefer, purpose=turn.intent)
    current = await turn.tool("get_appointment_status", project_id=project.project_id)
    on = turn.entity_date()
    exact, window = split_time(turn.entities.get("time"))
    context = turn.context
    if on is None and exact and context.slots_date and context.selected_project_id == project.project_id:
        on = context.slots_date
    if on is None:
        outcome = await offer_dates(turn, project, purpose=turn.intent)
        outcome.data["current"] = current
        return outcome
    if exact is None:
        return await offer_slots(turn, project, on, window)
    if on <= turn.today:
        raise Reply(Outcome("date_in_past", {"project": project, "date": on}))
    slots = await fetch_slots(turn, project, on)
    if exact not in slots:
        if not slots:
            return await no_slots(turn, project, on)
        context.offered_slots, context.slots_date, context.expecting = slots, on, "time"
        return Outcome("slot_unavailable", {"project": project, "date": on, "time": exact, "slots": slots})
    tool = "reschedule_appointment" if current is not None else "confirm_appointment"
    context.pending_action = PendingAction(
        tool=tool, project_id=project.project_id, date=on, time=exact, proposed_turn=turn.ctx.turn
    )
    context.expecting, context.deferred = "confirmation", None
    return Outcome(
        "confirm_booking",
        {"project": project, "date": on, "time": exact, "current": current, "asked_reschedule": reschedule},
    )


async def cancel_appointment(turn: Turn) -> Outcome:
    """`cancel_appointment`: propose cancelling the existing appointment (waits for a yes)."""
    project = await turn.resolve_project(prefer=has_appointment, purpose="cancel_appointment")
    current = await turn.tool("get_appointment_status", project_id=project.project_id)
    if current is None:
        return Outcome("no_appointment", {"project": project, "purpose": "cancel_appointment"})
    turn.context.pending_action = PendingAction(
        tool="cancel_appointment",
        project_id=project.project_id,
        date=current.date,
        time=current.time,
        proposed_turn=turn.ctx.turn,
    )
    turn.context.expecting, turn.context.deferred = "confirmation", None
    return Outcome("confirm_cancel", {"project": project, "current": current})


async def offer_other_times(turn: Turn, project: ProjectSummary, on: date | None) -> Outcome | None:
    """After a slot was taken by someone else: the remaining times that day, if PF360 answers."""
    if on is None:
        return None
    try:
        return await offer_slots(turn, project, on, None)
    except ToolFailed:
        return None
