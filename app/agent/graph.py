"""The supervisor graph, compiled once per process.

    START → supervisor → intent_classifier ─┬→ clarifier ──────────┐
                                            ├→ tool_executor ──────┤→ response_generator → END
                                            └──────────────────────┘
"""

from __future__ import annotations

from functools import cache

from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph

from app.agent.clarifier import clarifier
from app.agent.intent_classifier import intent_classifier
from app.agent.response_generator import response_generator
from app.agent.state import TurnContext, TurnState
from app.agent.supervisor import route_after_classification, supervisor
from app.agent.tool_executor import tool_executor


def build_graph() -> StateGraph:
    """The graph's nodes and edges (uncompiled)."""
    graph = StateGraph(TurnState, context_schema=TurnContext)
    graph.add_node("supervisor", supervisor)
    graph.add_node("intent_classifier", intent_classifier)
    graph.add_node("clarifier", clarifier)
    graph.add_node("tool_executor", tool_executor)
    graph.add_node("response_generator", response_generator)
    graph.add_edge(START, "supervisor")
    graph.add_edge("supervisor", "intent_classifier")
    graph.add_conditional_edges(
        "intent_classifier",
        route_after_classification,
        ["clarifier", "tool_executor", "response_generator"],
    )
    graph.add_edge("clarifier", "response_generator")
    graph.add_edge("tool_executor", "response_generator")
    graph.add_edge("response_generator", END)
    return graph


@cache
def compiled_graph() -> CompiledStateGraph:
    """The compiled graph; compiled on first use and shared by every turn."""
    return build_graph().compile()
