"""Input limits: a body cap answered 413 (declared or streamed), cleaned messages
(NFKC, control characters out, \\n and \\t kept) validated after cleaning, and
malformed input answered 4xx in the error format, never 5xx."""

from __future__ import annotations

import json

import pytest

from tests.helpers import say


def assert_error(response, status: int, code: str | None = None) -> None:
    """`response` is `status` in the API's error format, with a request id."""
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert set(error) == {"code", "message"}
    assert code is None or error["code"] == code
    assert response.headers["x-request-id"]


def huge_body(settings) -> bytes:
    return json.dumps({"message": "x" * (settings.max_body_bytes + 10)}).encode()


@pytest.mark.parametrize("with_token", [True, False], ids=["with-token", "without-token"])
async def test_a_declared_huge_body_is_413_before_anything_else(client, auth, settings, with_token) -> None:
    headers = {"content-type": "application/json", **(auth() if with_token else {})}
    response = await client.post("/api/chat", content=huge_body(settings), headers=headers)
    assert_error(response, 413, "payload_too_large")


async def test_a_streamed_huge_body_without_length_is_413(client, auth, settings) -> None:
    body = huge_body(settings)

    async def chunks():
        for start in range(0, len(body), 4096):
            yield body[start:start + 4096]

    response = await client.post("/api/chat", content=chunks(), headers={**auth(), "content-type": "application/json"})
    assert "content-length" not in response.request.headers
    assert_error(response, 413, "payload_too_large")


async def test_a_body_longer_than_it_declares_is_413(client, auth, settings) -> None:
    headers = {**auth(), "content-type": "application/json", "content-length": "20"}
    response = await client.post("/api/chat", content=huge_body(settings), headers=headers)
    assert_error(response, 413, "payload_too_large")


@pytest.mark.parametrize("message", ["\x00\x01\x1b\x7f", "\u200b\u202e\ufeff", " \t\n\r\n ", "\U000e0041\U000e0042"],
                         ids=["control", "invisible", "whitespace", "unicode-tags"])
async def test_a_message_empty_after_cleaning_is_422(client, auth, message) -> None:
    response = await client.post("/api/chat", json={"message": message}, headers=auth())
    assert_error(response, 422, "invalid_request")


async def test_messages_are_normalised_and_stripped_of_controls(client, auth) -> None:
    body = await say(client, auth(), "\u202e\uff57\uff48\uff41\uff54 projects do I have?\x00\x1b ")
    assert body["intent"] == "list_projects"
    second = await say(client, auth(), "hi\tthere\r\nfriend", body["session_id"])
    history = await client.get(f"/api/sessions/{second['session_id']}/history", headers=auth())
    texts = [m["text"] for m in history.json()["messages"] if m["role"] == "user"]
    assert texts == ["what projects do I have?", "hi\tthere\nfriend"]


async def test_length_is_checked_after_cleaning(client, auth) -> None:
    assert (await client.post("/api/chat", json={"message": "a" * 2000 + "\x00" * 50}, headers=auth())).status_code == 200
    assert_error(await client.post("/api/chat", json={"message": "a" * 2001}, headers=auth()), 422)
    assert_error(await client.post("/api/chat", json={"message": "\u00bd" * 700}, headers=auth()), 422)  # ½ → 1⁄2


async def test_a_lone_surrogate_is_dropped_not_stored(client, auth) -> None:
    content = b'{"message": "what projects do I have? \\ud800"}'  # valid JSON, but no database can store it
    response = await client.post("/api/chat", content=content, headers={**auth(), "content-type": "application/json"})
    assert response.status_code == 200
    assert response.json()["intent"] == "list_projects"


@pytest.mark.parametrize("content", [
    b'{"message": "\xff\xfe not utf-8"}',
    b"[" * 5000 + b"]" * 5000,
    b'{"message": "hi", "message": {"nested": true}}',
    b'{"message": "hi", "session_id": "../../etc/passwd"}',
    b'{"message": "hi", "session_id": "abc\\u0000def"}',
    b"",
], ids=["invalid-utf8", "nested-too-deep", "wrong-type", "path-as-session-id", "nul-in-session-id", "empty"])
async def test_malformed_bodies_are_422_never_5xx(client, auth, content) -> None:
    response = await client.post("/api/chat", content=content, headers={**auth(), "content-type": "application/json"})
    assert_error(response, 422, "invalid_request")


@pytest.mark.parametrize("path", ["/api/sessions/%00/history", "/api/sessions/ab%0Acd", "/api/sessions/%1b[31m/history"])
async def test_control_characters_in_a_path_are_404_before_any_store(client, auth, path) -> None:
    get = await client.get(path, headers=auth())
    delete = await client.delete(path.removesuffix("/history"), headers=auth())
    assert_error(get, 404, "not_found")
    assert_error(delete, 404, "not_found")
