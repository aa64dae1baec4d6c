"""Prometheus metrics: what operators see at `GET /metrics`.

Each app instance has its own `CollectorRegistry` (`Metrics.registry`), so several
apps in one process (the tests) never collide. Figures are per process; with
`--workers N` every worker keeps its own counters (scrape each container with one
worker, or aggregate per instance).

Active sessions ("sessions with a live Redis context") are counted without scanning
Redis keys: the context store adds a session to the sorted set `metrics:active_sessions`
(scored by the turn's time, trimmed to the session TTL) in the same round trip that
saves its context, and removes it when `DELETE /api/sessions/{id}` ends the session
(`app.sessions.store.ContextStore`); a scrape counts the members newer than the TTL
with one `ZCOUNT`. The set is shared by every worker, so all of them report the same
gauge (aggregate with `max`).
"""

from __future__ import annotations

from typing import Annotated

import structlog
from fastapi import APIRouter, Depends, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from redis.exceptions import RedisError

from app.api.deps import ResourcesDep
from app.chat.service import TurnOutcome
from app.sessions.store import ContextStore
from app.turn_gate import TurnGate

log = structlog.get_logger(__name__)

TURN_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 20.0, 30.0)
NODE_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
#: Response outcomes that hand the customer over to a person, by reason.
HANDOFF_OUTCOMES = {"human_agent": "requested", "offer_human": "offered"}


class Metrics:
    """The service's Prometheus metrics, registered in a registry of their own.

    Args:
        registry: where to register (default: a new `CollectorRegistry`).
    """

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry(auto_describe=True)
        r = self.registry
        self.turn_seconds = Histogram("chat_turn_duration_seconds", "Duration of a chat turn, graph and storage",
                                      ["endpoint"], buckets=TURN_BUCKETS, registry=r)
        self.node_seconds = Histogram("chat_node_duration_seconds", "Duration of one graph node in a turn",
                                      ["node"], buckets=NODE_BUCKETS, registry=r)
        self.turns = Counter("chat_turns", "Completed chat turns", ["endpoint", "intent"], registry=r)
        self.tool_calls = Counter("chat_tool_calls", "PF360 tool calls", ["tool", "status"], registry=r)
        self.clarifications = Counter("chat_clarifications", "Turns answered with a clarifying question", registry=r)
        self.handoffs = Counter("chat_handoffs", "Turns handing over to a person (requested by the customer, or "
                                "offered after repeated clarifications)", ["reason"], registry=r)
        self.llm_calls = Counter("llm_calls", "LLM calls made by turns", registry=r)
        self.llm_tokens = Counter("llm_tokens", "LLM tokens used by turns", ["direction"], registry=r)
        self.active_sessions = Gauge("chat_active_sessions", "Sessions whose Redis context is still live "
                                     "(had a turn within the session TTL)", registry=r)
        self.turns_in_progress = Gauge("chat_turns_in_progress", "Turns this process works on now (the turn "
                                       "gate's slots in use; MAX_ACTIVE_TURNS at most)", registry=r)
        self.turns_waiting = Gauge("chat_turns_waiting", "Turns waiting in line for a slot of this process's "
                                   "turn gate", registry=r)

    def observe_turn(self, outcome: TurnOutcome, *, endpoint: str) -> None:
        """Count one completed turn (`endpoint`: "chat" or "stream")."""
        response = outcome.response
        self.turn_seconds.labels(endpoint).observe(outcome.duration_ms / 1000)
        self.turns.labels(endpoint, response.intent).inc()
        for node, elapsed_ms in outcome.node_ms.items():
            self.node_seconds.labels(node).observe(elapsed_ms / 1000)
        for action in response.actions:
            self.tool_calls.labels(action.tool, action.status).inc()
        if outcome.outcome == "clarify":
            self.clarifications.inc()
        if outcome.outcome in HANDOFF_OUTCOMES:
            self.handoffs.labels(HANDOFF_OUTCOMES[outcome.outcome]).inc()
        usage = outcome.usage
        self.llm_calls.inc(usage.calls)
        self.llm_tokens.labels("input").inc(usage.input_tokens)
        self.llm_tokens.labels("output").inc(usage.output_tokens)

    async def exposition(self, store: ContextStore, gate: TurnGate | None = None) -> bytes:
        """The text exposition, with the active-sessions gauge read from Redis now and
        the turn gate's gauges read from `gate` (left at 0 when turns are not bounded).

        A Redis failure leaves the active-sessions gauge at its last value (the scrape
        still answers).
        """
        if gate is not None:
            self.turns_in_progress.set(gate.active)
            self.turns_waiting.set(gate.waiting)
        try:
            self.active_sessions.set(await store.count_active())
        except (RedisError, OSError) as error:
            log.warning("active_sessions_unavailable", error_type=type(error).__name__)
        return generate_latest(self.registry)


async def get_metrics(request: Request) -> Metrics:
    """The app's metrics (created by `create_app`). A coroutine: FastAPI runs a plain
    function dependency in a worker thread, a hop on every request."""
    return request.app.state.metrics


MetricsDep = Annotated[Metrics, Depends(get_metrics)]

router = APIRouter(tags=["operations"])


@router.get("/metrics", include_in_schema=False)
async def metrics_endpoint(metrics: MetricsDep, resources: ResourcesDep) -> Response:
    """Prometheus text exposition of this process's metrics."""
    body = await metrics.exposition(resources.store, resources.chat.gate)
    return Response(body, media_type=CONTENT_TYPE_LATEST)
