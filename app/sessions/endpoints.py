"""`GET /api/sessions/{id}/history` and `DELETE /api/sessions/{id}`."""

from __future__ import annotations

from fastapi import APIRouter, Response
from sqlalchemy.exc import SQLAlchemyError

from app.api.deps import CurrentCaller, DbSessionDep, ResourcesDep
from app.api.errors import ApiError
from app.chat.service import SessionForbiddenError, SessionNotFoundError, StoreUnavailableError
from app.sessions import repository
from app.sessions.schemas import HistoryMessage, SessionHistory

router = APIRouter(prefix="/api/sessions", tags=["sessions"])


@router.get("/{session_id}/history", response_model=SessionHistory,
            responses={401: {}, 403: {}, 404: {}, 503: {}})
async def history(session_id: str, caller: CurrentCaller, db: DbSessionDep) -> SessionHistory:
    """The session's messages from the database, oldest first (also after its context expired)."""
    try:
        row = await repository.get_session(db, session_id)
        if row is None:
            raise ApiError(404, "session_not_found", "this session is unknown")
        if row.client_id != caller.client_id or row.customer_id != caller.customer_id:
            raise ApiError(403, "forbidden", "this session belongs to someone else")
        messages = await repository.list_messages(db, session_id)
    except (SQLAlchemyError, OSError) as error:
        raise ApiError(503, "store_unavailable", "the history is briefly unavailable", retry_after=2) from error
    return SessionHistory(
        session_id=session_id,
        messages=[HistoryMessage.model_validate(m, from_attributes=True) for m in messages],
    )


@router.delete("/{session_id}", status_code=204, responses={401: {}, 403: {}, 404: {}, 503: {}})
async def end_session(session_id: str, caller: CurrentCaller, resources: ResourcesDep) -> Response:
    """End the session: its Redis context is removed; its history stays."""
    try:
        await resources.chat.end_session(caller, session_id)
    except SessionNotFoundError as error:
        raise ApiError(404, "session_not_found", "this session is unknown") from error
    except SessionForbiddenError as error:
        raise ApiError(403, "forbidden", "this session belongs to someone else") from error
    except StoreUnavailableError as error:
        raise ApiError(503, "store_unavailable", "briefly unavailable; please retry", retry_after=2) from error
    return Response(status_code=204)
