"""A session belongs to one customer of one client: anyone else gets 403 on chat,
history and delete, learns nothing, and changes nothing."""

from __future__ import annotations

import pytest

from tests.helpers import say

FORBIDDEN = {"error": {"code": "forbidden", "message": "this session belongs to someone else"}}


@pytest.mark.parametrize("intruder", [("1002", "demo-client"), ("1001", "other-client")],
                         ids=["other-customer", "same-customer-id-other-client"])
async def test_someone_elses_session_is_403_everywhere_and_untouched(app, client, auth, pf360_calls, intruder) -> None:
    owner = auth("1001")
    first = await say(client, owner, "what projects do I have? my email is jane@example.com")
    session_id = first["session_id"]
    store = app.state.resources.store
    before = await store.load(session_id)
    pf360_calls.calls.clear()

    other = auth(*intruder)
    chat = await client.post("/api/chat", json={"session_id": session_id, "message": "cancel my appointment"},
                             headers=other)
    history = await client.get(f"/api/sessions/{session_id}/history", headers=other)
    delete = await client.delete(f"/api/sessions/{session_id}", headers=other)

    for response in (chat, history, delete):
        assert response.status_code == 403
        assert response.json() == FORBIDDEN  # nothing of the session: no projects, no text, no turn
    assert pf360_calls.calls == []  # the intruder's turn never ran
    assert await store.load(session_id) == before  # context (turn, projects, pending action) unchanged
    own_history = await client.get(f"/api/sessions/{session_id}/history", headers=owner)
    assert [m["role"] for m in own_history.json()["messages"]] == ["user", "assistant"]
    assert (await say(client, owner, "thanks", session_id))["session_id"] == session_id


async def test_a_session_id_in_the_body_never_changes_who_is_asking(client, auth) -> None:
    mine = await say(client, auth("1002"), "what projects do I have?")
    assert "ORD-1002-A" in mine["response"] and "ORD-1001" not in mine["response"]
    response = await client.post("/api/chat", headers=auth("1002"),
                                 json={"message": "what projects do I have?", "client_id": "demo-client",
                                       "customer_id": "1001"})
    assert response.status_code == 422  # identity fields in the body are refused, never used
