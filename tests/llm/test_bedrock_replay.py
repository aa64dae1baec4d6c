"""Every scripted conversation replayed with ``LLM_PROVIDER=bedrock`` against the local
Bedrock stand-in (``app.llm.stub``), in each of its modes.

The app is the real one (``create_app`` inside its lifespan, the run's stores, the
in-process PF360 sandbox); only the Bedrock endpoint is the stub, reached over HTTP by
botocore with dummy credentials. Checked:

- ``correct``: every scenario passes, at most one LLM call per turn on average and never
  more than two, and the stub received exactly the calls the API reported (``X-LLM-Calls``);
- ``error`` / ``throttle`` / ``timeout``: the same scenarios pass on the local fallback, every
  turn answers 200, and after ``BEDROCK_BREAKER_FAILURES`` failed calls the breaker is open
  (``/api/readyz``) so the later turns make no call at all;
- ``garbage``: unusable answers fall back to the local answer but are successful calls, so
  the breaker stays closed (``BedrockProvider._call`` judges the service, not the answer).

Only one scenario turn is unsure enough locally to reach Bedrock (04's "uh the thing from
before"), so the failure modes run with ``LLM_PHRASE_RESPONSES`` on (one ConverseStream call a
turn) to reach the breaker's threshold; each kind of garbage is checked on the provider.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from app.cli import build_parser, cmd_bedrock_stub
from app.config import Settings
from app.llm.base import LLMUsage
from app.llm.bedrock import BedrockProvider
from app.llm.local import LocalProvider
from app.llm.prompts import CLASSIFY_TOOL_NAME
from app.llm.stub import CLASSIFY_TOOL, BedrockStub
from app.pf360.client import SANDBOX_BASE_URL
from app.scenarios import ScenarioResult, ScenarioTarget, load_scenario, replay
from tests.helpers import PF360_HEADERS, BorrowedTransport
from tests.llm.helpers import make_settings, request

SCENARIOS = sorted((Path(__file__).parents[1] / "scenarios").glob("*.yaml"))
MODEL_ID = "anthropic.claude-3-5-haiku-20241022-v1:0"
BREAKER_FAILURES = 2
MAX_ATTEMPTS = 2
READ_TIMEOUT = 1.0
CALL_BUDGET = 2.5
HANG_SECONDS = 4.0  # timeout mode: past the read timeout
#: A message with a date and a time; the provider tests send it to Bedrock whatever the local
#: confidence (BEDROCK_SKIP_CONFIDENCE=1).
UNSURE_WITH_ENTITIES = "what about the 14th at 2pm"
ALWAYS_ASK = {"bedrock_skip_confidence": 1.0}


@pytest.fixture(autouse=True)
def dummy_aws(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Dummy credentials from the environment; no profile, config file or instance metadata."""
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_BEDROCK_RUNTIME",
                 "AWS_MAX_ATTEMPTS", "AWS_RETRY_MODE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "x")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "x")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-aws-credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")


@pytest.fixture
def stub(request: pytest.FixtureRequest) -> Iterator[BedrockStub]:
    """The Bedrock stand-in in the mode the test is parametrized with (``correct`` by default)."""
    with BedrockStub(getattr(request, "param", "correct"), hang_seconds=HANG_SECONDS) as running:
        yield running


@pytest.fixture
def phrasing() -> bool:
    """``LLM_PHRASE_RESPONSES`` (tests parametrize it)."""
    return False


@pytest.fixture
def settings(stores, tmp_path: Path, stub: BedrockStub, phrasing: bool) -> Settings:
    """conftest's test settings with Bedrock at the stub: short timeouts, 2 attempts, a
    breaker opening after 2 consecutive failures and staying open for the whole test."""
    return Settings(
        _env_file=None,
        environment="test",
        database_url=stores.database_url,
        redis_url=stores.redis_url,
        pf360_sandbox_database_url=f"sqlite+aiosqlite:///{tmp_path / 'sandbox.db'}",
        pf360_base_url=None,
        rate_limit_messages=1000,
        llm_provider="bedrock",
        bedrock_endpoint_url=stub.url,
        bedrock_model_id=MODEL_ID,
        aws_region="us-east-1",
        bedrock_connect_timeout_seconds=1.0,
        bedrock_read_timeout_seconds=READ_TIMEOUT,
        bedrock_max_attempts=MAX_ATTEMPTS,
        bedrock_call_budget_seconds=CALL_BUDGET,
        bedrock_breaker_failures=BREAKER_FAILURES,
        bedrock_breaker_cooldown_seconds=600,
        llm_phrase_responses=phrasing,
    )


