"""A small circuit breaker for one remote dependency (here: Bedrock).

States (the classic pattern, e.g. Nygard, *Release It!*):

- ``closed``: calls go through; ``failure_threshold`` consecutive failures open it.
- ``open``: calls are refused until ``cooldown_seconds`` have passed since it opened.
- ``half_open``: after the cool-down exactly one trial call is let through; its
  success closes the breaker, its failure opens it again for another cool-down.

No breaker library is installed in the project (checked with ``uv pip list``), so this
is a plain class. It is meant for one asyncio event loop (no locking); the clock is
injectable so tests can move time.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Literal

BreakerState = Literal["closed", "open", "half_open"]


class CircuitBreaker:
    """Consecutive-failure circuit breaker with a cool-down and one half-open trial.

    Usage: ``if breaker.allow(): try call; breaker.record_success() except: breaker.record_failure()``.
    Every ``allow()`` that returned True must be followed by exactly one ``record_success()``,
    ``record_failure()`` or ``release()``.

    Args:
        failure_threshold: consecutive failures (>= 1) that open the breaker.
        cooldown_seconds: seconds (> 0) the breaker stays open before a trial call.
        clock: monotonic clock in seconds; ``time.monotonic`` by default.

    Raises:
        ValueError: a non-positive threshold or cool-down.
    """

    def __init__(
        self,
        failure_threshold: int,
        cooldown_seconds: float,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if failure_threshold < 1:
            raise ValueError("failure_threshold must be >= 1")
        if cooldown_seconds <= 0:
            raise ValueError("cooldown_seconds must be > 0")
        self.failure_threshold = failure_threshold
        self.cooldown_seconds = cooldown_seconds
        self._clock = clock
        self._failures = 0
        self._opened_at: float | None = None
        self._trial_in_flight = False

    @property
    def state(self) -> BreakerState:
        """The current state; an open breaker reads ``half_open`` once its cool-down is over."""
        if self._opened_at is None:
            return "closed"
        if self._trial_in_flight or self._clock() - self._opened_at >= self.cooldown_seconds:
            return "half_open"
        return "open"

    @property
    def consecutive_failures(self) -> int:
        """Failures since the last success."""
        return self._failures

    def allow(self) -> bool:
        """Whether a call may go out now (True in ``half_open`` only for the single trial)."""
        state = self.state
        if state == "closed":
            return True
        if state == "half_open" and not self._trial_in_flight:
            self._trial_in_flight = True
            return True
        return False

    def record_success(self) -> None:
        """The call succeeded: close the breaker and forget past failures."""
        self._failures = 0
        self._opened_at = None
        self._trial_in_flight = False

    def record_failure(self) -> None:
        """The call failed: count it; open (or re-open after a failed trial) at the threshold."""
        self._failures += 1
        if self._trial_in_flight or self._failures >= self.failure_threshold:
            self._opened_at = self._clock()
        self._trial_in_flight = False

    def release(self) -> None:
        """The call was abandoned (e.g. cancelled) without a verdict: free the half-open trial slot."""
        self._trial_in_flight = False

    def snapshot(self) -> dict[str, object]:
        """``{"breaker": state, "consecutive_failures": n}`` for health endpoints."""
        return {"breaker": self.state, "consecutive_failures": self._failures}
