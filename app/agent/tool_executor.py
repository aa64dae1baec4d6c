"""The tool-executor node: runs the intent's handler, which calls the PF360 tools."""

from __future__ import annotations

from langgraph.runtime import Runtime

from app.agent.handlers import HANDLERS, Reply, Turn
from app.agent.state import Outcome, TurnContext, TurnState
from app.agent.tool_runner import ToolFailed, ToolRunner
from app.pf360.schemas import CallerScope


async def tool_executor(state: TurnState, runtime: Runtime[TurnContext]) -> dict:
    """Execute the handler of the classified intent against PF360.

    Every tool run is recorded in `actions`; a PF360 failure becomes a `tool_error`
    outcome (the turn still answers 200 and tells the customer plainly).
    """
    ctx = runtime.context
    nlu = state["nlu"]
    scope = CallerScope(client_id=ctx.caller.client_id, customer_id=ctx.caller.customer_id)
    runner = ToolRunner(ctx.pf360, scope, ctx.deadline)
    context = state["context"].model_copy(deep=True)
    if nlu.intent not in {"select_project", "confirm", "deny"}:
        context.deferred = None
    turn = Turn(ctx, context, runner, nlu.intent, dict(nlu.entities), state["message"])
    handler = HANDLERS[nlu.intent]
    try:
        outcome = await handler(turn)
    except Reply as reply:
        outcome = reply.outcome
    except ToolFailed as failure:
        outcome = Outcome("tool_error", {"tool": failure.tool, "code": failure.code, "intent": nlu.intent})
    return {
        "context": turn.context,
        "outcome": outcome,
        "actions": runner.actions,
        "writes": turn.writes,
        "agent_trace": ["tool_executor"],
    }
