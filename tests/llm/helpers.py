"""Helpers of the LLM tests: settings naming a Bedrock model, dummy-credential clients,
requests, canned Converse responses, a fake local provider and a hand-moved clock."""

from __future__ import annotations

from datetime import date
from typing import Any

import boto3

from app.config import Settings
from app.llm.base import ClassificationRequest, LLMUsage
from app.llm.bedrock import BedrockProvider
from app.llm.stub import converse_text, converse_tool_use
from app.nlu.types import NluResult

MODEL_ID = "us.anthropic.claude-haiku-4-5-20251001-v1:0"
TODAY = date(2026, 11, 23)  # a Monday, as in intents.md


def make_settings(**overrides: Any) -> Settings:
    """Settings for Bedrock, independent of the environment and any .env file."""
    values: dict[str, Any] = {
        "llm_provider": "bedrock",
        "bedrock_model_id": MODEL_ID,
        "aws_region": "us-east-1",
        **overrides,
    }
    return Settings(_env_file=None, **values)


def runtime_client(**kwargs: Any) -> Any:
    """A real bedrock-runtime client with dummy credentials (never signs a real request)."""
    return boto3.client(
        "bedrock-runtime", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x", **kwargs
    )


def request(text: str = "can the crew come the 14th in the afternoon?", **kwargs: Any) -> ClassificationRequest:
    """A classification request for a customer in Chicago on TODAY."""
    values: dict[str, Any] = {"today": TODAY, "timezone": "America/Chicago", **kwargs}
    return ClassificationRequest(text=text, **values)


def nlu(intent: str, confidence: float, *, source: str = "model", **entities: str) -> NluResult:
    """An NluResult with a plausible ranking."""
    ranking = ((intent, confidence), ("out_of_scope", (1 - confidence) / 2), ("help", (1 - confidence) / 2))
    return NluResult(intent, confidence, ranking, dict(entities), source)  # type: ignore[arg-type]


def tool_use(
    args: Any, *, input_tokens: int = 812, output_tokens: int = 57, name: str = "record_classification"
) -> dict:
    """A Converse response whose only content is one toolUse block with ``args``."""
    return converse_tool_use(name, args, input_tokens=input_tokens, output_tokens=output_tokens, latency_ms=412)


def text_reply(text: str, *, input_tokens: int = 150, output_tokens: int = 30) -> dict:
    """A Converse response with one text block."""
    return converse_text(text, input_tokens=input_tokens, output_tokens=output_tokens, latency_ms=300)


class FakeLocal:
    """Stands in for LocalProvider: returns a fixed result and counts its calls."""

    name = "local"

    def __init__(self, result: NluResult) -> None:
        self.result = result
        self.calls = 0

    async def classify(self, request: ClassificationRequest, usage: LLMUsage) -> NluResult:
        self.calls += 1
        return self.result


class FakeClock:
    """A monotonic clock that only moves when told to."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def provider_with(local: NluResult, client: Any, clock: FakeClock | None = None, **settings: Any) -> BedrockProvider:
    """A BedrockProvider over ``client`` whose local fallback answers ``local``."""
    fallback = FakeLocal(local)
    return BedrockProvider(make_settings(**settings), fallback=fallback, client=client, clock=clock or FakeClock())
