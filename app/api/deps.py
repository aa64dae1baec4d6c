"""FastAPI dependencies, as `Annotated` aliases: `ResourcesDep`, `CurrentCaller`, `DbSessionDep`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

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
    guard = AuthFailureGuard.from_settings(resources.redis, resources.settings)
    address = request.client.host if request.client else "unknown"
    try:
        retry_after = await guard.retry_after(address)
        if retry_after is not None:
            raise ApiError(429, "too_many_auth_failures", "too many failed sign-ins from this address; wait a moment",
                           retry_after=retry_after)
        try:
            if credentials is None or not credentials.credentials:
                raise InvalidTokenError("a bearer token is required")
            return verify_token(resources.settings, credentials.credentials)
        except InvalidTokenError as error:
            await guard.record_failure(address)
            raise ApiError(401, "unauthorized", str(error)) from error
    except RedisError as error:
        raise ApiError(503, "store_unavailable", "the service is briefly unavailable; please retry",
                       retry_after=2) from error


CurrentCaller = Annotated[Caller, Depends(get_current_caller)]


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
