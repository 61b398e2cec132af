"""events_in_range: the moments of some partners on some local days, without copying them."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from nabij.frames import events_frame, events_in_range
from nabij.model import Event, Journal, Kind


def masked(frame: pd.DataFrame, start, end, partners=(0, 1)) -> pd.DataFrame:
    """The plain way: a mask on every row's local day."""
    day = frame["occurred_at"].dt.tz_localize(None).dt.normalize()
    keep = frame["partner"].isin(list(partners))
    if start is not None:
        keep &= day >= pd.Timestamp(start)
    if end is not None:
        keep &= day <= pd.Timestamp(end)
    return frame[keep]


def journal_frame(zone: str, count: int = 600, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    start = dt.datetime(2025, 3, 1, tzinfo=dt.UTC)  # spans the spring change of the clocks
    events = [Event(start + dt.timedelta(minutes=int(minute)), int(partner), Kind.CLOSENESS, 3,
                    id=index + 1)
              for index, (minute, partner) in enumerate(zip(
                  np.sort(rng.integers(0, 90 * 1440, count)), rng.integers(0, 2, count),
                  strict=True))]
    return events_frame(events, Journal(1, "Wij", ("Anna", "Bram"), zone))


@pytest.mark.parametrize("zone", ["Europe/Amsterdam", "America/Santiago", "Pacific/Auckland"])
@pytest.mark.parametrize("shuffled", [False, True])
def test_the_same_rows_as_a_mask_on_local_days(zone, shuffled):
    frame = journal_frame(zone)
    if shuffled:
        frame = frame.sample(frac=1, random_state=1)
    first = frame["occurred_at"].min().date()
    for start in (None, first, first + dt.timedelta(days=30), first + dt.timedelta(days=95)):
        for end in (None, first + dt.timedelta(days=29), first - dt.timedelta(days=1)):
            for partners in ((0, 1), (0,), (1,), ()):
                pd.testing.assert_frame_equal(events_in_range(frame, start, end, partners),
                                              masked(frame, start, end, partners))


def test_changing_the_result_leaves_the_shared_frame_alone():
    frame = journal_frame("Europe/Amsterdam")
    period = events_in_range(frame, None, None)
    period.loc[period.index[0], "intensity"] = 5
    period["extra"] = 1
    assert frame["intensity"].iloc[0] == 3 and "extra" not in frame.columns


def test_the_frame_leaves_the_table_it_is_built_from_alone():
    """frame_from_table shares the table's columns (no copy of every row), so a snapshot's
    rows must come through building a frame, and changing the frame, unchanged."""
    from nabij.frames import frame_from_table

    journal = Journal(1, "Wij", ("Anna", "Bram"), "Europe/Amsterdam")
    table = pd.DataFrame({
        "id": [1, 2], "occurred_at": pd.to_datetime(["2025-03-01 10:00", "2025-03-02 11:00"],
                                                    utc=True),
        "partner": [0, 1], "kind": ["closeness", "distance"], "intensity": [3, 4],
        "body": ["", "calm"], "note": ["a", "b"], "context": ["", ""],
        "visibility": ["partner", "partner"]})
    before = table.copy()
    frame = frame_from_table(table, journal)
    frame.loc[0, "intensity"] = 5
    frame.loc[1, "note"] = "changed"
    pd.testing.assert_frame_equal(table, before)
    assert list(frame["signed_intensity"]) == [3, -4]
    assert str(frame["occurred_at"].dt.tz) == "Europe/Amsterdam"
