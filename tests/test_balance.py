"""Rolling balance: intensity-weighted closeness against distance, per partner."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nabij.cycle.balance import balance_trend, daily_sums, rolling_balance
from nabij.frames import events_frame
from nabij.model import Event, Journal, Kind

JOURNAL = Journal(1, "Wij", ("Anna", "Bram"), "Europe/Amsterdam")


def moment(day: int, partner: int, kind: Kind, intensity: int, hour: int = 12) -> Event:
    return Event(occurred_at=dt.datetime(2025, 3, day, hour, tzinfo=JOURNAL.zone),
                 partner=partner, kind=kind, intensity=intensity, id=day * 100 + hour)


def test_daily_sums_use_local_days():
    # 23:30 in Amsterdam on 3 March is 22:30 UTC: still 3 March locally.
    frame = events_frame([moment(3, 0, Kind.CLOSENESS, 4, hour=23),
                          moment(3, 0, Kind.DISTANCE, 2, hour=9)], JOURNAL)
    [row] = daily_sums(frame).to_dict("records")
    assert row["day"] == pd.Timestamp(2025, 3, 3)
    assert (row["closeness"], row["distance"], row["count"]) == (4, 2, 2)


def test_balance_is_weighted_and_windowed():
    frame = events_frame([moment(1, 0, Kind.CLOSENESS, 3), moment(2, 0, Kind.DISTANCE, 1),
                          moment(10, 0, Kind.DISTANCE, 5)], JOURNAL)
    balance = rolling_balance(frame, window_days=7, min_moments=1)[0]
    assert balance[pd.Timestamp(2025, 3, 1)] == 1.0
    assert balance[pd.Timestamp(2025, 3, 2)] == pytest.approx((3 - 1) / 4)
    assert balance[pd.Timestamp(2025, 3, 7)] == pytest.approx(0.5)  # still in the window
    assert np.isnan(balance[pd.Timestamp(2025, 3, 9)])  # nothing in the last 7 days
    assert balance[pd.Timestamp(2025, 3, 10)] == -1.0


def test_partners_are_kept_apart_and_silence_is_not_balance():
    frame = events_frame([moment(1, 0, Kind.CLOSENESS, 3), moment(1, 1, Kind.DISTANCE, 3)],
                         JOURNAL)
    balance = rolling_balance(frame, window_days=7, min_moments=1)
    assert list(balance.loc[pd.Timestamp(2025, 3, 1)]) == [1.0, -1.0]


def test_one_partner_only_leaves_the_other_empty():
    frame = events_frame([moment(1, 1, Kind.CLOSENESS, 3)], JOURNAL)
    balance = rolling_balance(frame, 14, min_moments=1)
    assert balance[0].isna().all() and balance[1].iloc[0] == 1.0


def test_empty_journal_has_no_balance():
    assert rolling_balance(events_frame([], JOURNAL)).empty


def test_bad_window_is_refused():
    with pytest.raises(ValueError):
        rolling_balance(events_frame([], JOURNAL), 0)


def test_trend_compares_the_last_window_with_the_one_before():
    days = pd.date_range("2025-03-01", periods=28, freq="D")
    falling = pd.Series([1.0] * 14 + [-0.5] * 14, index=days)
    assert balance_trend(falling, 14) == "falling"
    assert balance_trend(-falling, 14) == "rising"
    assert balance_trend(pd.Series([0.2] * 28, index=days), 14) == "steady"
    assert balance_trend(pd.Series([0.2] * 5, index=days[:5]), 14) == "new"
    assert balance_trend(pd.Series([0.2], index=days[:1]), 14) == "unknown"
    assert balance_trend(pd.Series([np.nan] * 28, index=days), 14) == "unknown"


def test_a_window_with_too_few_moments_has_no_balance():
    frame = events_frame([moment(1, 0, Kind.DISTANCE, 2), moment(3, 0, Kind.CLOSENESS, 4),
                          moment(5, 0, Kind.CLOSENESS, 4)], JOURNAL)
    balance = rolling_balance(frame, window_days=7, min_moments=3)[0]
    assert balance[:pd.Timestamp(2025, 3, 4)].isna().all()
    assert balance[pd.Timestamp(2025, 3, 5)] == pytest.approx((8 - 2) / 10)
    with pytest.raises(ValueError):
        rolling_balance(frame, 7, min_moments=0)


@settings(max_examples=30, deadline=None)
@given(count=st.integers(1, 2000), days=st.integers(1, 400), seed=st.integers(0, 10_000),
       window=st.sampled_from([1, 7, 14, 30]),
       partners=st.sampled_from([(0, 1), (0,), (1,)]))
def test_sums_by_day_number_equal_grouping_and_rolling_with_pandas(count, days, seed, window,
                                                                   partners):
    from nabij.cycle.balance import _grouped_daily_sums, _grouped_rolling_balance

    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2025-03-20", tz="Europe/Amsterdam")  # spans a change of the clocks
    kinds = rng.choice(["closeness", "distance"], count)
    frame = pd.DataFrame({
        "occurred_at": start + pd.to_timedelta(rng.integers(0, days * 86_400, count), unit="s"),
        "partner": rng.choice([0, 1] if seed % 3 else [1], count),
        "kind": kinds, "intensity": rng.integers(1, 6, count)})
    pd.testing.assert_frame_equal(daily_sums(frame), _grouped_daily_sums(frame))
    pd.testing.assert_frame_equal(rolling_balance(frame, window, partners),
                                  _grouped_rolling_balance(frame, window, partners))
