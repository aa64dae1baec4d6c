"""PF360 scheduler endpoints (calls 3-9 of ``shared/contract/pf360.md``)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, field_validator
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.sandbox import booking
from app.sandbox.deps import PRINTABLE, CallerDep, IdempotencyKey, ProjectId, RuntimeDep, inject_faults
from app.sandbox.errors import SandboxError
from app.sandbox.idempotency import answer_write
from app.sandbox.models import BusinessHours, Client
from app.sandbox.wire import appointment_json, parse_12h, to_12h, work_hours_json

router = APIRouter(prefix="/scheduler/client/{client_id}", dependencies=[Depends(inject_faults)])



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


@router.get("/business-hours")
async def business_hours(caller: CallerDep, runtime: RuntimeDep) -> dict[str, Any]:
    """``{"data": {"timezone", "workHours": [{day, is_working, start, end}] x 7}}``; 404 unknown client."""
    async with runtime.read_session() as session:
        client = await session.get(Client, caller.client_id)
        if client is None:
            raise SandboxError(404, "not_found", f"client {caller.client_id} not found")
        rows = await session.scalars(select(BusinessHours).where(BusinessHours.client_id == caller.client_id))
        return {"data": {"timezone": client.timezone, "workHours": work_hours_json(list(rows))}}


@router.get("/project/{project_id}/appointment")
async def get_appointment(project_id: ProjectId, caller: CallerDep, runtime: RuntimeDep) -> dict[str, Any]:
    """``{"data": {"appointment": {...} | null}}``."""
    async with runtime.read_session() as session:
        await booking.load_project(session, caller, project_id)
        appointment = await booking.current_appointment(session, project_id)
        return {"data": {"appointment": appointment_json(appointment) if appointment else None}}


@router.get("/project/{project_id}/date/{date}/selected/{selected}/get-rescheduler-slots")
async def rescheduler_slots(
    project_id: ProjectId,
    date: dt.date,
    selected: dt.date,
    caller: CallerDep,
    runtime: RuntimeDep,
    request_id: Annotated[str | None, Query(max_length=64, pattern=PRINTABLE)] = None,
) -> dict[str, Any]:
    """Without ``request_id``: the dates after ``date`` with a free slot, and a new
    ``request_id``. With it: the free times of ``selected``.

    Raises 404 (project), 400 ``invalid_request_id``.
    """
    if request_id is None:
        async with runtime.write_session() as session:
            await booking.load_project(session, caller, project_id)
            dates = await booking.free_dates_after(session, caller.client_id, date)
            token = await booking.issue_request_id(session, caller, project_id, runtime.request_id_ttl)
        return {"data": {"dates": [d.isoformat() for d in dates], "request_id": token}}
    async with runtime.read_session() as session:
        await booking.load_project(session, caller, project_id)
        await booking.check_request_id(session, caller, project_id, request_id)
        times = await booking.free_times_on(session, caller.client_id, selected)
    return {"data": {"date": selected.isoformat(), "slots": [to_12h(t) for t in times], "request_id": request_id}}


@router.post("/project/{project_id}/schedule")
async def schedule(
    project_id: ProjectId,
    body: ScheduleBody,
    request: Request,
    caller: CallerDep,
    runtime: RuntimeDep,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Book (or move) the project's appointment: ``{"data": {"appointment", "rescheduled"}}``.

    Raises 404 (project), 400 ``invalid_request_id``, 409 ``slot_unavailable``.
    """

    async def write(session: AsyncSession) -> dict[str, Any]:
        appointment, rescheduled = await booking.book(
            session,
            caller,
            project_id,
            day=body.date,
            time=body.time,
            request_id=body.request_id,
            created_at=body.created_at or booking.utcnow(),
            is_chatbot=body.is_chatbot,
        )
        return {"data": {"appointment": appointment_json(appointment), "rescheduled": rescheduled}}

    return await answer_write(request, runtime, write, client_id=caller.client_id, key=idempotency_key)


@router.get("/project/{project_id}/cancel-reschedule")
async def cancel_reschedule(
    project_id: ProjectId,
    request: Request,
    caller: CallerDep,
    runtime: RuntimeDep,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Cancel the appointment (a write behind GET, as PF360 has it):
    ``{"data": {"cancelled": true, "appointment": {...}}}``. Raises 404 (project),
    404 ``no_appointment``."""

    async def write(session: AsyncSession) -> dict[str, Any]:
        appointment = await booking.cancel(session, caller, project_id)
        return {"data": {"cancelled": True, "appointment": appointment_json(appointment, status="Cancelled")}}

    return await answer_write(request, runtime, write, client_id=caller.client_id, key=idempotency_key)
