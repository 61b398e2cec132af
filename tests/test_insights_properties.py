"""Property test: on any small journal the insights never crash, and their counts add up."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nabij.frames import events_frame
from nabij.i18n import Messages
from nabij.insights import MIN_PER_GROUP, analyse_journal
from nabij.insights.context import STANDOUT_LIFT
from nabij.insights.highlight import highlight_sentence, strongest
from nabij.insights.insight_figures import (
    body_figure,
    context_figure,
    repair_figure,
    timing_figure,
    weekly_figure,
)
from nabij.insights.reflection import reflection_sentences
from nabij.model import BodySignal, Event, Journal, Kind
from nabij.phases.four_phases import PHASE_ORDER
from nabij.phases.marks import PhaseMark, marked_spans

JOURNAL = Journal(1, "Wij", ("Anna", "Bram"), "Europe/Amsterdam")
START = dt.datetime(2025, 3, 1, tzinfo=dt.UTC)
CONTEXTS = ["", "", "werk", "Werk;familie", " ; ;", "<b>x</b>,werk", "thuis ; thuis", "a,b,c"]

events = st.lists(st.builds(
    Event,
    occurred_at=st.integers(0, 80 * 24 * 60).map(lambda minutes: START
                                                  + dt.timedelta(minutes=minutes)),
    partner=st.sampled_from([0, 1]), kind=st.sampled_from(list(Kind)),
    intensity=st.integers(1, 5), body=st.sampled_from([None, *BodySignal]),
    context=st.sampled_from(CONTEXTS), note=st.just("")), max_size=60)
marks = st.lists(st.builds(PhaseMark, start=st.dates(dt.date(2025, 2, 20), dt.date(2025, 5, 30)),
                           phase=st.sampled_from(PHASE_ORDER)), max_size=4)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events=events, marks=marks)
def test_insights_never_crash_and_counts_add_up(events, marks):
    frame = events_frame([event.with_id(index) for index, event in enumerate(events, 1)],
                         JOURNAL)
    bands = tuple(marked_spans(marks, dt.date(2025, 5, 31)))
    insights = analyse_journal(frame, bands)
    total = len(events)
    distance = sum(event.kind is Kind.DISTANCE for event in events)

    repair = insights.repair
    assert repair.basis.count == distance
    for stat in (repair.same, repair.other):
        assert stat.repaired + stat.open == distance
        assert stat.median_hours is None or stat.median_hours > 0
    assert sum(group.distance for group in repair.by_phase) + repair.without_phase == distance
    assert sum(group.distance for group in repair.by_month) == distance
    for group in (*repair.by_phase, *repair.by_month):
        assert group.same.moments == group.distance == group.other.moments

    weekly = insights.weekly
    assert (weekly.closeness, weekly.distance) == (total - distance, distance)
    assert sum(week.total for week in weekly.weeks) == total
    assert all(week.start.weekday() == 0 for week in weekly.weeks)

    body = insights.body
    assert sum(row.moments for row in body.rows) == total
    assert body.basis.count == sum(event.body is not None for event in events)

    timing = insights.timing
    assert sum(map(sum, timing.distance)) == distance
    assert sum(map(sum, timing.moments)) == total
    if timing.peak is not None:
        assert timing.enough and timing.peak.distance <= distance

    context = insights.context
    assert context.tagged_distance <= context.tagged <= total
    assert all(row.distance <= row.moments <= context.tagged for row in context.rows)
    assert all(row.moments >= MIN_PER_GROUP and context.lift(row) >= STANDOUT_LIFT
               for row in context.standouts)

    reflection = insights.reflection
    if total == 0:
        assert reflection is None
    else:
        assert 1 <= reflection.total <= total
        assert sum(week.closeness + week.distance for week in reflection.partners) == \
            reflection.total

    for language in ("nl", "en"):
        msg = Messages(language)
        for figure in (repair_figure(repair, msg), repair_figure(repair, msg, by="month"),
                       weekly_figure(weekly, msg), body_figure(body, JOURNAL.partners, msg),
                       timing_figure(timing, msg), context_figure(context, msg)):
            assert figure is None or len(figure.data) >= 1
        if reflection is not None:
            assert all(reflection_sentences(reflection, JOURNAL.partners, msg))
        highlight = strongest(insights)
        if highlight is not None:
            assert highlight_sentence(highlight, insights, msg)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events=events)
def test_body_and_weekly_counts_equal_counting_by_hand(events):
    """The bincount versions count exactly what a plain loop over the moments counts."""
    from collections import Counter

    frame = events_frame([event.with_id(index) for index, event in enumerate(events, 1)],
                         JOURNAL)
    insights = analyse_journal(frame, ())
    by_hand = Counter((event.partner, str(event.kind), str(event.body) if event.body else "")
                      for event in events)
    for row in insights.body.rows:
        assert (row.calm, row.alarm, row.shutdown, row.unnamed) == tuple(
            by_hand[(row.partner, row.kind, state)] for state in ("calm", "alarm", "shutdown", ""))
    weeks = Counter()
    for event in events:
        day = event.occurred_at.astimezone(JOURNAL.zone).date()
        weeks[(day - dt.timedelta(days=day.weekday()), str(event.kind))] += 1
    shown = {week.start: week for week in insights.weekly.weeks}
    for (monday, kind), count in weeks.items():
        week = shown[monday]
        assert (week.closeness if kind == "closeness" else week.distance) == count
    assert sum(week.closeness + week.distance for week in shown.values()) == len(events)
    if shown:
        starts = sorted(shown)
        assert all((b - a).days == 7 for a, b in itertools.pairwise(starts))
