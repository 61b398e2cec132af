"""Closeness and distance per week, and the ratio between them.

Counts of logged moments, nothing more: the ratio is closeness moments per distance moment,
and a week without distance moments has no ratio (not an infinite one). Weeks without any
moment stay in the series as empty weeks, because silence is not balance.

Nabij draws no target line: the well-known five-to-one ratio from couples research was
observed during conflict conversations, not in daily life, and Nabij does not grade.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from nabij.insights.evidence import Basis, check_frame, local_days

# About three years of weeks: a readable chart and a bounded payload for any journal.
MAX_WEEKS = 156


@dataclass(frozen=True)
class WeekCounts:
    start: dt.date  # the Monday
    closeness: int
    distance: int

    @property
    def total(self) -> int:
        return self.closeness + self.distance

    @property
    def ratio(self) -> float | None:
        """Closeness moments per distance moment; None in a week without distance."""
        return self.closeness / self.distance if self.distance else None


@dataclass(frozen=True)
class WeeklyRatio:
    basis: Basis  # every moment of the journal
    closeness: int
    distance: int
    weeks: tuple[WeekCounts, ...]  # every week from the first to the last moment's week
    weeks_left_out: int  # earlier weeks beyond MAX_WEEKS, not in `weeks`

    @property
    def enough(self) -> bool:
        return self.basis.enough

    @property
    def ratio(self) -> float | None:
        return self.closeness / self.distance if self.distance else None


def weekly_ratio(frame: pd.DataFrame) -> WeeklyRatio:
    check_frame(frame)
    closeness = int((frame["kind"] == "closeness").sum())
    distance = int((frame["kind"] == "distance").sum())
    if frame.empty:
        return WeeklyRatio(Basis(0), 0, 0, (), 0)
    # Weeks counted with integer arithmetic (days since 1970-01-01, a Thursday) and bincount
    # rather than a crosstab: this runs after every new moment, ~30 ms at 100k with pandas.
    days = local_days(frame).to_numpy().astype("datetime64[D]").astype(np.int64)
    monday = days - (days + 3) % 7
    first = int(monday.min())
    week = (monday - first) // 7
    count = int(week.max()) + 1
    kind = frame["kind"].to_numpy()
    close = np.bincount(week[kind == "closeness"], minlength=count)
    apart = np.bincount(week[kind == "distance"], minlength=count)
    left_out = max(0, count - MAX_WEEKS)
    epoch = dt.date(1970, 1, 1)
    weeks = tuple(WeekCounts(epoch + dt.timedelta(days=first + 7 * index), int(close[index]),
                             int(apart[index])) for index in range(left_out, count))
    return WeeklyRatio(Basis(len(frame)), closeness, distance, weeks, left_out)
