"""Arbitrary customer text never makes the entity extractor or the local classifier
raise, with or without a dialogue context (hypothesis, bounded examples)."""

from __future__ import annotations

import datetime as dt
import typing

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.nlu.classifier import INTENTS, get_local_classifier
from app.nlu.entities import extract_entities
from app.nlu.types import ENTITY_TYPES, DialogueContext, Expecting, NluResult

EXAMPLES = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Pieces that reach the extractor's and classifier's deeper paths when combined.
FRAGMENTS = st.sampled_from([
    "book", "cancel", "move", "reschedule", "yes", "no", "the 2nd", "#3", "last one", "tomorrow", "next friday",
    "on the 31st", "feb 30", "12/31", "2026-02-29", "at 10am", "10:30", "2pm-4pm", "noon", "morning", "ORD-1001-A",
    "90001", "project", "flooring", "note:", "saying", "tell the crew", "\"", "'", "@", "(", "-", "0", "99999999999",
])
TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(FRAGMENTS, st.text(max_size=12)), max_size=12).map(" ".join),
)
TODAY = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2099, 12, 31))
CONTEXT = st.builds(
    DialogueContext,
    expecting=st.sampled_from([None, *typing.get_args(Expecting)]),
    listed_project_count=st.integers(0, 6),
    offered_dates=st.lists(TODAY, max_size=5).map(tuple),
    offered_slots=st.lists(st.sampled_from(["08:00", "09:00", "10:00", "13:00", "15:00"]), max_size=4).map(tuple),
    has_pending_action=st.booleans(),
)


@pytest.fixture(scope="module")
def classifier():
    return get_local_classifier()


@EXAMPLES
@given(text=TEXT, today=TODAY)
def test_entity_extraction_never_raises(text: str, today: dt.date) -> None:
    entities = extract_entities(text, today=today)
    assert set(entities) <= set(ENTITY_TYPES)
    assert all(isinstance(value, str) for value in entities.values())


@EXAMPLES
@given(text=TEXT, today=TODAY, context=st.one_of(st.none(), CONTEXT))
def test_classification_never_raises(classifier, text: str, today: dt.date, context: DialogueContext | None) -> None:
    result = classifier.classify(text, today=today, context=context)
    assert isinstance(result, NluResult)
    assert result.intent in INTENTS
    assert 0.0 <= result.confidence <= 1.0
    assert set(result.entities) <= set(ENTITY_TYPES)
