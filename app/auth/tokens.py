"""JSON Web Tokens issued by the customer portal (api.md "Who is calling").

Claims: `sub` = customer id, `client_id`, optional `client_name`, `exp`; `iss` and
`aud` too when `JWT_ISSUER` / `JWT_AUDIENCE` are set. The customer and client of
every request are taken from a verified token, never from the body.

PyJWT with the algorithm pinned to `JWT_ALGORITHM` (HS256 by default), so `alg: none`
or any other algorithm is refused. Key rotation: a token whose header names a `kid`
is verified with that key of `JWT_KEYS` (an unknown kid is refused); a token without
one with `JWT_SECRET_KEY`. New tokens are signed with `JWT_CURRENT_KID`'s key when it
is set, else with `JWT_SECRET_KEY`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import jwt

from app.config import Settings

REQUIRED_CLAIMS = ("sub", "client_id", "exp")


@dataclass(frozen=True, slots=True)
class Caller:
    """The verified identity of a request: one customer of one client (tenant)."""

    customer_id: str
    client_id: str
    client_name: str | None = None


class InvalidTokenError(Exception):
    """The token is missing, malformed, badly signed, expired, from an unknown key,
    for another issuer or audience, or lacks a claim. The message is safe to show."""


def issue_token(
    settings: Settings, *, customer_id: str, client_id: str, client_name: str | None = None, ttl_seconds: int = 3600
) -> str:
    """A token signed with the current key (`scheduling-agent token` and tests).

    Args:
        ttl_seconds: lifetime from now, in seconds.
    Returns:
        The compact JWT; its header carries `kid` when `JWT_CURRENT_KID` is set, and its
        claims `iss` / `aud` when those settings are set.
    """
    now = int(time.time())
    claims: dict[str, object] = {"sub": str(customer_id), "client_id": client_id, "iat": now, "exp": now + ttl_seconds}
    if client_name:
        claims["client_name"] = client_name
    if settings.jwt_issuer:
        claims["iss"] = settings.jwt_issuer
    if settings.jwt_audience:
        claims["aud"] = settings.jwt_audience
    kid = settings.jwt_current_kid
    key = settings.jwt_keys[kid] if kid else settings.jwt_secret_key
    return jwt.encode(claims, key, algorithm=settings.jwt_algorithm, headers={"kid": kid} if kid else None)


def verify_token(settings: Settings, token: str) -> Caller:
    """Verify algorithm, key, signature, expiry (with `JWT_LEEWAY_SECONDS`), the
    required claims and, when configured, issuer and audience.

    Returns:
        The `Caller` named by the token.
    Raises:
        InvalidTokenError: with a short reason safe to show the client.
    """
    try:
        key = _verification_key(settings, jwt.get_unverified_header(token))
        claims = jwt.decode(
            token,
            key,
            algorithms=[settings.jwt_algorithm],
            issuer=settings.jwt_issuer,
            audience=settings.jwt_audience,
            leeway=settings.jwt_leeway_seconds,
            options={"require": _required_claims(settings), "verify_aud": settings.jwt_audience is not None},
        )
    except jwt.ExpiredSignatureError as exc:
        raise InvalidTokenError("the token has expired") from exc
    except jwt.MissingRequiredClaimError as exc:
        raise InvalidTokenError(f"the token lacks the '{exc.claim}' claim") from exc
    except jwt.InvalidIssuerError as exc:
        raise InvalidTokenError("the token's issuer is not accepted") from exc
    except jwt.InvalidAudienceError as exc:
        raise InvalidTokenError("the token's audience is not accepted") from exc
    except jwt.PyJWTError as exc:
        raise InvalidTokenError("the token is not valid") from exc
    return _caller(claims)


def _required_claims(settings: Settings) -> list[str]:
    extra = [name for name, wanted in (("iss", settings.jwt_issuer), ("aud", settings.jwt_audience)) if wanted]
    return [*REQUIRED_CLAIMS, *extra]


def _verification_key(settings: Settings, header: dict[str, Any]) -> str:
    """The key for a token with this (unverified) header: its `kid`'s, else the default key."""
    kid = header.get("kid")
    if kid is None:
        return settings.jwt_secret_key
    key = settings.jwt_keys.get(kid)
    if key is None:
        raise InvalidTokenError("the token's key id is not known")
    return key


def _caller(claims: dict[str, Any]) -> Caller:
    customer_id, client_id = claims.get("sub"), claims.get("client_id")
    if not isinstance(customer_id, str | int) or not isinstance(client_id, str) or not str(customer_id) or not client_id:
        raise InvalidTokenError("the token's sub and client_id must be non-empty strings")
    client_name = claims.get("client_name")
    return Caller(str(customer_id), client_id, client_name if isinstance(client_name, str) else None)
