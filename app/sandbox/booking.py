"""Scheduling rules of the sandbox: ownership, request ids, free slots, booking.

Every function works inside the caller's session/transaction and raises
:class:`~app.sandbox.errors.SandboxError` with PF360's status and code.

Race safety: a slot is claimed with one conditional statement,
``UPDATE pf360_slots SET booked_project_id = :p WHERE id = :id AND
booked_project_id IS NULL``, and the claim counts only when it changed exactly one
row. On PostgreSQL a concurrent claimer blocks on the row lock and, once the
winner commits, re-checks the condition and changes nothing; on SQLite write
transactions are serialised by ``BEGIN IMMEDIATE``. Writes on one project are
serialised by locking its row (``SELECT ... FOR UPDATE``; a no-op on SQLite).
"""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.sandbox.deps import Caller
from app.sandbox.errors import SandboxError
from app.sandbox.models import Appointment, Project, RequestToken, Slot

STATUS_SCHEDULED = "Scheduled"
STATUS_READY = "Ready to Schedule"


def utcnow() -> dt.datetime:
    """The current instant, timezone-aware UTC."""
    return dt.datetime.now(dt.UTC)


async def load_project(session: AsyncSession, caller: Caller, project_id: int, *, lock: bool = False) -> Project:
    """The project, if it is the caller's client's (and customer's, when named).

    Args:
        lock: take the row lock for the rest of the transaction (writes).

    Raises:
        SandboxError: 404 ``not_found`` for an unknown project or one of another
            client or customer (the same answer: its existence is not disclosed).
    """
    query = select(Project).where(Project.project_id == project_id)
    if lock:
        query = query.with_for_update()
    project = await session.scalar(query)
    if (
        project is None
        or project.client_id != caller.client_id
        or (caller.customer_id is not None and project.customer_id != caller.customer_id)
    ):
        raise SandboxError(404, "not_found", f"project {project_id} not found")
    return project


async def issue_request_id(session: AsyncSession, caller: Caller, project_id: int, ttl: dt.timedelta) -> str:
    """A new scheduling ``request_id`` for the project, valid for ``ttl``.

    Expired tokens of every project are purged on the way.
    """
    now = utcnow()
    await session.execute(delete(RequestToken).where(RequestToken.expires_at < now))
    token = secrets.token_urlsafe(24)
    session.add(RequestToken(token=token, client_id=caller.client_id, project_id=project_id, expires_at=now + ttl))
    await session.flush()
    return token


async def check_request_id(session: AsyncSession, caller: Caller, project_id: int, token: str) -> None:
    """Accept a ``request_id`` issued for this client and project and not expired.

    Raises:
        SandboxError: 400 ``invalid_request_id`` otherwise.
    """
    row = await session.get(RequestToken, token) if token else None
    if row is None or row.client_id != caller.client_id or row.project_id != project_id:
        raise SandboxError(400, "invalid_request_id", "unknown request_id for this project")
    if row.expires_at <= utcnow():
        raise SandboxError(400, "invalid_request_id", "request_id expired; request available dates again")


async def free_dates_after(session: AsyncSession, client_id: str, after: dt.date) -> list[dt.date]:
    """Dates strictly after ``after`` with at least one free slot, ascending."""
    rows = await session.scalars(
        select(Slot.date)
        .where(Slot.client_id == client_id, Slot.date > after, Slot.booked_project_id.is_(None))
        .distinct()
        .order_by(Slot.date)
    )
    return list(rows)


async def free_times_on(session: AsyncSession, client_id: str, day: dt.date) -> list[str]:
    """Free slot times (``"HH:MM"``) of ``day``, ascending."""
    rows = await session.scalars(
        select(Slot.time)
        .where(Slot.client_id == client_id, Slot.date == day, Slot.booked_project_id.is_(None))
        .order_by(Slot.time)
    )
    return list(rows)


async def current_appointment(session: AsyncSession, project_id: int) -> Appointment | None:
    """The project's appointment, or None."""
    return await session.scalar(select(Appointment).where(Appointment.project_id == project_id))


async def book(
    session: AsyncSession,
    caller: Caller,
    project_id: int,
    *,
    day: dt.date,
    time: str,
    request_id: str,
    created_at: dt.datetime,
    is_chatbot: bool,
) -> tuple[Appointment, bool]:
    """Book the slot ``day``/``time`` (``"HH:MM"``) for the project.

    A project that already has an appointment has it replaced and its slot freed
    (a reschedule). Returns ``(appointment, rescheduled)``.

    Raises:
        SandboxError: 404 ``not_found`` (project), 400 ``invalid_request_id``,
            409 ``slot_unavailable`` (no such slot, or not free).
    """
    project = await load_project(session, caller, project_id, lock=True)
    await check_request_id(session, caller, project_id, request_id)
    slot_id = await session.scalar(
        select(Slot.id).where(Slot.client_id == caller.client_id, Slot.date == day, Slot.time == time)
    )
    if slot_id is None or not await _claim_slot(session, slot_id, project_id):
        raise SandboxError(409, "slot_unavailable", f"the slot {day.isoformat()} {time} is not available")
    appointment = await current_appointment(session, project_id)
    rescheduled = appointment is not None
    if appointment is None:
        appointment = Appointment(project_id=project_id)
        session.add(appointment)
    else:
        await _release_slot(session, appointment.slot_id, project_id)
    appointment.slot_id = slot_id
    appointment.date = day
    appointment.time = time
    appointment.created_at = created_at
    appointment.is_chatbot = is_chatbot
    project.status = STATUS_SCHEDULED
    project.date_scheduled = day
    await session.flush()
    return appointment, rescheduled


async def cancel(session: AsyncSession, caller: Caller, project_id: int) -> Appointment:
    """Remove the project's appointment and free its slot; returns the removed one.

    Raises:
        SandboxError: 404 ``not_found`` (project), 404 ``no_appointment``.
    """
    project = await load_project(session, caller, project_id, lock=True)
    appointment = await current_appointment(session, project_id)
    if appointment is None:
        raise SandboxError(404, "no_appointment", f"project {project_id} has no appointment")
    await _release_slot(session, appointment.slot_id, project_id)
    await session.delete(appointment)
    project.status = STATUS_READY
    project.date_scheduled = None
    await session.flush()
    return appointment


async def _claim_slot(session: AsyncSession, slot_id: int, project_id: int) -> bool:
    result = await session.execute(
        update(Slot)
        .where(Slot.id == slot_id, Slot.booked_project_id.is_(None))
        .values(booked_project_id=project_id)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


async def _release_slot(session: AsyncSession, slot_id: int, project_id: int) -> None:
    await session.execute(
        update(Slot)
        .where(Slot.id == slot_id, Slot.booked_project_id == project_id)
        .values(booked_project_id=None)
        .execution_options(synchronize_session=False)
    )
