"""Helpers of the security tests."""

from __future__ import annotations

import time
from typing import Any

import jwt

from app.config import Settings

GOOD_CLAIMS = {"sub": "1001", "client_id": "demo-client"}


def settings_with(settings: Settings, **overrides: Any) -> Settings:
    """`settings` with `overrides`, validated again (as if read from the environment)."""
    return Settings(**(settings.model_dump() | overrides))


def signed(key: str | None, *, algorithm: str = "HS256", headers: dict | None = None, **claims: Any) -> str:
    """A token over the demo customer's claims (`exp` in 10 minutes) with `claims`
    changed; a claim given as None is left out."""
    body = {**GOOD_CLAIMS, "exp": int(time.time()) + 600, **claims}
    return jwt.encode({k: v for k, v in body.items() if v is not None}, key, algorithm=algorithm, headers=headers)


def bearer(token: str) -> dict[str, str]:
    """The Authorization header carrying `token`."""
    return {"Authorization": f"Bearer {token}"}
