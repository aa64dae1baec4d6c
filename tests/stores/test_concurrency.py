"""Many messages to one session at once: processed one after the other, none lost, none doubled."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from app.db.models import ChatMessage
from tests.helpers import say


async def test_twenty_concurrent_messages_to_one_session(app, client, auth) -> None:
    headers = auth()
    session_id = (await say(client, headers, "what projects do I have?"))["session_id"]
    messages = [f"thanks {i}" for i in range(20)]
    responses = await asyncio.gather(*(
        client.post("/api/chat", json={"session_id": session_id, "message": m}, headers=headers) for m in messages
    ))
    answered = [m for m, r in zip(messages, responses, strict=True) if r.status_code == 200]
    for response in responses:
        assert response.status_code in (200, 429, 503), response.text
        if response.status_code != 200:
            assert int(response.headers["retry-after"]) > 0
    async with app.state.resources.sessionmaker() as db:
        rows = (await db.execute(select(ChatMessage).where(ChatMessage.session_id == session_id)
                                 .order_by(ChatMessage.turn, ChatMessage.role.desc()))).scalars().all()
    user_texts = [r.text for r in rows if r.role == "user"][1:]
    assert sorted(user_texts) == sorted(answered)  # every answered message stored exactly once
    turns = [r.turn for r in rows]
    assert turns == [t for t in range(1, len(answered) + 2) for _ in (0, 1)]  # user, assistant per turn, no gap
    assert [r.role for r in rows] == ["user", "assistant"] * (len(answered) + 1)
    context = await app.state.resources.store.load(session_id)
    assert context.turn == len(answered) + 1
    assert len(answered) == 20  # the lock's wait (10 s) covers 20 short turns


async def test_different_sessions_do_not_wait_on_each_other(app, client, auth) -> None:
    store = app.state.resources.store
    first = (await say(client, auth("1001"), "hi"))["session_id"]
    second = (await say(client, auth("1002"), "hi"))["session_id"]
    async with store.lock(first):  # a long turn holds the first session
        body = await asyncio.wait_for(say(client, auth("1002"), "what projects do I have?", second), timeout=5)
    assert "ORD-1002-A" in body["response"]


async def test_a_message_that_waits_too_long_is_told_to_retry(app, client, auth) -> None:
    store = app.state.resources.store
    session_id = (await say(client, auth(), "hi"))["session_id"]
    store.lock_wait = 0.2
    async with store.lock(session_id):
        response = await client.post("/api/chat", json={"session_id": session_id, "message": "hi"}, headers=auth())
    assert response.status_code == 429
    assert response.headers["retry-after"] == "1"
    assert (await say(client, auth(), "hi", session_id))["intent"] == "greeting"
