"""Projects, their details and appointments, business hours, and notes."""

from __future__ import annotations

from app.agent.handlers import scheduling
from app.agent.handlers.base import Reply, Turn, has_appointment
from app.agent.state import Outcome
from app.agent.tool_runner import note_key
from app.sessions.context import DeferredRequest

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


async def list_projects(turn: Turn) -> Outcome:
    """`list_projects`: the projects on the account (always fresh from PF360)."""
    projects = await turn.own_projects(refresh=True)
    if not projects:
        return Outcome("no_projects")
    turn.context.expecting = "project"
    if len(projects) == 1:
        turn.select(projects[0])
    return Outcome("projects", {"projects": projects})


async def select_project(turn: Turn) -> Outcome:
    """`select_project`: pick a project, and resume a request that waited for it."""
    project = await turn.resolve_project()
    turn.select(project)
    deferred = turn.context.deferred
    turn.context.deferred = None
    turn.context.expecting = None
    if deferred is not None and deferred.intent in RESUMABLE:
        turn.intent = deferred.intent
        turn.entities = {**deferred.entities, **{k: v for k, v in turn.entities.items() if k != "project_ref"}}
        return await RESUMABLE[deferred.intent](turn)
    return Outcome("project_selected", {"project": project})


async def project_details(turn: Turn) -> Outcome:
    """`project_details`: status, address, technician, store and dates of one project."""
    project = await turn.resolve_project(purpose="project_details")
    details = await turn.tool("get_project_details", project_ref=str(project.project_id))
    return Outcome("details", {"project": details})


async def appointment_status(turn: Turn) -> Outcome:
    """`appointment_status`: when (or whether) the crew is coming."""
    project = await turn.resolve_project(prefer=has_appointment, purpose="appointment_status")
    appointment = await turn.tool("get_appointment_status", project_id=project.project_id)
    return Outcome("appointment", {"project": project, "appointment": appointment})


async def business_hours(turn: Turn) -> Outcome:
    """`business_hours`: working days and hours, from PF360."""
    hours = await turn.tool("get_business_hours")
    text = turn.message.lower()
    asked = next((day for day in WEEKDAYS if day in text), None)
    if asked is None and (on := turn.entity_date()) is not None:
        asked = WEEKDAYS[on.weekday()]
    return Outcome("hours", {"hours": hours, "day": asked})


async def add_note(turn: Turn) -> Outcome:
    """`add_note`: attach the customer's note to a project (asks for the text if missing)."""
    project = await turn.resolve_project(purpose="add_note")
    note_text = (turn.entities.get("note_text") or "").strip()
    if not note_text:
        turn.context.deferred = DeferredRequest(intent="add_note", entities={"project_ref": str(project.project_id)})
        turn.context.expecting = "note_text"
        raise Reply(Outcome("ask_note_text", {"project": project}))
    key = note_key(turn.ctx.session_id, turn.ctx.turn, note_text)
    note = await turn.tool("add_project_note", project_id=project.project_id, note_text=note_text, idempotency_key=key)
    return Outcome("note_added", {"project": project, "note": note})


async def list_notes(turn: Turn) -> Outcome:
    """`list_notes`: the notes on a project, newest first."""
    project = await turn.resolve_project(purpose="list_notes")
    notes = await turn.tool("list_project_notes", project_id=project.project_id)
    return Outcome("notes", {"project": project, "notes": notes})


#: Requests that can wait for the customer to pick a project, then resume.
RESUMABLE = {
    "get_available_dates": scheduling.get_available_dates,
    "get_time_slots": scheduling.get_time_slots,
    "schedule_appointment": scheduling.schedule_appointment,
    "reschedule_appointment": scheduling.reschedule_appointment,
    "cancel_appointment": scheduling.cancel_appointment,
    "project_details": project_details,
    "appointment_status": appointment_status,
    "add_note": add_note,
    "list_notes": list_notes,
}
