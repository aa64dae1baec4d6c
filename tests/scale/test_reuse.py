"""Nothing heavy is built per turn: no graph compiled, no model loaded, no client or
engine created; every turn reuses the process's graph, classifier, PF360 client,
database engine and Redis client."""

from __future__ import annotations

from langgraph.graph.state import StateGraph

from app.nlu.classifier import LocalIntentClassifier
from tests.helpers import say


async def test_turns_reuse_the_process_resources(app, client, auth, monkeypatch) -> None:
    resources = app.state.resources
    before = (resources.chat.graph, resources.provider, resources.pf360, resources.engine, resources.redis,
              resources.pf360._http)
    built: list[str] = []
    compile_ = StateGraph.compile
    load = LocalIntentClassifier.load.__func__
    monkeypatch.setattr(StateGraph, "compile", lambda self, *a, **k: built.append("graph") or compile_(self, *a, **k))
    monkeypatch.setattr(LocalIntentClassifier, "load",
                        classmethod(lambda cls, *a, **k: built.append("model") or load(cls, *a, **k)))

    headers = auth()
    session_id = (await say(client, headers, "hi there"))["session_id"]
    for message in ("what projects do I have?", "what dates are available for my flooring?", "thanks"):
        await say(client, headers, message, session_id)

    assert built == []
    assert (resources.chat.graph, resources.provider, resources.pf360, resources.engine, resources.redis,
            resources.pf360._http) == before
