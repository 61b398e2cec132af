"""The open journal's insights and their figures, computed once per journal revision.

Keyed on the journal's source (which holds its revision) and its phase bands, like
components/cycle/chart.py: an edit anywhere makes the next rerun recompute, while reruns in
between reuse the results. cache_resource shares them between sessions without copying, so
nobody may modify what these return.
"""

from __future__ import annotations

import streamlit as st

from nabij.cache_keys import HASH_FUNCS
from nabij.i18n import Messages
from nabij.insights import JournalInsights, analyse_journal
from nabij.insights.insight_figures import InsightFigures, figures_for
from nabij.journal_source import JournalSource
from nabij.phases.marks import PhaseSpan


@st.cache_resource(show_spinner=False, max_entries=32, hash_funcs=HASH_FUNCS)
def journal_insights(source: JournalSource, bands: tuple[PhaseSpan, ...]) -> JournalInsights:
    return analyse_journal(source.events, bands)


@st.cache_resource(show_spinner=False, max_entries=32, hash_funcs=HASH_FUNCS)
def insight_figures(source: JournalSource, bands: tuple[PhaseSpan, ...],
                    language: str) -> InsightFigures:
    return figures_for(journal_insights(source, bands), source.journal.partners,
                       Messages(language))
