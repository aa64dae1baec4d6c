"""PF360 scheduler endpoints (calls 3-9 of ``shared/contract/pf360.md``).

Read endpoints declare ``response_model`` (their OpenAPI schema) but return a ready
``JSONResponse``, which FastAPI sends as is, without validating it again.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, field_validator
from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncConnection

from app.sandbox import booking
from app.sandbox.deps import PRINTABLE, CallerDep, IdempotencyKey, ProjectId, runtime_of
from app.sandbox.errors import SandboxError
from app.sandbox.idempotency import answer_write
from app.sandbox.models import BusinessHours, Client
from app.sandbox.wire import appointment_json, parse_12h, to_12h, work_hours_json

router = APIRouter(prefix="/scheduler/client/{client_id}")  # faults and the token check come with CallerDep

_CL = Client.__table__
_BH = BusinessHours.__table__
#: The client's time zone with its business-hours rows (weekday NULL: none).
_CLIENT_HOURS = (
    select(_CL.c.timezone, _BH.c.weekday, _BH.c.is_working, _BH.c.start, _BH.c.end)
    .select_from(_CL.outerjoin(_BH, _BH.c.client_id == _CL.c.client_id))
    .where(_CL.c.client_id == bindparam("client_id"))
)


class ScheduleBody(BaseModel):
    """Body of the schedule call; ``time`` arrives as ``"10:00 AM"`` and is kept as ``"10:00"``."""

    date: dt.date
    time: str
    request_id: str = Field(min_length=1, max_length=64, pattern=PRINTABLE)
    is_chatbot: bool = False
    created_at: dt.datetime | None = None

    @field_validator("time")
    @classmethod
    def _time_24h(cls, value: str) -> str:
        return parse_12h(value)

    @field_validator("created_at")
    @classmethod
    def _aware(cls, value: dt.datetime | None) -> dt.datetime | None:
        return value.replace(tzinfo=dt.UTC) if value is not None and value.tzinfo is None else value


@router.get("/business-hours", response_model=dict[str, Any])
async def business_hours(request: Request, caller: CallerDep) -> JSONResponse:
    """``{"data": {"timezone", "workHours": [{day, is_working, start, end}] x 7}}``; 404 unknown client."""
    async with runtime_of(request).connection() as conn:
        rows = (await conn.execute(_CLIENT_HOURS, {"client_id": caller.client_id})).all()
    if not rows:
        raise SandboxError(404, "not_found", f"client {caller.client_id} not found")
    hours = [row for row in rows if row.weekday is not None]
    return JSONResponse({"data": {"timezone": rows[0].timezone, "workHours": work_hours_json(hours)}})


@router.get("/project/{project_id}/appointment", response_model=dict[str, Any])
async def get_appointment(project_id: ProjectId, request: Request, caller: CallerDep) -> JSONResponse:
    """``{"data": {"appointment": {...} | null}}``."""
    async with runtime_of(request).connection() as conn:
        appointment = await booking.get_appointment(conn, caller, project_id)
    return JSONResponse({"data": {"appointment": appointment_json(appointment) if appointment else None}})


@router.get(
    "/project/{project_id}/date/{date}/selected/{selected}/get-rescheduler-slots", response_model=dict[str, Any]
)
async def rescheduler_slots(
    project_id: ProjectId,
    date: dt.date,
    selected: dt.date,
    request: Request,
    caller: CallerDep,
    request_id: Annotated[str | None, Query(max_length=64, pattern=PRINTABLE)] = None,
) -> JSONResponse:
    """Without ``request_id``: the dates after ``date`` with a free slot, and a new
    ``request_id``. With it: the free times of ``selected``.

    Raises 404 (project), 400 ``invalid_request_id``.
    """
    runtime = runtime_of(request)
    if request_id is None:
        async with runtime.write_connection() as conn:
            dates, token = await booking.available_dates(conn, caller, project_id, date, runtime.request_id_ttl)
            # Not on every call: expired ids are refused by their expiry time anyway.
            if runtime.purge_due():
                await booking.purge_expired_request_ids(conn)
        return JSONResponse({"data": {"dates": [d.isoformat() for d in dates], "request_id": token}})
    async with runtime.connection() as conn:
        times = await booking.free_times(conn, caller, project_id, request_id, selected)
    return JSONResponse(
        {"data": {"date": selected.isoformat(), "slots": [to_12h(t) for t in times], "request_id": request_id}}
    )


@router.post("/project/{project_id}/schedule")
async def schedule(
    project_id: ProjectId,
    body: ScheduleBody,
    request: Request,
    caller: CallerDep,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Book (or move) the project's appointment: ``{"data": {"appointment", "rescheduled"}}``.

    Raises 404 (project), 400 ``invalid_request_id``, 409 ``slot_unavailable``.
    """

    async def write(conn: AsyncConnection) -> dict[str, Any]:
        appointment, rescheduled = await booking.book(
            conn,
            caller,
            project_id,
            day=body.date,
            time=body.time,
            request_id=body.request_id,
            created_at=body.created_at or booking.utcnow(),
            is_chatbot=body.is_chatbot,
        )
        return {"data": {"appointment": appointment_json(appointment), "rescheduled": rescheduled}}

    return await answer_write(request, write, client_id=caller.client_id, key=idempotency_key)


@router.get("/project/{project_id}/cancel-reschedule")
async def cancel_reschedule(
    project_id: ProjectId,
    request: Request,
    caller: CallerDep,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Cancel the appointment (a write behind GET, as PF360 has it):
    ``{"data": {"cancelled": true, "appointment": {...}}}``. Raises 404 (project),
    404 ``no_appointment``."""

    async def write(conn: AsyncConnection) -> dict[str, Any]:
        appointment = await booking.cancel(conn, caller, project_id)
        return {"data": {"cancelled": True, "appointment": appointment_json(appointment, status="Cancelled")}}

    return await answer_write(request, write, client_id=caller.client_id, key=idempotency_key)
