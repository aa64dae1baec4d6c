"""PF360Client: error mapping, retries, readiness, and construction from settings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from app.config import Settings
from app.pf360 import PF360Client, PF360Error, build_pf360_client, tools
from app.sandbox import SandboxTransport
from tests.sandbox.harness import JANE, Sandbox, sqlite_url


def fake_pf360(handler: Callable[[httpx.Request], httpx.Response]) -> tuple[PF360Client, list[httpx.Request]]:
    """A client whose server is ``handler`` (a stand-in of a misbehaving PF360)."""
    seen: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return handler(request)

    client = PF360Client("http://pf360.test/api/", "secret", transport=httpx.MockTransport(record),
                         backoff_seconds=0.001)
    return client, seen


async def test_requests_carry_identity_headers_and_base_path() -> None:
    client, seen = fake_pf360(lambda r: httpx.Response(200, json={"data": {"appointment": None}}))
    async with client:
        assert await client.get_appointment(JANE, 90001) is None

    request = seen[0]
    assert request.url.path == "/api/scheduler/client/demo-client/project/90001/appointment"
    assert (request.headers["authorization"], request.headers["client_id"], request.headers["customer_id"]) == (
        "secret", "demo-client", "1001")
    assert "Idempotency-Key" not in request.headers


@pytest.mark.parametrize(
    ("response", "code"),
    [
        (httpx.Response(200, text="<html>maintenance</html>"), "bad_response"),
        (httpx.Response(200, json={"data": {"appointment": {"date": "soon"}}}), "bad_response"),
        (httpx.Response(200, json={"oops": 1}), "bad_response"),
        (httpx.Response(404, json={"error": {"code": "no_appointment", "message": "none"}}), "no_appointment"),
        (httpx.Response(404, text="not here"), "not_found"),
        (httpx.Response(409, json={"error": {"code": "slot_unavailable", "message": "taken"}}), "slot_unavailable"),
        (httpx.Response(400, json={"error": {"code": "bad", "message": "expired"}}), "invalid_request_id"),
        (httpx.Response(403, json={}), "forbidden"),
        (httpx.Response(418, json={}), "bad_response"),
    ],
)
async def test_answers_are_mapped_to_error_codes_without_retry(response: httpx.Response, code: str) -> None:
    client, seen = fake_pf360(lambda r: response)
    async with client:
        with pytest.raises(PF360Error) as error:
            await client.get_appointment(JANE, 90001)

    assert error.value.code == code
    assert len(seen) == 1


@pytest.mark.parametrize(
    ("handler", "code"),
    [
        (lambda r: httpx.Response(502, text="bad gateway"), "unavailable"),
        (lambda r: httpx.Response(429, json={}), "unavailable"),
        (lambda r: (_ for _ in ()).throw(httpx.ConnectError("refused", request=r)), "unavailable"),
        (lambda r: (_ for _ in ()).throw(httpx.ReadTimeout("slow", request=r)), "timeout"),
    ],
)
async def test_transient_failures_are_retried_three_times(handler, code: str) -> None:
    client, seen = fake_pf360(handler)
    async with client:
        with pytest.raises(PF360Error) as error:
            await client.cancel(JANE, 90002, idempotency_key="key-1")

    assert error.value.code == code and error.value.transient
    assert len(seen) == 3
    assert {r.headers["Idempotency-Key"] for r in seen} == {"key-1"}


async def test_transient_failure_then_success() -> None:
    answers = iter([httpx.Response(503, json={}), httpx.Response(200, json={"data": {"notes": []}})])
    client, seen = fake_pf360(lambda r: next(answers))
    async with client:
        assert await client.list_notes(JANE, 90001) == []
    assert len(seen) == 2


async def test_ping(sandbox: Sandbox) -> None:
    await sandbox.client.ping()
    await sandbox.client.ping("demo-client")

    with pytest.raises(PF360Error) as refused:
        await sandbox.new_client(api_token="wrong").ping()
    sandbox.set_faults(error_rate=1.0)
    with pytest.raises(PF360Error) as down:
        await sandbox.client.ping()

    assert refused.value.code == "unauthorized"
    assert down.value.code == "unavailable"


async def test_build_pf360_client_mounts_the_sandbox_in_process(tmp_path: Path) -> None:
    settings = Settings(pf360_base_url=None, pf360_api_token=None,
                        pf360_sandbox_database_url=sqlite_url(tmp_path), pf360_sandbox_error_rate=0.0)

    client = build_pf360_client(settings)
    try:
        projects = await tools.list_projects(client, JANE)
        transport = client._http._transport
    finally:
        await client.aclose()

    assert isinstance(transport, SandboxTransport)
    assert [p.project_id for p in projects] == [90001, 90002, 90003]
    assert transport.runtime._engine is None  # disposed by aclose
    assert (tmp_path / "pf360_sandbox.db").exists()


async def test_build_pf360_client_uses_the_base_url() -> None:
    settings = Settings(pf360_base_url="https://pf360.example.com/api", pf360_api_token="tok",
                        pf360_timeout_seconds=2.5)

    client = build_pf360_client(settings)
    try:
        assert str(client._http.base_url) == "https://pf360.example.com/api/"
        assert not isinstance(client._http._transport, SandboxTransport)
        assert client._http.timeout.read == 2.5
    finally:
        await client.aclose()
