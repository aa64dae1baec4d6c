"""Time of day conversions between PF360 ("01:00 PM") and ours ("13:00")."""

from __future__ import annotations

import pytest

from app.pf360.timefmt import from_pf360_time, is_hhmm, to_pf360_time
from app.sandbox.wire import parse_12h, to_12h

PAIRS = [("01:00 PM", "13:00"), ("08:00 AM", "08:00"), ("12:00 PM", "12:00"), ("12:30 AM", "00:30"),
         ("11:59 PM", "23:59"), ("03:00 PM", "15:00")]


@pytest.mark.parametrize(("pf360", "ours"), PAIRS)
def test_round_trip(pf360: str, ours: str) -> None:
    assert from_pf360_time(pf360) == ours
    assert to_pf360_time(ours) == pf360
    # the sandbox speaks the same wire format
    assert parse_12h(pf360) == ours and to_12h(ours) == pf360


@pytest.mark.parametrize("text", ["1:00 pm", "01:00PM", " 1:00 Pm "])
def test_lenient_reading_of_pf360_times(text: str) -> None:
    assert from_pf360_time(text) == "13:00"


@pytest.mark.parametrize("text", ["13:00 PM", "00:00 AM", "10:60 AM", "10:00", "", "noon"])
def test_invalid_pf360_times_raise(text: str) -> None:
    with pytest.raises(ValueError):
        from_pf360_time(text)


@pytest.mark.parametrize("text", ["24:00", "7:00", "07:5", "10:00 AM", ""])
def test_invalid_24h_times_raise(text: str) -> None:
    assert not is_hhmm(text)
    with pytest.raises(ValueError):
        to_pf360_time(text)
