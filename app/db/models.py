"""Tables of the service: chat sessions, their messages, and an audit of the PF360
writes the assistant made.

The conversation's *working* context lives in Redis (see `app.sessions.context`);
these tables are the durable record.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, utcnow


class ChatSession(Base):
    """One conversation of one customer of one client (tenant)."""

    __tablename__ = "chat_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    client_id: Mapped[str] = mapped_column(String(128), index=True)
    customer_id: Mapped[str] = mapped_column(String(128), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_turn_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    turn_count: Mapped[int] = mapped_column(Integer, default=0)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class ChatMessage(Base):
    """One message of a turn: the customer's (`role="user"`) or the assistant's.

    `(session_id, turn, role)` is unique, so a turn can never be stored twice.
    The assistant message carries what the turn did: intent, confidence, the tools
    run with their status, and the LLM accounting.
    """

    __tablename__ = "chat_messages"
    __table_args__ = (UniqueConstraint("session_id", "turn", "role", name="uq_chat_messages_turn_role"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("chat_sessions.id", ondelete="CASCADE"), index=True)
    turn: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    intent: Mapped[str | None] = mapped_column(String(64), nullable=True)
    confidence: Mapped[float | None] = mapped_column(Float, nullable=True)
    tools: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    llm_calls: Mapped[int] = mapped_column(Integer, default=0)
    llm_input_tokens: Mapped[int] = mapped_column(Integer, default=0)
    llm_output_tokens: Mapped[int] = mapped_column(Integer, default=0)
    llm_latency_ms: Mapped[float] = mapped_column(Float, default=0.0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AppointmentAudit(Base):
    """A PF360 write (book, move, cancel) the assistant made after the customer's yes.

    `idempotency_key` is the key sent to PF360, derived from the session and the
    confirmed pending action. A retried confirmation (after a timeout or outage) is a
    new attempt in a later turn with the same key: one row per attempt, so
    `(idempotency_key, turn)` is unique.
    """

    __tablename__ = "appointment_audit"
    __table_args__ = (UniqueConstraint("idempotency_key", "turn", name="uq_appointment_audit_key_turn"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("chat_sessions.id", ondelete="CASCADE"), index=True)
    turn: Mapped[int] = mapped_column(Integer)
    client_id: Mapped[str] = mapped_column(String(128))
    customer_id: Mapped[str] = mapped_column(String(128))
    project_id: Mapped[int] = mapped_column(Integer)
    tool: Mapped[str] = mapped_column(String(64))
    appointment_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    appointment_time: Mapped[str | None] = mapped_column(String(16), nullable=True)
    idempotency_key: Mapped[str] = mapped_column(String(128), index=True)
    status: Mapped[str] = mapped_column(String(16))
    error_code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
