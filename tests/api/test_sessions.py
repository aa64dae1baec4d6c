"""Sessions: ownership, expiry, the sliding TTL, history and ending a session."""

from __future__ import annotations

import pytest

from tests.helpers import say


async def test_identity_comes_from_the_token_not_the_body(client, auth) -> None:
    response = await client.post("/api/chat", headers=auth("1001"),
                                 json={"message": "what projects do I have?", "customer_id": "1002"})
    assert response.status_code == 422  # unknown fields are refused, never used


async def test_another_customer_cannot_use_my_session(client, auth) -> None:
    mine = await say(client, auth("1001"), "what projects do I have?")
    session_id = mine["session_id"]
    other = auth("1002")
    chat = await client.post("/api/chat", json={"session_id": session_id, "message": "cancel my appointment"},
                             headers=other)
    assert chat.status_code == 403
    assert "ORD-1001" not in chat.text
    history = await client.get(f"/api/sessions/{session_id}/history", headers=other)
    assert history.status_code == 403
    assert "ORD-1001" not in history.text
    delete = await client.delete(f"/api/sessions/{session_id}", headers=other)
    assert delete.status_code == 403
    # ...and the session is untouched for its owner
    assert (await client.post("/api/chat", json={"session_id": session_id, "message": "thanks"},
                              headers=auth("1001"))).status_code == 200


async def test_another_client_with_the_same_customer_id_is_someone_else(client, auth) -> None:
    mine = await say(client, auth("1001"), "hi")
    response = await client.get(f"/api/sessions/{mine['session_id']}/history", headers=auth("1001", "other-client"))
    assert response.status_code == 403


async def test_unknown_session_is_404(client, auth) -> None:
    response = await client.post("/api/chat", json={"session_id": "no-such-session", "message": "hi"},
                                 headers=auth())
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "session_not_found"


async def test_history_lists_both_sides_oldest_first(client, auth) -> None:
    first = await say(client, auth(), "hi")
    second = await say(client, auth(), "what projects do I have?", first["session_id"])
    response = await client.get(f"/api/sessions/{first['session_id']}/history", headers=auth())
    assert response.status_code == 200
    messages = response.json()["messages"]
    assert [(m["role"], m["text"]) for m in messages] == [
        ("user", "hi"), ("assistant", first["response"]),
        ("user", "what projects do I have?"), ("assistant", second["response"]),
    ]
    assert messages[3]["intent"] == "list_projects"
    assert messages[3]["confidence"] == pytest.approx(second["confidence"])


async def test_each_turn_renews_the_30_minute_ttl(app, client, auth) -> None:
    store = app.state.resources.store
    first = await say(client, auth(), "hi")
    session_id = first["session_id"]
    await store.redis.expire(store.key(session_id), 60)
    assert await store.ttl(session_id) <= 60
    await say(client, auth(), "what projects do I have?", session_id)
    assert 1790 <= await store.ttl(session_id) <= 1800


async def test_expired_context_is_unknown_but_history_stays(app, client, auth) -> None:
    first = await say(client, auth(), "what projects do I have?")
    session_id = first["session_id"]
    await app.state.resources.store.redis.delete(app.state.resources.store.key(session_id))  # as if the TTL ran out
    response = await client.post("/api/chat", json={"session_id": session_id, "message": "hi"}, headers=auth())
    assert response.status_code == 404
    history = await client.get(f"/api/sessions/{session_id}/history", headers=auth())
    assert history.status_code == 200
    assert len(history.json()["messages"]) == 2


async def test_delete_ends_the_session_but_keeps_history(app, client, auth) -> None:
    first = await say(client, auth(), "hi")
    session_id = first["session_id"]
    assert (await client.delete(f"/api/sessions/{session_id}", headers=auth())).status_code == 204
    assert await app.state.resources.store.load(session_id) is None
    again = await client.post("/api/chat", json={"session_id": session_id, "message": "hi"}, headers=auth())
    assert again.status_code == 404
    history = await client.get(f"/api/sessions/{session_id}/history", headers=auth())
    assert [m["text"] for m in history.json()["messages"]][0] == "hi"


async def test_unknown_session_history_and_delete_are_404(client, auth) -> None:
    assert (await client.get("/api/sessions/nope/history", headers=auth())).status_code == 404
    assert (await client.delete("/api/sessions/nope", headers=auth())).status_code == 404
