"""FastAPI dependencies of the sandbox: runtime, faults, and who is calling.

Order on every PF360 endpoint: faults (latency / 503 / hang), then the caller
check (401, 403), then FastAPI's own parameter and body validation (422). Every
PF360 endpoint takes :data:`CallerDep`, which runs all of them in that order.

Each dependency costs FastAPI a resolution pass on every request, so the chain is
kept short (faults and token in one dependency) and PF360 endpoints find the
runtime with :func:`runtime_of` rather than a dependency.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header, Path, Request

from app.sandbox.errors import SandboxError
from app.sandbox.runtime import SandboxRuntime

#: Identifiers taken from paths and queries: printable, no control characters
#: (PostgreSQL refuses NUL bytes; such input must be a 422, never a 500).
PRINTABLE = r"^[^\x00-\x1f\x7f]+$"
MAX_PROJECT_ID = 2**31 - 1  # an INTEGER column on PostgreSQL


@dataclass(frozen=True)
class Caller:
    """The verified caller: the path's client, and the customer named by the
    optional ``customer_id`` header (None = any customer of the client)."""

    client_id: str
    customer_id: str | None


def runtime_of(request: Request) -> SandboxRuntime:
    """The :class:`SandboxRuntime` of the app serving ``request``."""
    return request.app.state.sandbox


async def get_runtime(request: Request) -> SandboxRuntime:
    """The :class:`SandboxRuntime` of the app serving ``request``, as a dependency
    (``async``: it never blocks, so FastAPI calls it inline, not in a worker thread)."""
    return runtime_of(request)


RuntimeDep = Annotated[SandboxRuntime, Depends(get_runtime)]


async def inject_faults(request: Request) -> None:
    """Apply the configured faults before the endpoint runs (PF360 endpoints only)."""
    await runtime_of(request).faults.before_answer()


async def require_token(request: Request) -> None:
    """Check the ``authorization`` header (``async``: it never blocks, so it runs inline).

    Raises:
        SandboxError: 401 ``unauthorized`` when missing, or different from the
            configured token (any non-empty value passes when none is configured).
    """
    supplied = request.headers.get("authorization", "").strip()
    expected = runtime_of(request).api_token
    if not supplied or (expected is not None and not secrets.compare_digest(supplied, expected)):
        raise SandboxError(401, "unauthorized", "missing or invalid authorization header")


async def faults_then_token(request: Request) -> None:
    """What every PF360 endpoint runs first: :func:`inject_faults`, then :func:`require_token`.

    Raises:
        SandboxError: 503 ``injected_fault``; 401 ``unauthorized``.
    """
    await inject_faults(request)
    await require_token(request)


async def require_caller(
    request: Request,
    client_id: Annotated[str, Path(min_length=1, max_length=64, pattern=PRINTABLE)],
    _access: Annotated[None, Depends(faults_then_token)],
) -> Caller:
    """The caller of a PF360 endpoint whose path names ``{client_id}``, after the
    faults and the token check (:func:`faults_then_token`, run before ``client_id``
    is validated).

    Raises:
        SandboxError: 503 / 401 (see :func:`faults_then_token`); 403 ``forbidden``
            when the ``client_id`` header is missing or differs from the path's client.
    """
    header_client = request.headers.get("client_id", "").strip()
    if header_client != client_id:
        raise SandboxError(403, "forbidden", "the client_id header does not match the requested client")
    customer_id = request.headers.get("customer_id", "").strip() or None
    return Caller(client_id=client_id, customer_id=customer_id)


CallerDep = Annotated[Caller, Depends(require_caller)]
IdempotencyKey = Annotated[str | None, Header(alias="Idempotency-Key", min_length=1, max_length=200)]
ProjectId = Annotated[int, Path(ge=1, le=MAX_PROJECT_ID)]
