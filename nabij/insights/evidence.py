"""What every insight shares: how many moments it rests on, and when that is too few.

An insight drawn from a handful of moments looks as sure as one drawn from hundreds, so each
result carries its `Basis` and the page shows "too few to say anything" instead of a figure
below the threshold. The thresholds are deliberately plain numbers, not statistics:
- `MIN_EVENTS`: relevant moments an insight over the whole journal needs at all;
- `MIN_PER_GROUP`: moments one bar, median or share in a breakdown needs to be shown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

MIN_EVENTS = 10
MIN_PER_GROUP = 5
REQUIRED_COLUMNS = ("id", "occurred_at", "partner", "kind", "intensity", "body", "context")


@dataclass(frozen=True)
class Basis:
    """How many relevant moments an insight rests on, against how many it needs."""

    count: int
    needed: int = MIN_EVENTS

    @property
    def enough(self) -> bool:
        return self.count >= self.needed


def check_frame(frame: pd.DataFrame) -> None:
    """Raise ValueError when a column the insights read is missing."""
    missing = [column for column in REQUIRED_COLUMNS if column not in frame.columns]
    if missing:
        raise ValueError(f"events frame lacks columns: {', '.join(missing)}")


def local_naive(frame: pd.DataFrame) -> pd.Series:
    """`occurred_at` as wall-clock time in the journal's zone, without the zone attached."""
    return frame["occurred_at"].dt.tz_localize(None)


def local_days(frame: pd.DataFrame) -> pd.Series:
    return local_naive(frame).dt.normalize()


def week_start(day: dt.date) -> dt.date:
    """The Monday of the week `day` falls in."""
    return day - dt.timedelta(days=day.weekday())


def share(part: int, whole: int) -> float | None:
    """`part / whole`, or None for an empty whole (a share of nothing is not zero)."""
    return part / whole if whole else None


def percent(value: float | None) -> int | None:
    return None if value is None else int(np.round(value * 100))


def nanoseconds(frame: pd.DataFrame) -> np.ndarray:
    """Each moment's instant as int64 nanoseconds since the epoch (whatever the resolution)."""
    utc = frame["occurred_at"].dt.tz_convert("UTC").dt.tz_localize(None)
    return utc.to_numpy(dtype="datetime64[ns]").astype("int64")


def phase_per_moment(frame: pd.DataFrame, bands) -> np.ndarray:
    """The phase code (str) of each moment's local day in `bands`, or None outside them.

    `bands` are `PhaseSpan`s that do not overlap: marked spans with the suggestion filling
    the days no mark covers, as `components/phase_data.journal_phases` gives them.
    """
    result = np.full(len(frame), None, dtype=object)
    ordered = sorted(bands, key=lambda band: band.start)
    if not ordered or frame.empty:
        return result
    starts = np.array([np.datetime64(band.start, "D") for band in ordered])
    ends = np.array([np.datetime64(band.end, "D") for band in ordered])
    phases = np.array([str(band.phase) for band in ordered], dtype=object)
    days = local_days(frame).to_numpy(dtype="datetime64[D]")
    index = np.searchsorted(starts, days, side="right") - 1
    found = index >= 0
    found[found] = days[found] <= ends[index[found]]
    result[found] = phases[index[found]]
    return result
