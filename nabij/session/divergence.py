"""Two perspectives side by side: where the partners' balances drift apart, and where one
reaches out while the other withdraws (a pursue-withdraw stretch).

Both look at a trailing window of days, like `nabij.cycle.balance`, and report only stretches that
last: a single odd day says little. They describe what was logged, in dates and counts; they
never say who is to blame, and they are not a diagnosis.

A day is a *pursue-withdraw day* with partner A reaching out and B withdrawing when, over
the window ending that day:

- A logged at least `min_reach` closeness moments (reaching out),
- B logged at least `min_withdraw` distance moments and B's distance outweighs B's closeness,
- and A's balance lies at least `min_gap` above B's (they diverge).

At least `min_days` consecutive such days form a candidate. Its dates are then set to the
moments that make it: from B's first distance in the window of its first day to the last of
A's reaching out or B's distance. A candidate counts as a stretch when those dates span at
least `min_days` days and hold at least `min_reach` reaching out and `min_withdraw` distance:
the window carries a short burst forward for days, and that alone must not make a stretch.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from nabij.cycle.balance import rolling_balance

DEFAULT_WINDOW_DAYS = 7
DRIFT_MIN_GAP = 0.6
DRIFT_MIN_DAYS = 3
PURSUE_MIN_DAYS = 4
PURSUE_MIN_GAP = 0.5
PURSUE_MIN_REACH = 2
PURSUE_MIN_WITHDRAW = 2


@dataclass(frozen=True)
class DriftStretch:
    """Days on which the partners' balances lay far apart; `largest_gap` is 0 to 2."""

    start: dt.date
    end: dt.date
    largest_gap: float

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class PursueWithdraw:
    """A stretch in which `pursuer` kept reaching out while `withdrawer` moved away."""

    start: dt.date
    end: dt.date
    pursuer: int
    withdrawer: int
    reaching_out: int  # the pursuer's closeness moments from start to end
    withdrawing: int  # the withdrawer's distance moments from start to end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def balance_gap(balance: pd.DataFrame) -> pd.Series:
    """Per day, how far apart the two partners' balances lie (0 to 2); NaN where either has
    none."""
    if balance.empty or 0 not in balance or 1 not in balance:
        return pd.Series(dtype="float64")
    return (balance[0] - balance[1]).abs()


def _runs(flags: pd.Series, min_days: int) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """Start and end of each run of consecutive True days at least `min_days` long."""
    runs = []
    start = previous = None
    for day, flag in flags.items():
        if flag and start is not None and day - previous == pd.Timedelta(days=1):
            previous = day
            continue
        if start is not None and (previous - start).days + 1 >= min_days:
            runs.append((start, previous))
        start = previous = day if flag else None
    if start is not None and (previous - start).days + 1 >= min_days:
        runs.append((start, previous))
    return runs


def drift_stretches(balance: pd.DataFrame, min_gap: float = DRIFT_MIN_GAP,
                    min_days: int = DRIFT_MIN_DAYS) -> list[DriftStretch]:
    """Stretches of at least `min_days` days on which the balances lay `min_gap` or more
    apart (from `nabij.cycle.balance.rolling_balance`)."""
    gap = balance_gap(balance)
    if gap.empty:
        return []
    stretches = []
    for start, end in _runs(gap.fillna(0) >= min_gap, min_days):
        stretches.append(DriftStretch(start.date(), end.date(),
                                      round(float(gap[start:end].max()), 2)))
    return stretches


def _daily_counts(frame: pd.DataFrame, days: pd.DatetimeIndex, partner: int,
                  kind: str) -> pd.Series:
    rows = frame[(frame["partner"] == partner) & (frame["kind"] == kind)]
    day = rows["occurred_at"].dt.tz_localize(None).dt.normalize()
    return day.value_counts().reindex(days, fill_value=0).astype("int64")


def pursue_withdraw_stretches(frame: pd.DataFrame, window_days: int = DEFAULT_WINDOW_DAYS,
                              min_days: int = PURSUE_MIN_DAYS, min_gap: float = PURSUE_MIN_GAP,
                              min_reach: int = PURSUE_MIN_REACH,
                              min_withdraw: int = PURSUE_MIN_WITHDRAW) -> list[PursueWithdraw]:
    """The pursue-withdraw stretches in an events frame, in time order (see the module)."""
    if window_days < 1 or min_days < 1:
        raise ValueError("window_days and min_days must be at least 1")
    if frame.empty or frame["partner"].nunique() < 2:
        return []
    balance = rolling_balance(frame, window_days)
    days = balance.index
    closeness = {slot: _daily_counts(frame, days, slot, "closeness") for slot in (0, 1)}
    distance = {slot: _daily_counts(frame, days, slot, "distance") for slot in (0, 1)}

    def rolled(series: pd.Series) -> pd.Series:
        return series.rolling(window_days, min_periods=1).sum()

    found = []
    for pursuer in (0, 1):
        withdrawer = 1 - pursuer
        gap = (balance[pursuer] - balance[withdrawer]).fillna(-np.inf)
        flags = ((rolled(closeness[pursuer]) >= min_reach)
                 & (rolled(distance[withdrawer]) >= min_withdraw)
                 & (balance[withdrawer].fillna(0) < 0)
                 & (gap >= min_gap))
        for first, last in _runs(flags, min_days):
            # The stretch starts with the withdrawer's first distance in the window that
            # raised the flag, and ends with the last moment of either that belongs to it.
            window_start = first - pd.Timedelta(days=window_days - 1)
            withdrawing = distance[withdrawer][window_start:last]
            start = withdrawing[withdrawing > 0].index.min()
            moments = (closeness[pursuer] + distance[withdrawer])[start:last]
            end = moments[moments > 0].index.max()
            stretch = PursueWithdraw(
                start=start.date(), end=end.date(), pursuer=pursuer, withdrawer=withdrawer,
                reaching_out=int(closeness[pursuer][start:end].sum()),
                withdrawing=int(distance[withdrawer][start:end].sum()))
            if (stretch.days >= min_days and stretch.reaching_out >= min_reach
                    and stretch.withdrawing >= min_withdraw):
                found.append(stretch)
    return sorted(found, key=lambda stretch: (stretch.start, stretch.pursuer))
