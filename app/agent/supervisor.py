"""The supervisor: opens the turn and routes it by domain, intent and confidence.

It makes no LLM call. Its routing is the conditional edge after the intent
classifier (see `graph.py`):
- confidence below `INTENT_CONFIDENCE_THRESHOLD` (or the top two intents within
  `CLARIFICATION_MARGIN`) → `clarifier`, unless the message was resolved from the
  dialogue context ("yes" to a pending action, "the second one" after a list);
- chitchat, escalation and fallback intents → `response_generator` (no tool);
- everything else → `tool_executor`, whose handlers turn write intents into a
  pending action that waits for the customer's `confirm`.
"""

from __future__ import annotations

from typing import Literal

from langgraph.runtime import Runtime

from app.agent.state import TurnContext, TurnState
from app.nlu.types import INTENT_DOMAINS, NluResult

CLARIFICATION_MARGIN = 0.1

#: Domains answered without PF360.
NO_TOOL_DOMAINS = frozenset({"chitchat", "escalation", "fallback"})

Route = Literal["clarifier", "tool_executor", "response_generator"]


async def supervisor(state: TurnState, runtime: Runtime[TurnContext]) -> dict:
    """Open the turn: record the node and clear the per-turn fields."""
    return {"agent_trace": ["supervisor"], "quick_replies": [], "needs_clarification": False}


def is_uncertain(nlu: NluResult, threshold: float) -> bool:
    """True when the classification is too weak to act on."""
    if nlu.source == "context":
        return False
    if nlu.confidence < threshold:
        return True
    ranking = nlu.ranking
    return len(ranking) > 1 and ranking[0][1] - ranking[1][1] < CLARIFICATION_MARGIN


async def route_after_classification(state: TurnState, runtime: Runtime[TurnContext]) -> Route:
    """The supervisor's routing decision once the intent is known.

    A coroutine on purpose: LangGraph runs a plain function used as a conditional edge
    in a worker thread (`run_in_executor`) on every turn; a coroutine runs on the loop.
    """
    nlu = state["nlu"]
    if is_uncertain(nlu, runtime.context.settings.intent_confidence_threshold):
        return "clarifier"
    if INTENT_DOMAINS.get(nlu.intent) in NO_TOOL_DOMAINS:
        return "response_generator"
    return "tool_executor"
