"""Rolling balance of closeness against distance, per partner, and the gap between partners.

The balance of a day is (closeness − distance) / (closeness + distance) over the trailing
window, with each moment weighted by its intensity: +1 is only closeness, −1 only distance,
0 an even mix. A day with fewer than `MIN_BALANCE_MOMENTS` moments of that partner in its
window has no balance (NaN): silence is not the same as balance, and one moment of distance
is not a balance of -1 but too little to tell. The chart draws a partner's line only where
there is a balance and the text beside it says "cannot be told yet" exactly when there is no
line (`can_tell`), so the two never disagree.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from nabij.frames import matches

WINDOWS_DAYS = (7, 14, 30)
DEFAULT_WINDOW_DAYS = 14
MIN_BALANCE_MOMENTS = 3  # moments of one partner in a window before it has a balance
# A line needs two days to be seen; a lone value would only clutter the legend.
MIN_BALANCE_DAYS = 2


def can_tell(balance: pd.Series) -> bool:
    """Whether a partner's balance can be told (and drawn): it has a value on at least
    MIN_BALANCE_DAYS days."""
    return int(balance.notna().sum()) >= MIN_BALANCE_DAYS


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
                    partners: tuple[int, ...] = (0, 1),
                    min_moments: int = MIN_BALANCE_MOMENTS) -> pd.DataFrame:
    """Daily balance per partner over a trailing window, from the first to the last day.

    Returns a frame indexed by day (naive local dates) with one column per partner slot; a
    day whose window holds fewer than `min_moments` of the partner's moments has NaN.
    The window sums are differences of running totals; intensities are whole numbers, so
    they are exact.
    """
    if window_days < 1:
        raise ValueError("window_days must be at least 1")
    if min_moments < 1:
        raise ValueError("min_moments must be at least 1")
    if frame.empty:
        return pd.DataFrame(columns=list(partners), dtype="float64")
    dense = _day_partner_sums(frame)
    if dense is None or not set(partners) <= {0, 1}:
        return _grouped_rolling_balance(frame, window_days, partners, min_moments)
    sums, unit, first = dense
    present = np.flatnonzero(sums[:, :, 2].sum(axis=1) > 0)
    first_day = np.datetime64(first + int(present[0]), "D").astype(unit)
    last_day = np.datetime64(first + int(present[-1]), "D").astype(unit)
    days = pd.date_range(pd.Timestamp(first_day), pd.Timestamp(last_day), freq="D")
    running = np.cumsum(sums[present[0]:present[-1] + 1], axis=0)
    window = running.copy()
    window[window_days:] -= running[:-window_days]
    result = pd.DataFrame(index=days)
    for partner in partners:
        closeness, distance = window[:, partner, 0], window[:, partner, 1]
        total = closeness + distance
        enough = (total != 0) & (window[:, partner, 2] >= min_moments)
        with np.errstate(invalid="ignore", divide="ignore"):
            result[partner] = np.where(enough, (closeness - distance) / total, np.nan)
    result.index.name = "day"
    return result


def _grouped_rolling_balance(frame: pd.DataFrame, window_days: int,
                             partners: tuple[int, ...],
                             min_moments: int = MIN_BALANCE_MOMENTS) -> pd.DataFrame:
    """rolling_balance with pandas grouping and rolling, for any partner slots."""
    sums = _grouped_daily_sums(frame)
    days = pd.date_range(sums["day"].min(), sums["day"].max(), freq="D")
    result = pd.DataFrame(index=days)
    for partner in partners:
        mine = sums[sums["partner"] == partner].set_index("day")[
            ["closeness", "distance", "count"]]
        mine = mine.reindex(days, fill_value=0.0)
        rolled = mine.rolling(window_days, min_periods=1).sum()
        total = rolled["closeness"] + rolled["distance"]
        balance = (rolled["closeness"] - rolled["distance"]) / total.replace(0, np.nan)
        result[partner] = balance.where(rolled["count"] >= min_moments)
    result.index.name = "day"
    return result


def balance_trend(balance: pd.Series, window_days: int) -> str:
    """'rising', 'falling' or 'steady': the last window's mean against the one before.

    'unknown' when the balance cannot be told at all (`can_tell`: no line is drawn either);
    'new' when it can, but one of the two windows has no balance to compare.
    """
    if not can_tell(balance):
        return "unknown"
    end = balance.index.max()
    recent = balance[balance.index > end - pd.Timedelta(days=window_days)].dropna()
    before = balance[(balance.index <= end - pd.Timedelta(days=window_days))
                     & (balance.index > end - pd.Timedelta(days=2 * window_days))].dropna()
    if recent.empty or before.empty:
        return "new"
    change = recent.mean() - before.mean()
    if change > 0.15:
        return "rising"
    if change < -0.15:
        return "falling"
    return "steady"
