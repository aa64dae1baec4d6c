"""``Idempotency-Key`` handling of the sandbox's write endpoints.

The key is claimed (a row inserted, ``ON CONFLICT DO NOTHING``) at the start of the
write transaction and the result is stored in that same transaction, so "wrote"
and "remembered the answer" commit together. A repeat with the same key returns
the stored status and body and writes nothing: no second booking, no 409 on the
replay. A concurrent repeat blocks on the key's primary key until the first
commits, then replays (if the first rolls back, the repeat's claim succeeds and it
runs the write itself).

Only successful (2xx) results are stored: a failed write rolls back entirely,
including its key, so a retry with the same key simply tries again (a client may
retry a 400 ``invalid_request_id`` with a fresh request id and the same key).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse
from sqlalchemy import bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from app.sandbox.booking import utcnow
from app.sandbox.deps import runtime_of
from app.sandbox.errors import SandboxError
from app.sandbox.models import IdempotencyRecord
from app.sandbox.runtime import SandboxRuntime

Operation = Callable[[AsyncConnection], Awaitable[dict[str, Any]]]

_R = IdempotencyRecord.__table__
_KEY = (_R.c.client_id == bindparam("b_client_id")) & (_R.c.key == bindparam("b_key"))
#: Claim a key: inserts, or (key already stored, or being stored by a concurrent
#: transaction, which it waits for) changes nothing.
_CLAIM = {
    "postgresql": postgresql.insert(_R).on_conflict_do_nothing(),
    "sqlite": sqlite.insert(_R).on_conflict_do_nothing(),
}
_STORED = select(_R.c.method, _R.c.path, _R.c.status, _R.c.response_json).where(_KEY)
_REMEMBER = update(_R).where(_KEY).values(status=bindparam("b_status"), response_json=bindparam("b_body"))


@dataclass(frozen=True)
class WriteResult:
    """The answer of a write: HTTP status, JSON body, and whether it is a replay."""

    status: int
    body: dict[str, Any]
    replayed: bool


async def run_write(
    runtime: SandboxRuntime,
    operation: Operation,
    *,
    client_id: str,
    key: str | None,
    method: str,
    path: str,
    status: int = 200,
) -> WriteResult:
    """Run ``operation`` (returns the JSON body) in one write transaction, once per key.

    Args:
        key: the ``Idempotency-Key`` header, or None (no deduplication).
        method, path: the request's; a key reused for another request is refused.

    Raises:
        SandboxError: whatever ``operation`` raises (nothing is stored), 422
            ``idempotency_key_reused`` when the key was used for another method/path,
            or 503 ``unavailable`` when the key's first request is still in progress.
    """
    async with runtime.transaction() as conn:
        if key is not None and not await _claim(conn, client_id, key, method, path):
            return _replay(await _stored(conn, client_id, key), method, path)
        body = await operation(conn)
        if key is not None:
            await conn.execute(
                _REMEMBER, {"b_client_id": client_id, "b_key": key, "b_status": status, "b_body": body}
            )
    return WriteResult(status=status, body=body, replayed=False)


async def answer_write(request: Request, operation: Operation, *, client_id: str, key: str | None) -> JSONResponse:
    """The HTTP answer of a write endpoint, on the runtime of the app serving
    ``request``: :func:`run_write`, then (for a fresh write only, never a replay) the
    ``hang_after_commit`` fault. A replay carries the header ``Idempotent-Replayed: true``."""
    runtime = runtime_of(request)
    result = await run_write(
        runtime, operation, client_id=client_id, key=key, method=request.method, path=request.url.path
    )
    if not result.replayed:
        await runtime.faults.after_commit()
    headers = {"Idempotent-Replayed": "true"} if result.replayed else None
    return JSONResponse(result.body, status_code=result.status, headers=headers)


async def _claim(conn: AsyncConnection, client_id: str, key: str, method: str, path: str) -> bool:
    result = await conn.execute(
        _CLAIM[conn.dialect.name],
        {"client_id": client_id, "key": key, "method": method, "path": path, "status": 0, "response_json": None,
         "created_at": utcnow()},
    )
    return result.rowcount == 1


async def _stored(conn: AsyncConnection, client_id: str, key: str) -> Any:
    return (await conn.execute(_STORED, {"b_client_id": client_id, "b_key": key})).first()


def _replay(record: Any, method: str, path: str) -> WriteResult:
    if record is None:  # claimed by a transaction not visible to this one yet: let the client retry
        raise SandboxError(503, "unavailable", "a request with this Idempotency-Key is in progress")
    if (record.method, record.path) != (method, path):
        raise SandboxError(
            422, "idempotency_key_reused", "this Idempotency-Key was already used for a different request"
        )
    return WriteResult(status=record.status, body=record.response_json or {}, replayed=True)
