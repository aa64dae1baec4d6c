"""Who may call: every kind of bad token gets 401 (nothing read, no PF360 call);
issuer, audience and key rotation work as configured; weak keys never reach production."""

from __future__ import annotations

import time

import jwt
import pytest

from app.auth.tokens import InvalidTokenError, verify_token
from app.config import DEV_JWT_SECRET_KEY
from tests.security.support import bearer, settings_with, signed

FOREIGN_KEY = "another-key-of-sufficient-length-0123456789abcdef"
OLD_KEY = "old-rotated-key-0123456789abcdefghijklmnopqrstuv"
NEW_KEY = "new-current-key-0123456789abcdefghijklmnopqrstuv"
ISSUER, AUDIENCE = "https://portal.example.com", "scheduling-assistant"
MESSAGE = {"message": "what projects do I have?"}

BAD_TOKENS = {
    "not-a-jwt": lambda key: "not-a-jwt",
    "bad-signature": lambda key: signed(FOREIGN_KEY),
    "expired": lambda key: signed(key, exp=int(time.time()) - 3600),
    "alg-none": lambda key: signed(None, algorithm="none"),
    "wrong-algorithm-hs512": lambda key: signed(key, algorithm="HS512"),
    "wrong-algorithm-hs384": lambda key: signed(key, algorithm="HS384"),
    "missing-sub": lambda key: signed(key, sub=None),
    "missing-client_id": lambda key: signed(key, client_id=None),
    "missing-exp": lambda key: signed(key, exp=None),
    "empty-client_id": lambda key: signed(key, client_id=""),
    "unknown-kid": lambda key: signed(key, headers={"kid": "no-such-key"}),
}


async def test_no_token_is_refused(client, pf360_calls) -> None:
    response = await client.post("/api/chat", json=MESSAGE)
    assert response.status_code == 401
    assert response.json() == {"error": {"code": "unauthorized", "message": "a bearer token is required"}}
    assert pf360_calls.calls == []


@pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")
@pytest.mark.parametrize("kind", list(BAD_TOKENS))
async def test_bad_tokens_are_refused_before_anything_is_read(client, settings, pf360_calls, kind) -> None:
    token = BAD_TOKENS[kind](settings.jwt_secret_key)
    response = await client.post("/api/chat", json=MESSAGE, headers=bearer(token))
    assert response.status_code == 401, response.text
    assert response.json()["error"]["code"] == "unauthorized"
    assert pf360_calls.calls == []
    history = await client.get("/api/sessions/any-session/history", headers=bearer(token))
    assert history.status_code == 401


async def test_audience_and_issuer_are_not_checked_when_not_configured(client, settings) -> None:
    token = signed(settings.jwt_secret_key, iss="https://elsewhere.example", aud="someone-else")
    assert (await client.post("/api/chat", json=MESSAGE, headers=bearer(token))).status_code == 200


def test_clock_skew_leeway_is_a_setting(settings) -> None:
    expired_a_little = signed(settings.jwt_secret_key, exp=int(time.time()) - 10)
    assert verify_token(settings, expired_a_little).customer_id == "1001"  # default leeway 30 s
    with pytest.raises(InvalidTokenError, match="expired"):
        verify_token(settings_with(settings, jwt_leeway_seconds=0), expired_a_little)


