"""The session context: what the assistant remembers between turns.

Kept in Redis as one JSON value per session (`session:{id}:context`) with a sliding
TTL (`SESSION_TTL_SECONDS`, 1800 s): every turn writes it back and so renews it. A
session whose context has expired is unknown (the API answers 404); its history
stays in the database.
"""

from __future__ import annotations

import datetime as dt
from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

Expecting = Literal["project", "date", "time", "confirmation", "note_text"]


class ProjectSummary(BaseModel):
    """A project as last listed to the customer (ordinals like "the second one" index this list)."""

    project_id: int
    order_number: str
    project_type: str
    category: str
    status: str
    date_scheduled: date | None = None

    @property
    def label(self) -> str:
        """Human label, e.g. "Flooring installation (ORD-1001-A)"."""
        return f"{self.category} {self.project_type.lower()} ({self.order_number})"


class PendingAction(BaseModel):
    """A PF360 write waiting for the customer's yes or no (api.md `pending_action`).

    `tool` is `confirm_appointment`, `reschedule_appointment` or `cancel_appointment`;
    `time` is "HH:MM" 24-hour.
    """

    tool: Literal["confirm_appointment", "reschedule_appointment", "cancel_appointment"]
    project_id: int
    date: dt.date | None = None
    time: str | None = None
    proposed_turn: int = Field(0, description="the turn that proposed it; part of the idempotency key")


class DeferredRequest(BaseModel):
    """A request put on hold while the assistant asks which project (or what note) it is about."""

    intent: str
    entities: dict[str, str] = Field(default_factory=dict)


class SessionContext(BaseModel):
    """Everything the dialogue needs between turns. Owned by one customer of one client."""

    session_id: str
    client_id: str
    customer_id: str
    turn: int = 0
    selected_project_id: int | None = None
    listed_projects: list[ProjectSummary] = Field(default_factory=list)
    offered_dates: list[date] = Field(default_factory=list)
    offered_slots: list[str] = Field(default_factory=list)
    slots_date: date | None = None
    request_id: str | None = None
    request_project_id: int | None = None
    pending_action: PendingAction | None = None
    deferred: DeferredRequest | None = None
    expecting: Expecting | None = None
    clarification_count: int = 0
    last_intent: str | None = None
    recent_turns: list[tuple[str, str]] = Field(
        default_factory=list, description="the last few (customer, assistant) messages, for the LLM prompt"
    )

    def owned_by(self, *, client_id: str, customer_id: str) -> bool:
        """True when the session belongs to this customer of this client."""
        return self.client_id == client_id and self.customer_id == customer_id

    def project(self, project_id: int | None) -> ProjectSummary | None:
        """The listed project with this id, if it was listed."""
        return next((p for p in self.listed_projects if p.project_id == project_id), None)
