"""The phase suggestion engine on journals with a known answer, and its invariants."""

from __future__ import annotations

import datetime as dt
import itertools

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nabij.demo import demo_journal
from nabij.frames import events_frame
from nabij.model import BodySignal, Event, Journal, Kind
from nabij.phases.explain import UNKNOWN_KEYS
from nabij.phases.four_phases import Phase, follows_cycle, steps_forward
from nabij.phases.scoring import day_accuracy
from nabij.phases.suggest import METHODS, suggest_phases
from nabij.phases.synthetic import generate_journal

B, M, C, T = Phase.BEGIN, Phase.MIDDLE, Phase.CRISIS, Phase.TURNING_POINT
JOURNAL = Journal(id=None, name="Test", partners=("Anna", "Bram"), timezone="Europe/Amsterdam")
START = dt.date(2025, 3, 3)
CLOSE, FAR = Kind.CLOSENESS, Kind.DISTANCE

# What each partner logs on one day of a phase: (partner, kind, intensity, body), and on every
# third day one moment more.
PLANS = {
    B: ([(0, CLOSE, 4, "calm"), (1, CLOSE, 5, "calm")], [(1, FAR, 2, None)]),
    M: ([(0, CLOSE, 3, None), (1, FAR, 3, "alarm")], [(0, FAR, 3, None)]),
    C: ([(0, CLOSE, 3, "alarm"), (0, FAR, 4, "alarm"), (1, FAR, 5, "shutdown")],
        [(1, FAR, 4, "shutdown")]),
    T: ([(0, CLOSE, 3, "calm"), (1, CLOSE, 3, None)], [(1, FAR, 2, None)]),
}


def build(runs: list[tuple[Phase, int]], start: dt.date = START,
          skip: frozenset[int] = frozenset()) -> tuple[list[Event], dict[dt.date, Phase]]:
    """Events following PLANS for the given phases and lengths, and the true phase per day."""
    events, truth, index = [], {}, 0
    for phase, length in runs:
        daily, extra = PLANS[phase]
        for offset in range(length):
            day = start + dt.timedelta(days=index)
            truth[day] = phase
            moments = daily + (extra if offset % 3 == 2 else [])
            if index not in skip:
                for minute, (partner, kind, intensity, body) in enumerate(moments):
                    when = dt.datetime.combine(day, dt.time(20, minute), tzinfo=JOURNAL.zone)
                    events.append(Event(occurred_at=when.astimezone(dt.UTC), partner=partner,
                                        kind=kind, intensity=intensity,
                                        body=BodySignal(body) if body else None))
            index += 1
    return events, truth


def phases_of(suggestion) -> list[Phase]:
    return [span.phase for span in suggestion.spans]


def claimed_of(suggestion) -> dict[dt.date, Phase]:
    """The days the suggestion names a phase for (not the unknown ones)."""
    return {day.day: day.phase for day in suggestion.days if day.phase is not None}


@pytest.mark.parametrize("method", METHODS)
def test_a_full_cycle_comes_out_in_order(method):
    events, truth = build([(B, 30), (M, 30), (C, 30), (T, 30)])
    suggestion = suggest_phases(events_frame(events, JOURNAL), method=method)
    assert phases_of(suggestion) == [B, M, C, T]
    assert day_accuracy(truth, claimed_of(suggestion)) >= 0.95


@pytest.mark.parametrize("method", METHODS)
def test_a_journal_may_start_in_a_crisis(method):
    events, truth = build([(C, 25), (T, 25), (B, 25)])
    suggestion = suggest_phases(events_frame(events, JOURNAL), method=method)
    assert phases_of(suggestion) == [C, T, B]
    assert day_accuracy(truth, claimed_of(suggestion)) >= 0.9


def test_weeks_without_moments_are_covered_and_do_not_break_a_phase():
    silent = frozenset(range(40, 54))  # two weeks in the middle phase without any moment
    events, truth = build([(B, 30), (M, 40), (C, 30)], skip=silent)
    suggestion = suggest_phases(events_frame(events, JOURNAL))
    assert len(suggestion.days) == 100
    # The silence may leave days unknown, splitting the middle in two; it never brings in
    # another phase.
    phases = phases_of(suggestion)
    assert [phase for index, phase in enumerate(phases)
            if index == 0 or phase != phases[index - 1]] == [B, M, C]
    assert {suggestion.days[index].phase for index in silent} <= {M, None}
    assert day_accuracy(truth, claimed_of(suggestion)) >= 0.9


def test_days_are_local_days_of_the_journal_zone():
    late = Event(occurred_at=dt.datetime(2025, 3, 1, 23, 30, tzinfo=dt.UTC), partner=0,
                 kind=CLOSE, intensity=3)
    suggestion = suggest_phases(events_frame([late], JOURNAL))
    assert [day.day for day in suggestion.days] == [dt.date(2025, 3, 2)]  # 00:30 in Amsterdam
    # One moment cannot carry a phase: the one day is there, and unknown.
    assert suggestion.spans == () and len(suggestion.unknown) == 1
    assert suggestion.unknown[0].start == suggestion.unknown[0].end == dt.date(2025, 3, 2)
    assert suggestion.phase_on(dt.date(2025, 3, 2)) == suggestion.days[0]
    assert suggestion.phase_on(dt.date(2025, 3, 3)) is None


