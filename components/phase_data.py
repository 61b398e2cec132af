"""The phases of the open journal: marks from storage, plus Nabij's suggestion, cached."""

from __future__ import annotations

import streamlit as st

from components.journal_picker import DEMO, journal_data
from components.store import get_store
from nabij.i18n import Messages
from nabij.phases.explain import describe_reason
from nabij.phases.marks import PhaseMark, PhaseSpan, combine, marked_spans
from nabij.phases.suggest import suggest_phases


@st.cache_data(show_spinner=False, max_entries=32)
def journal_phases(source: tuple, language: str) -> tuple[tuple[PhaseMark, ...],
                                                          tuple[PhaseSpan, ...],
                                                          tuple[tuple[PhaseSpan, str], ...]]:
    """Marks, the bands to draw, and the suggested spans no mark covers with their reasons.

    Keyed on the journal's revision (inside `source`), which every mark and moment bumps:
    the suggestion is computed once per change, not once per rerun.
    """
    journal, events = journal_data(source)
    marks: tuple[PhaseMark, ...] = ()
    if source[0] != DEMO:
        marks = tuple(get_store().list_phase_marks(journal.id))
    if events.empty:
        return marks, (), ()
    last_day = events["occurred_at"].iloc[-1].date()
    marked = marked_spans(marks, last_day)
    msg = Messages(language)
    open_suggestions = []
    for span in suggest_phases(events).spans:
        # The parts of this suggested span that no mark covers keep the span's reason.
        pieces = combine(marked, [PhaseSpan(span.start, span.end, span.phase, suggested=True)])
        reason = describe_reason(span.reason, msg)
        open_suggestions.extend((piece, reason) for piece in pieces if piece.suggested)
    bands = sorted([*marked, *(piece for piece, _ in open_suggestions)],
                   key=lambda band: band.start)
    return marks, tuple(bands), tuple(open_suggestions)
