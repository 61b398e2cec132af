"""The phases of the open journal: marks from storage, plus Nabij's suggestion, cached."""

from __future__ import annotations

import streamlit as st

from components.journal.database import get_store
from components.journal.source import DEMO, journal_data
from nabij.i18n import Messages
from nabij.phases.explain import describe_reason
from nabij.phases.marks import PhaseMark, PhaseSpan, combine, marked_spans
from nabij.phases.suggest import PhaseSuggester


@st.cache_resource(show_spinner=False, max_entries=16)
def _suggester(journal_key: tuple) -> PhaseSuggester:
    """One suggester per journal and process: it keeps that journal's last fit.

    Keyed on the journal without its revision, so the fit of the last revision is at hand
    when a new moment arrives (see PhaseSuggester).
    """
    del journal_key
    return PhaseSuggester()


def _journal_key(source: tuple) -> tuple:
    """The journal a `source` names, whatever its revision: (kind, database, journal id).

    The kind keeps a coach's narrower view apart from the couple's own; how a session reads
    the notes (its key) does not matter, the suggestion reads no notes. Any other shape of
    `source` (the demo) is its own key.
    """
    if source[0] != DEMO and len(source) >= 4 and hasattr(source[2], "id"):
        return (source[0], source[1], source[2].id)
    return source


@st.cache_data(show_spinner=False, max_entries=32)
def journal_phases(source: tuple, language: str) -> tuple[tuple[PhaseMark, ...],
                                                          tuple[PhaseSpan, ...],
                                                          tuple[tuple[PhaseSpan, str], ...]]:
    """Marks, the bands to draw, and the suggested spans no mark covers with their reasons.

    Keyed on the journal's revision (inside `source`), which every mark and moment bumps:
    the suggestion is computed once per change, not once per rerun, and after a change only
    as far as the change reaches.
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
    for span in _suggester(_journal_key(source)).suggest(events).spans:
        # The parts of this suggested span that no mark covers keep the span's reason.
        pieces = combine(marked, [PhaseSpan(span.start, span.end, span.phase, suggested=True)])
        reason = describe_reason(span.reason, msg)
        open_suggestions.extend((piece, reason) for piece in pieces if piece.suggested)
    bands = sorted([*marked, *(piece for piece, _ in open_suggestions)],
                   key=lambda band: band.start)
    return marks, tuple(bands), tuple(open_suggestions)
