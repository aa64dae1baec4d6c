"""The dialogue policy: one handler per intent that needs PF360 or changes the dialogue state."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from app.agent.handlers import control, information, scheduling
from app.agent.handlers.base import Reply, Turn
from app.agent.state import Outcome

Handler = Callable[[Turn], Awaitable[Outcome]]

HANDLERS: dict[str, Handler] = {
    "list_projects": information.list_projects,
    "select_project": information.select_project,
    "get_available_dates": scheduling.get_available_dates,
    "get_time_slots": scheduling.get_time_slots,
    "schedule_appointment": scheduling.schedule_appointment,
    "reschedule_appointment": scheduling.reschedule_appointment,
    "cancel_appointment": scheduling.cancel_appointment,
    "project_details": information.project_details,
    "appointment_status": information.appointment_status,
    "business_hours": information.business_hours,
    "add_note": information.add_note,
    "list_notes": information.list_notes,
    "confirm": control.confirm,
    "deny": control.deny,
}

__all__ = ["HANDLERS", "Handler", "Reply", "Turn"]
