"""Which days a suggestion may name a phase for, and which it must leave unknown.

A model gives every day some phase, also a day weeks away from any moment; showing that as a
band claims more than the moments show. So a day is claimed only when

- a moment lies within `REACH_DAYS` days of it (a long silence stays unknown, apart from its
  first and last few days, which the moments beside it still carry),
- at least `MIN_MOMENTS_NEAR` moments lie within that reach (a lone moment or two after a
  silence is the edge of a stretch, too thin to carry a phase), and
- the model's probability of the phase it shows is at least `CLAIM_CONFIDENCE`: where
  evidence is thin (the first days of a journal, a change of phase read from few moments)
  the model itself is unsure, and that is shown as unknown rather than as a guess.

`CLAIM_CONFIDENCE` was chosen so that, on generated journals other than those reported in
bench/README.md, at least 95 % of claimed days are right (tests/test_phases_claims.py checks
it on a fixed set). Today is a separate question: see `reading_today`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from nabij.phases.features import DailyCounts

CLAIM_CONFIDENCE = 0.7
REACH_DAYS = 7
# A day is claimed only when at least this many moments lie within REACH_DAYS of it: one or
# two moments after weeks of silence say too little, however sure the model is of them.
MIN_MOMENTS_NEAR = 3
# A run of at least this many days without moments has days beyond the reach of any moment:
# it is never claimed, and the chart marks it as "no moments".
SILENT_STRETCH_DAYS = 2 * REACH_DAYS + 1
# After this many days without a moment, today's phase is not named from the last moments.
STALE_AFTER_DAYS = 7


def moment_days(counts: DailyCounts) -> np.ndarray:
    """Moments per day: shape (T,)."""
    return counts.moments.sum(axis=(1, 2, 3))


def days_to_nearest_moment(per_day: np.ndarray) -> np.ndarray:
    """For each day, how many days away the nearest day with a moment is (0 on such a day).

    Without any moment at all, every day gets more than the length of the journal.
    """
    size = len(per_day)
    index = np.arange(size)
    has = per_day > 0
    far = 2 * size + 1
    last_before = np.maximum.accumulate(np.where(has, index, -far))
    first_after = np.minimum.accumulate(np.where(has, index, 2 * far)[::-1])[::-1]
    return np.minimum(index - last_before, first_after - index)


def moments_near(per_day: np.ndarray, reach: int = REACH_DAYS) -> np.ndarray:
    """For each day, the moments logged within `reach` days of it (both sides, itself too)."""
    total = np.concatenate([[0], np.cumsum(per_day)])
    index = np.arange(len(per_day))
    return total[np.minimum(index + reach + 1, len(per_day))] - total[np.maximum(index - reach, 0)]


def claimed(counts: DailyCounts, confidence: np.ndarray) -> np.ndarray:
    """Per day, whether the suggestion may name its phase (see the module's rule)."""
    per_day = moment_days(counts)
    near = days_to_nearest_moment(per_day) <= REACH_DAYS
    carried = moments_near(per_day) >= MIN_MOMENTS_NEAR
    return near & carried & (confidence >= CLAIM_CONFIDENCE)


@dataclass(frozen=True)
class TodayReading:
    """What can be said about today from the moments: when the last one was, and whether
    it is recent enough to speak of a phase of today at all."""

    today: dt.date
    last_moment: dt.date
    days_since: int

    @property
    def stale(self) -> bool:
        return self.days_since > STALE_AFTER_DAYS


def reading_today(last_moment: dt.date, today: dt.date) -> TodayReading:
    """Today seen from the last moment; a last moment in the future counts as today."""
    return TodayReading(today=today, last_moment=last_moment,
                        days_since=max(0, (today - last_moment).days))


def stale_reading(last_moment: dt.datetime | None, view_end: dt.date,
                  now: dt.datetime) -> TodayReading | None:
    """Today's reading where a view reaching the last moment would speak of today's phase
    but the last moment is too old for that; None otherwise (no today to speak of: a
    journal of the past, or a view that ends earlier)."""
    if last_moment is None or view_end < last_moment.date():
        return None
    reading = reading_today(last_moment.date(), now.astimezone(last_moment.tzinfo).date())
    return reading if reading.stale else None
