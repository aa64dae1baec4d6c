"""Request and response bodies of `POST /api/chat` (api.md)."""

from __future__ import annotations

from datetime import date as Date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from app.security.text import clean_text

#: Session ids are ours (hex); anything else can name no session.
SESSION_ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"


class ChatRequest(BaseModel):
    """A customer's message; `session_id` omitted or null opens a new session.

    `message` is cleaned first (NFKC, control and invisible characters removed,
    surrounding whitespace stripped; see `app.security.text.clean_text`), then must
    hold 1..2000 characters: a message with nothing left is refused (422).
    """

    model_config = ConfigDict(extra="forbid")

    session_id: str | None = Field(
        None, max_length=64, pattern=SESSION_ID_PATTERN, description="omitted or null opens a new session"
    )
    message: str = Field(..., min_length=1, max_length=2000)

    @field_validator("message", mode="before")
    @classmethod
    def _clean_message(cls, value: object) -> object:
        return clean_text(value) if isinstance(value, str) else value


class PendingActionOut(BaseModel):
    """A write waiting for the customer's yes or no."""

    tool: Literal["confirm_appointment", "reschedule_appointment", "cancel_appointment"]
    project_id: int
    date: Date | None = None
    time: str | None = Field(None, description='"HH:MM", 24-hour')


class ActionOut(BaseModel):
    """A tool executed during the turn."""

    tool: str
    status: Literal["ok", "error"]
    error: str | None = Field(None, exclude_if=lambda value: value is None, description="the tool error code")


class ChatResponse(BaseModel):
    """The assistant's answer to one message."""

    session_id: str
    message_id: str
    response: str
    intent: str
    confidence: float = Field(..., ge=0, le=1)
    needs_clarification: bool
    quick_replies: list[str]
    pending_action: PendingActionOut | None
    actions: list[ActionOut]
    agent_trace: list[str]
