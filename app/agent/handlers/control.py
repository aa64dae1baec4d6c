"""The customer's yes or no to a pending write, and the PF360 write itself."""

from __future__ import annotations

from app.agent.handlers.base import Turn
from app.agent.handlers.scheduling import offer_other_times
from app.agent.state import Outcome
from app.agent.tool_runner import ToolFailed, idempotency_key

#: Errors after which the write certainly did not happen: the pending action is dropped.
FINAL_WRITE_ERRORS = {"slot_unavailable", "not_found", "no_appointment", "invalid_request_id", "forbidden"}


async def confirm(turn: Turn) -> Outcome:
    """`confirm`: execute the pending write with its idempotency key.

    A timeout or PF360 outage keeps the action pending (saying yes again retries with
    the same key, so it can never book twice); a taken slot drops it and offers the
    day's other times.
    """
    pending = turn.context.pending_action
    if pending is None:
        return Outcome("nothing_to_confirm")
    await turn.own_projects()
    project = turn.context.project(pending.project_id)
    if project is None:  # not the caller's (the context was tampered with or the project left the account)
        turn.context.pending_action = None
        return Outcome("project_not_found", {"ref": str(pending.project_id)})
    key = idempotency_key(turn.ctx.session_id, pending, pending.proposed_turn)
    record = {
        "tool": pending.tool,
        "project_id": pending.project_id,
        "date": pending.date.isoformat() if pending.date else None,
        "time": pending.time,
        "idempotency_key": key,
    }
    try:
        if pending.tool == "cancel_appointment":
            result = await turn.tool("cancel_appointment", project_id=pending.project_id, idempotency_key=key)
        else:
            request_id = turn.context.request_id if turn.context.request_project_id == pending.project_id else None
            result = await turn.tool(
                pending.tool,
                project_id=pending.project_id,
                on=pending.date,
                at=pending.time,
                request_id=request_id,
                today=turn.today,
                idempotency_key=key,
            )
    except ToolFailed as failure:
        turn.writes.append({**record, "status": "error", "error_code": failure.code})
        if failure.code not in FINAL_WRITE_ERRORS:
            turn.context.expecting = "confirmation"
            return Outcome("write_failed_retryable", {"pending": pending, "project": project, "code": failure.code})
        turn.context.pending_action = None
        turn.context.expecting = None
        alternatives = None
        if failure.code == "slot_unavailable" and project is not None:
            alternatives = await offer_other_times(turn, project, pending.date)
        return Outcome(
            "write_refused",
            {"pending": pending, "project": project, "code": failure.code, "alternatives": alternatives},
        )
    turn.writes.append({**record, "status": "ok", "error_code": None})
    turn.context.pending_action = None
    turn.context.expecting = None
    turn.context.offered_dates, turn.context.offered_slots, turn.context.slots_date = [], [], None
    turn.context.listed_projects = []  # their status changed: read them again when next needed
    kind = {"confirm_appointment": "booked", "reschedule_appointment": "rescheduled"}.get(pending.tool, "cancelled")
    return Outcome(kind, {"project": project, "appointment": result})


async def deny(turn: Turn) -> Outcome:
    """`deny`: drop the pending write (or whatever was being asked)."""
    pending = turn.context.pending_action
    turn.context.pending_action = None
    turn.context.deferred = None
    turn.context.expecting = None
    if pending is None:
        return Outcome("denied_nothing_pending")
    return Outcome("pending_dropped", {"pending": pending, "project": turn.context.project(pending.project_id)})
