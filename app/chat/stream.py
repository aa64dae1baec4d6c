"""`POST /api/chat/stream`: one turn answered as Server-Sent Events.

The turn runs in a task of its own (`TurnTasks`); the HTTP response only listens to
it through a queue. A client that disconnects cancels the listening, never the turn,
which completes and is stored exactly as through `POST /api/chat`.

Events, in order: `node` (`{"node", "elapsed_ms"}`) as each graph node finishes,
`token` (`{"text"}`) with pieces of the response text, then either `done` (the full
`ChatResponse`, as `POST /api/chat` answers it) or `error` (`{"error": {"code",
"message"}}`, with the SSE `retry` field in milliseconds when the client should send
the message again). Failures before the first event (401, 403, 404, 422, 429, 503)
are plain HTTP errors in the API's error format.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Coroutine
from typing import Annotated, Any

import structlog
from fastapi import APIRouter, Depends, Request
from sse_starlette import EventSourceResponse, ServerSentEvent

from app.api.deps import ResourcesDep, TurnCaller, client_address
from app.api.errors import ApiError
from app.chat.endpoints import ERROR_RESPONSES, run_turn
from app.chat.schemas import ChatRequest
from app.chat.service import TurnOutcome
from app.metrics import MetricsDep

router = APIRouter(prefix="/api", tags=["chat"])
log = structlog.get_logger(__name__)

#: Seconds between keep-alive comments while a turn is quiet.
PING_SECONDS = 15
#: Seconds the shutdown waits for streamed turns still running.
DRAIN_SECONDS = 30.0


def _event(name: str, data: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """The OpenAPI schema of one SSE event whose `data` is JSON matching `data`."""
    return {"type": "object", "required": ["event", "data"], "properties": {
        "event": {"const": name},
        "data": {"type": "string", "contentMediaType": "application/json", "contentSchema": data},
        **fields,
    }}


_TEXT = {"type": "string"}
#: Each event of the stream (OpenAPI 3.1: the `schema` of `text/event-stream` describes one event).
EVENT_SCHEMA = {"oneOf": [
    _event("node", {"type": "object", "required": ["node", "elapsed_ms"],
                    "properties": {"node": _TEXT, "elapsed_ms": {"type": "number"}}}),
    _event("token", {"type": "object", "required": ["text"], "properties": {"text": _TEXT}}),
    _event("done", {"$ref": "#/components/schemas/ChatResponse"}),
    _event("error", {"type": "object", "required": ["error"], "properties": {"error": {
        "type": "object", "required": ["code", "message"], "properties": {"code": _TEXT, "message": _TEXT}}}},
        retry={"type": "integer", "description": "milliseconds before sending the message again"}),
]}
STREAM_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "Server-Sent Events: `node` and `token` events, then one `done` event whose data is the "
                       "ChatResponse, or an `error` event",
        "content": {"text/event-stream": {"schema": EVENT_SCHEMA}},
    },
    **ERROR_RESPONSES,
}


class TurnTasks:
    """The streamed turns running in the background of one app; drained at shutdown."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[TurnOutcome]] = set()

    def start(self, turn: Coroutine[Any, Any, TurnOutcome]) -> asyncio.Task[TurnOutcome]:
        """Run `turn` in its own task (kept referenced until it ends)."""
        task = asyncio.create_task(turn)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def drain(self, timeout: float = DRAIN_SECONDS) -> None:
        """Let running turns finish (up to `timeout` s), then cancel the rest."""
        if not self._tasks:
            return
        _, pending = await asyncio.wait(set(self._tasks), timeout=timeout)
        for task in pending:
            task.cancel()
        if pending:
            log.warning("streamed_turns_cancelled_at_shutdown", count=len(pending))
            await asyncio.wait(pending)


def get_turn_tasks(request: Request) -> TurnTasks:
    """The app's background turns (created by `create_app`)."""
    return request.app.state.turn_tasks


TurnTasksDep = Annotated[TurnTasks, Depends(get_turn_tasks)]


