"""Failures of Bedrock never reach the caller: fallback, circuit breaker, call budget."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from botocore.stub import Stubber

from app.llm.base import LLMUsage
from app.turn_gate import TurnGate
from tests.llm.helpers import FakeClock, nlu, provider_with, request, runtime_client, tool_use
from tests.llm.local_bedrock import LocalBedrock

UNSURE = nlu("get_time_slots", 0.55, date="2026-12-14")


def good() -> dict:
    """A fresh valid answer (langchain-aws edits the response dict in place)."""
    return tool_use({"intent": "get_time_slots", "confidence": 0.9, "entities": {"date": "2026-12-14"}})


@pytest.mark.parametrize(
    ("code", "status"),
    [
        ("ThrottlingException", 429),
        ("ServiceUnavailableException", 503),
        ("InternalServerException", 500),
        ("ModelNotReadyException", 429),
        ("AccessDeniedException", 403),
    ],
)
async def test_service_errors_fall_back(client: Any, stubber: Stubber, code: str, status: int) -> None:
    stubber.add_client_error("converse", service_error_code=code, http_status_code=status)
    provider = provider_with(UNSURE, client)
    usage = LLMUsage()

    assert await provider.classify(request(), usage) is UNSURE
    assert (usage.calls, usage.input_tokens, usage.output_tokens) == (1, 0, 0)
    assert provider.status() == {
        "provider": "bedrock",
        "model_id": provider.settings.bedrock_model_id,
        "region": "us-east-1",
        "breaker": "closed",
        "consecutive_failures": 1,
    }


async def test_breaker_opens_then_half_opens_and_closes_on_success(
    client: Any, stubber: Stubber, clock: FakeClock
) -> None:
    provider = provider_with(UNSURE, client, clock)
    for _ in range(3):
        stubber.add_client_error("converse", service_error_code="ThrottlingException", http_status_code=429)
    for _ in range(3):
        assert await provider.classify(request(), LLMUsage()) is UNSURE
    assert provider.status()["breaker"] == "open"
    assert provider.status()["consecutive_failures"] == 3

    # Open: no call at all (nothing is queued, so a call would be counted as one).
    usage = LLMUsage()
    clock.advance(29)
    assert await provider.classify(request(), usage) is UNSURE
    assert usage.calls == 0

    # After the cool-down: one trial call, whose success closes the breaker.
    clock.advance(1)
    assert provider.status()["breaker"] == "half_open"
    stubber.add_response("converse", good())
    usage = LLMUsage()
    result = await provider.classify(request(), usage)
    assert (result.source, usage.calls) == ("model", 1)
    assert provider.status()["breaker"] == "closed" and provider.status()["consecutive_failures"] == 0


async def test_failed_trial_reopens_for_another_cooldown(client: Any, stubber: Stubber, clock: FakeClock) -> None:
    provider = provider_with(UNSURE, client, clock, bedrock_breaker_failures=1, bedrock_breaker_cooldown_seconds=10)
    stubber.add_client_error("converse", service_error_code="ServiceUnavailableException", http_status_code=503)
    await provider.classify(request(), LLMUsage())
    assert provider.status()["breaker"] == "open"

    clock.advance(10)
    stubber.add_client_error("converse", service_error_code="ServiceUnavailableException", http_status_code=503)
    usage = LLMUsage()
    assert await provider.classify(request(), usage) is UNSURE
    assert usage.calls == 1
    assert provider.status()["breaker"] == "open"

    clock.advance(9.9)
    usage = LLMUsage()
    await provider.classify(request(), usage)
    assert usage.calls == 0


async def test_an_invalid_answer_does_not_count_against_the_service(client: Any, stubber: Stubber) -> None:
    provider = provider_with(UNSURE, client, bedrock_breaker_failures=1)
    stubber.add_response("converse", tool_use({"intent": "nonsense", "confidence": 2}))
    await provider.classify(request(), LLMUsage())
    assert provider.status()["breaker"] == "closed"


async def test_a_slow_endpoint_is_cut_at_the_call_budget() -> None:
    # A local HTTP endpoint as the Bedrock endpoint URL, answering after 2 s.
    with LocalBedrock(delay_seconds=2.0) as endpoint:
        client = runtime_client(endpoint_url=endpoint.url)
        provider = provider_with(UNSURE, client, bedrock_call_budget_seconds=0.3)
        usage = LLMUsage()

        assert await provider.classify(request(), usage) is UNSURE
        assert usage.calls == 1 and 250 <= usage.latency_ms < 1500
        assert provider.status()["consecutive_failures"] == 1


@pytest.mark.slow
async def test_no_attempt_starts_after_the_call_budget() -> None:
    # Every answer is a retryable 500, 0.2 s late. botocore would try again after a
    # backoff of at most 1 s, and again, in langchain's worker thread, long after the
    # provider stopped waiting at 0.1 s.
    with LocalBedrock(delay_seconds=0.2, error="InternalServerException", error_status=500) as endpoint:
        provider = provider_with(UNSURE, runtime_client(endpoint_url=endpoint.url), bedrock_call_budget_seconds=0.1)
        assert await provider.classify(request(), LLMUsage()) is UNSURE
        await asyncio.sleep(2.5)
        assert len(endpoint.paths) == 1


async def test_a_local_http_endpoint_works_end_to_end(monkeypatch: pytest.MonkeyPatch) -> None:
    # The provider builds its own client here (BEDROCK_ENDPOINT_URL), with dummy credentials.
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "x")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "x")
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    with LocalBedrock(converse=good()) as endpoint:
        provider = provider_with(UNSURE, None, bedrock_endpoint_url=endpoint.url)
        usage = LLMUsage()

        result = await provider.classify(request(), usage)

        assert (result.intent, result.source, usage.input_tokens) == ("get_time_slots", "model", 812)
        assert endpoint.paths == [f"/model/{provider.settings.bedrock_model_id}/converse"]


async def test_a_turn_awaiting_bedrock_lets_another_turn_use_the_process() -> None:
    # One slot per process (MAX_ACTIVE_TURNS=1): a Bedrock call of 0.6 s must not keep
    # another turn waiting in line for it.
    gate = TurnGate(1)
    with LocalBedrock(converse=good(), delay_seconds=0.6) as endpoint:
        provider = provider_with(UNSURE, runtime_client(endpoint_url=endpoint.url))

        async def turn() -> Any:
            async with gate.turn():
                return await provider.classify(request(), LLMUsage())

        call = asyncio.create_task(turn())
        await asyncio.sleep(0.2)  # the request is with Bedrock now
        async with asyncio.timeout(0.2), gate.turn():
            assert not call.done()
        result = await call

    assert (result.intent, result.source) == ("get_time_slots", "model")
    assert gate.active == 0
