"""The model's answer is validated before anything uses it."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.messages import AIMessage

from app.llm.bedrock import keeps_facts, merge_ranking
from app.llm.schema import ClassificationCall, entity_is_valid, parse_answer
from app.nlu.types import INTENTS


def call(args: Any, name: str = "record_classification") -> AIMessage:
    return AIMessage(content="", tool_calls=[{"name": name, "args": args, "id": "t1", "type": "tool_call"}])


def test_schema_has_only_classification_fields() -> None:
    schema = ClassificationCall.model_json_schema()
    assert set(schema["properties"]) == {"intent", "confidence", "entities"}
    assert schema["properties"]["intent"]["enum"] == list(INTENTS)


@pytest.mark.parametrize(
    "args",
    [
        {"intent": "book_hotel", "confidence": 0.9},
        {"intent": "help", "confidence": 1.5},
        {"intent": "help", "confidence": True},
        {"intent": "help"},
        {"confidence": 0.9},
    ],
)
def test_invalid_answers_are_rejected(args: dict) -> None:
    assert parse_answer(call(args), {}) is None


def test_a_call_of_another_tool_or_no_call_is_rejected() -> None:
    assert parse_answer(call({"intent": "help", "confidence": 0.9}, name="cancel_everything"), {}) is None
    assert parse_answer(AIMessage(content="help"), {}) is None


def test_malformed_entities_fall_back_to_local_values_or_are_dropped() -> None:
    answer = parse_answer(
        call(
            {
                "intent": "schedule_appointment",
                "confidence": 0.8,
                "entities": {"date": "2026-02-30", "time": "14:00-13:00", "project_ref": " #2 ", "note_text": ""},
            }
        ),
        {"date": "2026-12-01"},
    )
    assert answer is not None
    assert answer.entities == {"date": "2026-12-01", "project_ref": "#2"}
    assert answer.replaced == ("date", "time")


@pytest.mark.parametrize(
    ("name", "value", "ok"),
    [
        ("date", "2026-12-14", True),
        ("date", "12/14/2026", False),
        ("time", "09:30", True),
        ("time", "9:30", False),
        ("time", "08:00-12:00", True),
        ("time", "24:00", False),
        ("project_ref", "ORD-1001-A", True),
        ("project_ref", "x" * 81, False),
        ("customer_id", "1001", False),
    ],
)
def test_entity_forms(name: str, value: str, ok: bool) -> None:
    assert entity_is_valid(name, value) is ok


def test_merge_ranking_keeps_the_model_first_and_pads_to_three() -> None:
    ranking = merge_ranking("cancel_appointment", 0.6, (("reschedule_appointment", 0.7), ("help", 0.1)))
    assert ranking[0] == ("cancel_appointment", 0.6)
    assert ranking[1] == ("reschedule_appointment", 0.35)
    assert len(ranking) == 3 and sum(p for _, p in ranking) == pytest.approx(1.0)
    assert len(merge_ranking("help", 1.0, ())) == 3


def test_keeps_facts() -> None:
    draft = "Tuesday 2026-12-01 at 10:00 for project 90001?"
    assert keeps_facts(draft, "Does 10:00 on Tuesday 2026-12-01 work for project 90001?")
    assert not keeps_facts(draft, "Does Tuesday at ten work?")
    assert not keeps_facts(draft, "")