@pytest.fixture
async def api(app) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client of the app (tests/llm/conftest.py's ``client`` is a bedrock-runtime client)."""
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as http:
        yield http


async def replay_all(app, api: httpx.AsyncClient, token_for) -> list[ScenarioResult]:
    """Every scenario of tests/scenarios/, one after the other, against the same app."""
    transport = BorrowedTransport(app.state.resources.pf360.transport)
    async with httpx.AsyncClient(transport=transport, base_url=SANDBOX_BASE_URL) as pf360:
        target = ScenarioTarget(api, pf360, token_for, pf360_token=PF360_HEADERS["authorization"])
        return [await replay(target, load_scenario(path)) for path in SCENARIOS]


def calls_per_turn(results: list[ScenarioResult]) -> list[int]:
    """``X-LLM-Calls`` of every turn of every scenario, in order."""
    return [calls for result in results for calls in result.llm_calls]


def assert_all_passed(results: list[ScenarioResult]) -> None:
    """Every scenario passed, every turn answered 200."""
    failures = [f"{r.name}: {f}" for r in results for f in r.failures]
    assert not failures, "\n".join(failures)
    assert len(results) == len(SCENARIOS) >= 6
    assert all(turn["status"] == 200 for r in results for turn in r.turns)


async def settled(stub: BedrockStub, seconds: float = 3.0) -> int:
    """The stub's request count once it stopped moving (retries abandoned at the call budget
    still run in botocore's thread for a while)."""
    deadline = time.monotonic() + seconds
    count = stub.requests
    while time.monotonic() < deadline:
        await asyncio.sleep(0.3)
        if stub.requests == count:
            return count
        count = stub.requests
    return count


async def llm_status(api: httpx.AsyncClient) -> dict:
    """The ``llm`` member of ``/api/readyz``."""
    response = await api.get("/api/readyz")
    assert response.status_code == 200, response.text
    return response.json()["llm"]


def test_the_stub_offers_the_tool_the_provider_forces() -> None:
    assert CLASSIFY_TOOL == CLASSIFY_TOOL_NAME


def test_the_operator_command_runs_the_stub() -> None:
    args = build_parser().parse_args(["bedrock-stub", "--port", "8371", "--mode", "throttle"])
    assert (args.func, args.port, args.mode) == (cmd_bedrock_stub, 8371, "throttle")
    assert build_parser().parse_args(["bedrock-stub"]).mode == "correct"


async def test_the_stub_classifies_like_the_local_model() -> None:
    local = LocalProvider()
    expected = await local.classify(request(UNSURE_WITH_ENTITIES), LLMUsage())
    assert expected.confidence < 1 and {"date", "time"} <= set(expected.entities)  # premise
    with BedrockStub("correct") as stub:
        provider = BedrockProvider(make_settings(bedrock_endpoint_url=stub.url, **ALWAYS_ASK), fallback=local)
        usage = LLMUsage()

        result = await provider.classify(request(UNSURE_WITH_ENTITIES), usage)

    assert (result.intent, result.confidence, result.entities) == (
        expected.intent, expected.confidence, expected.entities)
    assert result.source == "model"
    assert usage.calls == stub.requests == 1
    assert 500 < usage.input_tokens < 5000 and 10 < usage.output_tokens < 200


async def test_every_kind_of_garbage_falls_back_to_the_local_answer() -> None:
    local = LocalProvider()
    expected = await local.classify(request(UNSURE_WITH_ENTITIES), LLMUsage())
    assert expected.confidence < 1 and {"date", "time"} <= set(expected.entities)  # premise
    with BedrockStub("garbage") as stub:
        settings = make_settings(bedrock_endpoint_url=stub.url, bedrock_breaker_failures=1, **ALWAYS_ASK)
        provider = BedrockProvider(settings, fallback=local)
        usage = LLMUsage()

        results = [await provider.classify(request(UNSURE_WITH_ENTITIES), usage) for _ in range(5)]

    # unknown intent, confidence 1.7, no tool call, another tool: the local answer as it is
    assert results[:4] == [expected] * 4
    # the right intent with malformed entities: the local extractor's entities instead
    assert (results[4].intent, results[4].source, results[4].entities) == (expected.intent, "model",
                                                                          expected.entities)
    assert usage.calls == stub.requests == 5
    assert provider.status()["breaker"] == "closed"  # answers, however bad, are not service failures


async def test_correct_answers_cost_at_most_one_call_per_turn(app, api, token_for, stub: BedrockStub) -> None:
    results = await replay_all(app, api, token_for)

    assert_all_passed(results)
    calls = calls_per_turn(results)
    assert sum(calls) >= 1, "no turn reached Bedrock: the check would prove nothing"
    assert sum(calls) / len(calls) <= 1.0
    assert max(calls) <= 2
    assert stub.requests == sum(calls), "the API must report every request Bedrock received"
    assert all(r.status == 200 and r.summary.startswith(CLASSIFY_TOOL) for r in stub.history)
    status = await llm_status(api)
    assert status == {"provider": "bedrock", "model_id": MODEL_ID, "region": "us-east-1",
                      "breaker": "closed", "consecutive_failures": 0}


@pytest.mark.parametrize("phrasing", [True])
async def test_with_phrasing_no_turn_exceeds_two_calls(app, api, token_for, stub: BedrockStub) -> None:
    results = await replay_all(app, api, token_for)

    assert_all_passed(results)
    calls = calls_per_turn(results)
    assert all(1 <= c <= 2 for c in calls), calls  # one phrasing per turn, at most one classification
    assert stub.requests == sum(calls)
    assert sum(r.operation == "converse-stream" for r in stub.history) == len(calls)
    assert (await llm_status(api))["breaker"] == "closed"


@pytest.mark.parametrize("stub", ["error", "throttle", "timeout"], indirect=True)
@pytest.mark.parametrize("phrasing", [True])
async def test_a_failing_bedrock_opens_the_breaker_and_turns_fall_back(
    app, api, token_for, stub: BedrockStub
) -> None:
    started = time.monotonic()
    results = await replay_all(app, api, token_for)

    assert_all_passed(results)
    calls = calls_per_turn(results)
    assert sum(calls) == BREAKER_FAILURES, calls  # then the open breaker skips Bedrock
    assert calls[-1] == 0
    # Each failed call took at most the call budget (plus the turn's own work).
    assert time.monotonic() - started < BREAKER_FAILURES * CALL_BUDGET + 15
    status = await llm_status(api)
    assert (status["breaker"], status["consecutive_failures"]) == ("open", BREAKER_FAILURES)
    received = await settled(stub)
    if stub.mode == "error":  # 503 is retried at once: exactly BEDROCK_MAX_ATTEMPTS requests per call
        assert received == sum(calls) * MAX_ATTEMPTS
    else:  # the call budget may cut the retries short
        assert sum(calls) <= received <= sum(calls) * MAX_ATTEMPTS


@pytest.mark.parametrize("stub", ["garbage"], indirect=True)
async def test_garbage_answers_fall_back_without_opening_the_breaker(
    app, api, token_for, stub: BedrockStub
) -> None:
    results = await replay_all(app, api, token_for)

    assert_all_passed(results)
    calls = calls_per_turn(results)
    assert sum(calls) >= 1
    assert stub.requests == sum(calls)
    status = await llm_status(api)
    assert (status["breaker"], status["consecutive_failures"]) == ("closed", 0)
