"""PF360 dashboard and project-notes endpoints (calls 1, 2, 10, 11 of ``pf360.md``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from pydantic import BaseModel, StringConstraints, field_validator
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.sandbox import booking
from app.sandbox.deps import PRINTABLE, CallerDep, IdempotencyKey, ProjectId, RuntimeDep, inject_faults
from app.sandbox.errors import SandboxError
from app.sandbox.idempotency import answer_write
from app.sandbox.models import Client, Customer, Note, Project
from app.sandbox.wire import client_json, customer_json, note_json, project_json

router = APIRouter(dependencies=[Depends(inject_faults)])

NoteText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]


class NoteBody(BaseModel):
    """Body of the add-note call: 1..2000 characters after trimming, no NUL."""

    note_text: NoteText

    @field_validator("note_text")
    @classmethod
    def _no_nul(cls, value: str) -> str:
        if "\x00" in value:
            raise ValueError("note_text must not contain NUL characters")
        return value


@router.get("/dashboard/get/{client_id}/{customer_id}")
async def dashboard(
    customer_id: Annotated[str, Path(min_length=1, max_length=64, pattern=PRINTABLE)],
    caller: CallerDep,
    runtime: RuntimeDep,
) -> dict[str, Any]:
    """``{"data": {"client", "customer", "projects": [...]}}`` (projects by id).

    Raises 404 ``not_found``: unknown client or customer, or a ``customer_id`` header
    naming someone else.
    """
    if caller.customer_id is not None and caller.customer_id != customer_id:
        raise SandboxError(404, "not_found", f"customer {customer_id} not found")
    async with runtime.read_session() as session:
        client = await session.get(Client, caller.client_id)
        customer = await session.get(Customer, (caller.client_id, customer_id))
        if client is None or customer is None:
            raise SandboxError(404, "not_found", f"customer {customer_id} not found")
        projects = await session.scalars(
            select(Project)
            .where(Project.client_id == caller.client_id, Project.customer_id == customer_id)
            .order_by(Project.project_id)
        )
        return {
            "data": {
                "client": client_json(client),
                "customer": customer_json(customer),
                "projects": [project_json(p) for p in projects],
            }
        }


@router.post("/project-notes/add/{client_id}/{project_id}")
async def add_note(
    project_id: ProjectId,
    body: NoteBody,
    request: Request,
    caller: CallerDep,
    runtime: RuntimeDep,
    idempotency_key: IdempotencyKey = None,
) -> Any:
    """Store a note: ``{"data": {"note": {note_id, project_id, note_text, created_at}}}``.

    Honours ``Idempotency-Key`` like the scheduler writes. Raises 404 (project).
    """

    async def write(session: AsyncSession) -> dict[str, Any]:
        await booking.load_project(session, caller, project_id)
        note = Note(project_id=project_id, client_id=caller.client_id, note_text=body.note_text,
                    created_at=booking.utcnow())
        session.add(note)
        await session.flush()
        return {"data": {"note": note_json(note)}}

    return await answer_write(request, runtime, write, client_id=caller.client_id, key=idempotency_key)


@router.get("/project-notes/{client_id}/{project_id}")
async def list_notes(project_id: ProjectId, caller: CallerDep, runtime: RuntimeDep) -> dict[str, Any]:
    """``{"data": {"notes": [...]}}``, newest first. Raises 404 (project)."""
    async with runtime.read_session() as session:
        await booking.load_project(session, caller, project_id)
        notes = await session.scalars(
            select(Note).where(Note.project_id == project_id).order_by(Note.created_at.desc(), Note.id.desc())
        )
        return {"data": {"notes": [note_json(n) for n in notes]}}
