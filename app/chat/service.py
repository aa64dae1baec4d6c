"""One chat turn, end to end: lock the session, run the graph, store everything atomically.

The turn either happens completely (user message, assistant message, appointment
audit and the new Redis context) or not at all. PF360 writes are the exception that
cannot be rolled back; they carry an idempotency key so that repeating the turn
never books twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from dataclasses import dataclass
from typing import Protocol
from datetime import date, datetime

import structlog
from redis.exceptions import RedisError
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app import turn_timing
from app.agent.graph import compiled_graph
from app.agent.state import TurnContext, TurnState
from app.auth.tokens import Caller
from app.chat.schemas import ActionOut, ChatResponse, PendingActionOut
from app.chat.tenants import ClientDirectory
from app.chat.turn_writer import DRIVER_ERRORS, TurnRows, turn_writer_for
from app.config import Settings
from app.db.base import utcnow
from app.db.models import ChatSession
from app.llm.base import IntentProvider, LLMUsage
from app.pf360.client import PF360Client
from app.pf360.schemas import CallerScope
from app.sessions.context import SessionContext
from app.sessions.store import ContextStore, LockAttempt, SessionBusyError
from app.turn_gate import TurnGate

log = structlog.get_logger(__name__)

#: Failures of our own stores: the turn is rolled back and the client told to retry.
STORE_ERRORS = (RedisError, SQLAlchemyError, OSError, ConnectionError, *DRIVER_ERRORS)


class SessionNotFoundError(Exception):
    """Unknown or expired session (404)."""


class SessionForbiddenError(Exception):
    """The session belongs to another customer (403)."""


class StoreUnavailableError(Exception):
    """Redis or the database failed; nothing of the turn was kept (503)."""


@dataclass
class TurnOutcome:
    """The API response plus what the logs and metrics want to know.

    `node_ms` maps each graph node that ran to its duration (ms); `outcome` names the
    situation the response put into words (e.g. "dates", "clarify", "offer_human").
    """

    response: ChatResponse
    turn: int
    usage: LLMUsage
    duration_ms: float
    node_ms: dict[str, float]
    outcome: str = ""


class TurnListener(Protocol):
    """Receives a turn's progress as it happens (for streaming)."""

    async def node(self, name: str, elapsed_ms: float) -> None:
        """A graph node finished."""

    async def token(self, text: str) -> None:
        """A piece of the response text."""


