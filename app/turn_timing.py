"""Where a chat turn's time goes: total, PF360, LLM (the intent provider), stores.

One :class:`TurnTiming` per request of ``POST /api/chat``, kept in a context
variable. It costs a handful of ``perf_counter()`` calls per turn:

* :class:`TurnTimingMiddleware` creates it when the request arrives and, when the
  response starts, writes the ``X-Turn-Timing`` header (milliseconds)::

      X-Turn-Timing: total=9.81;pf360=3.12;llm=0.22;store=2.40;overhead=6.47

  ``total``: request received → response headers sent, in this process (auth, rate
  limit, session lock, graph, stores, serialisation). ``pf360``: time awaiting PF360
  calls (``PF360Client``, retries and back-off included). ``llm``: time inside the
  intent provider (classification and phrasing: the local model, or Bedrock).
  ``store``: time awaiting the session lock, Redis context and the database
  transaction of the turn (a part of the overhead, shown for diagnosis).
  ``overhead = total - pf360 - llm``: the orchestration overhead, i.e. our own
  code (and our stores) per turn. Wall-clock: under load it also contains the
  time the turn waited for the event loop.
* ``PF360Client`` calls :func:`add_pf360`; the intent-classifier and response-generator
  nodes call :func:`add_llm`; ``ChatService`` calls :func:`add_store`. Outside a chat
  request (terminal chat, tests calling the service directly) :func:`begin` gives the
  turn its own timing object.

The object is mutable and shared by reference, so graph nodes run in other asyncio
tasks (which get a copy of the context) still add to the same one.
"""

from __future__ import annotations

from contextvars import ContextVar
from time import perf_counter

from starlette.types import ASGIApp, Message, Receive, Scope, Send

TURN_TIMING_HEADER = "X-Turn-Timing"
_HEADER_NAME = TURN_TIMING_HEADER.lower().encode()


class TurnTiming:
    """Accumulated seconds of one turn (see the module docstring for the parts)."""

    __slots__ = ("started", "pf360", "llm", "store", "total", "ran")

    def __init__(self, started: float | None = None) -> None:
        self.started = perf_counter() if started is None else started
        self.pf360 = 0.0
        self.llm = 0.0
        self.store = 0.0
        self.total = 0.0
        self.ran = False  # set by ChatService once a turn actually ran

    def finish(self) -> TurnTiming:
        """Fix ``total`` as now minus ``started``."""
        self.total = perf_counter() - self.started
        return self

    @property
    def overhead(self) -> float:
        """``total - pf360 - llm`` (seconds)."""
        return max(0.0, self.total - self.pf360 - self.llm)

    def as_ms(self) -> dict[str, float]:
        """The parts in milliseconds, rounded to 0.01."""
        return {
            "total": round(self.total * 1000, 2),
            "pf360": round(self.pf360 * 1000, 2),
            "llm": round(self.llm * 1000, 2),
            "store": round(self.store * 1000, 2),
            "overhead": round(self.overhead * 1000, 2),
        }

    def header(self) -> str:
        """The ``X-Turn-Timing`` value: ``total=..;pf360=..;llm=..;store=..;overhead=..`` (ms)."""
        return ";".join(f"{name}={value:.2f}" for name, value in self.as_ms().items())


_current: ContextVar[TurnTiming | None] = ContextVar("turn_timing", default=None)


def current() -> TurnTiming | None:
    """The timing of the turn in progress, if any."""
    return _current.get()


def begin() -> TurnTiming:
    """The request's timing (made by the middleware), or a new one for this turn
    (when there is none, or the one in the context belongs to a turn that already ran)."""
    timing = _current.get()
    if timing is None or timing.ran:
        timing = TurnTiming()
        _current.set(timing)
    return timing


def add_pf360(seconds: float) -> None:
    """Count time spent awaiting PF360."""
    timing = _current.get()
    if timing is not None:
        timing.pf360 += seconds


def add_llm(seconds: float) -> None:
    """Count time spent in the intent provider."""
    timing = _current.get()
    if timing is not None:
        timing.llm += seconds


def add_store(seconds: float) -> None:
    """Count time spent awaiting the session lock, Redis or the database."""
    timing = _current.get()
    if timing is not None:
        timing.store += seconds


class TurnTimingMiddleware:
    """Times ``POST /api/chat`` and answers the ``X-Turn-Timing`` header (pure ASGI, cheap)."""

    def __init__(self, app: ASGIApp, path: str = "/api/chat") -> None:
        self.app = app
        self.path = path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != self.path:
            await self.app(scope, receive, send)
            return
        timing = TurnTiming()
        token = _current.set(timing)

        async def send_with_timing(message: Message) -> None:
            if message["type"] == "http.response.start" and timing.ran:
                timing.finish()
                message.setdefault("headers", []).append((_HEADER_NAME, timing.header().encode()))
            await send(message)

        try:
            await self.app(scope, receive, send_with_timing)
        finally:
            _current.reset(token)
