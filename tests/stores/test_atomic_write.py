"""The database refuses a turn's write: nothing of the turn is kept, in the database or
in Redis, and the same session goes on afterwards. The refusal is real: a trigger on
`chat_messages` (PostgreSQL or SQLite) aborts the insert of a marked message."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import func, select, text

from app.db.models import ChatMessage, ChatSession
from tests.helpers import say

MARK = "refuse-me"

TRIGGERS = {
    "postgresql": [
        f"""CREATE FUNCTION refuse_marked() RETURNS trigger AS $$
            BEGIN IF NEW.text LIKE '%{MARK}%' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END
            $$ LANGUAGE plpgsql""",
        "CREATE TRIGGER refuse_marked BEFORE INSERT ON chat_messages FOR EACH ROW EXECUTE FUNCTION refuse_marked()",
    ],
    "sqlite": [
        f"""CREATE TRIGGER refuse_marked BEFORE INSERT ON chat_messages WHEN NEW.text LIKE '%{MARK}%'
            BEGIN SELECT RAISE(ABORT, 'refused by the test'); END""",
    ],
}
DROPS = {
    "postgresql": ["DROP TRIGGER refuse_marked ON chat_messages", "DROP FUNCTION refuse_marked()"],
    "sqlite": ["DROP TRIGGER refuse_marked"],
}


@pytest.fixture
async def refusing_database(app) -> AsyncIterator[None]:
    engine = app.state.resources.engine
    dialect = engine.dialect.name
    async with engine.begin() as connection:
        for statement in TRIGGERS[dialect]:
            await connection.execute(text(statement))
    try:
        yield
    finally:
        async with engine.begin() as connection:
            for statement in DROPS[dialect]:
                await connection.execute(text(statement))


async def stored(app, session_id: str) -> tuple[int, int | None]:
    """(messages stored, the session row's turn count)."""
    async with app.state.resources.sessionmaker() as db:
        count = await db.scalar(select(func.count()).select_from(ChatMessage).where(ChatMessage.session_id == session_id))
        turns = await db.scalar(select(ChatSession.turn_count).where(ChatSession.id == session_id))
    return count, turns


async def test_a_refused_write_keeps_nothing_and_the_session_goes_on(app, client, auth, refusing_database) -> None:
    headers, store = auth(), app.state.resources.store
    session_id = (await say(client, headers, "what projects do I have?"))["session_id"]
    before = await store.load(session_id)

    refused = await client.post("/api/chat", json={"session_id": session_id, "message": f"thanks {MARK}"},
                                headers=headers)
    assert refused.status_code == 503, refused.text
    assert int(refused.headers["retry-after"]) > 0
    assert await stored(app, session_id) == (2, 1)  # the first turn only
    assert await store.load(session_id) == before  # the context as before the turn

    body = await say(client, headers, "the first one", session_id)  # the list from turn 1 is still there
    assert body["intent"] == "select_project"
    assert await stored(app, session_id) == (4, 2)
    assert (await store.load(session_id)).turn == 2


async def test_a_refused_first_turn_leaves_no_session(app, client, auth, refusing_database) -> None:
    refused = await client.post("/api/chat", json={"message": f"hi {MARK}"}, headers=auth())
    assert refused.status_code == 503, refused.text
    async with app.state.resources.sessionmaker() as db:
        assert await db.scalar(select(func.count()).select_from(ChatSession)) == 0
    assert await app.state.resources.store.count_active() == 0
