"""The open journal's insights and their figures, computed once per journal revision.

Keyed on the journal's source (which holds its revision) and its phase bands, like
components/cycle/chart.py: an edit anywhere makes the next rerun recompute, while reruns in
between reuse the results. cache_resource shares them between sessions without copying, so
nobody may modify what these return.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st
from plotly.graph_objects import Figure

from components.cache_keys import HASH_FUNCS
from nabij.i18n import Messages
from nabij.insights import JournalInsights, analyse_journal
from nabij.insights.insight_figures import (
    body_figure,
    context_figure,
    repair_figure,
    timing_figure,
    weekly_figure,
)
from nabij.journal_source import JournalSource
from nabij.phases.marks import PhaseSpan


@dataclass(frozen=True)
class InsightFigures:
    """Each figure, or None where its insight rests on too few moments."""

    repair_by_phase: Figure | None
    repair_by_month: Figure | None
    weekly: Figure | None
    body: Figure | None
    timing: Figure | None
    context: Figure | None


@st.cache_resource(show_spinner=False, max_entries=32, hash_funcs=HASH_FUNCS)
def journal_insights(source: JournalSource, bands: tuple[PhaseSpan, ...]) -> JournalInsights:
    return analyse_journal(source.events, bands)


@st.cache_resource(show_spinner=False, max_entries=32, hash_funcs=HASH_FUNCS)
def insight_figures(source: JournalSource, bands: tuple[PhaseSpan, ...],
                    language: str) -> InsightFigures:
    msg = Messages(language)
    insights = journal_insights(source, bands)
    return InsightFigures(
        repair_by_phase=repair_figure(insights.repair, msg, by="phase"),
        repair_by_month=repair_figure(insights.repair, msg, by="month"),
        weekly=weekly_figure(insights.weekly, msg),
        body=body_figure(insights.body, source.journal.partners, msg),
        timing=timing_figure(insights.timing, msg),
        context=context_figure(insights.context, msg))
