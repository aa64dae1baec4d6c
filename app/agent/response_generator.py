"""The response-generator node: puts the turn's outcome into words for the customer."""

from __future__ import annotations

import re
from time import perf_counter

from langgraph.runtime import Runtime

from app import turn_timing
from app.agent.responses import render
from app.agent.state import Outcome, TurnContext, TurnState
from app.llm.base import LLMUsage


#: A word with the spaces after it: the pieces of a streamed template response.
TOKEN_PIECE = re.compile(r"\S+\s*|\s+")


async def response_generator(state: TurnState, runtime: Runtime[TurnContext]) -> dict:
    """Render the outcome (or the chitchat intent) and close the turn's context.

    The text is also written to the graph's custom stream in pieces (`{"token": …}`),
    as the LLM phrases it or word by word from the template.
    """
    nlu = state["nlu"]
    outcome = state.get("outcome") or Outcome(nlu.intent)
    text, quick_replies = render(outcome)
    settings = runtime.context.settings
    usage = state.get("usage") or LLMUsage()
    if settings.llm_phrase_responses:
        pieces = []
        facts = {"intent": nlu.intent, "outcome": outcome.kind}
        started = perf_counter()
        async for piece in runtime.context.provider.stream_phrase(text, facts, usage):
            pieces.append(piece)
            runtime.stream_writer({"token": piece})
        turn_timing.add_llm(perf_counter() - started)
        text = "".join(pieces) or text
    else:
        for piece in TOKEN_PIECE.findall(text):
            runtime.stream_writer({"token": piece})
    context = state["context"].model_copy()
    context.turn = runtime.context.turn
    context.last_intent = nlu.intent
    keep = settings.llm_history_turns
    context.recent_turns = [*context.recent_turns, (state["message"], text)][-keep:] if keep else []
    if not state.get("needs_clarification"):
        context.clarification_count = 0  # "in a row": any turn that was understood breaks the run
    return {
        "context": context,
        "outcome": outcome,
        "response": text,
        "quick_replies": quick_replies,
        "usage": usage,
        "agent_trace": ["response_generator"],
    }
