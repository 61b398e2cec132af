"""Unknown is an answer: the days a suggestion claims, and the ones it leaves unknown."""

from __future__ import annotations

import datetime as dt

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from nabij.frames import events_frame
from nabij.i18n import Messages
from nabij.phases import claims
from nabij.phases.explain import describe_reason
from nabij.phases.features import daily_counts
from nabij.phases.scoring import accepted_phases
from nabij.phases.suggest import suggest_phases
from nabij.phases.synthetic import generate_journal
from tests.test_phases_engine import JOURNAL, B, C, M, build

DAY = dt.timedelta(days=1)


def test_a_long_silence_is_unknown_apart_from_its_edges():
    # 30 days of beginning, 40 silent days, then a crisis: the silence has no phase.
    events, _ = build([(B, 30), (M, 40), (C, 30)], skip=frozenset(range(30, 70)))
    suggestion = suggest_phases(events_frame(events, JOURNAL))
    last_before = dt.date(2025, 3, 3) + 29 * DAY
    first_after = last_before + 41 * DAY
    gaps = [gap for gap in suggestion.unknown if gap.start <= last_before + 20 * DAY <= gap.end]
    assert len(gaps) == 1
    gap = gaps[0]
    # Only the days within reach of a moment may be claimed.
    assert gap.start <= last_before + (claims.REACH_DAYS + 1) * DAY
    assert gap.end >= first_after - (claims.REACH_DAYS + 1) * DAY
    assert gap.reason.key == "phase_reason.unknown_silence"
    assert gap.reason.params["days"] == gap.day_count
    for span in suggestion.spans:
        assert span.end < gap.start or span.start > gap.end
    text = describe_reason(gap.reason, Messages("en"))
    assert f"{gap.day_count} days" in text and "suggests no phase" in text
    assert describe_reason(gap.reason, Messages("nl")).startswith(f"In deze {gap.day_count} dagen")


def test_a_lone_moment_or_two_after_a_silence_is_too_thin_to_claim():
    events, _ = build([(B, 30)])
    late, _ = build([(C, 1)], start=dt.date(2025, 5, 1))
    suggestion = suggest_phases(events_frame(events + late[:2], JOURNAL))
    last = suggestion.days[-1]
    assert last.day == dt.date(2025, 5, 1) and last.phase is None and last.confidence is None
    edge = suggestion.unknown[-1]
    assert edge.end == last.day and edge.reason.key == "phase_reason.unknown_unsure"
    assert edge.reason.params["moments"] == 2
    assert suggestion.spans[-1].phase is B


def test_a_day_the_model_is_unsure_of_is_not_claimed():
    events, _ = build([(B, 20)])
    counts = daily_counts(events_frame(events, JOURNAL))
    confidence = np.full(counts.day_count, 0.99)
    confidence[7] = claims.CLAIM_CONFIDENCE - 0.01
    sure = claims.claimed(counts, confidence)
    assert not sure[7] and sure[:7].all() and sure[8:].all()


def test_suggested_spans_say_what_they_rest_on():
    events, _ = build([(B, 30), (M, 30)], skip=frozenset(range(0, 30, 2)))
    suggestion = suggest_phases(events_frame(events, JOURNAL))
    span = suggestion.spans[0]
    params = span.reason.params
    assert params["basis_days"] == span.day_count
    assert 0 < params["basis_moment_days"] < span.day_count
    text = describe_reason(span.reason, Messages("en"))
    assert text.endswith(f"This rests on {params['basis_moments']} moments, logged on "
                         f"{params['basis_moment_days']} of these {span.day_count} days.")
    assert "berust op" in describe_reason(span.reason, Messages("nl"))


@given(st.lists(st.integers(0, 3), min_size=1, max_size=60))
def test_days_to_the_nearest_moment_match_a_direct_count(per_day):
    values = np.array(per_day)
    found = claims.days_to_nearest_moment(values)
    with_moments = [t for t, count in enumerate(per_day) if count]
    for t in range(len(per_day)):
        if with_moments:
            assert found[t] == min(abs(t - other) for other in with_moments)
        else:
            assert found[t] > len(per_day)
    near = claims.moments_near(values, 2)
    assert near.tolist() == [sum(per_day[max(0, t - 2):t + 3]) for t in range(len(per_day))]


def test_today_is_stale_when_the_last_moment_is_old():
    last = dt.date(2026, 11, 1)
    assert not claims.reading_today(last, last + claims.STALE_AFTER_DAYS * DAY).stale
    old = claims.reading_today(last, last + (claims.STALE_AFTER_DAYS + 1) * DAY)
    assert old.stale and old.days_since == claims.STALE_AFTER_DAYS + 1
    assert claims.reading_today(last, last - DAY).days_since == 0  # a clock behind the moment


def test_a_view_speaks_of_today_only_from_a_recent_last_moment():
    zone = dt.timezone(dt.timedelta(hours=2))
    last = dt.datetime(2026, 11, 1, 23, 30, tzinfo=zone)
    fresh = last + claims.STALE_AFTER_DAYS * DAY
    assert claims.stale_reading(last, last.date(), fresh) is None
    # Counted in the journal's zone: 22:00 UTC is already the next day there.
    next_day_there = dt.datetime(2026, 11, 1 + claims.STALE_AFTER_DAYS, 22, 0, tzinfo=dt.UTC)
    old = claims.stale_reading(last, last.date(), next_day_there)
    assert old is not None and old.days_since == claims.STALE_AFTER_DAYS + 1
    assert old.last_moment == last.date()
    # A view that ends before the last moment, or a journal of the past: no today in it.
    assert claims.stale_reading(last, last.date() - DAY, next_day_there) is None
    assert claims.stale_reading(None, last.date(), next_day_there) is None


# Calibration: seeds none of the settings were tuned on (tuning used 1000 and up), from the
# three ways of logging the benchmark reports.
CALIBRATION_SETS = ({"rate_range": (1.0, 3.0), "gaps": False},
                    {"rate_range": (0.1, 0.5)},
                    {"silence_days": (5, 20), "silence_every": 25})


def test_days_marked_confident_are_right_at_least_95_percent_of_the_time():
    """Per way of logging, not pooled: claiming every day would still pass pooled (daily
    journals are right on nearly every day), but not on sparse journals (about 0.90)."""
    for options in CALIBRATION_SETS:
        claimed = right = days = 0
        for seed in range(500, 515):
            journal = generate_journal(seed, **options)
            accepted = accepted_phases(journal.truth)
            suggestion = suggest_phases(events_frame(journal.events, journal.journal))
            for day in suggestion.days:
                if day.day in accepted:
                    days += 1
                    if day.phase is not None:
                        claimed += 1
                        right += day.phase in accepted[day.day]
        assert right / claimed >= 0.95, (options, right / claimed)
        assert claimed / days >= 0.6, (options, claimed / days)  # not right by saying nothing
