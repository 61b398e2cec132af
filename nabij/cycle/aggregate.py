"""Grouping moments by hour, day or week when single points would crowd the chart.

What reaches the browser must stay bounded whatever the journal's size: a coach's journal of
years can hold hundreds of thousands of moments, while a chart can show a few thousand points
usefully. With few moments every moment stays its own point.
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np
import pandas as pd

from nabij.frames import matches

MAX_POINTS = 2500


class Level(StrEnum):
    EVENT = "event"
    HOUR = "hour"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


_FREQUENCIES = {Level.HOUR: "h", Level.DAY: "D"}


def bucket_starts(occurred_at: pd.Series, level: Level) -> pd.Series:
    """The local start of each moment's bucket (hour, day, Monday of the week, month)."""
    local = occurred_at.dt.tz_localize(None)
    if level in _FREQUENCIES:
        return local.dt.floor(_FREQUENCIES[level])
    if level is Level.WEEK:
        day = local.dt.normalize()
        return day - pd.to_timedelta(day.dt.day_of_week, unit="D")
    if level is Level.MONTH:
        return local.dt.to_period("M").dt.start_time
    raise ValueError(f"no buckets for level {level}")


# Buckets are numbered with integer arithmetic on local wall-clock time, and counted with one
# bincount over (bucket, partner, kind), as long as that table stays this small; a pandas
# groupby or drop_duplicates over every moment costs ten times more, and the chart redoes
# this after every new moment. Weeks start on Monday: day 0 (1970-01-01) was a Thursday.
_DENSE_LIMIT = 4_000_000
_NUMPY_UNITS = {Level.HOUR: "datetime64[h]", Level.DAY: "datetime64[D]",
                Level.MONTH: "datetime64[M]"}
_KINDS = ("closeness", "distance")  # kind codes 0 and 1: alphabetical, as groupby sorts


def _local_times(occurred_at: pd.Series) -> np.ndarray:
    local = occurred_at.dt.tz_localize(None) if occurred_at.dt.tz is not None else occurred_at
    return local.to_numpy()


def _bucket_numbers(local: np.ndarray, level: Level) -> np.ndarray:
    """Each moment's bucket as an integer: hours, days, Monday-weeks or months since 1970."""
    if level is Level.WEEK:
        return (local.astype("datetime64[D]").astype(np.int64) + 3) // 7
    return local.astype(_NUMPY_UNITS[level]).astype(np.int64)


def _bucket_start_times(numbers: np.ndarray, level: Level, unit: np.dtype) -> np.ndarray:
    """The local start of numbered buckets, in the frame's datetime unit."""
    if level is Level.WEEK:
        return (numbers * 7 - 3).astype("datetime64[D]").astype(unit)
    return numbers.astype(_NUMPY_UNITS[level]).astype(unit)


def _codes(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray] | None:
    """Partner (0/1) and kind (0 closeness, 1 distance) per moment; None for anything else."""
    partner = frame["partner"].to_numpy()
    distance = matches(frame["kind"], _KINDS[1])
    closeness = matches(frame["kind"], _KINDS[0])
    if not ((closeness | distance).all() and np.isin(partner, (0, 1)).all()):
        return None
    return partner.astype(np.int64), distance.astype(np.int64)


