"""Optional LLM phrasing of template replies: never worse than the draft."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.stub import Stubber

from app.llm.base import LLMUsage
from tests.llm.helpers import nlu, provider_with, runtime_client, text_reply
from tests.llm.local_bedrock import LocalBedrock, text_stream

DRAFT = "I can book Tuesday 2026-12-01 at 10:00 for project 90001. Shall I go ahead?"
FACTS = {"project_id": 90001, "date": "2026-12-01", "time": "10:00"}
LOCAL = nlu("help", 0.5)


async def _collect(chunks: Any) -> list[str]:
    return [c async for c in chunks]


async def test_off_by_default_returns_the_draft_without_a_call(client: Any, stubber: Stubber) -> None:
    provider = provider_with(LOCAL, client)
    usage = LLMUsage()

    assert await provider.phrase(DRAFT, FACTS, usage) == DRAFT
    assert await _collect(provider.stream_phrase(DRAFT, FACTS, usage)) == [DRAFT]
    assert usage.calls == 0


async def test_a_good_rephrasing_is_used(client: Any, stubber: Stubber, sent: list[dict]) -> None:
    better = "Great news! Tuesday 2026-12-01 at 10:00 is open for project 90001. Want me to book it?"
    stubber.add_response("converse", text_reply(better))
    provider = provider_with(LOCAL, client, llm_phrase_responses=True)
    usage = LLMUsage()

    assert await provider.phrase(DRAFT, FACTS, usage) == better
    assert (usage.calls, usage.input_tokens, usage.output_tokens) == (1, 150, 30)
    assert "toolConfig" not in sent[0]
    assert DRAFT in sent[0]["messages"][0]["content"][0]["text"]


async def test_a_rephrasing_that_loses_a_fact_is_dropped(client: Any, stubber: Stubber) -> None:
    stubber.add_response("converse", text_reply("Next Tuesday morning works. Shall I book it?"))
    provider = provider_with(LOCAL, client, llm_phrase_responses=True)

    assert await provider.phrase(DRAFT, FACTS, LLMUsage()) == DRAFT


@pytest.mark.parametrize("code", ["ThrottlingException", "ValidationException", "InternalServerException"])
async def test_failure_returns_the_draft(client: Any, stubber: Stubber, code: str) -> None:
    stubber.add_client_error("converse", service_error_code=code, http_status_code=400)
    provider = provider_with(LOCAL, client, llm_phrase_responses=True)
    usage = LLMUsage()

    assert await provider.phrase(DRAFT, FACTS, usage) == DRAFT
    assert usage.calls == 1


async def test_stream_failure_yields_the_draft(client: Any, stubber: Stubber) -> None:
    stubber.add_client_error("converse_stream", service_error_code="ThrottlingException", http_status_code=429)
    provider = provider_with(LOCAL, client, llm_phrase_responses=True)
    usage = LLMUsage()

    assert await _collect(provider.stream_phrase(DRAFT, FACTS, usage)) == [DRAFT]
    assert usage.calls == 1
    assert provider.status()["consecutive_failures"] == 1


async def test_stream_yields_the_models_chunks() -> None:
    # ConverseStream over a local HTTP endpoint speaking the AWS event-stream framing.
    chunks = ["Great news! ", "Tuesday 2026-12-01 at 10:00 ", "is open for 90001. Book it?"]
    with LocalBedrock(stream=text_stream(*chunks, input_tokens=140, output_tokens=22)) as endpoint:
        provider = provider_with(LOCAL, runtime_client(endpoint_url=endpoint.url), llm_phrase_responses=True)
        usage = LLMUsage()

        assert await _collect(provider.stream_phrase(DRAFT, FACTS, usage)) == chunks
        assert (usage.calls, usage.input_tokens, usage.output_tokens) == (1, 140, 22)
        assert endpoint.paths[0].endswith("/converse-stream")
        assert provider.status()["breaker"] == "closed"


async def test_open_breaker_skips_phrasing(client: Any, stubber: Stubber) -> None:
    provider = provider_with(LOCAL, client, llm_phrase_responses=True, bedrock_breaker_failures=1)
    stubber.add_client_error("converse", service_error_code="ThrottlingException", http_status_code=429)
    await provider.phrase(DRAFT, FACTS, LLMUsage())
    usage = LLMUsage()

    assert await provider.phrase(DRAFT, FACTS, usage) == DRAFT
    assert await _collect(provider.stream_phrase(DRAFT, FACTS, usage)) == [DRAFT]
    assert usage.calls == 0
