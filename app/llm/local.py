"""The embedded local provider: no network, deterministic, about a millisecond a message."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from typing import Any

from app.llm.base import ClassificationRequest, LLMUsage
from app.nlu.classifier import LocalIntentClassifier, get_local_classifier
from app.nlu.types import NluResult


class LocalProvider:
    """Wraps the scikit-learn classifier of `app.nlu`; makes no LLM call."""

    name = "local"

    def __init__(self, classifier: LocalIntentClassifier | None = None) -> None:
        self.classifier = classifier or get_local_classifier()

    async def classify(self, request: ClassificationRequest, usage: LLMUsage) -> NluResult:
        """Classify with the local model (context-dependent answers resolved first)."""
        return self.classifier.classify(request.text, today=request.today, context=request.context)

    def status(self) -> dict[str, Any]:
        """The local provider has no remote state."""
        return {"provider": self.name}

    async def phrase(self, draft: str, facts: Mapping[str, Any], usage: LLMUsage) -> str:
        """Templates are the local provider's phrasing: the draft as it is."""
        return draft

    async def stream_phrase(self, draft: str, facts: Mapping[str, Any], usage: LLMUsage) -> AsyncIterator[str]:
        """The draft in one piece."""
        yield draft
