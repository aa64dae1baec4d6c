"""Shared NLU types: the fixed intent taxonomy, dialogue context and results.

The 20 intents and their domains are the ones of ``shared/contract/intents.md`` (in
that order); adding an intent means changing that page first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal, Protocol, runtime_checkable

INTENTS: tuple[str, ...] = (
    "list_projects",
    "select_project",
    "get_available_dates",
    "get_time_slots",
    "schedule_appointment",
    "reschedule_appointment",
    "cancel_appointment",
    "project_details",
    "appointment_status",
    "business_hours",
    "add_note",
    "list_notes",
    "confirm",
    "deny",
    "greeting",
    "thanks",
    "goodbye",
    "help",
    "human_agent",
    "out_of_scope",
)

INTENT_DOMAINS: dict[str, str] = {
    "list_projects": "scheduling",
    "select_project": "scheduling",
    "get_available_dates": "scheduling",
    "get_time_slots": "scheduling",
    "schedule_appointment": "scheduling",
    "reschedule_appointment": "scheduling",
    "cancel_appointment": "scheduling",
    "project_details": "information",
    "appointment_status": "information",
    "business_hours": "information",
    "add_note": "notes",
    "list_notes": "notes",
    "confirm": "control",
    "deny": "control",
    "greeting": "chitchat",
    "thanks": "chitchat",
    "goodbye": "chitchat",
    "help": "chitchat",
    "human_agent": "escalation",
    "out_of_scope": "fallback",
}

#: Intents that change PF360 state; they always go through confirm/deny first.
WRITE_INTENTS = frozenset({"schedule_appointment", "reschedule_appointment", "cancel_appointment"})

#: Entity names the extractor may return.
ENTITY_TYPES: tuple[str, ...] = ("date", "time", "project_ref", "note_text")

Expecting = Literal["project", "date", "time", "confirmation"]


@dataclass(frozen=True)
class DialogueContext:
    """What the assistant just did; used to resolve short context-dependent answers.

    - ``expecting``: the kind of answer the last assistant turn asked for.
    - ``listed_project_count``: how many projects the last turn listed (0: none).
    - ``offered_dates``: the dates the last turn offered.
    - ``offered_slots``: the times (``"HH:MM"``) the last turn offered.
    - ``has_pending_action``: a write action waits for ``confirm``/``deny``.
    """

    expecting: Expecting | None = None
    listed_project_count: int = 0
    offered_dates: tuple[date, ...] = ()
    offered_slots: tuple[str, ...] = ()
    has_pending_action: bool = False


@dataclass(frozen=True)
class NluResult:
    """One classification.

    ``entities`` holds only the entities present: ``date`` (``YYYY-MM-DD``), ``time``
    (``HH:MM`` or ``HH:MM-HH:MM``), ``project_ref`` and ``note_text``.
    ``ranking`` lists at least three (intent, probability) pairs, best first.
    ``source`` is ``"context"`` when the dialogue context decided, else ``"model"``.
    """

    intent: str
    confidence: float
    ranking: tuple[tuple[str, float], ...]
    entities: dict[str, str] = field(default_factory=dict)
    source: Literal["model", "context"] = "model"

    @property
    def domain(self) -> str:
        return INTENT_DOMAINS.get(self.intent, "fallback")


@runtime_checkable
class IntentClassifier(Protocol):
    """Anything that turns one customer message into an :class:`NluResult`."""

    def classify(self, text: str, *, today: date, context: DialogueContext | None = None) -> NluResult: ...
