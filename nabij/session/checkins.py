"""Check-ins on the Inclusion of Other in the Self scale, over time and side by side.

Each partner picks which of seven pairs of circles fits how close they feel, from two circles
apart (1) to two circles that almost coincide (7) (Aron, Aron & Smollan, 1992). The scale is
a picture on purpose: it asks for a feeling, not a judgement.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd

from nabij.session.records import CheckIn


def check_ins_on(check_ins: Iterable[CheckIn], day: dt.date) -> dict[int, int]:
    """The scores given on one day, by partner slot (a partner who skipped is absent)."""
    return {item.partner: item.score for item in check_ins if item.day == day}


def check_in_series(check_ins: Iterable[CheckIn], start: dt.date | None = None,
                    end: dt.date | None = None) -> pd.DataFrame:
    """One row per day with a check-in: the score per partner (columns 0 and 1, NaN where a
    partner skipped) and `gap`, how far apart the two lay (NaN unless both checked in)."""
    rows = [item for item in check_ins
            if (start is None or item.day >= start) and (end is None or item.day <= end)]
    frame = pd.DataFrame({"day": [pd.Timestamp(item.day) for item in rows],
                          "partner": [item.partner for item in rows],
                          "score": [float(item.score) for item in rows]})
    table = (frame.pivot_table(index="day", columns="partner", values="score", aggfunc="last")
             if rows else pd.DataFrame(index=pd.DatetimeIndex([], name="day")))
    table = table.reindex(columns=[0, 1]).astype("float64")
    table.columns.name = None
    table["gap"] = (table[0] - table[1]).abs()
    return table.sort_index()


def latest_before(check_ins: Iterable[CheckIn], day: dt.date) -> dict[int, CheckIn]:
    """Each partner's most recent check-in before `day`, to compare with today's."""
    latest: dict[int, CheckIn] = {}
    for item in sorted(check_ins, key=lambda entry: entry.day):
        if item.day < day:
            latest[item.partner] = item
    return latest
