"""The periods a person picks on the Cycle page: quick ranges ending at the last moment."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

QUICK_RANGES = ("week", "month", "3months", "year", "all")
_LENGTH_DAYS = {"week": 7, "month": 31, "3months": 92, "year": 366}


def quick_range(code: str, first_day: dt.date, last_day: dt.date) -> tuple[dt.date, dt.date]:
    """The days a quick range covers, ending at the journal's last day (inclusive bounds).

    It ends at the last moment rather than today, so an old journal still shows its data.
    """
    if code == "all":
        return first_day, last_day
    start = last_day - dt.timedelta(days=_LENGTH_DAYS[code] - 1)
    return max(start, first_day), last_day


def chosen_period(chosen: Sequence[dt.date] | None, first_day: dt.date,
                  last_day: dt.date) -> tuple[dt.date, dt.date]:
    """The period a date range input holds: its two days; while a range is being picked,
    the one day picked so far; empty, the whole journal."""
    if not chosen:
        return first_day, last_day
    return chosen[0], chosen[1] if len(chosen) > 1 else chosen[0]
