"""The session's view of the open journal, cached per data revision, audience and period."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from components.journal.database import get_store
from components.journal.source import DEMO, journal_data
from nabij.phases.marks import PhaseSpan, combine, marked_spans
from nabij.phases.suggest import suggest_phases
from nabij.session.prepare import Perspectives, perspectives
from nabij.session.visibility import Audience, shared_events


@st.cache_resource(show_spinner=False, max_entries=16)
def session_perspectives(source: tuple, audience: str, period: tuple[dt.date, dt.date],
                         show_notes: bool) -> Perspectives:
    """Shared read-only between reruns; `source` carries the journal's revision."""
    _, events = journal_data(source)
    return perspectives(events, Audience(audience), period, show_notes=show_notes)


@st.cache_data(show_spinner=False, max_entries=16)
def session_bands(source: tuple, audience: str) -> tuple[PhaseSpan, ...]:
    """Phase bands from the couple's marks, and Nabij's suggestion from the shared moments
    only: a suggestion computed from private moments could tell what they hold."""
    journal, events = journal_data(source)
    shared = shared_events(events, Audience(audience))
    marks = () if source[0] == DEMO else tuple(get_store().list_phase_marks(journal.id))
    if shared.empty:
        return tuple(marked_spans(marks, max(mark.start for mark in marks))) if marks else ()
    last_day = shared["occurred_at"].iloc[-1].date()
    marked = marked_spans(marks, last_day)
    suggested = [PhaseSpan(span.start, span.end, span.phase, suggested=True)
                 for span in suggest_phases(shared).spans]
    return tuple(combine(marked, suggested))
