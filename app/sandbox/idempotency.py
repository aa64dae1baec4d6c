"""``Idempotency-Key`` handling of the sandbox's write endpoints.

The key is claimed (a row inserted) at the start of the write transaction and the
result is stored in that same transaction, so "wrote" and "remembered the answer"
commit together. A repeat with the same key returns the stored status and body
and writes nothing: no second booking, no 409 on the replay. A concurrent repeat
blocks on the key's primary key until the first commits, then replays.

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
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.sandbox.booking import utcnow
from app.sandbox.errors import SandboxError
from app.sandbox.models import IdempotencyRecord
from app.sandbox.runtime import SandboxRuntime

Operation = Callable[[AsyncSession], Awaitable[dict[str, Any]]]


@dataclass(frozen=True)
class WriteResult:
    """The answer of a write: HTTP status, JSON body, and whether it is a replay."""

    status: int
    body: dict[str, Any]
    replayed: bool


class _KeyTaken(Exception):
    """Another request holds (or held) the same key."""


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
        SandboxError: whatever ``operation`` raises (nothing is stored), or 422
            ``idempotency_key_reused`` when the key was used for another method/path.
    """
    if key is not None:
        stored = await _stored(runtime, client_id, key)
        if stored is not None:
            return _replay(stored, method, path)
    try:
        async with runtime.write_session() as session:
            record = await _claim(session, client_id, key, method, path) if key is not None else None
            body = await operation(session)
            if record is not None:
                record.status, record.response_json = status, body
    except _KeyTaken:
        assert key is not None
        stored = await _stored(runtime, client_id, key)
        if stored is None:  # not visible yet: let the client retry with the same key
            raise SandboxError(503, "unavailable", "a request with this Idempotency-Key is in progress") from None
        return _replay(stored, method, path)
    return WriteResult(status=status, body=body, replayed=False)


async def answer_write(
    request: Request, runtime: SandboxRuntime, operation: Operation, *, client_id: str, key: str | None
) -> JSONResponse:
    """The HTTP answer of a write endpoint: :func:`run_write`, then (for a fresh
    write only, never a replay) the ``hang_after_commit`` fault. A replay carries
    the header ``Idempotent-Replayed: true``."""
    result = await run_write(
        runtime, operation, client_id=client_id, key=key, method=request.method, path=request.url.path
    )
    if not result.replayed:
        await runtime.faults.after_commit()
    headers = {"Idempotent-Replayed": "true"} if result.replayed else None
    return JSONResponse(result.body, status_code=result.status, headers=headers)


async def _stored(runtime: SandboxRuntime, client_id: str, key: str) -> IdempotencyRecord | None:
    async with runtime.read_session() as session:
        return await session.get(IdempotencyRecord, (client_id, key))


async def _claim(session: AsyncSession, client_id: str, key: str, method: str, path: str) -> IdempotencyRecord:
    record = IdempotencyRecord(
        client_id=client_id, key=key, method=method, path=path, status=0, response_json=None, created_at=utcnow()
    )
    session.add(record)
    try:
        await session.flush()
    except IntegrityError as exc:
        raise _KeyTaken from exc
    return record


def _replay(record: IdempotencyRecord, method: str, path: str) -> WriteResult:
    if (record.method, record.path) != (method, path):
        raise SandboxError(
            422, "idempotency_key_reused", "this Idempotency-Key was already used for a different request"
        )
    return WriteResult(status=record.status, body=record.response_json or {}, replayed=True)
