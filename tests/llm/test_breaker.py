"""Circuit breaker states with an injected clock."""

from __future__ import annotations

import pytest

from app.llm.breaker import CircuitBreaker
from tests.llm.helpers import FakeClock


def test_opens_after_consecutive_failures_only() -> None:
    breaker = CircuitBreaker(3, 30, clock=FakeClock())
    for _ in range(2):
        assert breaker.allow()
        breaker.record_failure()
    assert breaker.allow()
    breaker.record_success()  # a success resets the count
    for _ in range(3):
        assert breaker.allow()
        breaker.record_failure()
    assert breaker.snapshot() == {"breaker": "open", "consecutive_failures": 3}
    assert not breaker.allow()


def test_half_open_lets_exactly_one_trial_through() -> None:
    clock = FakeClock()
    breaker = CircuitBreaker(1, 30, clock=clock)
    breaker.allow()
    breaker.record_failure()
    clock.advance(30)
    assert breaker.state == "half_open"
    assert breaker.allow()
    assert not breaker.allow()  # the trial is in flight
    breaker.record_success()
    assert breaker.state == "closed" and breaker.allow()


def test_failed_trial_reopens_and_released_trial_can_be_retried() -> None:
    clock = FakeClock()
    breaker = CircuitBreaker(2, 5, clock=clock)
    for _ in range(2):
        breaker.allow()
        breaker.record_failure()
    clock.advance(5)
    assert breaker.allow()
    breaker.record_failure()
    assert breaker.state == "open"
    clock.advance(5)
    assert breaker.allow()
    breaker.release()  # cancelled: no verdict
    assert breaker.state == "half_open" and breaker.allow()


def test_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError):
        CircuitBreaker(0, 30)
    with pytest.raises(ValueError):
        CircuitBreaker(3, 0)
