"""The page caches' keys: a record's fields as plain values, so equal records share an entry
and any change to a field makes a new one."""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from nabij.cache_keys import HASH_FUNCS, plain_fields
from nabij.cycle.view import CycleView
from nabij.journal_source import JournalSource
from nabij.phases.four_phases import Phase
from nabij.phases.marks import PhaseSpan

days = st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31))
spans = st.builds(PhaseSpan, days, days, st.sampled_from(list(Phase)), st.booleans())


def test_dates_become_day_numbers_and_the_rest_stays():
    view = CycleView(dt.date(2025, 3, 1), dt.date(2025, 3, 31), (0, 1), 14)
    assert plain_fields(view) == (dt.date(2025, 3, 1).toordinal(),
                                  dt.date(2025, 3, 31).toordinal(), (0, 1), 14)


@given(spans, spans)
def test_two_spans_share_a_key_exactly_when_they_are_equal(one, other):
    assert plain_fields(one) == plain_fields(dataclasses.replace(one))
    assert (plain_fields(one) == plain_fields(other)) == (one == other)


def test_every_record_a_page_cache_is_keyed_on_has_its_hash():
    assert HASH_FUNCS[PhaseSpan] is plain_fields and HASH_FUNCS[CycleView] is plain_fields
    assert HASH_FUNCS[JournalSource] is JournalSource.cache_key
