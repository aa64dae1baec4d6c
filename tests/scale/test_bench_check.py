"""The bench's history check finds lost, doubled and reordered messages (app.bench.report)."""

from __future__ import annotations

from app.bench.conversation import parse_timing
from app.bench.report import HistoryCheck, check_history, percentile


def stored(*pairs: tuple[str, str]) -> list[dict]:
    return [m for user, answer in pairs for m in ({"role": "user", "text": user},
                                                   {"role": "assistant", "text": answer})]


SENT = [("hi", "Hello!", True), ("list", "Your projects", True), ("yes", "Done", True)]


def test_a_complete_ordered_history_passes() -> None:
    check = HistoryCheck()
    check_history(SENT, stored(("hi", "Hello!"), ("list", "Your projects"), ("yes", "Done")), check, "s")
    assert check.ok and (check.turns_expected, check.turns_found) == (3, 3)


def test_lost_doubled_and_reordered_turns_are_found() -> None:
    lost = HistoryCheck()
    check_history(SENT, stored(("hi", "Hello!"), ("yes", "Done")), lost, "s")
    assert lost.lost == 1 and not lost.ok

    doubled = HistoryCheck()
    check_history(SENT, stored(("hi", "Hello!"), ("list", "Your projects"), ("list", "Your projects"),
                               ("yes", "Done")), doubled, "s")
    assert doubled.duplicated == 1 and not doubled.ok

    reordered = HistoryCheck()
    check_history(SENT, stored(("list", "Your projects"), ("hi", "Hello!"), ("yes", "Done")), reordered, "s")
    assert reordered.out_of_order == 1 and not reordered.ok


def test_an_unanswered_turn_may_be_stored_once_or_not_at_all() -> None:
    sent = [("hi", "Hello!", True), ("list", None, False), ("yes", "Done", True)]
    absent, present = HistoryCheck(), HistoryCheck()
    check_history(sent, stored(("hi", "Hello!"), ("yes", "Done")), absent, "s")
    check_history(sent, stored(("hi", "Hello!"), ("list", "Your projects"), ("yes", "Done")), present, "s")
    assert absent.ok and present.ok and present.unknown_stored == 1


def test_timing_header_and_percentiles() -> None:
    assert parse_timing("total=9.81;pf360=3.12;llm=0.22;store=2.40;overhead=6.47") == {
        "total": 9.81, "pf360": 3.12, "llm": 0.22, "store": 2.4, "overhead": 6.47}
    assert parse_timing(None) is None
    values = list(range(1, 101))
    assert (percentile(values, 50), percentile(values, 99), percentile(values, 100)) == (50, 99, 100)
