"""Bodies of the session endpoints."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel


class HistoryMessage(BaseModel):
    """One stored message."""

    role: Literal["user", "assistant"]
    text: str
    intent: str | None = None
    confidence: float | None = None
    created_at: datetime


class SessionHistory(BaseModel):
    """A session's messages, oldest first."""

    session_id: str
    messages: list[HistoryMessage]
