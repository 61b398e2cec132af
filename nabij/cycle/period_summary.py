"""The text under the chart: what the period holds, for screen readers and for readers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from nabij.cycle.balance import balance_trend
from nabij.frames import matches
from nabij.i18n import Messages


@dataclass(frozen=True)
class PartnerCounts:
    name: str
    closeness: int
    distance: int
    trend: str  # rising, falling, steady or unknown


@dataclass(frozen=True)
class PeriodSummary:
    start: dt.date
    end: dt.date
    partners: tuple[PartnerCounts, ...]

    @property
    def total(self) -> int:
        return sum(p.closeness + p.distance for p in self.partners)


def summarise(frame: pd.DataFrame, balance: pd.DataFrame, partners: tuple[str, str],
              start: dt.date, end: dt.date, window_days: int,
              shown: tuple[int, ...] = (0, 1)) -> PeriodSummary:
    # Counted on numpy columns: selecting each partner's rows of the whole frame would copy
    # every column of every moment.
    partner = frame["partner"].to_numpy()
    closeness = matches(frame["kind"], "closeness")
    distance = matches(frame["kind"], "distance")
    counts = []
    for slot in shown:
        mine = partner == slot
        trend = balance_trend(balance[slot], window_days) if slot in balance else "unknown"
        counts.append(PartnerCounts(name=partners[slot],
                                    closeness=int((mine & closeness).sum()),
                                    distance=int((mine & distance).sum()),
                                    trend=trend))
    return PeriodSummary(start=start, end=end, partners=tuple(counts))


def summary_sentences(summary: PeriodSummary, msg: Messages) -> list[str]:
    """Plain sentences; partner names stay plain text (the caller shows them as text)."""
    lines = [msg("summary.period", start=msg.date(summary.start), end=msg.date(summary.end),
                 count=summary.total)]
    for partner in summary.partners:
        lines.append(msg("summary.partner", name=partner.name, closeness=partner.closeness,
                         distance=partner.distance,
                         trend=msg(f"summary.trend_{partner.trend}")))
    return lines
