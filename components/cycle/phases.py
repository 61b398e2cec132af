"""The phases of the open journal: marks from storage, plus Nabij's suggestion, cached."""

from __future__ import annotations

import streamlit as st

from components.journal.database import get_store
from nabij.cache_keys import HASH_FUNCS
from nabij.i18n import Messages
from nabij.journal_source import JournalSource
from nabij.phases.bands import JournalPhases, phases_with_reasons
from nabij.phases.marks import PhaseMark
from nabij.phases.suggest import PhaseSuggester


@st.cache_resource(show_spinner=False, max_entries=16)
def _suggester(journal_key: tuple) -> PhaseSuggester:
    """One suggester per journal and process: it keeps that journal's last fit.

    Keyed on the journal without its revision, so the fit of the last revision is at hand
    when a new moment arrives (see PhaseSuggester). The key's kind keeps a coach's narrower
    view apart from the couple's own.
    """
    del journal_key
    return PhaseSuggester()


def stored_marks(source: JournalSource) -> tuple[PhaseMark, ...]:
    if not source.has_stored_marks:
        return ()
    return tuple(get_store().list_phase_marks(source.journal.id))


@st.cache_resource(show_spinner=False, max_entries=32, hash_funcs=HASH_FUNCS)
def journal_phases(source: JournalSource, language: str) -> JournalPhases:
    """Marks, the bands to draw, and the suggested spans no mark covers with their reasons.

    cache_resource: every rerun gets the same immutable tuples, with no copy to unpickle
    (cache_data's copy grew with the journal's spans and their reasons).

    Keyed on the journal's revision (inside `source`), which every mark and moment bumps:
    the suggestion is computed once per change, not once per rerun, and after a change only
    as far as the change reaches.
    """
    return phases_with_reasons(stored_marks(source), source.events,
                               _suggester(source.journal_key()), Messages(language))
