"""Property-based API testing with schemathesis: every operation of the OpenAPI
document, called in-process with a valid token and generated (valid and invalid)
input, never answers 5xx and never answers outside its documented statuses, content
types and schemas."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from app.config import Settings
from app.main import create_app

CHECKS = ("not_a_server_error", "status_code_conformance", "content_type_conformance", "response_schema_conformance")
MAX_EXAMPLES = 60
#: (path, check) pairs not run yet. The stream documents its 200 as
#: `text/event-stream` with schema `{"type": "string"}`, which schemathesis applies to
#: each event (objects with `event` and `data`): the document, not the stream, is wrong.
KNOWN_GAPS = {("/api/chat/stream", "response_schema_conformance")}

#: The document `/openapi.json` serves (it depends on the code, not on the stores).
#: `schemathesis.pytest.from_fixture` would load it from the `app` fixture, but it does
#: not work with pytest 9 (it sets `Function._nodeid`, which pytest 9 removed).
SCHEMA = schemathesis.openapi.from_dict(create_app(Settings(environment="test")).openapi())


@pytest.fixture
def served(app):
    """The test's app, for schemathesis to call. schemathesis runs it (lifespan included,
    with its own connections) on its own event-loop thread; the `app` fixture cleans the
    stores afterwards like after any API test."""
    from schemathesis.python import asgi

    yield app
    asgi.shutdown_lifespans()  # close what schemathesis opened on its thread


async def test_the_served_document_is_the_one_tested(client) -> None:
    assert (await client.get("/openapi.json")).json() == SCHEMA.raw_schema


@SCHEMA.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_no_server_error_and_no_response_outside_the_schema(case, served, token_for) -> None:
    names = [n for n in CHECKS if (case.operation.path, n) not in KNOWN_GAPS]
    checks = [getattr(schemathesis.checks, name) for name in names]
    case.call_and_validate(app=served, headers={"Authorization": f"Bearer {token_for()}"}, checks=checks)


@pytest.mark.parametrize("body, token, status", [
    ({"message": ""}, "valid", 422),
    ({"message": 5, "extra": True}, "valid", 422),
    ({"message": "x" * 40_000}, "valid", 413),
    ({"message": "hi"}, "forged", 401),
    ({"message": "hi", "session_id": "no-such-session"}, "valid", 404),
], ids=["empty", "wrong-types", "too-large", "bad-token", "unknown-session"])
def test_error_answers_match_their_documented_schema(served, token_for, body, token, status) -> None:
    case = SCHEMA["/api/chat"]["POST"].Case(body=body, media_type="application/json")
    headers = {"Authorization": f"Bearer {token_for() if token == 'valid' else 'forged'}"}
    response = case.call(app=served, headers=headers)
    assert response.status_code == status
    case.validate_response(response, checks=[getattr(schemathesis.checks, name) for name in CHECKS])


def test_the_document_gives_every_error_answer_the_error_format() -> None:
    spec = SCHEMA.raw_schema
    schemas = spec["components"]["schemas"]
    assert "HTTPValidationError" not in schemas  # FastAPI's own 422 shape is not what we send
    assert schemas["ErrorBody"]["required"] == ["error"]
    assert set(schemas["ErrorDetail"]["required"]) == {"code", "message"}
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            errors = {status: r for status, r in operation["responses"].items() if status[0] in "45"}
            for status, response in errors.items():
                assert response["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ErrorBody"}, \
                    (method, path, status)
            if "requestBody" in operation:
                assert {"413", "422"} <= set(errors), (method, path)
            if "security" in operation:
                assert {"401", "429", "503"} <= set(errors), (method, path)
