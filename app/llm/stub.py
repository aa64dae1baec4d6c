"""A local stand-in for Amazon Bedrock's runtime API, for offline checks of ``LLM_PROVIDER=bedrock``.

``BedrockStub`` is a small HTTP server (stdlib ``ThreadingHTTPServer``, 127.0.0.1 only)
that speaks enough of ``bedrock-runtime`` for botocore and ``langchain_aws``:

- ``POST /model/{modelId}/converse``: a JSON Converse response;
- ``POST /model/{modelId}/converse-stream``: the same answer as ConverseStream events in
  the AWS event-stream binary framing (see :func:`encode_event`);
- errors as AWS JSON errors: the HTTP status, the ``x-amzn-ErrorType`` header (the error
  code botocore raises as ``ClientError``) and a ``{"message": ...}`` body.

What it answers depends on its mode (:data:`MODES`):

``correct``
    A classification request (a ``toolConfig`` offering ``record_classification``) is
    answered with that tool call, classified *correctly*: the customer's message is read
    back from the request (the last ``<message>`` block of the last user message, see
    ``app.llm.prompts``) and classified by the local classifier
    (``app.nlu.classifier.get_local_classifier()``) against the prompt's "Today is ..." date
    (the current date when absent). Any other request (response phrasing) gets the draft
    reply back unchanged. ``usage`` carries token counts estimated as characters / 4
    (plus a fixed allowance for the tool-use preamble).
``error``
    HTTP 503 ``ServiceUnavailableException`` (botocore retries it).
``throttle``
    HTTP 429 ``ThrottlingException`` (botocore retries it).
``timeout``
    Accepts the request and waits ``hang_seconds`` (past the client's read timeout)
    before sending the ``correct`` answer to a client that has usually gone.
``garbage``
    HTTP 200 with unusable answers, in turn: an intent outside the 20, a confidence
    outside [0, 1], no tool call (plain text), a call of another tool, and the right
    intent with malformed entities (dates, times that are not ``YYYY-MM-DD`` / ``HH:MM``).

It counts the model requests it received (:attr:`BedrockStub.requests`, retries
included) and keeps the last :data:`MAX_HISTORY` of them (:attr:`BedrockStub.history`).
It is bounded: request bodies up to :data:`MAX_BODY_BYTES`, at most ``max_concurrent``
requests handled at once (more are throttled), a hang of at most :data:`MAX_HANG_SECONDS`.

Use it as a context manager in tests (``with BedrockStub(mode="throttle") as stub:``,
then ``BEDROCK_ENDPOINT_URL=stub.url``), or as its own process with
``scheduling-agent bedrock-stub --port P --mode correct`` (:func:`run`).
"""

from __future__ import annotations

import binascii
import itertools
import json
import math
import re
import struct
import sys
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal, TextIO
from urllib.parse import unquote

Mode = Literal["correct", "error", "throttle", "timeout", "garbage"]
#: The stub's modes (``--mode`` of ``scheduling-agent bedrock-stub``).
MODES: tuple[str, ...] = ("correct", "error", "throttle", "timeout", "garbage")
HOST = "127.0.0.1"
#: Largest request body read (bytes); a larger one is answered 413.
MAX_BODY_BYTES = 1_048_576
#: Requests kept in ``BedrockStub.history`` (the count in ``requests`` is exact).
MAX_HISTORY = 1000
#: Longest wait of ``timeout`` mode (seconds).
MAX_HANG_SECONDS = 120.0
#: Seconds a client may stay silent while its request is read.
SOCKET_TIMEOUT_SECONDS = 10.0
#: Rough token allowance of the tool-use preamble Claude adds when tools are offered.
TOOL_PREAMBLE_TOKENS = 300
CHARS_PER_TOKEN = 4

JSON_TYPE = "application/json"
EVENT_STREAM_TYPE = "application/vnd.amazon.eventstream"
CLASSIFY_TOOL = "record_classification"  # app.llm.prompts.CLASSIFY_TOOL_NAME (checked by the tests)

_MODEL_PATH = re.compile(r"^/model/(?P<model>[^/]+)/(?P<operation>converse|converse-stream)$")
_MESSAGE = re.compile(r"<message>\s*(.*?)\s*</message>", re.DOTALL)
_TODAY = re.compile(r"Today is \w+ (\d{4}-\d{2}-\d{2})")
_DRAFT = "Draft reply:\n"
_PIECE = re.compile(r"(?:\S+\s*){1,3}|\s+")


# ----------------------------------------------------------------------------- wire format


