"""POST /api/chat: the response shape of api.md, validation errors, health checks."""

from __future__ import annotations

import pytest

from tests.helpers import say


async def test_response_has_every_field_of_the_contract(client, auth) -> None:
    body = await say(client, auth(), "what projects do I have?")
    assert set(body) == {"session_id", "message_id", "response", "intent", "confidence", "needs_clarification",
                         "quick_replies", "pending_action", "actions", "agent_trace"}
    assert body["intent"] == "list_projects"
    assert body["actions"] == [{"tool": "list_projects", "status": "ok"}]
    assert body["agent_trace"] == ["supervisor", "intent_classifier", "tool_executor", "response_generator"]
    assert 0 <= body["confidence"] <= 1
    for order in ("ORD-1001-A", "ORD-1001-B", "ORD-1001-C"):
        assert order in body["response"]
    assert "ORD-1002-A" not in body["response"]


async def test_small_talk_runs_no_tool(client, auth) -> None:
    body = await say(client, auth(), "hi there")
    assert body["intent"] == "greeting"
    assert body["actions"] == []
    assert "tool_executor" not in body["agent_trace"]


@pytest.mark.parametrize(
    "payload",
    [{"message": ""}, {"message": "x" * 2001}, {"message": 42}, {}, {"message": "hi", "session_id": 7}],
    ids=["empty", "too-long", "not-a-string", "missing", "bad-session-type"],
)
async def test_invalid_bodies_get_422_in_the_error_format(client, auth, payload) -> None:
    response = await client.post("/api/chat", json=payload, headers=auth())
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_request"
    assert response.headers["x-request-id"]


async def test_malformed_json_gets_422(client, auth) -> None:
    response = await client.post("/api/chat", content=b"{not json", headers={**auth(), "content-type": "application/json"})
    assert response.status_code == 422


async def test_request_id_is_echoed(client, auth) -> None:
    response = await client.post("/api/chat", json={"message": "hi"},
                                 headers={**auth(), "X-Request-ID": "req-12345678"})
    assert response.headers["x-request-id"] == "req-12345678"


async def test_health_and_readiness(client) -> None:
    assert (await client.get("/api/healthz")).json() == {"status": "ok"}
    ready = await client.get("/api/readyz")
    assert ready.status_code == 200, ready.text
    assert ready.json()["checks"] == {"database": "ok", "redis": "ok", "pf360": "ok"}


async def test_openapi_documents_the_chat_contract(client) -> None:
    spec = (await client.get("/openapi.json")).json()
    chat = spec["paths"]["/api/chat"]["post"]
    assert {"401", "403", "404", "422", "429", "503"} <= set(chat["responses"])
    schema = spec["components"]["schemas"]["ChatResponse"]
    assert set(schema["required"]) >= {"session_id", "response", "intent", "confidence", "actions", "agent_trace"}
