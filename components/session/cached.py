"""The session's view of the open journal, cached per data revision, audience and period."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from components.cycle.phases import stored_marks
from nabij.cache_keys import HASH_FUNCS
from nabij.journal_source import JournalSource
from nabij.phases.marks import PhaseSpan
from nabij.session.prepare import Perspectives, audience_bands, perspectives
from nabij.visibility import Audience


@st.cache_resource(show_spinner=False, max_entries=16, hash_funcs=HASH_FUNCS)
def session_perspectives(source: JournalSource, audience: str, period: tuple[dt.date, dt.date],
                         show_notes: bool) -> Perspectives:
    """Shared read-only between reruns; `source` carries the journal's revision."""
    return perspectives(source.events, Audience(audience), period, show_notes=show_notes)


@st.cache_data(show_spinner=False, max_entries=16, hash_funcs=HASH_FUNCS)
def session_bands(source: JournalSource, audience: str) -> tuple[PhaseSpan, ...]:
    return audience_bands(source.events, Audience(audience), stored_marks(source))
