"""The cyclic order helpers and the scoring rule, with its tolerance around true changes."""

from __future__ import annotations

import datetime as dt

import pytest

from nabij.phases.four_phases import (
    PHASE_ORDER,
    Phase,
    follows_cycle,
    next_phase,
    previous_phase,
    steps_forward,
)
from nabij.phases.scoring import accepted_phases, day_accuracy

B, M, C, T = Phase.BEGIN, Phase.MIDDLE, Phase.CRISIS, Phase.TURNING_POINT
DAY0 = dt.date(2025, 1, 1)


def days(*runs: tuple[Phase, int]) -> dict[dt.date, Phase]:
    result, day = {}, DAY0
    for phase, length in runs:
        for _ in range(length):
            result[day] = phase
            day += dt.timedelta(days=1)
    return result


def test_cycle_order_wraps_around():
    assert [str(p) for p in PHASE_ORDER] == ["begin", "middle", "crisis", "turning_point"]
    assert next_phase(T) is B and previous_phase(B) is T and next_phase(M) is C
    assert steps_forward(C, B) == 2 and steps_forward(B, B) == 0
    assert follows_cycle([C, C, T, B, M]) and not follows_cycle([B, C]) \
        and not follows_cycle([M, B])


def test_perfect_suggestion_scores_one():
    truth = days((B, 10), (M, 10))
    assert day_accuracy(truth, truth) == 1.0


def test_days_within_three_days_of_a_change_accept_either_neighbour():
    truth = days((B, 10), (M, 10))  # the change lies between day 9 and day 10
    all_begin = {day: B for day in truth}
    # Right: the 10 begin days and the first 3 middle days, 10..12.
    assert day_accuracy(truth, all_begin) == pytest.approx(13 / 20)
    all_middle = {day: M for day in truth}
    # Right: begin days 7..9 and the 10 middle days.
    assert day_accuracy(truth, all_middle) == pytest.approx(13 / 20)
    assert day_accuracy(truth, all_begin, tolerance=0) == pytest.approx(10 / 20)


def test_tolerance_does_not_accept_an_unrelated_phase():
    truth = days((B, 10), (M, 10))
    near_change = dict(truth)
    near_change[DAY0 + dt.timedelta(days=10)] = C
    assert day_accuracy(truth, near_change) == pytest.approx(19 / 20)
    accepted = accepted_phases(truth)
    assert accepted[DAY0 + dt.timedelta(days=6)] == {B}
    assert accepted[DAY0 + dt.timedelta(days=7)] == {B, M}
    assert accepted[DAY0 + dt.timedelta(days=12)] == {B, M}
    assert accepted[DAY0 + dt.timedelta(days=13)] == {M}


def test_only_common_days_are_judged():
    truth = days((B, 10))
    later = {DAY0 + dt.timedelta(days=5 + i): B for i in range(20)}
    assert day_accuracy(truth, later) == 1.0
    with pytest.raises(ValueError):
        day_accuracy(truth, {DAY0 - dt.timedelta(days=1): B})