def error_body(error: BaseException) -> tuple[dict[str, Any], int | None]:
    """The `error` event's data and retry hint (ms) for a turn that failed mid-stream."""
    if isinstance(error, ApiError):
        retry = error.retry_after * 1000 if error.retry_after is not None else None
        return {"error": {"code": error.code, "message": error.message}}, retry
    return {"error": {"code": "internal_error", "message": "something went wrong on our side"}}, None


class StreamedTurn:
    """Hears one turn (it is the turn's `TurnListener`) and replays it as SSE events."""

    def __init__(self) -> None:
        self._queue: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()
        self._head: tuple[str, Any] | None = None
        #: The turn's log context (session id, turn), copied from its task.
        self.log_context: dict[str, Any] = {}

    async def node(self, name: str, elapsed_ms: float) -> None:
        """A graph node finished."""
        self.log_context = structlog.contextvars.get_contextvars()
        self._queue.put_nowait(("node", {"node": name, "elapsed_ms": elapsed_ms}))

    async def token(self, text: str) -> None:
        """A piece of the response text."""
        self._queue.put_nowait(("token", {"text": text}))

    def finished(self, task: asyncio.Task[TurnOutcome]) -> None:
        """The turn's task ended: queue its `done` or `error` event."""
        if task.cancelled():  # only at shutdown, after the drain's grace period
            self._queue.put_nowait(("error", ApiError(503, "shutting_down", "the service is restarting; please "
                                                      "send your message again", retry_after=2)))
        elif (error := task.exception()) is not None:
            self._queue.put_nowait(("error", error))
        else:
            self._queue.put_nowait(("done", task.result()))

    async def first_event(self) -> None:
        """Wait for the turn's first event.

        Raises:
            The turn's error when it failed before any event (the route then answers
            a plain HTTP error: 403, 404, 429, 503…).
        """
        kind, data = await self._queue.get()
        if kind == "error":
            raise data
        self._head = (kind, data)

    async def events(self) -> AsyncIterator[ServerSentEvent]:
        """The SSE events from the first one to `done` or `error`."""
        assert self._head is not None, "first_event() must be awaited first"
        kind, data = self._head
        try:
            while True:
                yield self._encode(kind, data)
                if kind in ("done", "error"):
                    return
                kind, data = await self._queue.get()
        except asyncio.CancelledError:
            log.info("stream_client_gone", **self.log_context)
            raise

    def _encode(self, kind: str, data: Any) -> ServerSentEvent:
        if kind == "done":
            return ServerSentEvent(data.response.model_dump_json(), event="done")
        if kind == "error":
            if not isinstance(data, ApiError):
                log.error("streamed_turn_failed", error_type=type(data).__name__, exc_info=data, **self.log_context)
            body, retry = error_body(data)
            return ServerSentEvent(json.dumps(body), event="error", retry=retry)
        return ServerSentEvent(json.dumps(data), event=kind)


@router.post("/chat/stream", response_class=EventSourceResponse, responses=STREAM_RESPONSES)
async def chat_stream(
    body: ChatRequest, caller: TurnCaller, resources: ResourcesDep, metrics: MetricsDep, tasks: TurnTasksDep,
    request: Request,
) -> EventSourceResponse:
    """Send one message and hear the turn as it happens (Server-Sent Events).

    `node` events (`{"node", "elapsed_ms"}`) as graph nodes finish, `token` events
    (`{"text"}`) with pieces of the response, then one `done` event whose data is the
    same object `POST /api/chat` answers. Errors before the stream starts are the
    usual HTTP errors; a failure after it started (e.g. the stores) is an `error` event
    `{"error": {"code", "message"}}`. Disconnecting does not cancel the turn.
    """
    turn = StreamedTurn()
    task = tasks.start(run_turn(resources, caller, body, turn, address=client_address(request), metrics=metrics,
                                endpoint="stream"))
    task.add_done_callback(turn.finished)
    await turn.first_event()
    return EventSourceResponse(turn.events(), ping=PING_SECONDS)