def test_empty_journal_gives_an_empty_suggestion():
    suggestion = suggest_phases(events_frame([], JOURNAL))
    assert suggestion.days == () and suggestion.spans == ()
    assert list(suggestion.to_frame().columns) == ["date", "phase", "confidence"]


def test_bad_input_is_refused():
    events, _ = build([(B, 3)])
    frame = events_frame(events, JOURNAL)
    with pytest.raises(ValueError, match="method"):
        suggest_phases(frame, method="tarot")
    with pytest.raises(ValueError, match="kind"):
        suggest_phases(frame.drop(columns="kind"))


def test_to_frame_has_one_row_per_day():
    events, _ = build([(B, 10), (M, 10)])
    table = suggest_phases(events_frame(events, JOURNAL)).to_frame()
    assert len(table) == 20 and table["date"].iloc[0] == START
    assert set(table["phase"]) <= {"begin", "middle", "crisis", "turning_point"}


def test_the_demo_journal_walks_through_its_four_phases():
    demo = demo_journal("en")
    suggestion = suggest_phases(events_frame(demo.events, demo.journal))
    spans = suggestion.spans
    assert phases_of(suggestion)[:4] == [B, M, C, T]
    intended = {M: dt.date(2025, 3, 10), C: dt.date(2025, 4, 14), T: dt.date(2025, 5, 19)}
    for span in spans[1:4]:
        assert abs((span.start - intended[span.phase]).days) <= 3
    assert spans[3].day_count >= 14  # the turning point is not a blip


def test_synthetic_journals_are_mostly_right():
    """A small sample of the benchmark, as a guard against a broken engine (not a benchmark)."""
    scores = []
    for seed in range(6):
        journal = generate_journal(seed)
        suggestion = suggest_phases(events_frame(journal.events, journal.journal))
        scores.append(day_accuracy(journal.truth, claimed_of(suggestion)))
    assert sum(scores) / len(scores) >= 0.85


# Property tests: whatever the moments, the answer has the same shape.

moment = st.tuples(
    st.integers(0, 75),                       # day
    st.integers(0, 23),                       # hour (UTC)
    st.integers(0, 1),                        # partner
    st.sampled_from([CLOSE, FAR]),
    st.integers(1, 5),
    st.sampled_from([None, *BodySignal]),
)


def as_frame(moments) -> pd.DataFrame:
    base = dt.datetime(2025, 1, 6, tzinfo=dt.UTC)
    events = [Event(occurred_at=base + dt.timedelta(days=day, hours=hour), partner=partner,
                    kind=kind, intensity=intensity, body=body, id=index)
              for index, (day, hour, partner, kind, intensity, body) in enumerate(moments)]
    return events_frame(events, JOURNAL)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(moments=st.lists(moment, min_size=1, max_size=60), method=st.sampled_from(METHODS),
       data=st.data())
def test_every_day_covered_along_the_cycle_whatever_the_row_order(moments, method, data):
    frame = as_frame(moments)
    suggestion = suggest_phases(frame, method=method)

    local_days = frame["occurred_at"].dt.date
    first, last = local_days.min(), local_days.max()
    days = [day.day for day in suggestion.days]
    assert days == [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    assert all((day.phase is None) == (day.confidence is None) for day in suggestion.days)
    assert all(0.0 <= day.confidence <= 1.0 for day in suggestion.days if day.claimed)
    assert follows_cycle([day.phase for day in suggestion.days if day.claimed])

    # Suggested and unknown spans together cover every day once, in order.
    pieces = sorted([*suggestion.spans, *suggestion.unknown], key=lambda piece: piece.start)
    assert pieces[0].start == first and pieces[-1].end == last
    for before, after in itertools.pairwise(pieces):
        assert after.start == before.end + dt.timedelta(days=1)
    for before, after in itertools.pairwise(suggestion.spans):
        if after.start == before.end + dt.timedelta(days=1):
            assert steps_forward(before.phase, after.phase) == 1
    for span in suggestion.spans:
        assert all(suggestion.phase_on(span.start + dt.timedelta(days=i)).phase == span.phase
                   for i in range(span.day_count))
    for gap in suggestion.unknown:
        assert suggestion.phase_on(gap.start).phase is None
        assert gap.reason.key in UNKNOWN_KEYS
    assert all(0.0 <= span.confidence <= 1.0 and span.reason.key.startswith("phase_reason.")
               for span in suggestion.spans)

    order = data.draw(st.permutations(range(len(frame))), label="row order")
    shuffled = suggest_phases(frame.iloc[list(order)], method=method)
    assert shuffled == suggestion