def encode_event(event_type: str, payload: dict[str, Any]) -> bytes:
    """One AWS event-stream message carrying ``payload`` (JSON) as the ``event_type`` event.

    Framing: prelude (total length, headers length, both big-endian uint32) and its CRC32;
    string headers ``:message-type``, ``:event-type``, ``:content-type``; the payload; the
    CRC32 of everything before it.
    """
    pairs = ((":message-type", "event"), (":event-type", event_type), (":content-type", JSON_TYPE))
    headers = b"".join(_event_header(name, value) for name, value in pairs)
    body = json.dumps(payload).encode()
    total = 12 + len(headers) + len(body) + 4
    prelude = struct.pack(">II", total, len(headers))
    message = prelude + struct.pack(">I", binascii.crc32(prelude)) + headers + body
    return message + struct.pack(">I", binascii.crc32(message))


def _event_header(name: str, value: str) -> bytes:
    raw_name, raw_value = name.encode(), value.encode()
    return bytes([len(raw_name)]) + raw_name + bytes([7]) + struct.pack(">H", len(raw_value)) + raw_value


def token_usage(input_tokens: int, output_tokens: int) -> dict[str, int]:
    """The ``usage`` member of a Converse response (or of a ConverseStream ``metadata`` event)."""
    return {"inputTokens": input_tokens, "outputTokens": output_tokens, "totalTokens": input_tokens + output_tokens}


def converse_tool_use(
    name: str, args: Any, *, input_tokens: int, output_tokens: int, latency_ms: int = 400
) -> dict[str, Any]:
    """A Converse response whose only content is one ``toolUse`` block calling ``name`` with ``args``."""
    return {
        "output": {
            "message": {
                "role": "assistant",
                "content": [{"toolUse": {"toolUseId": _tool_use_id(), "name": name, "input": args}}],
            }
        },
        "stopReason": "tool_use",
        "usage": token_usage(input_tokens, output_tokens),
        "metrics": {"latencyMs": latency_ms},
    }


def converse_text(text: str, *, input_tokens: int, output_tokens: int, latency_ms: int = 300) -> dict[str, Any]:
    """A Converse response with one text block."""
    return {
        "output": {"message": {"role": "assistant", "content": [{"text": text}]}},
        "stopReason": "end_turn",
        "usage": token_usage(input_tokens, output_tokens),
        "metrics": {"latencyMs": latency_ms},
    }


def text_stream(
    *chunks: str, input_tokens: int = 120, output_tokens: int = 25, latency_ms: int = 200
) -> list[tuple[str, dict[str, Any]]]:
    """The ConverseStream events (type, payload) of a text answer made of ``chunks``."""
    events: list[tuple[str, dict[str, Any]]] = [("messageStart", {"role": "assistant"})]
    events += [("contentBlockDelta", {"contentBlockIndex": 0, "delta": {"text": c}}) for c in chunks]
    events += [
        ("contentBlockStop", {"contentBlockIndex": 0}),
        ("messageStop", {"stopReason": "end_turn"}),
        ("metadata", {"usage": token_usage(input_tokens, output_tokens), "metrics": {"latencyMs": latency_ms}}),
    ]
    return events


def tool_use_stream(
    name: str, args: Any, *, input_tokens: int, output_tokens: int, latency_ms: int = 400
) -> list[tuple[str, dict[str, Any]]]:
    """The ConverseStream events of an answer made of one ``toolUse`` call (input sent as one JSON delta)."""
    start = {"toolUse": {"toolUseId": _tool_use_id(), "name": name}}
    return [
        ("messageStart", {"role": "assistant"}),
        ("contentBlockStart", {"contentBlockIndex": 0, "start": start}),
        ("contentBlockDelta", {"contentBlockIndex": 0, "delta": {"toolUse": {"input": json.dumps(args)}}}),
        ("contentBlockStop", {"contentBlockIndex": 0}),
        ("messageStop", {"stopReason": "tool_use"}),
        ("metadata", {"usage": token_usage(input_tokens, output_tokens), "metrics": {"latencyMs": latency_ms}}),
    ]


def _tool_use_id() -> str:
    return f"tooluse_{uuid.uuid4().hex[:22]}"


def estimate_tokens(value: Any) -> int:
    """Tokens of ``value`` (a string, or anything JSON-serialisable) estimated as characters / 4."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return max(1, math.ceil(len(text) / CHARS_PER_TOKEN))


# ----------------------------------------------------------------------------- reading a request


def system_text(request: dict[str, Any]) -> str:
    """The text blocks of a Converse request's ``system`` member, joined."""
    return "\n".join(b.get("text", "") for b in request.get("system") or () if isinstance(b, dict))


