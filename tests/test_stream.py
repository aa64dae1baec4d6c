"""POST /api/chat/stream: the events of a turn, their order, errors, and a client that leaves.

httpx's ASGI transport hands back a response only once the app has finished it, so
these tests drive the ASGI app directly (`AsgiStream`): each event is seen the moment
the app sends it, and the client can disconnect mid-stream.
"""

from __future__ import annotations

import asyncio
import json
from contextlib import asynccontextmanager
from typing import Any

import pytest
from sqlalchemy import func, select

from app.auth.tokens import Caller
from app.db.models import ChatMessage
from tests.helpers import fill_message_window, say

STREAM_PATH = "/api/chat/stream"
TIMEOUT = 10.0
SCRIPT_START = "I'd like to schedule my flooring installation"


class AsgiStream:
    """One streamed request to the ASGI app, read event by event as the app sends them."""

    def __init__(self, app, body: dict[str, Any], headers: dict[str, str]) -> None:
        self.app = app
        self.body = json.dumps(body).encode()
        self.headers = headers
        self.messages: asyncio.Queue[dict] = asyncio.Queue()
        self.gone = asyncio.Event()
        self.status: int | None = None
        self.response_headers: dict[str, str] = {}
        self.task: asyncio.Task | None = None
        self._sent_body = False
        self._buffer = b""
        self._ended = False

    def _scope(self) -> dict:
        headers = [(k.lower().encode(), v.encode()) for k, v in self.headers.items()]
        headers += [(b"content-type", b"application/json"), (b"content-length", str(len(self.body)).encode()),
                    (b"accept", b"text/event-stream")]
        return {"type": "http", "asgi": {"version": "3.0", "spec_version": "2.3"}, "http_version": "1.1",
                "method": "POST", "scheme": "http", "path": STREAM_PATH, "raw_path": STREAM_PATH.encode(),
                "root_path": "", "query_string": b"", "headers": headers, "client": ("127.0.0.1", 50000),
                "server": ("test", 80)}

    async def _receive(self) -> dict:
        if not self._sent_body:
            self._sent_body = True
            return {"type": "http.request", "body": self.body, "more_body": False}
        await self.gone.wait()
        return {"type": "http.disconnect"}

    async def _send(self, message: dict) -> None:
        await self.messages.put(message)

    async def start(self) -> AsgiStream:
        """Send the request and wait for the response's status and headers."""
        self.task = asyncio.create_task(self.app(self._scope(), self._receive, self._send))
        start = await asyncio.wait_for(self.messages.get(), TIMEOUT)
        assert start["type"] == "http.response.start"
        self.status = start["status"]
        self.response_headers = {k.decode(): v.decode() for k, v in start["headers"]}
        return self

    async def body_text(self) -> str:
        """The rest of the body (for error responses)."""
        parts = []
        while not self._ended:
            message = await asyncio.wait_for(self.messages.get(), TIMEOUT)
            parts.append(message.get("body", b""))
            self._ended = not message.get("more_body", False)
        return b"".join(parts).decode()

    async def next_event(self) -> tuple[str, Any, dict[str, str]] | None:
        """The next SSE event as (type, parsed data, other fields), or None when the stream ended."""
        while b"\r\n\r\n" not in self._buffer:
            if self._ended:
                return None
            message = await asyncio.wait_for(self.messages.get(), TIMEOUT)
            self._buffer += message.get("body", b"")
            self._ended = not message.get("more_body", False)
        raw, self._buffer = self._buffer.split(b"\r\n\r\n", 1)
        fields: dict[str, str] = {}
        for line in raw.decode().split("\r\n"):
            if line.startswith(":"):
                continue
            name, _, value = line.partition(": ")
            fields[name] = fields[name] + "\n" + value if name in fields else value
        if "event" not in fields:  # a keep-alive comment
            return await self.next_event()
        return fields.pop("event"), json.loads(fields.pop("data")), fields

    async def all_events(self) -> list[tuple[str, Any, dict[str, str]]]:
        """Every remaining event."""
        events = []
        while (event := await self.next_event()) is not None:
            events.append(event)
        return events

    async def disconnect(self) -> None:
        """Go away like a client closing the connection; wait until the app has let go."""
        self.gone.set()
        await asyncio.wait_for(self.task, TIMEOUT)


