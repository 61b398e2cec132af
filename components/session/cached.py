"""The session's view of the open journal, cached per data revision, audience and period."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from components.cycle.phases import stored_marks
from nabij.cache_keys import HASH_FUNCS
from nabij.journal_source import JournalSource
from nabij.phases.bands import phase_bands
from nabij.phases.marks import PhaseSpan
from nabij.phases.suggest import suggest_phases
from nabij.session.prepare import Perspectives, perspectives
from nabij.visibility import Audience, shared_events


@st.cache_resource(show_spinner=False, max_entries=16, hash_funcs=HASH_FUNCS)
def session_perspectives(source: JournalSource, audience: str, period: tuple[dt.date, dt.date],
                         show_notes: bool) -> Perspectives:
    """Shared read-only between reruns; `source` carries the journal's revision."""
    return perspectives(source.events, Audience(audience), period, show_notes=show_notes)


@st.cache_data(show_spinner=False, max_entries=16, hash_funcs=HASH_FUNCS)
def session_bands(source: JournalSource, audience: str) -> tuple[PhaseSpan, ...]:
    """Phase bands from the couple's marks, and Nabij's suggestion from the shared moments
    only: a suggestion computed from private moments could tell what they hold."""
    shared = shared_events(source.events, Audience(audience))
    last_day = None if shared.empty else shared["occurred_at"].iloc[-1].date()
    spans = () if shared.empty else suggest_phases(shared).spans
    return phase_bands(stored_marks(source), spans, last_day).bands
