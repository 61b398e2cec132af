"""Grouping moments by hour, day or week when single points would crowd the chart.

What reaches the browser must stay bounded whatever the journal's size: a coach's journal of
years can hold hundreds of thousands of moments, while a chart can show a few thousand points
usefully. With few moments every moment stays its own point.
"""

from __future__ import annotations

from enum import StrEnum

import pandas as pd

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


def _bucket_count(frame: pd.DataFrame, level: Level) -> int:
    keys = pd.DataFrame({"start": bucket_starts(frame["occurred_at"], level),
                         "partner": frame["partner"], "kind": frame["kind"]})
    return len(keys.drop_duplicates())


def choose_level(frame: pd.DataFrame, max_points: int = MAX_POINTS) -> Level:
    """The finest level at which the chart has at most `max_points` points."""
    if len(frame) <= max_points:
        return Level.EVENT
    for level in (Level.HOUR, Level.DAY, Level.WEEK):
        if _bucket_count(frame, level) <= max_points:
            return level
    return Level.MONTH


def aggregate(frame: pd.DataFrame, level: Level) -> pd.DataFrame:
    """One row per bucket, partner and kind.

    Columns: start (naive local), partner, kind, count, mean_intensity, max_intensity,
    signed_intensity (mean, negative for distance).
    """
    if level is Level.EVENT:
        raise ValueError("events are not aggregated")
    keys = bucket_starts(frame["occurred_at"], level)
    grouped = frame.assign(start=keys).groupby(["start", "partner", "kind"], sort=True)
    result = grouped["intensity"].agg(count="size", mean_intensity="mean",
                                      max_intensity="max").reset_index()
    sign = result["kind"].map({"closeness": 1.0, "distance": -1.0})
    result["signed_intensity"] = result["mean_intensity"] * sign
    return result