@asynccontextmanager
async def streaming(app, headers: dict[str, str], message: str, session_id: str | None = None):
    """An `AsgiStream` for one message, disconnected at the end if still open."""
    stream = await AsgiStream(app, {"session_id": session_id, "message": message}, headers).start()
    try:
        yield stream
    finally:
        if not stream.task.done():
            await stream.disconnect()


async def stream_turn(app, headers: dict[str, str], message: str, session_id: str | None = None) -> list:
    """Every event of one streamed turn (asserting 200)."""
    async with streaming(app, headers, message, session_id) as stream:
        assert stream.status == 200, await stream.body_text()
        assert stream.response_headers["content-type"].startswith("text/event-stream")
        return await stream.all_events()


def without_ids(body: dict) -> dict:
    return {k: v for k, v in body.items() if k not in {"session_id", "message_id"}}


@asynccontextmanager
async def store_held(app, monkeypatch):
    """Hold every turn just before it is stored, until the `release` event is set."""
    chat = app.state.resources.chat
    original = chat._store_turn
    reached, release = asyncio.Event(), asyncio.Event()

    async def held(*args, **kwargs):
        reached.set()
        await release.wait()
        return await original(*args, **kwargs)

    monkeypatch.setattr(chat, "_store_turn", held)
    try:
        yield reached, release
    finally:
        release.set()


async def stored_messages(app, session_id: str) -> list[tuple[int, str, str]]:
    async with app.state.resources.sessionmaker() as db:
        rows = await db.execute(select(ChatMessage.turn, ChatMessage.role, ChatMessage.text)
                                .where(ChatMessage.session_id == session_id)
                                .order_by(ChatMessage.turn, ChatMessage.role.desc()))  # user, then assistant
        return [tuple(row) for row in rows]


async def test_done_event_equals_the_post_chat_answer(app, client, auth) -> None:
    """Two sessions take the same scripted turns, one through each endpoint."""
    headers = auth()
    chat_sid = stream_sid = None
    message = SCRIPT_START
    for _ in range(3):  # a request, a date quick reply, a time quick reply → a pending booking
        answered = await say(client, headers, message, chat_sid)
        events = await stream_turn(app, headers, message, stream_sid)
        kinds = [kind for kind, _, _ in events]
        assert kinds[-1] == "done" and kinds.count("done") == 1
        done = events[-1][1]
        assert without_ids(done) == without_ids(answered), f"turn {message!r}"
        assert [data["node"] for kind, data, _ in events if kind == "node"] == done["agent_trace"]
        assert "".join(data["text"] for kind, data, _ in events if kind == "token") == done["response"]
        chat_sid, stream_sid = answered["session_id"], done["session_id"]
        message = done["quick_replies"][0]
    assert done["pending_action"]["tool"] == "confirm_appointment"
    assert done["pending_action"]["project_id"] == 90001


async def test_tokens_arrive_while_the_turn_is_not_yet_stored(app, client, auth, monkeypatch) -> None:
    headers = auth()
    session_id = (await say(client, headers, "what projects do I have?"))["session_id"]
    async with store_held(app, monkeypatch) as (reached, release):
        async with streaming(app, headers, "when is my flooring appointment?", session_id) as stream:
            order = []
            while (event := await stream.next_event())[0] != "token":
                order.append(event[0] + ":" + event[1]["node"])
            order.append("token")
            # The first piece of the answer is in the client's hands; the turn is not stored yet.
            assert [turn for turn, _, _ in await stored_messages(app, session_id)] == [1, 1]
            assert not release.is_set()
            release.set()
            rest = await stream.all_events()
    order += [kind if kind != "node" else "node:" + data["node"] for kind, data, _ in rest]
    first_token, done = order.index("token"), order.index("done")
    assert order[:first_token] == ["node:supervisor", "node:intent_classifier", "node:tool_executor"]
    # response_generator's node event comes when the node ends, i.e. after its tokens.
    assert first_token < order.index("node:response_generator") < done == len(order) - 1
    assert [turn for turn, _, _ in await stored_messages(app, session_id)] == [1, 1, 2, 2]