class TestConfiguredIssuerAudienceAndRotation:
    """JWT_ISSUER, JWT_AUDIENCE, JWT_KEYS and JWT_CURRENT_KID set."""

    @pytest.fixture
    def settings(self, settings):
        return settings_with(settings, jwt_issuer=ISSUER, jwt_audience=AUDIENCE,
                             jwt_keys={"2025-01": OLD_KEY, "2026-01": NEW_KEY}, jwt_current_kid="2026-01")

    async def test_issued_tokens_carry_the_current_kid_issuer_and_audience(self, client, token_for) -> None:
        token = token_for()
        assert jwt.get_unverified_header(token)["kid"] == "2026-01"
        claims = jwt.decode(token, NEW_KEY, algorithms=["HS256"], audience=AUDIENCE)
        assert (claims["iss"], claims["aud"]) == (ISSUER, AUDIENCE)
        assert (await client.post("/api/chat", json=MESSAGE, headers=bearer(token))).status_code == 200

    @pytest.mark.parametrize("kid, key", [("2025-01", OLD_KEY), ("2026-01", NEW_KEY)])
    async def test_every_key_of_the_rotation_is_accepted_by_its_kid(self, client, kid, key) -> None:
        token = signed(key, headers={"kid": kid}, iss=ISSUER, aud=AUDIENCE)
        assert (await client.post("/api/chat", json=MESSAGE, headers=bearer(token))).status_code == 200

    async def test_a_token_without_kid_is_verified_with_the_default_key(self, client, settings) -> None:
        good = signed(settings.jwt_secret_key, iss=ISSUER, aud=AUDIENCE)
        assert (await client.post("/api/chat", json=MESSAGE, headers=bearer(good))).status_code == 200
        rotated_key_without_kid = signed(NEW_KEY, iss=ISSUER, aud=AUDIENCE)
        assert (await client.post("/api/chat", json=MESSAGE, headers=bearer(rotated_key_without_kid))).status_code == 401

    @pytest.mark.parametrize(
        "kid, key, claims, reason",
        [
            ("2025-01", NEW_KEY, {}, "not valid"),  # the kid binds the key: another key's signature fails
            ("2024-12", OLD_KEY, {}, "key id"),
            ("2026-01", NEW_KEY, {"iss": "https://evil.example"}, "issuer"),
            ("2026-01", NEW_KEY, {"iss": None}, "'iss'"),
            ("2026-01", NEW_KEY, {"aud": "another-service"}, "audience"),
            ("2026-01", NEW_KEY, {"aud": None}, "'aud'"),
        ],
        ids=["kid-with-another-key", "unknown-kid", "wrong-iss", "missing-iss", "wrong-aud", "missing-aud"],
    )
    async def test_wrong_kid_issuer_or_audience_is_refused(self, client, kid, key, claims, reason) -> None:
        token = signed(key, headers={"kid": kid}, **({"iss": ISSUER, "aud": AUDIENCE} | claims))
        response = await client.post("/api/chat", json=MESSAGE, headers=bearer(token))
        assert response.status_code == 401
        assert reason in response.json()["error"]["message"]


PROD = {"environment": "prod", "pf360_base_url": "https://pf360.example.com/api", "pf360_api_token": "t",
        "redis_url": "redis://127.0.0.1:6379/0", "database_url": "postgresql+asyncpg://u@db/x",
        "jwt_secret_key": "p" * 40}


@pytest.mark.parametrize("weak", [DEV_JWT_SECRET_KEY, "short-secret"], ids=["dev-key", "short-key"])
def test_production_refuses_weak_rotation_keys(settings, weak) -> None:
    with pytest.raises(ValueError, match="JWT_KEYS"):
        settings_with(settings, **PROD, jwt_keys={"good": "g" * 40, "weak": weak})
    assert settings_with(settings, **PROD, jwt_keys={"good": "g" * 40}).jwt_keys == {"good": "g" * 40}


def test_production_still_refuses_the_development_default_key(settings) -> None:
    with pytest.raises(ValueError, match="JWT_SECRET_KEY"):
        settings_with(settings, **(PROD | {"jwt_secret_key": DEV_JWT_SECRET_KEY}))


def test_current_kid_must_name_a_known_key(settings) -> None:
    with pytest.raises(ValueError, match="JWT_CURRENT_KID"):
        settings_with(settings, jwt_keys={"a": "x" * 40}, jwt_current_kid="b")


def test_rotation_keys_are_read_from_json_in_the_environment(monkeypatch) -> None:
    from app.config import Settings

    monkeypatch.setenv("JWT_KEYS", '{"k1": "%s", "k2": "%s"}' % (OLD_KEY, NEW_KEY))
    monkeypatch.setenv("JWT_CURRENT_KID", "k2")
    settings = Settings(_env_file=None)
    assert settings.jwt_keys == {"k1": OLD_KEY, "k2": NEW_KEY}
    assert settings.jwt_current_kid == "k2"
