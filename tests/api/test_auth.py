"""Who may call: the token decides, and a bad token gets 401 with nothing read."""

from __future__ import annotations

import time

import jwt
import pytest

from app.auth.tokens import InvalidTokenError, issue_token, verify_token

MESSAGE = {"message": "what projects do I have?"}


def _token(settings, **overrides) -> str:
    claims = {"sub": "1001", "client_id": "demo-client", "exp": int(time.time()) + 600}
    claims.update(overrides)
    return jwt.encode({k: v for k, v in claims.items() if v is not None}, settings.jwt_secret_key, algorithm="HS256")


async def _post(client, token: str | None):
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return await client.post("/api/chat", json=MESSAGE, headers=headers)


async def test_no_token_is_refused(client) -> None:
    response = await _post(client, None)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"
    assert response.headers["x-request-id"]


async def test_bad_signature_is_refused(client, settings) -> None:
    forged = jwt.encode({"sub": "1001", "client_id": "demo-client", "exp": int(time.time()) + 600},
                        "another-key-of-sufficient-length-0123456789", algorithm="HS256")
    assert (await _post(client, forged)).status_code == 401


async def test_expired_token_is_refused(client, settings) -> None:
    response = await _post(client, _token(settings, exp=int(time.time()) - 3600))
    assert response.status_code == 401
    assert "expired" in response.json()["error"]["message"]


@pytest.mark.parametrize("missing", ["sub", "client_id", "exp"])
async def test_token_without_a_required_claim_is_refused(client, settings, missing) -> None:
    assert (await _post(client, _token(settings, **{missing: None}))).status_code == 401


async def test_alg_none_is_refused(client) -> None:
    unsigned = jwt.encode({"sub": "1001", "client_id": "demo-client", "exp": int(time.time()) + 600},
                          key=None, algorithm="none")
    assert (await _post(client, unsigned)).status_code == 401


async def test_other_algorithm_is_refused(client, settings) -> None:
    other = jwt.encode({"sub": "1001", "client_id": "demo-client", "exp": int(time.time()) + 600},
                       settings.jwt_secret_key, algorithm="HS512")
    assert (await _post(client, other)).status_code == 401


async def test_valid_token_opens_a_session(client, settings) -> None:
    response = await _post(client, issue_token(settings, customer_id="1001", client_id="demo-client"))
    assert response.status_code == 200
    assert response.json()["session_id"]


def test_verify_token_names_the_caller(settings) -> None:
    caller = verify_token(settings, issue_token(settings, customer_id="1002", client_id="demo-client",
                                                client_name="Demo Home Services"))
    assert (caller.customer_id, caller.client_id, caller.client_name) == ("1002", "demo-client", "Demo Home Services")
    with pytest.raises(InvalidTokenError):
        verify_token(settings, "not-a-jwt")