def last_user_text(request: dict[str, Any]) -> str:
    """The text blocks of the last ``user`` message of a Converse request, joined."""
    for message in reversed(request.get("messages") or ()):
        if isinstance(message, dict) and message.get("role") == "user":
            return "\n".join(b.get("text", "") for b in message.get("content") or () if isinstance(b, dict))
    return ""


def customer_message(request: dict[str, Any]) -> str:
    """The customer's latest message: the last ``<message>`` block of the last user message
    (``app.llm.prompts`` strips those tags from customer text, so it cannot forge one), or
    the whole user text when there is none."""
    text = last_user_text(request)
    blocks = _MESSAGE.findall(text)
    return blocks[-1] if blocks else text.strip()


def prompt_today(request: dict[str, Any]) -> date | None:
    """The date of the system prompt's ``Today is <weekday> YYYY-MM-DD`` line, if any."""
    found = _TODAY.search(system_text(request))
    if not found:
        return None
    try:
        return date.fromisoformat(found.group(1))
    except ValueError:
        return None


def offered_tools(request: dict[str, Any]) -> list[str]:
    """Names of the tools of a Converse request's ``toolConfig``."""
    tools = (request.get("toolConfig") or {}).get("tools") or ()
    return [str((t.get("toolSpec") or {}).get("name")) for t in tools if isinstance(t, dict)]


def draft_reply(request: dict[str, Any]) -> str:
    """The draft of a phrasing request (after ``Draft reply:``), else the whole user text."""
    text = last_user_text(request)
    return text.rsplit(_DRAFT, 1)[-1].strip() if _DRAFT in text else text.strip()


# ----------------------------------------------------------------------------- the server


@dataclass(frozen=True)
class Reply:
    """One HTTP answer of the stub: sent after ``delay`` seconds (cut short when the stub stops)."""

    status: int
    body: bytes
    content_type: str = JSON_TYPE
    error_type: str | None = None
    delay: float = 0.0
    summary: str = ""

    @classmethod
    def json_body(cls, status: int, payload: Any, **kwargs: Any) -> Reply:
        """A JSON answer."""
        return cls(status, json.dumps(payload).encode(), JSON_TYPE, **kwargs)

    @classmethod
    def error(cls, status: int, code: str, message: str, **kwargs: Any) -> Reply:
        """An AWS JSON error: ``code`` in ``x-amzn-ErrorType``, ``{"message": ...}`` as the body."""
        kwargs.setdefault("summary", code)
        return cls(status, json.dumps({"message": message}).encode(), JSON_TYPE, error_type=code, **kwargs)

    @classmethod
    def events(cls, events: Iterable[tuple[str, dict[str, Any]]], **kwargs: Any) -> Reply:
        """A ConverseStream answer: ``events`` in the event-stream framing."""
        return cls(200, b"".join(encode_event(t, p) for t, p in events), EVENT_STREAM_TYPE, **kwargs)


@dataclass(frozen=True)
class StubRequest:
    """One request the stub received: method, path (URL-decoded), model id and operation
    (``converse`` / ``converse-stream``; empty for other paths), the answer's status and a
    short summary of it (e.g. ``record_classification intent=help confidence=0.55``)."""

    method: str
    path: str
    model_id: str
    operation: str
    status: int
    summary: str = ""


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, port: int, stub: BedrockStub) -> None:
        self.stub = stub
        super().__init__((HOST, port), _Handler)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    timeout = SOCKET_TIMEOUT_SECONDS
    server_version = "BedrockStub"

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        self._handle("POST")

    def do_GET(self) -> None:  # noqa: N802 - control-plane reads (GetFoundationModel …)
        self._handle("GET")

    def _handle(self, method: str) -> None:
        stub = self.server.stub
        path = unquote(self.path)
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_BODY_BYTES:
            self._send(stub._receive(method, path, b"", refused=Reply.error(
                413, "ValidationException", "request body missing or too large")))
            return
        body = self.rfile.read(length)
        if not stub._slots.acquire(blocking=False):
            self._send(stub._receive(method, path, body, refused=Reply.error(
                429, "ThrottlingException", "Too many requests, please wait before trying again.")))
            return
        try:
            reply = stub._receive(method, path, body)
            if reply.delay > 0:
                stub._stopping.wait(reply.delay)
            self._send(reply)
        finally:
            stub._slots.release()

    def _send(self, reply: Reply) -> None:
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            self.send_header("x-amzn-RequestId", str(uuid.uuid4()))
            if reply.error_type:
                self.send_header("x-amzn-ErrorType", reply.error_type)
            self.end_headers()
            self.wfile.write(reply.body)
        except OSError:
            pass  # the client gave up (read timeout, call budget)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's signature
        pass


