"""Routing economics with the real local classifier as the fallback (as the factory wires it)."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.stub import Stubber

from app.llm.base import LLMUsage
from app.llm.bedrock import BedrockProvider
from app.llm.local import LocalProvider
from app.nlu.types import DialogueContext
from tests.llm.helpers import FakeClock, make_settings, request, tool_use


@pytest.fixture(scope="module")
def local() -> LocalProvider:
    return LocalProvider()


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("yes", DialogueContext(expecting="confirmation", has_pending_action=True)),
        ("the second one", DialogueContext(expecting="project", listed_project_count=3)),
        ("hi there", None),
        ("what projects do I have?", None),
    ],
)
async def test_deterministic_or_confident_turns_make_no_call(
    local: LocalProvider, client: Any, stubber: Stubber, text: str, context: DialogueContext | None
) -> None:
    provider = BedrockProvider(make_settings(), fallback=local, client=client, clock=FakeClock())
    usage = LLMUsage()

    result = await provider.classify(request(text, context=context), usage)

    assert usage.calls == 0
    assert result == await local.classify(request(text, context=context), LLMUsage())


async def test_an_unsure_local_answer_makes_exactly_one_call(
    local: LocalProvider, client: Any, stubber: Stubber
) -> None:
    text = "uh the thing from before"  # scenario 04 requires the local model to be unsure of it
    assert (await local.classify(request(text), LLMUsage())).confidence < 0.7  # premise of the test
    stubber.add_response(
        "converse",
        tool_use({"intent": "appointment_status", "confidence": 0.74, "entities": {"project_ref": "flooring"}}),
    )
    provider = BedrockProvider(make_settings(), fallback=local, client=client, clock=FakeClock())
    usage = LLMUsage()

    result = await provider.classify(request(text), usage)

    assert (result.intent, result.source, usage.calls) == ("appointment_status", "model", 1)
