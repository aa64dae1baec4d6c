"""PF360 dashboard and project-notes endpoints (calls 1, 2, 10, 11 of ``pf360.md``).

Read endpoints declare ``response_model`` (their OpenAPI schema) but return a ready
``JSONResponse``, which FastAPI sends as is, without validating it again.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, StringConstraints, field_validator
from sqlalchemy import bindparam, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from app.sandbox import booking
from app.sandbox.deps import PRINTABLE, CallerDep, IdempotencyKey, ProjectId, runtime_of
from app.sandbox.errors import SandboxError
from app.sandbox.idempotency import answer_write
from app.sandbox.models import Client, Customer, Note, Project
from app.sandbox.wire import PROJECT_FIELDS, note_json, project_json

router = APIRouter()  # faults and the token check come with CallerDep

_CL = Client.__table__
_CU = Customer.__table__
_P = Project.__table__
_N = Note.__table__
#: The customer with its client and projects, one row per project (project
#: columns NULL: no project); no row: unknown customer (a customer implies its client).
_DASHBOARD = (
    select(
        _CL.c.name.label("client_name"),
        _CL.c.timezone,
        _CU.c.first_name,
        _CU.c.last_name,
        *(_P.c[name] for name in PROJECT_FIELDS),
    )
    .select_from(
        _CU.join(_CL, _CL.c.client_id == _CU.c.client_id).outerjoin(
            _P, (_P.c.client_id == _CU.c.client_id) & (_P.c.customer_id == _CU.c.customer_id)
        )
    )
    .where(_CU.c.client_id == bindparam("client_id"), _CU.c.customer_id == bindparam("customer_id"))
    .order_by(_P.c.project_id)
)
#: The project's owner with its notes, newest first (note columns NULL: no note).
_NOTES = (
    select(_P.c.client_id, _P.c.customer_id, _N.c.id, _N.c.project_id, _N.c.note_text, _N.c.created_at)
    .select_from(_P.outerjoin(_N, _N.c.project_id == _P.c.project_id))
    .where(_P.c.project_id == bindparam("project_id"))
    .order_by(_N.c.created_at.desc(), _N.c.id.desc())
)
_INSERT_NOTE = insert(_N).returning(_N.c.id)

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


@router.get("/dashboard/get/{client_id}/{customer_id}", response_model=dict[str, Any])
async def dashboard(
    customer_id: Annotated[str, Path(min_length=1, max_length=64, pattern=PRINTABLE)],
    request: Request,
    caller: CallerDep,
) -> JSONResponse:
    """``{"data": {"client", "customer", "projects": [...]}}`` (projects by id).

    Raises 404 ``not_found``: unknown client or customer, or a ``customer_id`` header
    naming someone else.
    """
    if caller.customer_id is not None and caller.customer_id != customer_id:
        raise SandboxError(404, "not_found", f"customer {customer_id} not found")
    async with runtime_of(request).connection() as conn:
        rows = (await conn.execute(_DASHBOARD, {"client_id": caller.client_id, "customer_id": customer_id})).all()
    if not rows:
        raise SandboxError(404, "not_found", f"customer {customer_id} not found")
    first = rows[0]
    return JSONResponse(
        {
            "data": {
                "client": {"client_id": caller.client_id, "name": first.client_name, "timezone": first.timezone},
                "customer": {
                    "customer_id": customer_id,
                    "first_name": first.first_name,
                    "last_name": first.last_name,
                },
                "projects": [project_json(row) for row in rows if row.project_id is not None],
            }
        }
    )


@router.post("/project-notes/add/{client_id}/{project_id}")
async def add_note(
    project_id: ProjectId,
    body: NoteBody,
    request: Request,
    caller: CallerDep,
    idempotency_key: IdempotencyKey = None,
) -> Any:
    """Store a note: ``{"data": {"note": {note_id, project_id, note_text, created_at}}}``.

    Honours ``Idempotency-Key`` like the scheduler writes. Raises 404 (project).
    """

    async def write(conn: AsyncConnection) -> dict[str, Any]:
        await booking.load_project(conn, caller, project_id)
        created_at = booking.utcnow()
        note_id = (
            await conn.execute(
                _INSERT_NOTE,
                {"project_id": project_id, "client_id": caller.client_id, "note_text": body.note_text,
                 "created_at": created_at},
            )
        ).scalar_one()
        return {"data": {"note": note_json(note_id, project_id, body.note_text, created_at)}}

    return await answer_write(request, write, client_id=caller.client_id, key=idempotency_key)


@router.get("/project-notes/{client_id}/{project_id}", response_model=dict[str, Any])
async def list_notes(project_id: ProjectId, request: Request, caller: CallerDep) -> JSONResponse:
    """``{"data": {"notes": [...]}}``, newest first. Raises 404 (project)."""
    async with runtime_of(request).connection() as conn:
        rows = (await conn.execute(_NOTES, {"project_id": project_id})).all()
    booking.check_owner(rows[0] if rows else None, caller, project_id)
    notes = [note_json(row.id, row.project_id, row.note_text, row.created_at) for row in rows if row.id is not None]
    return JSONResponse({"data": {"notes": notes}})
