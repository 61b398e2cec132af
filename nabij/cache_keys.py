"""How the page caches hash the records they are keyed on.

Streamlit hashes a dataclass through `asdict` and a date through a slow generic path: the
phase bands alone (dozens, two dates each) took several milliseconds per rerun, in every
cache keyed on them. A `JournalSource` carries its events and its key, which must not be
hashed at all: it names its data by `cache_key()`. Pass HASH_FUNCS to every cache keyed on
these.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from nabij.cycle.view import CycleView
from nabij.journal_source import JournalSource
from nabij.phases.marks import PhaseSpan


def plain_fields(record: Any) -> tuple:
    """A dataclass's fields as plain values, dates as day numbers."""
    values = (getattr(record, field.name) for field in dataclasses.fields(record))
    return tuple(value.toordinal() if isinstance(value, dt.date) else value for value in values)


HASH_FUNCS = {PhaseSpan: plain_fields, CycleView: plain_fields,
              JournalSource: JournalSource.cache_key}
