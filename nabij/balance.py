"""Rolling balance of closeness against distance, per partner, and the gap between partners.

The balance of a day is (closeness − distance) / (closeness + distance) over the trailing
window, with each moment weighted by its intensity: +1 is only closeness, −1 only distance,
0 an even mix. A day with no moment in its window has no balance (NaN), because silence is
not the same as balance.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

WINDOWS_DAYS = (7, 14, 30)
DEFAULT_WINDOW_DAYS = 14


def daily_sums(frame: pd.DataFrame) -> pd.DataFrame:
    """Per local calendar day and partner: intensity summed per kind.

    Columns: day (date), partner, closeness, distance, count.
    """
    if frame.empty:
        return pd.DataFrame({"day": pd.Series(dtype="datetime64[ns]"),
                             "partner": pd.Series(dtype="int64"),
                             "closeness": pd.Series(dtype="float64"),
                             "distance": pd.Series(dtype="float64"),
                             "count": pd.Series(dtype="int64")})
    day = frame["occurred_at"].dt.tz_localize(None).dt.normalize()
    closeness = frame["intensity"].where(frame["kind"] == "closeness", 0)
    distance = frame["intensity"].where(frame["kind"] == "distance", 0)
    sums = pd.DataFrame({"day": day, "partner": frame["partner"],
                         "closeness": closeness.astype("float64"),
                         "distance": distance.astype("float64")})
    grouped = sums.groupby(["day", "partner"], sort=True)
    result = grouped[["closeness", "distance"]].sum()
    result["count"] = grouped.size()
    return result.reset_index()


def rolling_balance(frame: pd.DataFrame, window_days: int = DEFAULT_WINDOW_DAYS,
                    partners: tuple[int, ...] = (0, 1)) -> pd.DataFrame:
    """Daily balance per partner over a trailing window, from the first to the last day.

    Returns a frame indexed by day (naive local dates) with one column per partner slot.
    """
    if window_days < 1:
        raise ValueError("window_days must be at least 1")
    sums = daily_sums(frame)
    if sums.empty:
        return pd.DataFrame(columns=list(partners), dtype="float64")
    days = pd.date_range(sums["day"].min(), sums["day"].max(), freq="D")
    result = pd.DataFrame(index=days)
    for partner in partners:
        mine = sums[sums["partner"] == partner].set_index("day")[["closeness", "distance"]]
        mine = mine.reindex(days, fill_value=0.0)
        rolled = mine.rolling(window_days, min_periods=1).sum()
        total = rolled["closeness"] + rolled["distance"]
        balance = (rolled["closeness"] - rolled["distance"]) / total.replace(0, np.nan)
        result[partner] = balance
    result.index.name = "day"
    return result


def balance_trend(balance: pd.Series, window_days: int) -> str:
    """'rising', 'falling' or 'steady': the last window's mean against the one before.

    'unknown' where either window has no balance at all.
    """
    values = balance.dropna()
    if values.empty:
        return "unknown"
    end = balance.index.max()
    recent = balance[balance.index > end - pd.Timedelta(days=window_days)].dropna()
    before = balance[(balance.index <= end - pd.Timedelta(days=window_days))
                     & (balance.index > end - pd.Timedelta(days=2 * window_days))].dropna()
    if recent.empty or before.empty:
        return "unknown"
    change = recent.mean() - before.mean()
    if change > 0.15:
        return "rising"
    if change < -0.15:
        return "falling"
    return "steady"
