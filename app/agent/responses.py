"""Response templates: plain, short words for every outcome, plus quick replies.

Text comes from templates over tool results (deterministic, no LLM call). Quick
replies are phrased so that, sent back as the next message, they classify as meant.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from app.agent.state import Outcome

Rendered = tuple[str, list[str]]

#: Quick-reply text for each intent the clarifier may offer.
INTENT_CHOICES = {
    "list_projects": "Show my projects",
    "select_project": "Pick a project",
    "get_available_dates": "What dates are available?",
    "get_time_slots": "What times are free?",
    "schedule_appointment": "Book an appointment",
    "reschedule_appointment": "Reschedule my appointment",
    "cancel_appointment": "Cancel my appointment",
    "project_details": "Project details",
    "appointment_status": "When is my appointment?",
    "business_hours": "What are your hours?",
    "add_note": "Add a note for the crew",
    "list_notes": "Show my notes",
    "help": "What can you do?",
    "human_agent": "Talk to a person",
}
DEFAULT_CHOICES = ("Show my projects", "Book an appointment", "When is my appointment?")

ERROR_WORDS = {
    "timeout": "our scheduling system is taking too long to answer",
    "unavailable": "our scheduling system is not answering right now",
    "not_found": "I couldn't find that project on your account",
    "slot_unavailable": "that time has just been taken",
    "invalid_request_id": "the availability I had expired",
    "no_appointment": "there is no appointment on that project",
    "unauthorized": "our scheduling system refused the request",
    "forbidden": "our scheduling system refused the request",
    "bad_response": "our scheduling system gave an answer I couldn't read",
    "invalid_input": "that request isn't valid",
}
ACTION_WORDS = {
    "list_projects": "look up your projects",
    "get_project_details": "look up that project",
    "get_appointment_status": "check the appointment",
    "get_business_hours": "look up our hours",
    "get_available_dates": "look up available dates",
    "get_time_slots": "look up available times",
    "confirm_appointment": "book the appointment",
    "reschedule_appointment": "move the appointment",
    "cancel_appointment": "cancel the appointment",
    "add_project_note": "add your note",
    "list_project_notes": "read the notes",
}


def day(value: date) -> str:
    """"Tuesday, December 1"."""
    return f"{value:%A}, {value:%B} {value.day}"


def short_day(value: date) -> str:
    """"Tue Dec 1" — also what a quick reply sends back."""
    return f"{value:%a} {value:%b} {value.day}"


def clock(value: str | None) -> str:
    """"13:00" → "1:00 PM"."""
    if not value:
        return ""
    hours, minutes = (int(part) for part in value.split(":")[:2])
    return f"{(hours % 12) or 12}:{minutes:02d} {'AM' if hours < 12 else 'PM'}"


def label(project: Any) -> str:
    """"Flooring installation (ORD-1001-A)"."""
    return f"{project.category} {str(project.project_type).lower()} ({project.order_number})"


def _listing(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def render(outcome: Outcome) -> Rendered:
    """Text and quick replies for an outcome (an unknown kind gets a safe generic answer)."""
    renderer = RENDERERS.get(outcome.kind)
    if renderer is None:
        return ("Sorry, I didn't get that. I can show your projects, find a date, or book an appointment.",
                list(DEFAULT_CHOICES))
    return renderer(outcome.data)


def _projects(data: dict) -> Rendered:
    projects = data["projects"]
    lines = [f"{i}. {label(p)} — {p.status}" for i, p in enumerate(projects, 1)]
    return ("Here are your projects:\n" + "\n".join(lines) + "\nWhich one would you like to work on?",
            [label(p) for p in projects[:5]])


def _which_project(data: dict) -> Rendered:
    projects = data["projects"]
    lines = [f"{i}. {label(p)} — {p.status}" for i, p in enumerate(projects, 1)]
    return ("Which project is this about?\n" + "\n".join(lines), [label(p) for p in projects[:5]])


def _dates(data: dict) -> Rendered:
    project, dates = data["project"], data["dates"]
    current = data.get("current")
    intro = f"Your {label(project)} is booked for {day(current.date)} at {clock(current.time)}. " if current else ""
    shown = ", ".join(short_day(d) for d in dates[:6])
    return (f"{intro}These days are open for your {label(project)}: {shown}. Which day works for you?",
            [short_day(d) for d in dates[:5]])


def _slots(data: dict) -> Rendered:
    times = [clock(s) for s in data["slots"]]
    return (f"On {day(data['date'])} we can come at {_listing(times)}. Which time would you like?", times[:6])


def _no_slots(data: dict) -> Rendered:
    alternatives = data.get("alternatives") or []
    other = f" The nearest open days are {_listing([day(d) for d in alternatives])}." if alternatives else ""
    return (f"Sorry, nothing is free on {day(data['date'])}.{other}", [short_day(d) for d in alternatives])


def _slot_unavailable(data: dict) -> Rendered:
    times = [clock(s) for s in data["slots"]]
    return (f"{clock(data['time'])} isn't free on {day(data['date'])}. That day we have {_listing(times)}. "
            "Would one of those work?", times[:6])


def _confirm_booking(data: dict) -> Rendered:
    project, current = data["project"], data.get("current")
    when = f"{day(data['date'])} at {clock(data['time'])}"
    if current is not None:
        text = (f"To confirm: move your {label(project)} appointment from {day(current.date)} at "
                f"{clock(current.time)} to {when}? Shall I go ahead?")
        return text, ["Yes, move it", "No"]
    return f"To confirm: book your {label(project)} for {when}? Shall I go ahead?", ["Yes, book it", "No"]


def _confirm_cancel(data: dict) -> Rendered:
    project, current = data["project"], data["current"]
    return (f"To confirm: cancel your {label(project)} appointment on {day(current.date)} at "
            f"{clock(current.time)}? Shall I go ahead?", ["Yes, cancel it", "No, keep it"])


def _written(verb: str) -> Callable[[dict], Rendered]:
    def render_written(data: dict) -> Rendered:
        project, appointment = data["project"], data["appointment"]
        when = f"{day(appointment.date)} at {clock(appointment.time)}"
        if verb == "cancelled":
            return (f"Done: your {label(project)} appointment on {when} is cancelled.",
                    ["Book a new date", "Show my projects"])
        return (f"Done: your {label(project)} is {verb} for {when}. The crew will see you then.",
                ["Add a note for the crew", "Show my projects"])
    return render_written


def _write_refused(data: dict) -> Rendered:
    alternatives = data.get("alternatives")
    reason = ERROR_WORDS.get(data["code"], "our scheduling system refused it")
    if alternatives is not None and alternatives.kind == "slots":
        text, replies = _slots(alternatives.data)
        return f"Sorry, I couldn't do that: {reason}. {text}", replies
    if alternatives is not None and alternatives.kind == "no_slots" and alternatives.data.get("alternatives"):
        # The taken time was the day's last one: offer the nearest open days instead.
        days = alternatives.data["alternatives"]
        return (f"Sorry, I couldn't do that: {reason}, and nothing else is free on {day(alternatives.data['date'])}. "
                f"The nearest open days are {_listing([day(d) for d in days])}. Which one works for you?",
                [short_day(d) for d in days])
    return f"Sorry, I couldn't do that: {reason}. Nothing was changed.", list(DEFAULT_CHOICES[:2])


def _write_failed_retryable(data: dict) -> Rendered:
    reason = ERROR_WORDS.get(data["code"], "something went wrong on our side")
    return (f"Sorry, I couldn't finish that: {reason}. Your request is still waiting: say yes to try again "
            "(you will not be booked twice), or no to drop it.", ["Yes, try again", "No"])


def _pending_dropped(data: dict) -> Rendered:
    pending = data["pending"]
    if pending.tool == "cancel_appointment":
        return "OK, I won't cancel anything: your appointment stays as it is.", ["When is my appointment?"]
    return "OK, I haven't booked or changed anything. What would you like to do instead?", list(DEFAULT_CHOICES[:2])


def _appointment(data: dict) -> Rendered:
    project, appointment = data["project"], data["appointment"]
    if appointment is None:
        return (f"Your {label(project)} has no appointment yet. Would you like to book one?",
                ["Book an appointment", "What dates are available?"])
    return (f"Your {label(project)} appointment is on {day(appointment.date)} at {clock(appointment.time)}.",
            ["Reschedule my appointment", "Cancel my appointment"])


def _hours(data: dict) -> Rendered:
    hours, asked = data["hours"], data.get("day")
    days = hours.days
    parts = [f"{d.day}: {clock(d.start)}–{clock(d.end)}" if d.is_working else f"{d.day}: closed" for d in days]
    text = "Our hours are " + "; ".join(parts) + "."
    match = next((d for d in days if d.day.lower() == asked), None) if asked else None
    if match is not None:
        text = (f"Yes, on {match.day}s we're open {clock(match.start)} to {clock(match.end)}. " if match.is_working
                else f"No, we're closed on {match.day}s. ") + text
    return text, ["Book an appointment"]


def _details(data: dict) -> Rendered:
    p = data["project"]
    facts = [f"status: {p.status}"]
    for name, value in (("installation address", p.installation_address), ("store", p.store),
                        ("technician", p.technician), ("sold", p.date_sold), ("scheduled", p.date_scheduled),
                        ("completed", p.date_completed)):
        if value:
            facts.append(f"{name}: {day(value) if isinstance(value, date) else value}")
    return f"{label(p)} — " + "; ".join(facts) + ".", ["When is my appointment?", "Add a note for the crew"]


def _note_added(data: dict) -> Rendered:
    return (f"Done: I added your note to {label(data['project'])}: \u201c{data['note'].note_text}\u201d.",
            ["Show my notes"])


def _notes(data: dict) -> Rendered:
    notes = data["notes"]
    if not notes:
        return f"There are no notes on {label(data['project'])} yet.", ["Add a note for the crew"]
    lines = [f"- {n.note_text} ({n.created_at:%b %d})" for n in notes[:10]]
    return f"Notes on {label(data['project'])}, newest first:\n" + "\n".join(lines), ["Add a note for the crew"]


def _tool_error(data: dict) -> Rendered:
    action = ACTION_WORDS.get(data["tool"], "do that")
    reason = ERROR_WORDS.get(data["code"], "something went wrong on our side")
    return f"Sorry, I couldn't {action}: {reason}. Please try again in a moment.", ["Try again", "Talk to a person"]


def _clarify(data: dict) -> Rendered:
    choices = [INTENT_CHOICES[i] for i in data["candidates"] if i in INTENT_CHOICES]
    for extra in DEFAULT_CHOICES:
        if len(choices) >= 3:
            break
        if extra not in choices:
            choices.append(extra)
    return "Sorry, I'm not sure what you need. Did you mean one of these?", choices[:3]


RENDERERS: dict[str, Callable[[dict], Rendered]] = {
    "projects": _projects,
    "no_projects": lambda d: ("I don't see any projects on your account.", ["Talk to a person"]),
    "which_project": _which_project,
    "project_not_found": lambda d: (
        f"I couldn't find a project matching \u201c{d['ref']}\u201d on your account.", ["Show my projects"]),
    "project_selected": lambda d: (
        f"OK, let's work on your {label(d['project'])} ({d['project'].status}). What would you like to do?",
        ["What dates are available?", "When is my appointment?", "Add a note for the crew"]),
    "dates": _dates,
    "no_dates": lambda d: (f"Sorry, there are no open days for your {label(d['project'])} right now.",
                           ["Talk to a person"]),
    "slots": _slots,
    "no_slots": _no_slots,
    "slot_unavailable": _slot_unavailable,
    "date_in_past": lambda d: (f"{day(d['date'])} has already passed. Which upcoming day works for you?",
                               ["What dates are available?"]),
    "confirm_booking": _confirm_booking,
    "confirm_cancel": _confirm_cancel,
    "booked": _written("booked"),
    "rescheduled": _written("rescheduled"),
    "cancelled": _written("cancelled"),
    "write_refused": _write_refused,
    "write_failed_retryable": _write_failed_retryable,
    "no_appointment": lambda d: (f"Your {label(d['project'])} has no appointment to cancel.",
                                 ["Book an appointment"]),
    "pending_dropped": _pending_dropped,
    "denied_nothing_pending": lambda d: ("No problem. What would you like to do instead?", list(DEFAULT_CHOICES)),
    "nothing_to_confirm": lambda d: ("There's nothing waiting for a yes right now. What would you like to do?",
                                     list(DEFAULT_CHOICES)),
    "appointment": _appointment,
    "hours": _hours,
    "details": _details,
    "ask_note_text": lambda d: (f"What should the note on {label(d['project'])} say?", []),
    "note_added": _note_added,
    "notes": _notes,
    "tool_error": _tool_error,
    "clarify": _clarify,
    "offer_human": lambda d: ("I'm having trouble understanding. Would you like to talk to a person from our "
                              "scheduling team?", ["Talk to a person", "Show my projects"]),
    "greeting": lambda d: ("Hi! I can show your projects, find an open day and time, and book, move or cancel "
                           "your appointment. What would you like to do?", list(DEFAULT_CHOICES)),
    "thanks": lambda d: ("You're welcome! Anything else I can help with?", ["No, that's all"]),
    "goodbye": lambda d: ("Goodbye! Your appointments are saved; come back any time.", []),
    "help": lambda d: ("I can list your projects and their details, show open dates and times, book, move or "
                       "cancel an appointment (always after your yes), tell you our hours, and add or read notes "
                       "for the crew.", list(DEFAULT_CHOICES)),
    "human_agent": lambda d: ("Our scheduling team can help you directly: you can reach them by phone during "
                              "business hours. Would you like to know our hours?", ["What are your hours?"]),
    "out_of_scope": lambda d: ("I can only help with your projects and appointments. I can show your projects, "
                               "find a date, or book an appointment.", list(DEFAULT_CHOICES)),
}
