"""Repair time: after a distance moment, how long until the next closeness moment.

For every distance moment, two waits are measured: until the next closeness moment logged by
the same partner, and until the next one logged by the other partner (strictly later in
time; whatever else happens in between does not matter). A distance moment after which no
closeness moment of that side has been logged yet is *open*: it is counted, never guessed.

The medians come overall, per phase (the phase of the distance moment's day) and per month,
each with the number of moments behind it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from nabij.insights.evidence import (
    MIN_EVENTS,
    MIN_PER_GROUP,
    Basis,
    check_frame,
    local_naive,
    nanoseconds,
    phase_per_moment,
)
from nabij.phases.four_phases import PHASE_ORDER

NS_PER_HOUR = 3_600 * 1_000_000_000
# A chart of months stays readable, and its payload small, however long the journal runs.
MAX_MONTHS = 36


@dataclass(frozen=True)
class RepairStat:
    """Waits from one side (same partner or other partner) for a set of distance moments."""

    repaired: int  # followed by a closeness moment from this side
    open: int  # no closeness moment from this side after it (yet)
    median_hours: float | None  # None when `repaired` is below the threshold

    @property
    def moments(self) -> int:
        return self.repaired + self.open


@dataclass(frozen=True)
class RepairGroup:
    """The distance moments of one phase (key: phase code) or month (key: 'YYYY-MM')."""

    key: str
    distance: int
    same: RepairStat
    other: RepairStat


@dataclass(frozen=True)
class RepairInsight:
    basis: Basis  # distance moments in the journal
    same: RepairStat
    other: RepairStat
    by_phase: tuple[RepairGroup, ...]  # in the order of the cycle; phases without moments left out
    without_phase: int  # distance moments on days no phase band covers
    by_month: tuple[RepairGroup, ...]  # every month of distance moments (the last MAX_MONTHS)
    months_left_out: int  # earlier months not in by_month

    @property
    def enough(self) -> bool:
        return self.basis.enough


def _stat(hours: np.ndarray, needed: int) -> RepairStat:
    done = hours[~np.isnan(hours)]
    median = float(np.median(done)) if len(done) >= needed else None
    return RepairStat(repaired=len(done), open=int(len(hours) - len(done)),
                      median_hours=median)


def _waits(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per distance moment (in frame order): its row mask, and the hours until closeness
    from the same partner and from the other partner (NaN: none followed)."""
    times = nanoseconds(frame)
    partner = frame["partner"].to_numpy(dtype="int64")
    closeness = (frame["kind"] == "closeness").to_numpy()
    distance = (frame["kind"] == "distance").to_numpy()
    distance_times, distance_partner = times[distance], partner[distance]
    from_partner = {}
    for slot in (0, 1):
        later = np.sort(times[closeness & (partner == slot)])
        index = np.searchsorted(later, distance_times, side="right")
        found = index < len(later)
        wait = np.full(len(distance_times), np.nan)
        wait[found] = (later[index[found]] - distance_times[found]) / NS_PER_HOUR
        from_partner[slot] = wait
    same = np.where(distance_partner == 0, from_partner[0], from_partner[1])
    other = np.where(distance_partner == 0, from_partner[1], from_partner[0])
    return distance, same, other


def repair_times(frame: pd.DataFrame, bands=()) -> RepairInsight:
    """Repair times of an events frame (see nabij.frames.events_frame), phases from `bands`."""
    check_frame(frame)
    distance, same, other = _waits(frame)
    count = int(distance.sum())
    apart = frame.loc[distance, ["occurred_at"]]  # the times are all the rest reads
    phases = phase_per_moment(apart, bands)
    by_phase = []
    for phase in PHASE_ORDER:
        mine = phases == str(phase)
        if mine.any():
            by_phase.append(RepairGroup(str(phase), int(mine.sum()),
                                        _stat(same[mine], MIN_PER_GROUP),
                                        _stat(other[mine], MIN_PER_GROUP)))
    by_month: list[RepairGroup] = []
    left_out = 0
    if count:
        local = local_naive(apart)
        months = (local.dt.year * 12 + local.dt.month - 1).to_numpy()  # months since year 0
        first, last = int(months.min()), int(months.max())
        left_out = max(0, last - first + 1 - MAX_MONTHS)
        for month in range(first + left_out, last + 1):
            mine = months == month
            by_month.append(RepairGroup(f"{month // 12:04d}-{month % 12 + 1:02d}",
                                        int(mine.sum()), _stat(same[mine], MIN_PER_GROUP),
                                        _stat(other[mine], MIN_PER_GROUP)))
    return RepairInsight(
        basis=Basis(count), same=_stat(same, MIN_EVENTS), other=_stat(other, MIN_EVENTS),
        by_phase=tuple(by_phase), without_phase=int(np.equal(phases, None).sum()),
        by_month=tuple(by_month), months_left_out=left_out)