class BedrockStub:
    """A local ``bedrock-runtime`` stand-in answering according to ``mode`` (see the module docstring).

    Args:
        mode: one of :data:`MODES`.
        port: the 127.0.0.1 port to listen on (0: any free port; see :attr:`url`).
        hang_seconds: how long ``timeout`` mode waits before answering (at most
            :data:`MAX_HANG_SECONDS`); choose more than the client's read timeout.
        max_concurrent: requests handled at once; more are answered ``ThrottlingException``.
        echo: a text stream that gets one line per request (the CLI passes stderr).
        today: the date to classify against when the prompt names none (default: the current date).

    The socket is bound on construction; ``with BedrockStub(...) as stub`` serves in a
    background thread until the block ends. Subclasses may override :meth:`answer`.

    Raises:
        ValueError: an unknown mode.
        OSError: the port is taken.
    """

    def __init__(
        self,
        mode: Mode | str = "correct",
        *,
        port: int = 0,
        hang_seconds: float = 15.0,
        max_concurrent: int = 16,
        echo: TextIO | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}; one of {', '.join(MODES)}")
        self.mode = mode
        self.hang_seconds = min(max(hang_seconds, 0.0), MAX_HANG_SECONDS)
        self.echo = echo
        self.today = today
        self._slots = threading.BoundedSemaphore(max(1, max_concurrent))
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._count = 0
        self._history: deque[StubRequest] = deque(maxlen=MAX_HISTORY)
        self._garbage = itertools.cycle(_GARBAGE)
        self._server = _Server(port, self)
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------------ observing

    @property
    def url(self) -> str:
        """The endpoint URL to give the client (``BEDROCK_ENDPOINT_URL``), e.g. ``http://127.0.0.1:8370``."""
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def requests(self) -> int:
        """Model requests received so far (Converse and ConverseStream, retries included)."""
        with self._lock:
            return self._count

    @property
    def history(self) -> list[StubRequest]:
        """The last :data:`MAX_HISTORY` requests received (any path), oldest first."""
        with self._lock:
            return list(self._history)

    # ------------------------------------------------------------------ running

    def __enter__(self) -> BedrockStub:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        """Serve in a daemon thread."""
        self._thread = threading.Thread(target=self._server.serve_forever, name="bedrock-stub", daemon=True)
        self._thread.start()

    def serve_forever(self) -> None:
        """Serve in the calling thread until :meth:`stop` (or KeyboardInterrupt)."""
        try:
            self._server.serve_forever(poll_interval=0.2)
        finally:
            self._stopping.set()
            self._server.server_close()

    def stop(self) -> None:
        """Stop serving; waiting requests (``timeout`` mode) are answered at once."""
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    # ------------------------------------------------------------------ answering

    def _receive(self, method: str, path: str, body: bytes, *, refused: Reply | None = None) -> Reply:
        """Answer (or, with ``refused``, refuse) one request; count and record it."""
        match = _MODEL_PATH.match(path) if method == "POST" else None
        try:
            reply = refused or self.answer(method, path, body)
        except Exception as exc:  # noqa: BLE001 - a stub bug must still give the client an answer
            reply = Reply.error(500, "InternalServerException", f"stub error: {type(exc).__name__}: {exc}")
        record = StubRequest(method, path, match["model"] if match else "", match["operation"] if match else "",
                             reply.status, reply.summary)
        with self._lock:
            self._count += match is not None
            self._history.append(record)
        if self.echo is not None:
            late = f" after {reply.delay:g} s" if reply.delay else ""
            print(f"bedrock-stub: {method} {path} -> {reply.status} {reply.summary}{late}", file=self.echo, flush=True)
        return reply

    def answer(self, method: str, path: str, body: bytes) -> Reply:
        """The reply to one request: Converse / ConverseStream per the mode; 404 for other paths."""
        match = _MODEL_PATH.match(path) if method == "POST" else None
        if match is None:
            return Reply.error(404, "UnknownOperationException", f"the stub serves only Converse: {method} {path}")
        try:
            request = json.loads(body or b"{}")
        except ValueError:
            return Reply.error(400, "ValidationException", "Malformed input request: the body is not JSON")
        if not isinstance(request, dict):
            return Reply.error(400, "ValidationException", "Malformed input request: the body is not an object")
        return self.converse(match["model"], request, stream=match["operation"] == "converse-stream")

    def converse(self, model_id: str, request: dict[str, Any], *, stream: bool) -> Reply:
        """The reply to a Converse (``stream`` False) or ConverseStream request in the stub's mode."""
        if self.mode == "error":
            return Reply.error(503, "ServiceUnavailableException", "The service is temporarily unavailable.")
        if self.mode == "throttle":
            return Reply.error(429, "ThrottlingException", "Too many requests, please wait before trying again.")
        started = time.perf_counter()
        classify = CLASSIFY_TOOL in offered_tools(request)
        tokens_in = estimate_tokens(
            {"system": request.get("system"), "messages": request.get("messages"), "tools": request.get("toolConfig")}
        ) + (TOOL_PREAMBLE_TOKENS if classify else 0)
        if classify and self.mode == "garbage":
            with self._lock:
                garble = next(self._garbage)
            name, args, text = garble(self.classification(request))
        elif classify:
            name, args, text = CLASSIFY_TOOL, self.classification(request), None
        else:
            name, args, text = None, None, draft_reply(request)
        latency = max(1, round((time.perf_counter() - started) * 1000))
        if name is not None:
            tokens_out = estimate_tokens(args) + 10
            summary = f"{name} {_describe(args)}"
            events = tool_use_stream(name, args, input_tokens=tokens_in, output_tokens=tokens_out, latency_ms=latency)
            payload = converse_tool_use(name, args, input_tokens=tokens_in, output_tokens=tokens_out,
                                        latency_ms=latency)
        else:
            text = text or ""
            tokens_out = estimate_tokens(text)
            summary = f"text {text[:60]!r}"
            events = text_stream(*_PIECE.findall(text), input_tokens=tokens_in, output_tokens=tokens_out,
                                 latency_ms=latency)
            payload = converse_text(text, input_tokens=tokens_in, output_tokens=tokens_out, latency_ms=latency)
        summary += f" ({tokens_in} in / {tokens_out} out tokens)"
        delay = self.hang_seconds if self.mode == "timeout" else 0.0
        if stream:
            return Reply.events(events, delay=delay, summary=summary)
        return Reply.json_body(200, payload, delay=delay, summary=summary)

    def classification(self, request: dict[str, Any]) -> dict[str, Any]:
        """The ``record_classification`` arguments for the customer's message in ``request``,
        from the local classifier (dialogue-context rules aside: context-resolved messages
        never reach Bedrock)."""
        from app.nlu.classifier import get_local_classifier

        result = get_local_classifier().classify(customer_message(request), today=prompt_today(request) or self.today())
        return {"intent": result.intent, "confidence": result.confidence, "entities": dict(result.entities)}


