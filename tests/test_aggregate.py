"""Grouping crowded moments: the chart's point count stays bounded at any journal size."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nabij.cycle.aggregate import Level, aggregate, bucket_starts, choose_level


def synthetic_frame(count: int, days: int, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2020-01-01", tz="Europe/Amsterdam")
    offsets = np.sort(rng.integers(0, days * 86_400, count))
    kinds = rng.choice(["closeness", "distance"], count)
    intensity = rng.integers(1, 6, count)
    return pd.DataFrame({
        "id": np.arange(1, count + 1),
        "occurred_at": start + pd.to_timedelta(offsets, unit="s"),
        "partner": rng.integers(0, 2, count), "kind": kinds, "intensity": intensity,
        "signed_intensity": np.where(kinds == "closeness", intensity, -intensity),
        "body": "", "note": "", "context": "",
    })


def test_few_moments_stay_single_points():
    assert choose_level(synthetic_frame(500, 60)) is Level.EVENT


def test_crowded_journal_is_grouped_at_the_finest_level_that_fits():
    assert choose_level(synthetic_frame(20_000, 365)) is Level.DAY  # 1460 day buckets
    assert choose_level(synthetic_frame(20_000, 365 * 6), max_points=3000) is Level.WEEK
    assert choose_level(synthetic_frame(50_000, 365 * 30), max_points=3000) is Level.MONTH


def test_weeks_start_on_monday_in_local_time():
    times = pd.Series(pd.to_datetime(["2025-03-09T23:30", "2025-03-10T00:30"])
                      ).dt.tz_localize("Europe/Amsterdam")
    starts = bucket_starts(times, Level.WEEK)
    assert list(starts) == [pd.Timestamp("2025-03-03"), pd.Timestamp("2025-03-10")]


def test_aggregate_counts_and_means_per_partner_and_kind():
    frame = synthetic_frame(2000, 10)
    groups = aggregate(frame, Level.DAY)
    assert groups["count"].sum() == 2000
    first = groups.iloc[0]
    mask = ((bucket_starts(frame["occurred_at"], Level.DAY) == first["start"])
            & (frame["partner"] == first["partner"]) & (frame["kind"] == first["kind"]))
    assert first["count"] == mask.sum()
    assert first["mean_intensity"] == pytest.approx(frame.loc[mask, "intensity"].mean())
    assert set(np.sign(groups["signed_intensity"])) <= {-1, 1}


@settings(max_examples=25, deadline=None)
@given(count=st.integers(1, 30_000), days=st.integers(1, 4000), limit=st.integers(600, 4000))
def test_points_sent_never_exceed_the_bound_unless_monthly(count, days, limit):
    frame = synthetic_frame(count, days, seed=count)
    level = choose_level(frame, limit)
    points = len(frame) if level is Level.EVENT else len(aggregate(frame, level))
    assert points <= limit or level is Level.MONTH


def zoned_frame(count: int, days: int, zone: str, seed: int) -> pd.DataFrame:
    """synthetic_frame in another zone, in random row order: the fast path must not care."""
    frame = synthetic_frame(count, days, seed)
    frame["occurred_at"] = frame["occurred_at"].dt.tz_convert(zone)
    return frame.sample(frac=1, random_state=seed).reset_index(drop=True)


@settings(max_examples=30, deadline=None)
@given(count=st.integers(1, 3000), days=st.integers(1, 3000), seed=st.integers(0, 10_000),
       zone=st.sampled_from(["Europe/Amsterdam", "America/Santiago", "Asia/Kolkata", "UTC"]),
       level=st.sampled_from([Level.HOUR, Level.DAY, Level.WEEK, Level.MONTH]))
def test_counting_with_integer_buckets_equals_grouping_with_pandas(count, days, seed, zone,
                                                                   level):
    from nabij.cycle.aggregate import _aggregate_grouped, _bucket_count

    frame = zoned_frame(count, days, zone, seed)
    pd.testing.assert_frame_equal(aggregate(frame, level), _aggregate_grouped(frame, level))
    starts = bucket_starts(frame["occurred_at"], level)
    expected = len(pd.DataFrame({"start": starts, "partner": frame["partner"],
                                 "kind": frame["kind"]}).drop_duplicates())
    assert _bucket_count(frame, level) == expected


def test_frames_outside_the_model_are_still_grouped():
    frame = synthetic_frame(300, 5)
    frame.loc[frame.index[:10], "partner"] = 2
    groups = aggregate(frame, Level.DAY)
    assert 2 in set(groups["partner"]) and groups["count"].sum() == 300


@pytest.mark.parametrize(("count", "days"), [(500, 60), (20_000, 365), (20_000, 365 * 6)])
def test_grouped_points_is_choose_level_then_aggregate(count, days):
    from nabij.cycle.aggregate import grouped_points

    frame = synthetic_frame(count, days)
    level, buckets = grouped_points(frame, 3000)
    assert level is choose_level(frame, 3000)
    if level is Level.EVENT:
        assert buckets is None
    else:
        pd.testing.assert_frame_equal(buckets, aggregate(frame, level))
