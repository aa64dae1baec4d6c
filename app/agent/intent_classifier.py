"""The intent-classifier node: intent, confidence and entities for the message.

The dialogue context (what the assistant just offered or asked) goes to the
provider, so short answers like "yes", "1pm" or "the third one" resolve against it.
"""

from __future__ import annotations

from time import perf_counter

from langgraph.runtime import Runtime

from app import turn_timing
from app.agent.state import TurnContext, TurnState
from app.llm.base import ClassificationRequest, LLMUsage
from app.nlu.types import DialogueContext, NluResult
from app.sessions.context import SessionContext

#: Intents that still win over a note's text while the assistant waits for one.
ESCAPES_FROM_NOTE = frozenset({"deny", "goodbye", "human_agent", "help"})


def dialogue_context(context: SessionContext) -> DialogueContext:
    """What the classifier needs to know about the last assistant turn."""
    return DialogueContext(
        expecting=context.expecting if context.expecting != "note_text" else None,
        listed_project_count=len(context.listed_projects) if context.expecting == "project" else 0,
        offered_dates=tuple(context.offered_dates) if context.expecting == "date" else (),
        offered_slots=tuple(context.offered_slots) if context.expecting == "time" else (),
        has_pending_action=context.pending_action is not None,
    )


async def intent_classifier(state: TurnState, runtime: Runtime[TurnContext]) -> dict:
    """Classify the message with the configured provider."""
    ctx = runtime.context
    context = state["context"]
    usage = LLMUsage()
    request = ClassificationRequest(
        text=state["message"],
        today=ctx.today,
        timezone=str(ctx.timezone),
        context=dialogue_context(context),
        projects=tuple(p.label for p in context.listed_projects),
        history=tuple(
            (role, text) for user, assistant in context.recent_turns for role, text in (("user", user), ("assistant", assistant))
        ),
    )
    started = perf_counter()
    nlu = await ctx.provider.classify(request, usage)
    turn_timing.add_llm(perf_counter() - started)
    if context.expecting == "note_text" and context.deferred is not None:
        if not (nlu.intent in ESCAPES_FROM_NOTE and nlu.confidence >= 0.9):
            entities = {**context.deferred.entities, "note_text": state["message"].strip()}
            nlu = NluResult("add_note", 1.0, (("add_note", 1.0),), entities, "context")
    return {"nlu": nlu, "usage": usage, "agent_trace": ["intent_classifier"]}
