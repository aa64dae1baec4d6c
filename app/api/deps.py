"""FastAPI dependencies, as `Annotated` aliases: `ResourcesDep`, `CurrentCaller`, `TurnCaller`, `DbSessionDep`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, NoReturn

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession

from app.api.errors import ApiError
from app.auth.tokens import Caller, InvalidTokenError, verify_token
from app.resources import Resources
from app.security.limits import AuthFailureGuard

bearer = HTTPBearer(auto_error=False, description="JWT issued by the customer portal (HS256)")


async def get_resources(request: Request) -> Resources:
    """The process's resources, built by the lifespan.

    A coroutine on purpose: FastAPI runs a plain-function dependency in a worker
    thread, which cost a thread hop on every request."""
    return request.app.state.resources


ResourcesDep = Annotated[Resources, Depends(get_resources)]


def client_address(request: Request) -> str:
    """The address the request came from (the key of its failed-sign-in count)."""
    return request.client.host if request.client else "unknown"


def _verified(resources: Resources, credentials: HTTPAuthorizationCredentials | None) -> Caller:
    """The caller of a bearer token (raises `InvalidTokenError`)."""
    if credentials is None or not credentials.credentials:
        raise InvalidTokenError("a bearer token is required")
    return verify_token(resources.settings, credentials.credentials)


async def _count_failure(guard: AuthFailureGuard, address: str, error: InvalidTokenError) -> NoReturn:
    """Count a token that failed against `address` and answer 401."""
    await guard.record_failure(address)
    raise ApiError(401, "unauthorized", str(error)) from error


def _store_unavailable() -> ApiError:
    """The 503 for a Redis that did not answer the failed-sign-in count."""
    return ApiError(503, "store_unavailable", "the service is briefly unavailable; please retry", retry_after=2)


async def get_current_caller(
    request: Request,
    resources: ResourcesDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Caller:
    """The customer and client named by the verified bearer token.

    A client address with `AUTH_FAILURE_LIMIT` failed authentications in the last
    `AUTH_FAILURE_WINDOW_SECONDS` is refused before its token is looked at; every
    refused token (or missing one) counts as a failure.

    Raises:
        ApiError 401: no token, a bad signature, an expired token, an unknown key id,
            a wrong issuer or audience, or a missing claim.
        ApiError 429: too many failed authentications from this address (`Retry-After`).
        ApiError 503: Redis, which keeps the failure counts, is unreachable.
    """
    guard, address = resources.guard, client_address(request)
    try:
        retry_after = await guard.retry_after(address)
        if retry_after is not None:
            raise guard.refusal(retry_after)
        try:
            return _verified(resources, credentials)
        except InvalidTokenError as error:
            await _count_failure(guard, address, error)
    except RedisError as error:
        raise _store_unavailable() from error


async def get_turn_caller(
    request: Request,
    resources: ResourcesDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Caller:
    """`get_current_caller` for the chat endpoints: the same answers, one round trip fewer.

    A valid token's failed-sign-in check is left to the turn's admission, which makes it
    in the same Redis round trip as the rate limit and the session lock
    (`app.chat.admission`), so a blocked address is still refused whatever its token.
    A token that fails is answered here, exactly as by `get_current_caller`.

    Raises:
        ApiError 401, 429, 503: as `get_current_caller`.
    """
    try:
        return _verified(resources, credentials)
    except InvalidTokenError as error:
        guard, address = resources.guard, client_address(request)
        try:
            if (retry_after := await guard.retry_after(address)) is not None:
                raise guard.refusal(retry_after) from error
            await _count_failure(guard, address, error)
        except RedisError as redis_error:
            raise _store_unavailable() from redis_error


CurrentCaller = Annotated[Caller, Depends(get_current_caller)]
TurnCaller = Annotated[Caller, Depends(get_turn_caller)]


async def get_db_session(resources: ResourcesDep) -> AsyncIterator[AsyncSession]:
    """A database session that commits when the request succeeds and rolls back otherwise."""
    async with resources.sessionmaker() as session:
        try:
            yield session
            await session.commit()
        except BaseException:
            await session.rollback()
            raise


DbSessionDep = Annotated[AsyncSession, Depends(get_db_session)]
