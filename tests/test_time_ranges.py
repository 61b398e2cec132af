"""The Cycle page's periods: quick ranges end at the last moment, and a date range input's
value (two days, one while picking, or none) always gives a period."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from nabij.cycle.time_ranges import QUICK_RANGES, chosen_period, quick_range

FIRST, LAST = dt.date(2024, 1, 10), dt.date(2025, 3, 31)
days = st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31))


def test_a_date_range_input_always_gives_a_period():
    picked = (dt.date(2025, 3, 1), dt.date(2025, 3, 8))
    assert chosen_period(picked, FIRST, LAST) == picked
    assert chosen_period([dt.date(2025, 3, 1)], FIRST, LAST) == (dt.date(2025, 3, 1),) * 2
    assert chosen_period((), FIRST, LAST) == chosen_period(None, FIRST, LAST) == (FIRST, LAST)


def test_quick_ranges_end_at_the_last_moment_and_never_before_the_first():
    assert quick_range("all", FIRST, LAST) == (FIRST, LAST)
    assert quick_range("week", FIRST, LAST) == (dt.date(2025, 3, 25), LAST)
    assert quick_range("year", dt.date(2025, 1, 1), LAST) == (dt.date(2025, 1, 1), LAST)


@given(st.sampled_from(QUICK_RANGES), days, st.integers(0, 2000))
def test_every_quick_range_lies_inside_the_journal(code, first, length):
    last = first + dt.timedelta(days=length)
    start, end = quick_range(code, first, last)
    assert first <= start <= end == last
