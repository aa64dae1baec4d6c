"""Entity extraction: the date/time rules of intents.md, project refs, note text, robustness."""

from __future__ import annotations

import random
from datetime import date

import pytest

from app.nlu.entities import extract_entities

MON = date(2026, 11, 23)  # the Monday of intents.md


def ents(text: str, today: date = MON) -> dict[str, str]:
    return extract_entities(text, today=today)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", "2026-11-23"),
        ("tomorrow", "2026-11-24"),
        ("tmrw", "2026-11-24"),
        ("the day after tomorrow", "2026-11-25"),
        ("Tuesday", "2026-11-24"),
        ("on Friday", "2026-11-27"),
        ("this Friday", "2026-11-27"),
        ("Monday", "2026-11-30"),  # a bare weekday is strictly after today
        ("next Tuesday", "2026-12-01"),  # next calendar week, weeks start Monday
        ("next Monday", "2026-11-30"),
        ("Tuesday next week", "2026-12-01"),
        ("the 14th", "2026-12-14"),
        ("the 23rd", "2026-11-23"),  # on or after today
        ("the 30th", "2026-11-30"),
        ("the 31st", "2026-12-31"),  # November has no 31st
        ("Dec 3", "2026-12-03"),
        ("December 3rd", "2026-12-03"),
        ("3rd of December", "2026-12-03"),
        ("12/3", "2026-12-03"),
        ("12/3/2027", "2027-12-03"),
        ("2026-12-09", "2026-12-09"),
        ("Friday the 4th", "2026-12-04"),
        ("on the first", "2026-12-01"),
        ("wensday", "2026-11-25"),
    ],
)
def test_date_rules(text: str, expected: str) -> None:
    assert ents(text).get("date") == expected


@pytest.mark.parametrize("text", ["next week", "sometime soon", "in December", "this weekend", "are you open on saturdays", "good morning"])
def test_ranges_are_not_dates(text: str) -> None:
    assert "date" not in ents(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "<N> days/weeks from <anchor>": the anchor (as said), then the offset; a shorter
        # rule ("today", "tomorrow", a weekday) must not win alone
        ("a week from today", "2026-11-30"),
        ("a week from tomorrow", "2026-12-01"),
        ("a week from now", "2026-11-30"),
        ("one week from today", "2026-11-30"),
        ("two weeks from today", "2026-12-07"),
        ("2 weeks from tomorrow", "2026-12-08"),
        ("3 days from today", "2026-11-26"),
        ("3 days from now", "2026-11-26"),
        ("a week from tmrw", "2026-12-01"),
        ("a week from Friday", "2026-12-04"),
        ("a week from next Tuesday", "2026-12-08"),
        ("a week from Dec 3", "2026-12-10"),
        ("can you come a week from today at 10am", "2026-11-30"),
        ("move it from today to a week from tomorrow", "2026-12-01"),
    ],
)
def test_offset_from_an_anchor(text: str, expected: str) -> None:
    assert ents(text).get("date") == expected


def test_offset_from_an_anchor_is_relative_to_the_given_today() -> None:
    assert ents("a week from tomorrow", date(2026, 12, 28))["date"] == "2027-01-05"
    assert ents("a week from today", date(2028, 2, 22))["date"] == "2028-02-29"
    assert ents("a week from today at 10am", MON) == {"date": "2026-11-30", "time": "10:00"}


@pytest.mark.parametrize("text", ["in 2 weeks", "in a week", "2 weeks from when I called", "an hour from now"])
def test_offsets_without_an_anchor_are_not_dates(text: str) -> None:
    assert "date" not in ents(text)


def test_year_rollover_from_december() -> None:
    dec = date(2026, 12, 20)
    assert ents("Jan 12", dec)["date"] == "2027-01-12"
    assert ents("12/3", dec)["date"] == "2027-12-03"
    assert ents("the 5th", dec)["date"] == "2027-01-05"
    assert ents("next Monday", dec)["date"] == "2026-12-21"


