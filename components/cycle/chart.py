"""The cycle chart and calendar, built once per data revision and view, then cached.

What waits in a closed fold (the calendar, the chart in words) is built only once that fold is
opened: after every new moment the page rebuilds just what is on screen.
"""

from __future__ import annotations

import streamlit as st

from nabij.cache_keys import HASH_FUNCS
from nabij.chart_words import ChartWords
from nabij.cycle.selection import ChartSelection, decode_selection
from nabij.cycle.view import (
    CycleCalendar,
    CycleFigures,
    CycleView,
    cycle_view_calendar,
    cycle_view_figures,
    cycle_view_words,
    standalone_html,
)
from nabij.i18n import Messages
from nabij.journal_source import JournalSource
from nabij.phases.marks import PhaseSpan

CHART_KEY = "cycle_chart"


@st.cache_resource(show_spinner=False, max_entries=64, hash_funcs=HASH_FUNCS)
def cycle_figures(source: JournalSource, view: CycleView, bands: tuple[PhaseSpan, ...],
                  language: str) -> CycleFigures:
    """Timeline and summary for one view of one revision of a journal.

    The key holds the data's revision, so an edit anywhere makes the next rerun rebuild,
    while switching tabs or reading a point's detail reuses the figures. Shared between
    sessions and read-only (cache_resource: no copy per rerun).
    """
    return cycle_view_figures(source.events, source.journal.partners, view, bands,
                              Messages(language))


@st.cache_resource(show_spinner=False, max_entries=16, hash_funcs=HASH_FUNCS)
def cycle_words_for(source: JournalSource, view: CycleView, bands: tuple[PhaseSpan, ...],
                    language: str) -> ChartWords:
    """The timeline in words, built when its fold is opened (then kept, like the figures)."""
    return cycle_view_words(source.events, source.journal.partners, view, bands,
                            Messages(language))


@st.cache_resource(show_spinner=False, max_entries=16, hash_funcs=HASH_FUNCS)
def cycle_calendar(source: JournalSource, view: CycleView, language: str) -> CycleCalendar:
    """The calendar and its words, built when its fold is opened (then kept)."""
    return cycle_view_calendar(source.events, view, Messages(language))


def show_timeline(figure, config: dict) -> ChartSelection:
    """Draw the timeline; returns what the user selected (click or lasso)."""
    state = st.plotly_chart(figure, key=CHART_KEY, on_select="rerun",
                            selection_mode=("points",), config=config)
    return decode_selection(list(getattr(getattr(state, "selection", None), "points", [])))


@st.cache_resource(show_spinner=False, max_entries=8, hash_funcs=HASH_FUNCS)
def html_export(source: JournalSource, view: CycleView, bands: tuple[PhaseSpan, ...],
                language: str) -> str:
    """The timeline as a standalone page, built only when someone clicks download (the button
    gets a deferred callable), since the page weighs a few megabytes."""
    return standalone_html(cycle_figures(source, view, bands, language).timeline)
