"""Database reads of sessions and their messages."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.models import ChatMessage, ChatSession


async def get_session(db: AsyncSession, session_id: str) -> ChatSession | None:
    """The session row, or None."""
    return await db.get(ChatSession, session_id)


async def list_messages(db: AsyncSession, session_id: str) -> Sequence[ChatMessage]:
    """The session's messages in turn order, the customer's before the assistant's."""
    result = await db.execute(
        select(ChatMessage)
        .where(ChatMessage.session_id == session_id)
        .order_by(ChatMessage.turn, ChatMessage.role.desc())
    )
    return result.scalars().all()
