"""Rolling balance of closeness against distance, per partner, and the gap between partners.

The balance of a day is (closeness − distance) / (closeness + distance) over the trailing
window, with each moment weighted by its intensity: +1 is only closeness, −1 only distance,
0 an even mix. A day with no moment in its window has no balance (NaN), because silence is
not the same as balance.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from nabij.frames import matches

WINDOWS_DAYS = (7, 14, 30)
DEFAULT_WINDOW_DAYS = 14


def _empty_sums() -> pd.DataFrame:
    return pd.DataFrame({"day": pd.Series(dtype="datetime64[ns]"),
                         "partner": pd.Series(dtype="int64"),
                         "closeness": pd.Series(dtype="float64"),
                         "distance": pd.Series(dtype="float64"),
                         "count": pd.Series(dtype="int64")})


def _day_partner_sums(frame: pd.DataFrame) -> tuple[np.ndarray, np.dtype, int] | None:
    """Closeness, distance and count per local day (rows) and partner (columns 0 and 1).

    Returns (sums of shape (days, 2, 3) from the first day to the last, the frame's datetime
    unit, the first day as days since 1970), found with integer arithmetic and bincount: a
    groupby over every moment costs several times more, and the chart recomputes this after
    every new moment. None when a partner slot is not 0 or 1 (not a journal's frame); callers
    then group with pandas.
    """
    partner = frame["partner"].to_numpy()
    if not np.isin(partner, (0, 1)).all():
        return None
    occurred = frame["occurred_at"]
    local = occurred.dt.tz_localize(None) if occurred.dt.tz is not None else occurred
    day = local.to_numpy().astype("datetime64[D]").astype(np.int64)
    first = int(day.min())
    span = int(day.max()) - first + 1
    key = (day - first) * 2 + partner.astype(np.int64)
    intensity = frame["intensity"].to_numpy().astype("float64")
    closeness = matches(frame["kind"], "closeness")
    distance = matches(frame["kind"], "distance")
    sums = np.stack([np.bincount(key, weights=intensity * closeness, minlength=2 * span),
                     np.bincount(key, weights=intensity * distance, minlength=2 * span),
                     np.bincount(key, minlength=2 * span).astype("float64")], axis=1)
    return sums.reshape(span, 2, 3), local.to_numpy().dtype, first


def daily_sums(frame: pd.DataFrame) -> pd.DataFrame:
    """Per local calendar day and partner: intensity summed per kind.

    Columns: day (date), partner, closeness, distance, count; one row per day and partner
    with moments, sorted by both.
    """
    if frame.empty:
        return _empty_sums()
    dense = _day_partner_sums(frame)
    if dense is None:
        return _grouped_daily_sums(frame)
    sums, unit, first = dense
    day_index, partner = np.nonzero(sums[:, :, 2] > 0)
    rows = sums[day_index, partner]
    return pd.DataFrame({
        "day": (day_index + first).astype("datetime64[D]").astype(unit),
        "partner": partner.astype("int64"),
        "closeness": rows[:, 0], "distance": rows[:, 1],
        "count": rows[:, 2].astype("int64"),
    })


def _grouped_daily_sums(frame: pd.DataFrame) -> pd.DataFrame:
    """daily_sums with a pandas groupby, for any partner slots."""
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
    The window sums are differences of running totals; intensities are whole numbers, so
    they are exact.
    """
    if window_days < 1:
        raise ValueError("window_days must be at least 1")
    if frame.empty:
        return pd.DataFrame(columns=list(partners), dtype="float64")
    dense = _day_partner_sums(frame)
    if dense is None or not set(partners) <= {0, 1}:
        return _grouped_rolling_balance(frame, window_days, partners)
    sums, unit, first = dense
    present = np.flatnonzero(sums[:, :, 2].sum(axis=1) > 0)
    first_day = np.datetime64(first + int(present[0]), "D").astype(unit)
    last_day = np.datetime64(first + int(present[-1]), "D").astype(unit)
    days = pd.date_range(pd.Timestamp(first_day), pd.Timestamp(last_day), freq="D")
    running = np.cumsum(sums[present[0]:present[-1] + 1, :, :2], axis=0)
    window = running.copy()
    window[window_days:] -= running[:-window_days]
    result = pd.DataFrame(index=days)
    for partner in partners:
        closeness, distance = window[:, partner, 0], window[:, partner, 1]
        total = closeness + distance
        with np.errstate(invalid="ignore", divide="ignore"):
            result[partner] = np.where(total != 0, (closeness - distance) / total, np.nan)
    result.index.name = "day"
    return result


def _grouped_rolling_balance(frame: pd.DataFrame, window_days: int,
                             partners: tuple[int, ...]) -> pd.DataFrame:
    """rolling_balance with pandas grouping and rolling, for any partner slots."""
    sums = _grouped_daily_sums(frame)
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
