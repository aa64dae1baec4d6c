"""BedrockProvider.classify through a real bedrock-runtime client under botocore's Stubber."""

from __future__ import annotations

from typing import Any

from botocore.stub import Stubber

from app.llm.base import LLMUsage
from app.nlu.types import INTENTS, DialogueContext
from tests.llm.helpers import MODEL_ID, nlu, provider_with, request, text_reply, tool_use

UNSURE = nlu("get_time_slots", 0.55, date="2026-12-14", time="12:00-17:00")


async def test_one_call_with_the_expected_request_gives_the_models_answer(
    client: Any, stubber: Stubber, sent: list[dict]
) -> None:
    stubber.add_response(
        "converse",
        tool_use(
            {
                "intent": "schedule_appointment",
                "confidence": 0.93,
                "entities": {"date": "2026-12-14", "time": "12:00-17:00", "project_ref": "flooring"},
            }
        ),
    )
    provider = provider_with(UNSURE, client)
    usage = LLMUsage()
    req = request(
        "book the flooring install the 14th in the afternoon",
        projects=("ORD-1001-A flooring (90001)", "ORD-1001-B windows (90002)"),
        context=DialogueContext(expecting="project", listed_project_count=2),
        history=(("user", "what projects do I have?"), ("assistant", "You have 2 projects: ...")),
    )

    result = await provider.classify(req, usage)

    assert result.intent == "schedule_appointment"
    assert result.confidence == 0.93
    assert result.source == "model"
    assert result.entities == {"date": "2026-12-14", "time": "12:00-17:00", "project_ref": "flooring"}
    assert result.ranking[0] == ("schedule_appointment", 0.93) and len(result.ranking) >= 3
    assert (usage.calls, usage.input_tokens, usage.output_tokens) == (1, 812, 57)
    assert usage.latency_ms > 0

    (params,) = sent
    assert params["modelId"] == MODEL_ID
    system = params["system"][0]["text"]
    assert "Monday 2026-11-23" in system and "America/Chicago" in system
    assert "next Tuesday -> 2026-12-01" in system  # the date rules, resolved for today
    assert "ORD-1001-B windows (90002)" in system
    assert "listed 2 projects" in system
    user = params["messages"][-1]["content"][0]["text"]
    assert "<message>\nbook the flooring install the 14th in the afternoon\n</message>" in user
    assert "customer: what projects do I have?" in user
    assert params["inferenceConfig"]["temperature"] == 0

    (tool,) = params["toolConfig"]["tools"]
    assert params["toolConfig"]["toolChoice"] == {"tool": {"name": "record_classification"}}
    schema = tool["toolSpec"]["inputSchema"]["json"]
    assert tool["toolSpec"]["name"] == "record_classification"
    assert schema["properties"]["intent"]["enum"] == list(INTENTS)
    assert set(schema["properties"]) == {"intent", "confidence", "entities"}  # nothing about identity
    assert set(schema["properties"]["entities"]["properties"]) == {"date", "time", "project_ref", "note_text"}


async def test_unknown_intent_falls_back_but_the_call_is_counted(client: Any, stubber: Stubber) -> None:
    stubber.add_response("converse", tool_use({"intent": "book_hotel", "confidence": 0.99}))
    provider = provider_with(UNSURE, client)
    usage = LLMUsage()

    assert await provider.classify(request(), usage) is UNSURE
    assert (usage.calls, usage.input_tokens, usage.output_tokens) == (1, 812, 57)
    assert provider.status()["breaker"] == "closed"  # the service answered: not a failure


async def test_text_instead_of_a_tool_call_falls_back(client: Any, stubber: Stubber) -> None:
    stubber.add_response("converse", text_reply("I think the customer wants to book. {intent: book"))
    provider = provider_with(UNSURE, client)
    usage = LLMUsage()

    assert await provider.classify(request(), usage) is UNSURE
    assert usage.calls == 1


async def test_bad_confidence_falls_back(client: Any, stubber: Stubber) -> None:
    stubber.add_response("converse", tool_use({"intent": "help", "confidence": "very"}))
    provider = provider_with(UNSURE, client)

    assert await provider.classify(request(), LLMUsage()) is UNSURE


async def test_malformed_date_and_time_keep_the_local_extractors(client: Any, stubber: Stubber) -> None:
    stubber.add_response(
        "converse",
        tool_use(
            {
                "intent": "schedule_appointment",
                "confidence": 0.8,
                "entities": {"date": "the 14th", "time": "25:00", "project_ref": "#2"},
            }
        ),
    )
    provider = provider_with(UNSURE, client)

    result = await provider.classify(request(), LLMUsage())

    assert result.intent == "schedule_appointment"
    assert result.entities == {"date": "2026-12-14", "time": "12:00-17:00", "project_ref": "#2"}


async def test_entities_sent_as_a_json_string_are_read(client: Any, stubber: Stubber) -> None:
    stubber.add_response(
        "converse",
        tool_use({"intent": "add_note", "confidence": 0.9, "entities": '{"note_text": "gate code 4412"}'}),
    )
    provider = provider_with(nlu("add_note", 0.6), client)

    result = await provider.classify(request("add a note: gate code 4412"), LLMUsage())

    assert (result.intent, result.entities) == ("add_note", {"note_text": "gate code 4412"})


async def test_confident_or_context_answers_make_no_call(client: Any, stubber: Stubber) -> None:
    # Nothing is queued: any Bedrock call would fail and be counted in usage.
    for local in (
        nlu("confirm", 1.0, source="context"),
        nlu("select_project", 0.5, source="context", project_ref="#2"),
        nlu("greeting", 0.75),
        nlu("thanks", 0.7),
        nlu("business_hours", 0.95),
        nlu("get_available_dates", 0.9),
    ):
        usage = LLMUsage()
        provider = provider_with(local, client)
        assert await provider.classify(request(), usage) is local
        assert usage.calls == 0, local


async def test_skip_confidence_is_a_setting(client: Any, stubber: Stubber) -> None:
    stubber.add_response("converse", tool_use({"intent": "business_hours", "confidence": 0.97}))
    provider = provider_with(nlu("business_hours", 0.95), client, bedrock_skip_confidence=0.99)
    usage = LLMUsage()

    result = await provider.classify(request("are you open saturday"), usage)

    assert (result.intent, result.source, usage.calls) == ("business_hours", "model", 1)


async def test_unsure_greeting_still_asks_the_model(client: Any, stubber: Stubber) -> None:
    stubber.add_response("converse", tool_use({"intent": "out_of_scope", "confidence": 0.88}))
    provider = provider_with(nlu("greeting", 0.5), client)
    usage = LLMUsage()

    assert (await provider.classify(request("hey what's the capital of France"), usage)).intent == "out_of_scope"
    assert usage.calls == 1


async def test_missing_model_id_falls_back_without_raising(client: Any) -> None:
    provider = provider_with(UNSURE, client, bedrock_model_id=None)
    usage = LLMUsage()

    assert await provider.classify(request(), usage) is UNSURE
    assert usage.calls == 0  # nothing was sent
    assert provider.status()["consecutive_failures"] == 1


async def test_the_chat_model_is_built_once(client: Any, stubber: Stubber) -> None:
    provider = provider_with(UNSURE, client)
    assert provider._chat is None  # nothing built before the first call
    for _ in range(2):
        stubber.add_response("converse", tool_use({"intent": "get_time_slots", "confidence": 0.9}))
    await provider.classify(request(), LLMUsage())
    chat = provider._chat
    await provider.classify(request(), LLMUsage())

    assert chat is not None and provider._chat is chat and chat.client is client