def _group_index(numbers: np.ndarray, partner: np.ndarray,
                 kind: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """Each moment's group (bucket, partner, kind) as a dense index, plus the group keys.

    Returns (index per moment, sorted distinct keys, number of distinct groups); a key is
    bucket * 4 + partner * 2 + kind, so sorted keys are sorted by bucket, partner, kind.
    """
    first = int(numbers.min())
    keys = (numbers - first) * 4 + partner * 2 + kind
    size = int(keys.max()) + 1
    if size <= _DENSE_LIMIT:
        present = np.bincount(keys, minlength=size) > 0
        distinct = np.flatnonzero(present)
        position = np.cumsum(present) - 1
        index = position[keys]
    else:
        distinct, index = np.unique(keys, return_inverse=True)
    return index, distinct + first * 4, len(distinct)


def _distinct_groups(numbers: np.ndarray, partner: np.ndarray, kind: np.ndarray) -> int:
    """How many (bucket, partner, kind) groups the moments fall into."""
    keys = (numbers - numbers.min()) * 4 + partner * 2 + kind
    size = int(keys.max()) + 1
    if size <= _DENSE_LIMIT:
        return int(np.count_nonzero(np.bincount(keys, minlength=size)))
    return len(np.unique(keys))


def _bucket_count(frame: pd.DataFrame, level: Level) -> int:
    codes = _codes(frame)
    if codes is None:
        keys = pd.DataFrame({"start": bucket_starts(frame["occurred_at"], level),
                             "partner": frame["partner"], "kind": frame["kind"]})
        return len(keys.drop_duplicates())
    numbers = _bucket_numbers(_local_times(frame["occurred_at"]), level)
    return _distinct_groups(numbers, *codes)


def choose_level(frame: pd.DataFrame, max_points: int = MAX_POINTS) -> Level:
    """The finest level at which the chart has at most `max_points` points."""
    return grouped_points(frame, max_points)[0]


def aggregate(frame: pd.DataFrame, level: Level) -> pd.DataFrame:
    """One row per bucket, partner and kind, sorted by them.

    Columns: start (naive local), partner, kind, count, mean_intensity, max_intensity,
    signed_intensity (mean, negative for distance).
    """
    if level is Level.EVENT:
        raise ValueError("events are not aggregated")
    codes = _codes(frame)
    if codes is None or frame.empty:
        return _aggregate_grouped(frame, level)
    return _aggregate_coded(frame, level, _local_times(frame["occurred_at"]), codes)


def grouped_points(frame: pd.DataFrame,
                   max_points: int = MAX_POINTS) -> tuple[Level, pd.DataFrame | None]:
    """`choose_level` and, unless single moments fit, `aggregate` at that level, in one go.

    Both read the same local times and codes, which for a large journal cost more than the
    counting itself.
    """
    if len(frame) <= max_points:
        return Level.EVENT, None
    codes = _codes(frame)
    if codes is None:
        for level in (Level.HOUR, Level.DAY, Level.WEEK):
            if _bucket_count(frame, level) <= max_points:
                return level, _aggregate_grouped(frame, level)
        return Level.MONTH, _aggregate_grouped(frame, Level.MONTH)
    local = _local_times(frame["occurred_at"])
    chosen = Level.MONTH
    for level in (Level.HOUR, Level.DAY, Level.WEEK):
        if _distinct_groups(_bucket_numbers(local, level), *codes) <= max_points:
            chosen = level
            break
    return chosen, _aggregate_coded(frame, chosen, local, codes)


def _aggregate_coded(frame: pd.DataFrame, level: Level, local: np.ndarray,
                     codes: tuple[np.ndarray, np.ndarray]) -> pd.DataFrame:
    partner, kind = codes
    index, keys, groups = _group_index(_bucket_numbers(local, level), partner, kind)
    intensity = frame["intensity"].to_numpy()
    count = np.bincount(index, minlength=groups)
    total = np.bincount(index, weights=intensity, minlength=groups)
    peak = np.full(groups, np.iinfo(np.int64).min)
    np.maximum.at(peak, index, intensity.astype(np.int64))
    group_kind = keys % 2
    mean = total / count
    return pd.DataFrame({
        "start": _bucket_start_times(keys // 4, level, local.dtype),
        "partner": (keys // 2) % 2,
        "kind": pd.array(np.array(_KINDS, dtype=object)[group_kind],
                         dtype=frame["kind"].dtype),
        "count": count,
        "mean_intensity": mean,
        "max_intensity": peak,
        "signed_intensity": np.where(group_kind == 0, mean, -mean),
    })


def _aggregate_grouped(frame: pd.DataFrame, level: Level) -> pd.DataFrame:
    """The same with a pandas groupby, for frames outside the model (other kinds or slots)."""
    keys = bucket_starts(frame["occurred_at"], level)
    grouped = frame.assign(start=keys).groupby(["start", "partner", "kind"], sort=True)
    result = grouped["intensity"].agg(count="size", mean_intensity="mean",
                                      max_intensity="max").reset_index()
    sign = result["kind"].map({"closeness": 1.0, "distance": -1.0})
    result["signed_intensity"] = result["mean_intensity"] * sign
    return result
