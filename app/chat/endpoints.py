"""`POST /api/chat`."""

from __future__ import annotations

import structlog
from redis.exceptions import RedisError
from fastapi import APIRouter, Request, Response

from app.api.deps import ResourcesDep, TurnCaller, client_address
from app.api.errors import ApiError
from app.chat.schemas import ChatRequest, ChatResponse
from app.auth.tokens import Caller
from app.chat.service import (
    SessionForbiddenError,
    SessionNotFoundError,
    StoreUnavailableError,
    TurnListener,
    TurnOutcome,
)
from app.metrics import Metrics, MetricsDep
from app.resources import Resources
from app.sessions.store import SessionBusyError

router = APIRouter(prefix="/api", tags=["chat"])
log = structlog.get_logger(__name__)

ERROR_RESPONSES = {
    401: {"description": "no token, bad signature, expired"},
    403: {"description": "the session belongs to someone else"},
    404: {"description": "unknown or expired session"},
    422: {"description": "a body that does not validate"},
    429: {"description": "too many messages (see Retry-After)"},
    503: {"description": "the session store or database is unreachable (see Retry-After)"},
}


async def run_turn(
    resources: Resources,
    caller: Caller,
    body: ChatRequest,
    listener: TurnListener | None = None,
    *,
    address: str,
    metrics: Metrics,
    endpoint: str = "chat",
) -> TurnOutcome:
    """Run one turn sent from `address`, mapping service errors to API errors; then log
    its summary line and count it in `metrics` (`endpoint`: "chat" or "stream").

    The turn's admission refuses a blocked address or a customer over the message rate
    (`ApiError(429)`) in the same round trip as the session lock."""
    admission = resources.admission.first_attempt(caller, address)
    try:
        outcome = await resources.chat.handle(caller, body.session_id, body.message, listener=listener,
                                              admission=admission)
    except SessionNotFoundError as error:
        raise ApiError(404, "session_not_found", "this session is unknown or has expired; start a new one") from error
    except SessionForbiddenError as error:
        raise ApiError(403, "forbidden", "this session belongs to someone else") from error
    except SessionBusyError as error:
        raise ApiError(429, "session_busy", "another message of this session is still being answered",
                       retry_after=1) from error
    except (StoreUnavailableError, RedisError) as error:
        raise ApiError(503, "store_unavailable", "the service is briefly unavailable; nothing was saved, "
                       "please send your message again", retry_after=2) from error
    record_turn(outcome, metrics=metrics, endpoint=endpoint)
    return outcome


def record_turn(outcome: TurnOutcome, *, metrics: Metrics, endpoint: str) -> None:
    """The turn's summary log line and metrics (the context store already counted the
    session as active when it saved the context)."""
    response = outcome.response
    log.info(
        "turn",
        endpoint=endpoint,
        intent=response.intent,
        confidence=response.confidence,
        outcome=outcome.outcome,
        tools=[f"{a.tool}:{a.status}" for a in response.actions],
        trace=response.agent_trace,
        llm_calls=outcome.usage.calls,
        llm_input_tokens=outcome.usage.input_tokens,
        llm_output_tokens=outcome.usage.output_tokens,
        node_ms=outcome.node_ms,
        duration_ms=round(outcome.duration_ms, 2),
    )
    metrics.observe_turn(outcome, endpoint=endpoint)


LLM_CALLS_HEADER = "X-LLM-Calls"


@router.post("/chat", response_model=ChatResponse, responses=ERROR_RESPONSES)
async def chat(
    body: ChatRequest, caller: TurnCaller, resources: ResourcesDep, metrics: MetricsDep, request: Request,
    response: Response,
) -> ChatResponse:
    """Send one message; the answer says what the assistant did and what it waits for.

    The `X-LLM-Calls` response header counts the LLM calls the turn made.
    """
    outcome = await run_turn(resources, caller, body, address=client_address(request), metrics=metrics)
    response.headers[LLM_CALLS_HEADER] = str(outcome.usage.calls)
    return outcome.response
