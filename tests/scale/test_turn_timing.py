"""`X-Turn-Timing` on `POST /api/chat`: where the turn's time went (app.turn_timing)."""

from __future__ import annotations

from app.bench.conversation import parse_timing


async def test_a_turn_answers_its_timing(client, auth) -> None:
    response = await client.post("/api/chat", json={"message": "what projects do I have?"}, headers=auth())
    assert response.status_code == 200
    timing = parse_timing(response.headers["x-turn-timing"])
    assert set(timing) == {"total", "pf360", "llm", "store", "overhead"}
    assert timing["pf360"] > 0 and timing["llm"] > 0 and timing["store"] > 0  # a PF360 call, the classifier, stores
    assert timing["total"] >= timing["pf360"] + timing["llm"]
    assert abs(timing["overhead"] - (timing["total"] - timing["pf360"] - timing["llm"])) < 0.05


async def test_refused_requests_carry_no_timing(client, auth) -> None:
    response = await client.post("/api/chat", json={"message": "hi"})
    assert response.status_code == 401
    assert "x-turn-timing" not in response.headers
    health = await client.get("/api/healthz")
    assert "x-turn-timing" not in health.headers