def test_next_weekday_from_a_friday() -> None:
    fri = date(2026, 11, 27)
    assert ents("Saturday", fri)["date"] == "2026-11-28"
    assert ents("next Saturday", fri)["date"] == "2026-12-05"
    assert ents("next Monday", fri)["date"] == "2026-11-30"


def test_the_target_date_of_a_move_wins() -> None:
    assert ents("move it from Friday to Monday")["date"] == "2026-11-30"
    assert ents("instead of Dec 3 can we do Dec 5")["date"] == "2026-12-05"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10am", "10:00"),
        ("2:30 pm", "14:30"),
        ("2:30PM", "14:30"),
        ("noon", "12:00"),
        ("at 8", "08:00"),
        ("at 3", "15:00"),
        ("around 11", "11:00"),
        ("10 o'clock", "10:00"),
        ("the 10 o'clock", "10:00"),
        ("12pm", "12:00"),
        ("morning please", "08:00-12:00"),
        ("friday morning", "08:00-12:00"),
        ("in the afternoon", "12:00-17:00"),
        ("evening", "17:00-20:00"),
        ("between 10 and 2", "10:00-14:00"),
        ("from 1 to 3pm", "13:00-15:00"),
        ("Friday morning at 10", "10:00"),
        ("move it from 10am to 2pm", "14:00"),
    ],
)
def test_time_rules(text: str, expected: str) -> None:
    assert ents(text).get("time") == expected


@pytest.mark.parametrize("text", ["good morning", "Morning!", "call me at 555-123-4567", "I have 2 dogs", "table for two"])
def test_not_times(text: str) -> None:
    assert "time" not in ents(text)


def test_booking_sentence() -> None:
    assert ents("can you come out next tuesday at 10?") == {"date": "2026-12-01", "time": "10:00"}
    assert ents("book my deck repair for Dec 3 at 3pm") == {"date": "2026-12-03", "time": "15:00", "project_ref": "deck"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("let's do project 90003", "90003"),
        ("#90003", "90003"),
        ("order ord-1001-a", "ORD-1001-A"),
        ("ORD-1002-B please", "ORD-1002-B"),
        ("the second one", "#2"),
        ("the 2nd one", "#2"),
        ("#2", "#2"),
        ("number 2", "#2"),
        ("the first project", "#1"),
        ("the flooring one", "flooring"),
        ("my floors", "flooring"),
        ("the laminate", "flooring"),
        ("my window replacement", "windows"),
        ("the window install", "windows"),
        ("the cabinets", "kitchen cabinets"),
        ("what's the address on the kitchen job", "kitchen cabinets"),
        ("I mean my deck repair", "deck"),
        ("the decking", "deck"),
        ("my garage door", "garage door"),
        ("the front door", "doors"),
        ("new roof", "roofing"),
        ("the windos one", "windows"),
        ("not the deck, the windows", "windows"),
    ],
)
def test_project_ref(text: str, expected: str) -> None:
    assert ents(text).get("project_ref") == expected


@pytest.mark.parametrize("text", ["what's the arrival window", "the bathroom on the 2nd floor needs work", "the last one", "gate code 44123"])
def test_not_project_refs(text: str) -> None:
    got = ents(text).get("project_ref")
    assert got in (None, "bathroom")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("add a note: gate code 4412", "gate code 4412"),
        ("add a note that the gate code is 4412", "the gate code is 4412"),
        ("tell the crew to park in the back", "park in the back"),
        ("Tell the crew to park in the back please.", "park in the back"),
        ("let the installer know the dog is friendly, thanks!", "the dog is friendly"),
        ("please note that the side door is unlocked", "the side door is unlocked"),
        ("add a note to the deck project saying 'Gate code is 4412.'", "Gate code is 4412"),
        ("note for the crew: Beware of the DOG", "Beware of the DOG"),
        ("ask the installer to call me 30 minutes before", "call me 30 minutes before"),
        ('add "use the side gate" to my notes', "use the side gate"),
        ("tell the crew I'll be home after 3pm", "I'll be home after 3pm"),
    ],
)
def test_note_text(text: str, expected: str) -> None:
    assert ents(text).get("note_text") == expected


