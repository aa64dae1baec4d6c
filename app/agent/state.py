"""Graph state (what flows between nodes) and run-time context (who, where, when).

The run-time context is passed to `graph.ainvoke(..., context=TurnContext(...))` at
each turn, never read from globals: the caller's identity comes from the verified
token, "now" is taken at the start of the turn in the client's time zone.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Annotated, Any, Literal, TypedDict
from zoneinfo import ZoneInfo

from app.auth.tokens import Caller
from app.config import Settings
from app.llm.base import IntentProvider, LLMUsage
from app.nlu.types import NluResult
from app.pf360.client import PF360Client
from app.sessions.context import SessionContext


class ToolAction(TypedDict, total=False):
    """One tool executed during the turn (api.md `actions[]`)."""

    tool: str
    status: Literal["ok", "error"]
    error: str


class WriteRecord(TypedDict, total=False):
    """A PF360 write attempted this turn, stored in the appointment audit."""

    tool: str
    project_id: int
    date: str | None
    time: str | None
    idempotency_key: str
    status: Literal["ok", "error"]
    error_code: str | None


@dataclass
class Outcome:
    """What the turn found or did, for the response generator to put into words.

    `kind` names the situation (e.g. "dates", "confirm_booking", "tool_error");
    `data` carries its facts (projects, dates, slots, the appointment…).
    """

    kind: str
    data: dict[str, Any] = field(default_factory=dict)


class TurnState(TypedDict, total=False):
    """The graph's state for one turn."""

    message: str
    context: SessionContext
    nlu: NluResult
    outcome: Outcome
    actions: Annotated[list[ToolAction], operator.add]
    writes: Annotated[list[WriteRecord], operator.add]
    agent_trace: Annotated[list[str], operator.add]
    response: str
    quick_replies: list[str]
    needs_clarification: bool
    usage: LLMUsage


@dataclass(frozen=True)
class TurnContext:
    """Run-time context of one turn, injected into every node as `runtime.context`.

    Attributes:
        caller: the verified customer and client (from the token).
        session_id: the session this turn belongs to.
        turn: the turn number (1-based).
        timezone: the client's time zone.
        now: the turn's start, timezone-aware, in the client's time zone.
        settings: the service settings.
        pf360: the shared PF360 client.
        provider: the intent provider (local, or Bedrock with local fallback).
        deadline: event-loop time (s) by which all PF360 calls of the turn must end.
    """

    caller: Caller
    session_id: str
    turn: int
    timezone: ZoneInfo
    now: datetime
    settings: Settings
    pf360: PF360Client
    provider: IntentProvider
    deadline: float

    @property
    def today(self) -> date:
        """The turn's date in the client's time zone."""
        return self.now.date()
