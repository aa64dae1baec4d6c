"""The provider interface the graph's intent classifier node calls."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from app.nlu.types import DialogueContext, NluResult


@dataclass
class LLMUsage:
    """LLM accounting of one turn: calls made, tokens in/out, time spent (ms)."""

    calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    latency_ms: float = 0.0

    def add(self, *, input_tokens: int, output_tokens: int, latency_ms: float) -> None:
        """Count one more call."""
        self.calls += 1
        self.input_tokens += input_tokens
        self.output_tokens += output_tokens
        self.latency_ms += latency_ms


@dataclass(frozen=True)
class ClassificationRequest:
    """What a provider needs to classify one message.

    `projects` are short labels of the caller's projects (for the LLM prompt);
    `history` the last few turns as (role, text) pairs.
    """

    text: str
    today: date
    timezone: str
    context: DialogueContext | None = None
    projects: tuple[str, ...] = ()
    history: tuple[tuple[str, str], ...] = ()


class IntentProvider(Protocol):
    """Classifies a message into one intent of intents.md with confidence and entities."""

    name: str

    async def classify(self, request: ClassificationRequest, usage: LLMUsage) -> NluResult:
        """Classify; add any LLM call to `usage`. Never raises for model failures."""
        ...

    def status(self) -> dict[str, Any]:
        """State for `/api/readyz` (e.g. the circuit breaker)."""
        ...

    async def phrase(self, draft: str, facts: Mapping[str, Any], usage: LLMUsage) -> str:
        """The response text: `draft` (from templates) or an LLM phrasing of it."""
        ...

    def stream_phrase(self, draft: str, facts: Mapping[str, Any], usage: LLMUsage) -> AsyncIterator[str]:
        """The response text in pieces, as they are produced."""
        ...
