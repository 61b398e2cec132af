"""The phases of the open journal: marks from storage, plus Nabij's suggestion, cached."""

from __future__ import annotations

import streamlit as st

from components.journal_picker import DEMO, journal_data
from components.store import get_store
from nabij.phases.marks import PhaseMark, PhaseSpan, combine, marked_spans


@st.cache_data(show_spinner=False, max_entries=32)
def journal_phases(source: tuple, language: str) -> tuple[tuple[PhaseMark, ...],
                                                          tuple[PhaseSpan, ...],
                                                          tuple[tuple[PhaseSpan, str], ...]]:
    """Marks, the bands to draw, and the suggested spans no mark covers with their reasons.

    Keyed on the journal's revision (in `source`), which a mark or an event bumps.
    """
    journal, events = journal_data(source)
    marks: tuple[PhaseMark, ...] = ()
    if source[0] != DEMO:
        marks = tuple(get_store().list_phase_marks(journal.id))
    if events.empty:
        return marks, (), ()
    last_day = events["occurred_at"].iloc[-1].date()
    marked = marked_spans(marks, last_day)
    return marks, tuple(combine(marked, [])), ()
