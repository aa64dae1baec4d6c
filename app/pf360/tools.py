"""The 11 PF360 tools called by the conversation graph (``shared/contract/pf360.md``).

Each tool is a plain async function: ``(client, scope, *, typed inputs) -> typed
output``. ``scope`` is the verified caller (from the token), never user input.
Every tool raises :class:`~app.pf360.errors.PF360Error` on failure (``not_found``,
``slot_unavailable``, ``invalid_request_id``, ``no_appointment``, ``timeout``,
``unavailable``, ...); times of day are ``"HH:MM"`` 24-hour.

A ``request_id`` (from :func:`get_available_dates`) is needed to read slots and to
book. Tools that need one take the one the session holds, or None; when it is None
or PF360 says it is invalid/expired, they obtain a fresh one and retry once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import TypeVar

from app.pf360.client import PF360Client
from app.pf360.errors import AmbiguousProjectRef, PF360Error
from app.pf360.projects import match_projects
from app.pf360.schemas import (
    Appointment,
    AvailableDates,
    BusinessHours,
    CallerScope,
    Note,
    Project,
    TimeSlots,
)
from app.pf360.timefmt import is_hhmm

T = TypeVar("T")

TOOL_NAMES: tuple[str, ...] = (
    "list_projects",
    "get_project_details",
    "get_appointment_status",
    "get_business_hours",
    "get_available_dates",
    "get_time_slots",
    "confirm_appointment",
    "reschedule_appointment",
    "cancel_appointment",
    "add_project_note",
    "list_project_notes",
)
#: Tools that change PF360 data; the graph confirms them with the customer first.
WRITE_TOOLS: frozenset[str] = frozenset({"confirm_appointment", "reschedule_appointment", "cancel_appointment"})


async def list_projects(client: PF360Client, scope: CallerScope) -> list[Project]:
    """Tool 1: the customer's projects, in PF360's order."""
    return (await client.get_dashboard(scope)).projects


async def get_project_details(client: PF360Client, scope: CallerScope, *, project_ref: str) -> Project:
    """Tool 2: the one project designated by ``project_ref`` (see :func:`match_projects`:
    id, order number, type/category word, or ordinal ``"#2"``).

    Raises:
        PF360Error: ``not_found`` when nothing matches;
            :class:`AmbiguousProjectRef` (code ``not_found``, with ``.candidates``)
            when several projects match.
    """
    matches = match_projects(await list_projects(client, scope), project_ref)
    if not matches:
        raise PF360Error("not_found", f"no project matches {project_ref!r}")
    if len(matches) > 1:
        raise AmbiguousProjectRef(project_ref, matches)
    return matches[0]


async def get_appointment_status(client: PF360Client, scope: CallerScope, *, project_id: int) -> Appointment | None:
    """Tool 3: the project's appointment, or None when it has none."""
    return await client.get_appointment(scope, project_id)


async def get_business_hours(client: PF360Client, scope: CallerScope) -> BusinessHours:
    """Tool 4: the client's time zone and working hours, Monday..Sunday."""
    return await client.get_business_hours(scope)


async def get_available_dates(
    client: PF360Client, scope: CallerScope, *, project_id: int, today: dt.date
) -> AvailableDates:
    """Tool 5: the dates after ``today`` (the client's local date) with a free slot,
    ascending, and a fresh ``request_id``."""
    return await client.get_available_dates(scope, project_id, today=today)


async def get_time_slots(
    client: PF360Client,
    scope: CallerScope,
    *,
    project_id: int,
    on: dt.date,
    request_id: str | None,
    today: dt.date,
) -> TimeSlots:
    """Tool 6: the free times (``"HH:MM"``) of ``on``. The result carries the
    ``request_id`` actually used (a fresh one when the given one was None/expired)."""
    return await _with_request_id(
        client, scope, project_id, request_id, today,
        lambda rid: client.get_time_slots(scope, project_id, on=on, request_id=rid),
    )