def test_note_keeps_its_own_words_and_the_project_outside() -> None:
    got = ents("add a note to my flooring project: the front door sticks, come in at 10am")
    assert got == {"note_text": "the front door sticks, come in at 10am", "project_ref": "flooring"}


@pytest.mark.parametrize("text", ["I want to add a note", "can I add a note to my flooring project?", "did you tell the crew about the gate code?"])
def test_no_note_without_content(text: str) -> None:
    assert "note_text" not in ents(text)


def test_never_raises_on_arbitrary_text() -> None:
    rng = random.Random(1234)
    alphabet = "abc xyz 0123456789 :/#-.,!?'\"@ amp am pm Dec next the th" + "".join(chr(c) for c in range(0x20, 0x250)) + "😀🙏👍\u200b\u202e\ufeff\n\t"
    samples = ["", " ", "\x00", "😀" * 50, "9" * 5000, "next " * 1000, "a" * 5000, "at 99:99", "13/45", "the 99th", "ORD-", "#", None]
    for _ in range(400):
        n = rng.randint(0, 120)
        samples.append("".join(rng.choice(alphabet) for _ in range(n)))
    for s in samples:
        out = extract_entities(s, today=MON)  # type: ignore[arg-type]
        assert isinstance(out, dict)
        for k, v in out.items():
            assert k in {"date", "time", "project_ref", "note_text"} and isinstance(v, str)


@pytest.mark.parametrize(
    ("today", "text", "expected"),
    [
        # day of month: months without that day are skipped
        (date(2027, 1, 31), "the 29th", "2027-03-29"),  # no Feb 29 in 2027
        (date(2027, 2, 1), "the 30th", "2027-03-30"),
        (date(2028, 2, 1), "the 29th", "2028-02-29"),  # leap year
        (date(2026, 4, 10), "the 31st", "2026-05-31"),  # April has no 31st
        (date(2027, 1, 31), "the 31st", "2027-01-31"),  # on or after today
        # month and day: the next such date, year rollover, Feb 29 in the next leap year
        (MON, "Feb 29", "2028-02-29"),
        (MON, "2/29", "2028-02-29"),
        (date(2028, 3, 1), "Feb 29", "2032-02-29"),
        (date(2028, 2, 29), "feb 29th", "2028-02-29"),
        (MON, "2/29/2028", "2028-02-29"),
        (MON, "Nov 23", "2026-11-23"),
        (date(2026, 11, 24), "Nov 23", "2027-11-23"),
        (MON, "11/22", "2027-11-22"),
        (date(2026, 12, 31), "jan 1", "2027-01-01"),
        # relative days across month, year and leap-day boundaries
        (date(2026, 12, 31), "tomorrow", "2027-01-01"),
        (date(2026, 12, 30), "the day after tomorrow", "2027-01-01"),
        (date(2028, 2, 28), "tomorrow", "2028-02-29"),
        (MON, "in 10 days", "2026-12-03"),
        # weekdays across a year end and from a Sunday (weeks start Monday)
        (date(2026, 12, 31), "next Friday", "2027-01-08"),
        (date(2026, 12, 27), "next Monday", "2026-12-28"),
        (date(2026, 12, 27), "Monday", "2026-12-28"),
        (date(2026, 11, 29), "Sunday", "2026-12-06"),
        (date(2026, 11, 29), "next Sunday", "2026-12-06"),
        (MON, "last Friday", "2026-11-20"),
        (MON, "last Monday", "2026-11-16"),
    ],
)
def test_calendar_rollover(today: date, text: str, expected: str) -> None:
    assert ents(text, today).get("date") == expected


@pytest.mark.parametrize("text", ["2/29/2027", "Nov 31", "Feb 30"])
def test_impossible_dates_give_no_date(text: str) -> None:
    assert "date" not in ents(text)