async def test_a_client_that_leaves_after_the_first_node_event_leaves_a_complete_turn(
    app, client, auth, monkeypatch
) -> None:
    headers = auth()
    session_id = (await say(client, headers, "what projects do I have?"))["session_id"]
    async with store_held(app, monkeypatch) as (reached, release):
        stream = await AsgiStream(app, {"session_id": session_id, "message": SCRIPT_START}, headers).start()
        kind, data, _ = await stream.next_event()
        assert (kind, data["node"]) == ("node", "supervisor")
        await stream.disconnect()  # the response is over; the turn is still running
        turn_tasks = app.state.turn_tasks._tasks
        assert len(turn_tasks) == 1 and not next(iter(turn_tasks)).done()
        await asyncio.wait_for(reached.wait(), TIMEOUT)
        release.set()
        await asyncio.wait_for(asyncio.gather(*turn_tasks), TIMEOUT)
    stored = await stored_messages(app, session_id)
    assert [(turn, role) for turn, role, _ in stored] == [(1, "user"), (1, "assistant"), (2, "user"), (2, "assistant")]
    assert stored[2][2] == SCRIPT_START and "Flooring installation" in stored[3][2]
    context = await app.state.resources.store.load(session_id)
    assert context.turn == 2 and context.offered_dates
    # The session goes on where the stream left it.
    day = context.offered_dates[0]
    follow = await say(client, headers, f"{day:%a %b} {day.day}", session_id)  # its first date quick reply
    assert follow["actions"] and follow["actions"][0]["tool"] == "get_time_slots"


@pytest.mark.parametrize("case", ["no-token", "unknown-session", "empty-message", "another-customers-session"])
async def test_errors_before_the_stream_are_plain_http_errors(client, auth, case) -> None:
    headers, body, status = auth(), {"message": "hi"}, None
    if case == "no-token":
        headers, status = {}, 401
    elif case == "unknown-session":
        body, status = {"message": "hi", "session_id": "f" * 32}, 404
    elif case == "empty-message":
        body, status = {"message": ""}, 422
    else:
        other = await say(client, auth("1002"), "hi")
        body, status = {"message": "hi", "session_id": other["session_id"]}, 403
    response = await client.post(STREAM_PATH, json=body, headers=headers)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    assert set(response.json()["error"]) == {"code", "message"}
    assert response.headers["x-request-id"]


async def test_rate_limit_before_the_stream_is_a_429_with_retry_after(app, client, auth) -> None:
    await fill_message_window(app.state.resources, Caller("1001", "demo-client"), frees_in=6.5)
    response = await client.post(STREAM_PATH, json={"message": "hi"}, headers=auth())
    assert response.status_code == 429 and response.headers["retry-after"] == "7"
    assert response.json()["error"]["code"] == "rate_limited"


async def test_a_store_failure_after_the_stream_started_is_an_error_event(app, auth, monkeypatch) -> None:
    async def fail(*args, **kwargs):
        raise OSError("the database went away")

    monkeypatch.setattr(app.state.resources.chat, "_store_turn", fail)
    events = await stream_turn(app, auth(), "what projects do I have?")
    kinds = [kind for kind, _, _ in events]
    assert "node" in kinds and "token" in kinds and "done" not in kinds
    kind, data, fields = events[-1]
    assert kind == "error" and kinds.count("error") == 1
    assert data == {"error": {"code": "store_unavailable", "message": data["error"]["message"]}}
    assert fields["retry"] == "2000"  # milliseconds before sending the message again
    async with app.state.resources.sessionmaker() as db:
        assert await db.scalar(select(func.count()).select_from(ChatMessage)) == 0


async def test_openapi_documents_the_stream(client) -> None:
    spec = (await client.get("/openapi.json")).json()
    stream = spec["paths"][STREAM_PATH]["post"]
    assert {"200", "401", "403", "404", "422", "429", "503"} <= set(stream["responses"])
    assert "text/event-stream" in stream["responses"]["200"]["content"]
