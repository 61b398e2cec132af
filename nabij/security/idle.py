"""When an open journal has been left alone long enough to lock itself: the rule, on any clock.

The clock is a parameter: the app passes a monotonic clock (wall-clock changes and summer time
never lock or unlock anything), tests pass one they move by hand, so what is checked is the
rule, never how fast a busy machine happens to be.
"""

from __future__ import annotations

import time
from collections.abc import Callable

Clock = Callable[[], float]
MONOTONIC: Clock = time.monotonic


def idle_seconds(last_activity: float | None, now: float) -> float:
    """Seconds since the last use; 0 before any (a session that did nothing yet is not idle)."""
    return 0.0 if last_activity is None else max(0.0, now - last_activity)


def idle_expired(last_activity: float | None, now: float, limit_minutes: float) -> bool:
    """Locked once the time without use is past the limit (exactly at the limit: not yet)."""
    return idle_seconds(last_activity, now) > limit_minutes * 60


class ManualClock:
    """A clock that moves only when told: for tests, and for replaying what happened."""

    def __init__(self, start: float = 1_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a clock does not run backwards")
        self.now += seconds
