"""Scheduling rules of the sandbox: ownership, request ids, free slots, booking.

Every function works on the caller's connection (SQLAlchemy Core, statements built
once at import) and raises :class:`~app.sandbox.errors.SandboxError` with PF360's
status and code. Reads fetch the project's ownership columns together with the data
asked for (one ``LEFT JOIN`` query), then check ownership before using the data.

Race safety: a slot is claimed with one conditional statement,
``UPDATE pf360_slots SET booked_project_id = :p WHERE client_id = :c AND date = :d
AND time = :t AND booked_project_id IS NULL``, and the claim counts only when it
changed exactly one row (``(client_id, date, time)`` is unique). On PostgreSQL a
concurrent claimer blocks on the row lock and, once the winner commits, re-checks
the condition and changes nothing; on SQLite write transactions are serialised by
``BEGIN IMMEDIATE``. Writes on one project are serialised by locking its row
(``SELECT ... FOR UPDATE``; a no-op on SQLite), and the project's appointment is
read only after that lock is held.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any, NamedTuple

from sqlalchemy import Row, and_, bindparam, delete, insert, select, true, update
from sqlalchemy.ext.asyncio import AsyncConnection

from app.sandbox.deps import Caller
from app.sandbox.errors import SandboxError
from app.sandbox.models import Appointment, Project, RequestToken, Slot

STATUS_SCHEDULED = "Scheduled"
STATUS_READY = "Ready to Schedule"

_P = Project.__table__
_A = Appointment.__table__
_S = Slot.__table__
_T = RequestToken.__table__

#: The ownership columns every project lookup returns first.
_OWNER = (_P.c.client_id, _P.c.customer_id)
#: The request-id columns joined to a project lookup (all NULL: no such token).
_TOKEN = (_T.c.client_id.label("token_client_id"), _T.c.project_id.label("token_project_id"), _T.c.expires_at)
_PROJECT_ID = _P.c.project_id == bindparam("project_id")
_TOKEN_JOIN = _T.c.token == bindparam("token")

_OWNER_OF = select(*_OWNER).where(_PROJECT_ID)
_OWNER_AND_TOKEN_LOCKED = (
    select(*_OWNER, *_TOKEN).select_from(_P.outerjoin(_T, _TOKEN_JOIN)).where(_PROJECT_ID).with_for_update(of=_P)
)
_OWNER_LOCKED = _OWNER_OF.with_for_update()
_APPOINTMENT_OF = (
    select(*_OWNER, _A.c.project_id, _A.c.date, _A.c.time, _A.c.created_at)
    .select_from(_P.outerjoin(_A, _A.c.project_id == _P.c.project_id))
    .where(_PROJECT_ID)
)
_FREE_DATES = (
    select(_S.c.date)
    .where(_S.c.client_id == bindparam("client_id"), _S.c.date > bindparam("after"), _S.c.booked_project_id.is_(None))
    .distinct()
    .subquery()
)
_OWNER_AND_FREE_DATES = (
    select(*_OWNER, _FREE_DATES.c.date)
    .select_from(_P.outerjoin(_FREE_DATES, true()))
    .where(_PROJECT_ID)
    .order_by(_FREE_DATES.c.date)
)
_OWNER_TOKEN_AND_FREE_TIMES = (
    select(*_OWNER, *_TOKEN, _S.c.time)
    .select_from(
        _P.outerjoin(_T, _TOKEN_JOIN).outerjoin(
            _S,
            and_(
                _S.c.client_id == bindparam("client_id"),
                _S.c.date == bindparam("day"),
                _S.c.booked_project_id.is_(None),
            ),
        )
    )
    .where(_PROJECT_ID)
    .order_by(_S.c.time)
)
# DML statements name their parameters ``b_*``: SQLAlchemy reserves a table's column
# names for the values of INSERT/UPDATE (an extra parameter named like a column
# would be SET).
_PURGE_TOKENS = delete(_T).where(_T.c.expires_at < bindparam("b_now"))
_INSERT_TOKEN = insert(_T)
_CLAIM_SLOT = (
    update(_S)
    .where(
        _S.c.client_id == bindparam("b_client_id"),
        _S.c.date == bindparam("b_day"),
        _S.c.time == bindparam("b_time"),
        _S.c.booked_project_id.is_(None),
    )
    .values(booked_project_id=bindparam("b_project_id"))
    .returning(_S.c.id)
)
_RELEASE_SLOT = (
    update(_S)
    .where(_S.c.id == bindparam("b_slot_id"), _S.c.booked_project_id == bindparam("b_project_id"))
    .values(booked_project_id=None)
)
_SLOT_OF_APPOINTMENT = select(_A.c.slot_id).where(_A.c.project_id == bindparam("project_id"))
_INSERT_APPOINTMENT = insert(_A)
_MOVE_APPOINTMENT = (
    update(_A)
    .where(_A.c.project_id == bindparam("b_project_id"))
    .values(
        slot_id=bindparam("b_slot_id"),
        date=bindparam("b_date"),
        time=bindparam("b_time"),
        created_at=bindparam("b_created_at"),
        is_chatbot=bindparam("b_is_chatbot"),
    )
)
_DELETE_APPOINTMENT = (
    delete(_A)
    .where(_A.c.project_id == bindparam("b_project_id"))
    .returning(_A.c.project_id, _A.c.slot_id, _A.c.date, _A.c.time, _A.c.created_at)
)
_MARK_SCHEDULED = (
    update(_P)
    .where(_P.c.project_id == bindparam("b_project_id"))
    .values(status=STATUS_SCHEDULED, date_scheduled=bindparam("b_day"))
)
_MARK_READY = (
    update(_P).where(_P.c.project_id == bindparam("b_project_id")).values(status=STATUS_READY, date_scheduled=None)
)


class BookedAppointment(NamedTuple):
    """An appointment as the wire renders it (see :func:`app.sandbox.wire.appointment_json`)."""

    project_id: int
    date: dt.date
    time: str
    created_at: dt.datetime


def utcnow() -> dt.datetime:
    """The current instant, timezone-aware UTC."""
    return dt.datetime.now(dt.UTC)


def check_owner(row: Row[Any] | None, caller: Caller, project_id: int) -> None:
    """Accept a project lookup's row (``client_id``, ``customer_id`` first) only if
    it exists and is the caller's client's (and customer's, when named).

    Raises:
        SandboxError: 404 ``not_found`` otherwise (an unknown project and one of
            another client or customer get the same answer: existence is not disclosed).
    """
    if (
        row is None
        or row.client_id != caller.client_id
        or (caller.customer_id is not None and row.customer_id != caller.customer_id)
    ):
        raise SandboxError(404, "not_found", f"project {project_id} not found")


def check_token(row: Row[Any], caller: Caller, project_id: int) -> None:
    """Accept the request id joined to a project lookup (``token_client_id``,
    ``token_project_id``, ``expires_at``; all NULL when unknown) if it was issued for
    this client and project and has not expired.

    Raises:
        SandboxError: 400 ``invalid_request_id`` otherwise.
    """
    if row.token_client_id is None or row.token_client_id != caller.client_id or row.token_project_id != project_id:
        raise SandboxError(400, "invalid_request_id", "unknown request_id for this project")
    if row.expires_at <= utcnow():
        raise SandboxError(400, "invalid_request_id", "request_id expired; request available dates again")


async def load_project(conn: AsyncConnection, caller: Caller, project_id: int, *, lock: bool = False) -> None:
    """Check that the project exists and is the caller's.

    Args:
        lock: take the project's row lock for the rest of the transaction (writes).

    Raises:
        SandboxError: 404 ``not_found`` (see :func:`check_owner`).
    """
    row = (await conn.execute(_OWNER_LOCKED if lock else _OWNER_OF, {"project_id": project_id})).first()
    check_owner(row, caller, project_id)


async def get_appointment(conn: AsyncConnection, caller: Caller, project_id: int) -> Row[Any] | None:
    """The project's appointment (``project_id``, ``date``, ``time``, ``created_at``), or None.

    Raises:
        SandboxError: 404 ``not_found`` (project).
    """
    row = (await conn.execute(_APPOINTMENT_OF, {"project_id": project_id})).first()
    check_owner(row, caller, project_id)
    assert row is not None
    return row if row.project_id is not None else None


async def available_dates(
    conn: AsyncConnection, caller: Caller, project_id: int, after: dt.date, ttl: dt.timedelta
) -> tuple[list[dt.date], str]:
    """The dates strictly after ``after`` with a free slot (ascending), and a new
    ``request_id`` for the project, valid for ``ttl``.

    Raises:
        SandboxError: 404 ``not_found`` (project).
    """
    rows = (
        await conn.execute(
            _OWNER_AND_FREE_DATES, {"project_id": project_id, "client_id": caller.client_id, "after": after}
        )
    ).all()
    check_owner(rows[0] if rows else None, caller, project_id)
    token = secrets.token_urlsafe(24)
    await conn.execute(
        _INSERT_TOKEN,
        {"token": token, "client_id": caller.client_id, "project_id": project_id, "expires_at": utcnow() + ttl},
    )
    return [row.date for row in rows if row.date is not None], token


async def purge_expired_request_ids(conn: AsyncConnection) -> None:
    """Delete every expired ``request_id`` (of any client and project)."""
    await conn.execute(_PURGE_TOKENS, {"b_now": utcnow()})


async def free_times(
    conn: AsyncConnection, caller: Caller, project_id: int, request_id: str, day: dt.date
) -> list[str]:
    """Free slot times (``"HH:MM"``) of ``day``, ascending, for a holder of a valid ``request_id``.

    Raises:
        SandboxError: 404 ``not_found`` (project), then 400 ``invalid_request_id``.
    """
    rows = (
        await conn.execute(
            _OWNER_TOKEN_AND_FREE_TIMES,
            {"project_id": project_id, "token": request_id, "client_id": caller.client_id, "day": day},
        )
    ).all()
    check_owner(rows[0] if rows else None, caller, project_id)
    check_token(rows[0], caller, project_id)
    return [row.time for row in rows if row.time is not None]


async def book(
    conn: AsyncConnection,
    caller: Caller,
    project_id: int,
    *,
    day: dt.date,
    time: str,
    request_id: str,
    created_at: dt.datetime,
    is_chatbot: bool,
) -> tuple[BookedAppointment, bool]:
    """Book the slot ``day``/``time`` (``"HH:MM"``) for the project, inside the
    caller's write transaction.

    A project that already has an appointment has it replaced and its slot freed
    (a reschedule). Returns ``(appointment, rescheduled)``.

    Raises:
        SandboxError: 404 ``not_found`` (project), 400 ``invalid_request_id``,
            409 ``slot_unavailable`` (no such slot, or not free).
    """
    row = (await conn.execute(_OWNER_AND_TOKEN_LOCKED, {"project_id": project_id, "token": request_id})).first()
    check_owner(row, caller, project_id)
    assert row is not None
    check_token(row, caller, project_id)
    slot_id = (
        await conn.execute(
            _CLAIM_SLOT, {"b_client_id": caller.client_id, "b_day": day, "b_time": time, "b_project_id": project_id}
        )
    ).scalar()
    if slot_id is None:
        raise SandboxError(409, "slot_unavailable", f"the slot {day.isoformat()} {time} is not available")
    old_slot_id = (await conn.execute(_SLOT_OF_APPOINTMENT, {"project_id": project_id})).scalar()
    if old_slot_id is None:
        await conn.execute(
            _INSERT_APPOINTMENT,
            {"project_id": project_id, "slot_id": slot_id, "date": day, "time": time, "created_at": created_at,
             "is_chatbot": is_chatbot},
        )
    else:
        await conn.execute(_RELEASE_SLOT, {"b_slot_id": old_slot_id, "b_project_id": project_id})
        await conn.execute(
            _MOVE_APPOINTMENT,
            {"b_project_id": project_id, "b_slot_id": slot_id, "b_date": day, "b_time": time,
             "b_created_at": created_at, "b_is_chatbot": is_chatbot},
        )
    await conn.execute(_MARK_SCHEDULED, {"b_project_id": project_id, "b_day": day})
    return BookedAppointment(project_id, day, time, created_at), old_slot_id is not None


async def cancel(conn: AsyncConnection, caller: Caller, project_id: int) -> Row[Any]:
    """Remove the project's appointment and free its slot, inside the caller's write
    transaction; returns the removed one (``project_id``, ``date``, ``time``, ``created_at``).

    Raises:
        SandboxError: 404 ``not_found`` (project), 404 ``no_appointment``.
    """
    await load_project(conn, caller, project_id, lock=True)
    appointment = (await conn.execute(_DELETE_APPOINTMENT, {"b_project_id": project_id})).first()
    if appointment is None:
        raise SandboxError(404, "no_appointment", f"project {project_id} has no appointment")
    await conn.execute(_RELEASE_SLOT, {"b_slot_id": appointment.slot_id, "b_project_id": project_id})
    await conn.execute(_MARK_READY, {"b_project_id": project_id})
    return appointment
