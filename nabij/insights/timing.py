"""When in the day and week distance moments cluster: counts per weekday and hour.

Counts alone would mostly show when people tend to write in their journal, so the cluster
that is named is compared with when *all* moments were logged: "on Sunday evenings, 9 of 40
distance moments (23%), against 12% of all moments".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from nabij.insights.evidence import MIN_PER_GROUP, Basis, check_frame, local_naive

# Hours of the day in four blocks, for naming a cluster in words.
PARTS_OF_DAY: tuple[tuple[str, int, int], ...] = (
    ("night", 0, 6), ("morning", 6, 12), ("afternoon", 12, 18), ("evening", 18, 24))


@dataclass(frozen=True)
class Cluster:
    """One weekday's part of the day where distance moments gathered most."""

    weekday: int  # 0 Monday … 6 Sunday
    part: str  # night, morning, afternoon, evening
    distance: int
    distance_total: int
    moments: int  # all moments (both kinds) in the same block
    moments_total: int

    @property
    def distance_share(self) -> float:
        return self.distance / self.distance_total

    @property
    def moments_share(self) -> float:
        return self.moments / self.moments_total

    @property
    def lift(self) -> float:
        """How many times more often distance falls here than moments in general."""
        return self.distance_share / self.moments_share


@dataclass(frozen=True)
class TimingInsight:
    basis: Basis  # distance moments
    distance: tuple[tuple[int, ...], ...]  # [weekday][hour]
    moments: tuple[tuple[int, ...], ...]  # [weekday][hour], both kinds
    peak: Cluster | None  # None with too few moments, or no block with enough of them

    @property
    def enough(self) -> bool:
        return self.basis.enough


def _grids(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Distance moments and all moments per weekday and hour (7 x 24 counts each).

    Local time is worked out once for all moments; the distance grid counts a subset of
    the same cells, rather than cutting the whole frame down and converting again."""
    if frame.empty:
        return np.zeros((7, 24), dtype="int64"), np.zeros((7, 24), dtype="int64")
    local = local_naive(frame)
    cell = local.dt.day_of_week.to_numpy() * 24 + local.dt.hour.to_numpy()
    distance = (frame["kind"] == "distance").to_numpy(dtype=bool, na_value=False)
    return (np.bincount(cell[distance], minlength=7 * 24).reshape(7, 24),
            np.bincount(cell, minlength=7 * 24).reshape(7, 24))


def distance_timing(frame: pd.DataFrame) -> TimingInsight:
    check_frame(frame)
    distance, moments = _grids(frame)
    basis = Basis(int(distance.sum()))
    peak = None
    if basis.enough:
        candidates = []
        for weekday in range(7):
            for part, first, last in PARTS_OF_DAY:
                apart = int(distance[weekday, first:last].sum())
                if apart >= MIN_PER_GROUP:
                    candidates.append(Cluster(weekday, part, apart, basis.count,
                                              int(moments[weekday, first:last].sum()),
                                              int(moments.sum())))
        if candidates:
            peak = max(candidates, key=lambda cluster: (cluster.distance, cluster.lift))
    return TimingInsight(basis, tuple(map(tuple, distance.tolist())),
                         tuple(map(tuple, moments.tolist())), peak)