class ChatService:
    """Runs turns through the supervisor graph against the shared stores.

    Args:
        settings: service settings.
        store: the Redis context store.
        sessionmaker: the database session factory.
        pf360: the shared PF360 client.
        provider: the intent provider.
        clients: the cache of clients' time zones.
    """

    def __init__(
        self,
        *,
        settings: Settings,
        store: ContextStore,
        sessionmaker: async_sessionmaker[AsyncSession],
        pf360: PF360Client,
        provider: IntentProvider,
        clients: ClientDirectory,
    ) -> None:
        self.settings = settings
        self.store = store
        self.sessionmaker = sessionmaker
        self.writer = turn_writer_for(sessionmaker.kw["bind"])
        self.pf360 = pf360
        self.provider = provider
        self.clients = clients
        self.graph = compiled_graph()
        self.gate = TurnGate(settings.max_active_turns) if settings.max_active_turns else None

    async def handle(
        self, caller: Caller, session_id: str | None, message: str, *, listener: TurnListener | None = None,
        admission: LockAttempt | None = None,
    ) -> TurnOutcome:
        """Process one message of `caller`; `listener` (optional) hears node and token events.

        `admission` (optional) makes the first attempt at the session lock and may refuse
        the turn (`app.chat.admission`); what it raises propagates, with nothing kept.

        Raises:
            SessionNotFoundError: `session_id` is unknown or its context expired.
            SessionForbiddenError: the session is another customer's.
            SessionBusyError: another message of the session held it too long.
            StoreUnavailableError: Redis or the database failed; nothing was kept.
        """
        # waits in line while MAX_ACTIVE_TURNS turns are in progress (no gate: no bound)
        async with self.gate.turn() if self.gate else contextlib.nullcontext():
            return await self._admitted_turn(caller, session_id, message, listener, admission)

    async def _admitted_turn(
        self, caller: Caller, session_id: str | None, message: str, listener: TurnListener | None,
        admission: LockAttempt | None,
    ) -> TurnOutcome:
        """The turn once it holds a slot of the gate: admission, lock, graph, stores."""
        is_new = session_id is None
        session_id = session_id or uuid.uuid4().hex
        structlog.contextvars.bind_contextvars(session_id=session_id)
        timing = turn_timing.begin()
        try:
            waited = time.perf_counter()
            # lock + context (+ the admission's limits): one round trip
            async with self.store.lock(session_id, prefetch=not is_new, first_attempt=admission) as lock:
                timing.store += time.perf_counter() - waited
                outcome = await self._locked_turn(caller, session_id, message, is_new=is_new, listener=listener,
                                                  stored=lock.prefetched)
                waited = time.perf_counter()
            timing.store += time.perf_counter() - waited
            timing.ran = True
            structlog.contextvars.bind_contextvars(
                pf360_ms=round(timing.pf360 * 1000, 2), llm_ms=round(timing.llm * 1000, 2),
                store_ms=round(timing.store * 1000, 2),
            )
            return outcome
        except (SessionBusyError, SessionNotFoundError, SessionForbiddenError):
            raise
        except STORE_ERRORS as error:
            log.warning("store_unavailable", error_type=type(error).__name__, error=str(error)[:200])
            raise StoreUnavailableError(str(error)) from error

    async def _locked_turn(
        self, caller: Caller, session_id: str, message: str, *, is_new: bool, listener: TurnListener | None,
        stored: bytes | None = None,
    ) -> TurnOutcome:
        """The turn, under the session's lock; `stored` is the context value read with the lock."""
        started = time.perf_counter()
        if is_new:
            context = SessionContext(session_id=session_id, client_id=caller.client_id, customer_id=caller.customer_id)
        else:
            loaded = self.store.parse(stored)
            if loaded is None:
                raise SessionNotFoundError(session_id)
            if not loaded.owned_by(client_id=caller.client_id, customer_id=caller.customer_id):
                raise SessionForbiddenError(session_id)
            context = loaded
        turn = context.turn + 1
        structlog.contextvars.bind_contextvars(session_id=session_id, turn=turn)
        timezone = await self.clients.timezone(CallerScope(client_id=caller.client_id, customer_id=caller.customer_id))
        loop = asyncio.get_running_loop()
        run_context = TurnContext(
            caller=caller,
            session_id=session_id,
            turn=turn,
            timezone=timezone,
            now=datetime.now(timezone),
            settings=self.settings,
            pf360=self.pf360,
            provider=self.provider,
            deadline=loop.time() + self.settings.pf360_turn_budget_seconds,
        )
        state, node_ms = await self._run_graph({"message": message, "context": context}, run_context, listener)
        response = self._response(session_id, state)
        storing = time.perf_counter()
        await self._store_turn(caller, session_id, turn, message, state, response, previous=None if is_new else context)
        turn_timing.add_store(time.perf_counter() - storing)
        duration_ms = (time.perf_counter() - started) * 1000
        return TurnOutcome(response, turn, state.get("usage") or LLMUsage(), duration_ms, node_ms,
                           outcome=state["outcome"].kind)

    async def _run_graph(
        self, graph_input: TurnState, run_context: TurnContext, listener: TurnListener | None
    ) -> tuple[TurnState, dict[str, float]]:
        """Run the graph, timing each node and passing node and token events to `listener`."""
        node_ms: dict[str, float] = {}
        state: TurnState | None = None
        last = time.perf_counter()
        modes = ["updates", "values", "custom"] if listener else ["updates", "values"]
        async for mode, chunk in self.graph.astream(graph_input, context=run_context, stream_mode=modes):
            if mode == "values":
                state = chunk
            elif mode == "updates":
                now = time.perf_counter()
                for name in chunk:
                    node_ms[name] = round((now - last) * 1000, 3)
                    if listener:
                        await listener.node(name, node_ms[name])
                last = now
            elif listener and "token" in chunk:
                await listener.token(chunk["token"])
        assert state is not None, "the graph produced no state"
        return state, node_ms

    @staticmethod
    def _response(session_id: str, state: TurnState) -> ChatResponse:
        nlu, context = state["nlu"], state["context"]
        pending = context.pending_action
        return ChatResponse(
            session_id=session_id,
            message_id=uuid.uuid4().hex,
            response=state["response"],
            intent=nlu.intent,
            confidence=round(float(nlu.confidence), 4),
            needs_clarification=bool(state.get("needs_clarification")),
            quick_replies=list(state.get("quick_replies") or []),
            pending_action=PendingActionOut.model_validate(pending.model_dump()) if pending else None,
            actions=[ActionOut(**a) for a in state.get("actions", [])],
            agent_trace=list(state.get("agent_trace", [])),
        )

    async def _store_turn(
        self,
        caller: Caller,
        session_id: str,
        turn: int,
        message: str,
        state: TurnState,
        response: ChatResponse,
        *,
        previous: SessionContext | None,
    ) -> None:
        """Store both messages, the audit and the context: all or nothing."""
        usage = state.get("usage") or LLMUsage()
        now = utcnow()
        messages = [
            {"id": uuid.uuid4().hex, "session_id": session_id, "turn": turn, "role": "user", "text": message,
             "intent": None, "confidence": None, "tools": [], "llm_calls": 0, "llm_input_tokens": 0,
             "llm_output_tokens": 0, "llm_latency_ms": 0.0, "created_at": now},
            {"id": response.message_id, "session_id": session_id, "turn": turn, "role": "assistant",
             "text": response.response, "intent": response.intent, "confidence": response.confidence,
             "tools": [a.model_dump(exclude_none=True) for a in response.actions], "llm_calls": usage.calls,
             "llm_input_tokens": usage.input_tokens, "llm_output_tokens": usage.output_tokens,
             "llm_latency_ms": usage.latency_ms, "created_at": now},
        ]
        audits = [
            {"session_id": session_id, "turn": turn, "client_id": caller.client_id, "customer_id": caller.customer_id,
             "project_id": write["project_id"], "tool": write["tool"],
             "appointment_date": date.fromisoformat(write["date"]) if write.get("date") else None,
             "appointment_time": write.get("time"), "idempotency_key": write["idempotency_key"],
             "status": write["status"], "error_code": write.get("error_code"), "created_at": now}
            for write in state.get("writes", [])
        ]
        session = {"id": session_id, "client_id": caller.client_id, "customer_id": caller.customer_id,
                   "created_at": now, "last_turn_at": now, "turn_count": turn}
        rows = TurnRows(session=session, messages=messages, audits=audits, is_new=previous is None)

        async def save_context() -> None:
            await self.store.save(state["context"])

        async def restore_context() -> None:
            await self._restore_context(session_id, previous)

        await self.writer.write(rows, save_context, restore_context)

    async def _restore_context(self, session_id: str, previous: SessionContext | None) -> None:
        """Undo the Redis write of a turn whose database commit failed."""
        try:
            if previous is None:
                await self.store.delete(session_id)
            else:
                await self.store.save(previous)
        except RedisError:  # pragma: no cover - both stores failing at once
            log.error("context_restore_failed", session_id=session_id)

    async def end_session(self, caller: Caller, session_id: str) -> None:
        """Remove the session's Redis context; its history stays.

        Raises:
            SessionNotFoundError, SessionForbiddenError, StoreUnavailableError.
        """
        try:
            async with self.sessionmaker() as db, db.begin():
                row = await db.get(ChatSession, session_id)
                if row is None:
                    raise SessionNotFoundError(session_id)
                if row.client_id != caller.client_id or row.customer_id != caller.customer_id:
                    raise SessionForbiddenError(session_id)
                row.ended_at = utcnow()
                await self.store.delete(session_id)
        except STORE_ERRORS as error:
            raise StoreUnavailableError(str(error)) from error