def _describe(args: Any) -> str:
    if not isinstance(args, dict):
        return repr(args)[:80]
    return " ".join(f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in args.items())[:160]


# Garbage answers, in turn: (tool name or None, tool arguments, text) from the correct arguments.
_Garbage = Callable[[dict[str, Any]], tuple[str | None, Any, str | None]]
_GARBAGE: Sequence[_Garbage] = (
    lambda ok: (CLASSIFY_TOOL, {**ok, "intent": "order_pizza"}, None),
    lambda ok: (CLASSIFY_TOOL, {**ok, "confidence": 1.7}, None),
    lambda ok: (None, None, f"The intent is {ok['intent']}."),
    lambda ok: ("get_weather", {"city": "Chicago"}, None),
    lambda ok: (CLASSIFY_TOOL, {**ok, "entities": {"date": "next Friday", "time": "25:99", "project_ref": ""}}, None),
)


def run(port: int, mode: str = "correct", *, hang_seconds: float = 15.0, out: TextIO | None = None) -> int:
    """Serve a :class:`BedrockStub` on 127.0.0.1:``port`` until interrupted (blocks, main thread only);
    one line per request on ``out`` (stderr by default).

    Returns 0 (the CLI's exit code) after Ctrl-C / SIGTERM, having printed the request count.

    Raises:
        OSError: the port is taken.
    """
    import signal

    out = out or sys.stderr
    stub = BedrockStub(mode, port=port, hang_seconds=hang_seconds, echo=out)

    def terminate(*_: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, terminate)
    print(f"bedrock-stub: mode {mode}, listening on {stub.url} (BEDROCK_ENDPOINT_URL={stub.url})", file=out,
          flush=True)
    try:
        stub.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
    print(f"bedrock-stub: {stub.requests} model requests served", file=out, flush=True)
    return 0
