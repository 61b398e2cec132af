"""The idle lock's rule on a clock moved by hand: locked only past the limit, never before."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nabij.security.idle import ManualClock, idle_expired, idle_seconds


def test_a_session_without_any_use_yet_is_not_idle():
    assert idle_seconds(None, 5_000.0) == 0.0
    assert not idle_expired(None, 5_000.0, 0.01)


def test_locked_just_past_the_limit_not_at_it():
    clock = ManualClock()
    last = clock()
    clock.advance(15 * 60)
    assert not idle_expired(last, clock(), 15)
    clock.advance(0.001)
    assert idle_expired(last, clock(), 15)


@given(idle=st.floats(min_value=0, max_value=1e7, allow_nan=False),
       minutes=st.floats(min_value=0.01, max_value=1e4, allow_nan=False))
def test_expired_exactly_when_the_idle_time_is_past_the_limit(idle, minutes):
    clock = ManualClock()
    last = clock()
    clock.advance(idle)
    assert idle_expired(last, clock(), minutes) == (clock() - last > minutes * 60)


def test_a_clock_that_went_back_counts_as_no_idle_time_and_a_manual_one_cannot():
    assert idle_seconds(2_000.0, 1_000.0) == 0.0
    with pytest.raises(ValueError):
        ManualClock().advance(-1)
