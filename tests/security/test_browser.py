"""The browser side: a CORS allow-list of widget origins, and security headers on
every response."""

from __future__ import annotations

import httpx
import pytest
from starlette.testclient import TestClient

from app.config import DEV_CORS_ORIGINS
from app.main import create_app
from app.observability import configure_logging
from tests.security.support import settings_with

ALLOWED, DISALLOWED = "https://portal.example.com", "https://evil.example.net"


def preflight(origin: str) -> dict[str, str]:
    return {"Origin": origin, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type"}


class TestCorsAllowList:
    @pytest.fixture
    def settings(self, settings):
        return settings_with(settings, cors_allowed_origins=f"{ALLOWED}, https://other-portal.example.com")

    async def test_preflight_from_an_allowed_origin(self, client) -> None:
        response = await client.options("/api/chat", headers=preflight(ALLOWED))
        assert response.status_code == 200
        assert response.headers["access-control-allow-origin"] == ALLOWED
        assert "authorization" in response.headers["access-control-allow-headers"].lower()
        assert "access-control-allow-credentials" not in response.headers

    async def test_preflight_from_a_disallowed_origin(self, client) -> None:
        response = await client.options("/api/chat", headers=preflight(DISALLOWED))
        assert response.status_code == 400
        assert "access-control-allow-origin" not in response.headers

    async def test_actual_requests_name_only_an_allowed_origin(self, client, auth) -> None:
        allowed = await client.post("/api/chat", json={"message": "hi"}, headers={**auth(), "Origin": ALLOWED})
        assert allowed.headers["access-control-allow-origin"] == ALLOWED
        assert "x-request-id" in allowed.headers["access-control-expose-headers"].lower()
        other = await client.post("/api/chat", json={"message": "hi"}, headers={**auth(), "Origin": DISALLOWED})
        assert "access-control-allow-origin" not in other.headers


async def test_the_development_default_allows_the_local_widget_only(client) -> None:
    for origin in DEV_CORS_ORIGINS:
        assert (await client.options("/api/chat", headers=preflight(origin))).status_code == 200
    assert (await client.options("/api/chat", headers=preflight(ALLOWED))).status_code == 400


@pytest.mark.parametrize("value", ["*", "https://portal.example.com/path", "portal.example.com", '["*"]'])
def test_wildcards_and_non_origins_are_refused_at_start_up(settings, value) -> None:
    with pytest.raises(ValueError, match="CORS_ALLOWED_ORIGINS"):
        settings_with(settings, cors_allowed_origins=value)


def test_origins_are_read_comma_separated_or_as_json(monkeypatch) -> None:
    from app.config import Settings

    monkeypatch.setenv("CORS_ALLOWED_ORIGINS", '["https://a.example.com", "https://b.example.com:8443/"]')
    assert Settings(_env_file=None).cors_origins == ["https://a.example.com", "https://b.example.com:8443"]
    monkeypatch.setenv("CORS_ALLOWED_ORIGINS", "https://a.example.com,https://b.example.com")
    assert Settings(_env_file=None).cors_origins == ["https://a.example.com", "https://b.example.com"]
    monkeypatch.delenv("CORS_ALLOWED_ORIGINS")
    assert Settings(_env_file=None, environment="test").cors_origins == list(DEV_CORS_ORIGINS)


COMMON = {"x-content-type-options": "nosniff", "x-frame-options": "DENY", "referrer-policy": "no-referrer"}


def assert_security_headers(response) -> None:
    for name, value in COMMON.items():
        assert response.headers[name] == value, name
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert "strict-transport-security" not in response.headers  # not in development / test


@pytest.mark.parametrize("request_kind", ["chat", "no-token", "unknown-route", "too-large", "health"])
async def test_every_api_response_has_the_security_headers_and_no_store(client, auth, request_kind) -> None:
    call = {
        "chat": lambda: client.post("/api/chat", json={"message": "hi"}, headers=auth()),
        "no-token": lambda: client.post("/api/chat", json={"message": "hi"}),
        "unknown-route": lambda: client.get("/api/nothing-here", headers=auth()),
        "too-large": lambda: client.post("/api/chat", content=b"{" * 100_000, headers=auth()),
        "health": lambda: client.get("/api/healthz"),
    }[request_kind]
    response = await call()
    assert_security_headers(response)
    assert response.headers["content-security-policy"].startswith("default-src 'none'")
    assert response.headers["cache-control"] == "no-store"


async def test_the_widget_page_may_run_only_its_own_script(client) -> None:
    page = await client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert_security_headers(page)
    csp = page.headers["content-security-policy"]
    assert "script-src 'self';" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert '<script src="/widget.js"' in page.text
    script = await client.get("/widget.js")
    assert_security_headers(script)
    assert script.headers["cache-control"] != "no-store"  # static files keep their own caching


def test_hsts_only_in_production(settings) -> None:
    prod = settings_with(settings, environment="prod", jwt_secret_key="p" * 40, pf360_api_token="t",
                         pf360_base_url="https://pf360.example.com/api", redis_url="redis://127.0.0.1:6379/0",
                         database_url="postgresql+asyncpg://u@db/x")
    try:
        response = TestClient(create_app(prod)).get("/api/healthz")  # no lifespan: no store is touched
    finally:
        configure_logging(settings)  # create_app switched the process to production (JSON) logs
    assert response.headers["strict-transport-security"] == "max-age=31536000; includeSubDomains"
    assert all(response.headers[name] == value for name, value in COMMON.items())


async def test_an_unhandled_crash_answers_500_with_the_security_headers(app, capsys) -> None:
    """The 500 of an exception no handler catches (Starlette's outermost error
    middleware) carries the security headers and the request id, in the error format,
    without the exception's text; the crash is still logged."""

    async def crash() -> None:
        raise RuntimeError("secret internals: db password hunter2")

    app.add_api_route("/api/test-crash", crash, methods=["GET"])
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        response = await http.get("/api/test-crash", headers={"X-Request-ID": "req-crash-0000001"})
    assert response.status_code == 500
    assert response.json() == {"error": {"code": "internal_error", "message": "something went wrong on our side"}}
    assert_security_headers(response)
    assert response.headers["content-security-policy"].startswith("default-src 'none'")
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-request-id"] == "req-crash-0000001"
    assert "hunter2" not in response.text and "RuntimeError" not in response.text
    assert "unhandled_error" in capsys.readouterr().err  # the app's crash handler still logged it