async def confirm_appointment(
    client: PF360Client,
    scope: CallerScope,
    *,
    project_id: int,
    on: dt.date,
    at: str,
    request_id: str | None,
    today: dt.date,
    idempotency_key: str,
) -> Appointment:
    """Tool 7: book ``on`` at ``at`` (``"HH:MM"``). A repeat with the same
    ``idempotency_key`` returns the first booking and books nothing more.

    Raises:
        ValueError: ``at`` is not ``"HH:MM"``.
        PF360Error: ``slot_unavailable`` (taken or not offered), ``not_found``, ...
    """
    return await _book(client, scope, project_id, on, at, request_id, today, idempotency_key)


async def reschedule_appointment(
    client: PF360Client,
    scope: CallerScope,
    *,
    project_id: int,
    on: dt.date,
    at: str,
    request_id: str | None,
    today: dt.date,
    idempotency_key: str,
) -> Appointment:
    """Tool 8: move the project's appointment to ``on`` at ``at``; the old slot is freed.

    Raises:
        ValueError: ``at`` is not ``"HH:MM"``.
        PF360Error: ``no_appointment`` when there is nothing to move (nothing is
            booked), ``slot_unavailable``, ``not_found``, ...
    """
    if await client.get_appointment(scope, project_id) is None:
        raise PF360Error("no_appointment", f"project {project_id} has no appointment to reschedule")
    return await _book(client, scope, project_id, on, at, request_id, today, idempotency_key)


async def cancel_appointment(
    client: PF360Client, scope: CallerScope, *, project_id: int, idempotency_key: str
) -> Appointment:
    """Tool 9: cancel the project's appointment; returns the cancelled one
    (``status`` ``"Cancelled"``). Idempotent per ``idempotency_key``.

    Raises:
        PF360Error: ``no_appointment``, ``not_found``, ...
    """
    return await client.cancel(scope, project_id, idempotency_key=idempotency_key)


async def add_project_note(
    client: PF360Client,
    scope: CallerScope,
    *,
    project_id: int,
    note_text: str,
    idempotency_key: str | None = None,
) -> Note:
    """Tool 10: attach a note (1..2000 characters) to the project; returns it.

    Raises:
        ValueError: empty or longer than 2000 characters.
        PF360Error: ``not_found``, ...
    """
    text = note_text.strip()
    if not 1 <= len(text) <= 2000:
        raise ValueError("a note has 1 to 2000 characters")
    return await client.add_note(scope, project_id, note_text=text, idempotency_key=idempotency_key)


async def list_project_notes(client: PF360Client, scope: CallerScope, *, project_id: int) -> list[Note]:
    """Tool 11: the project's notes, newest first."""
    return await client.list_notes(scope, project_id)


async def _book(
    client: PF360Client,
    scope: CallerScope,
    project_id: int,
    on: dt.date,
    at: str,
    request_id: str | None,
    today: dt.date,
    idempotency_key: str,
) -> Appointment:
    if not is_hhmm(at):
        raise ValueError(f"not a 24-hour time 'HH:MM': {at!r}")
    booking = await _with_request_id(
        client, scope, project_id, request_id, today,
        lambda rid: client.schedule(
            scope, project_id, on=on, at=at, request_id=rid, idempotency_key=idempotency_key
        ),
    )
    return booking.appointment


async def _with_request_id(
    client: PF360Client,
    scope: CallerScope,
    project_id: int,
    request_id: str | None,
    today: dt.date,
    call: Callable[[str], Awaitable[T]],
) -> T:
    """Run ``call(request_id)``; with a fresh id when none is given, or once more
    with a fresh one when PF360 refuses the given one as invalid/expired."""
    if request_id is None:
        return await call((await client.get_available_dates(scope, project_id, today=today)).request_id)
    try:
        return await call(request_id)
    except PF360Error as exc:
        if exc.code != "invalid_request_id":
            raise
    return await call((await client.get_available_dates(scope, project_id, today=today)).request_id)
