"""The clarifier node: one short question when the intent is unclear, with the top
candidates as quick replies; after `MAX_CLARIFICATION_ATTEMPTS` in a row it offers a
person instead of asking again."""

from __future__ import annotations

from langgraph.runtime import Runtime

from app.agent.state import Outcome, TurnContext, TurnState


async def clarifier(state: TurnState, runtime: Runtime[TurnContext]) -> dict:
    """Decide between asking again and offering a human agent."""
    context = state["context"].model_copy(deep=True)
    context.clarification_count += 1
    nlu = state["nlu"]
    candidates = [intent for intent, _ in nlu.ranking[:3]]
    if context.clarification_count >= runtime.context.settings.max_clarification_attempts:
        context.clarification_count = 0
        outcome = Outcome("offer_human", {})
    else:
        outcome = Outcome("clarify", {"candidates": candidates})
    return {"context": context, "outcome": outcome, "needs_clarification": True, "agent_trace": ["clarifier"]}
