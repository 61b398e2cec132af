"""The periods a person picks on the Cycle page: quick ranges ending at the last moment."""

from __future__ import annotations

import datetime as dt

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
