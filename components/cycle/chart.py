"""The cycle chart and calendar, built once per data revision and view, then cached."""

from __future__ import annotations

import re

import streamlit as st
from plotly.graph_objects import Figure

from components.cache_keys import HASH_FUNCS
from components.cycle.controls import CycleView
from components.journal.source import journal_data
from nabij.cycle.balance import rolling_balance
from nabij.cycle.cycle_figures import calendar_figure, cycle_figure
from nabij.cycle.period_summary import PeriodSummary, summarise
from nabij.frames import events_in_range
from nabij.i18n import Messages
from nabij.phases.marks import PhaseSpan

CHART_KEY = "cycle_chart"


@st.cache_resource(show_spinner=False, max_entries=64, hash_funcs=HASH_FUNCS)
def cycle_figures(source: tuple, view: CycleView, bands: tuple[PhaseSpan, ...],
                  language: str) -> tuple[Figure, Figure, PeriodSummary]:
    """Timeline, calendar and summary for one view of one revision of a journal.

    The key holds the data's revision, so an edit anywhere makes the next rerun rebuild,
    while switching tabs or reading a point's detail reuses the figures. Shared between
    sessions and read-only (cache_resource: no copy per rerun).
    """
    msg = Messages(language)
    journal, events = journal_data(source)
    shown = events_in_range(events, view.start, view.end, view.partners)
    # Balance looks back a full window, so it is computed before cutting to the period.
    until_end = events_in_range(events, None, view.end, view.partners)
    balance = rolling_balance(until_end, view.window_days)
    balance = balance[balance.index >= str(view.start)]
    visible_bands = tuple(band for band in bands
                          if band.end >= view.start and band.start <= view.end)
    timeline = cycle_figure(shown, journal.partners, msg, balance=balance, bands=visible_bands,
                            period=(view.start, view.end))
    calendar = calendar_figure(until_end, msg)
    summary = summarise(shown, balance, journal.partners, view.start, view.end,
                        view.window_days, view.partners)
    return timeline, calendar, summary


def png_config(journal_name: str, view: CycleView) -> dict:
    """The modebar's own PNG download, with a file name that says what it shows."""
    safe_name = re.sub(r"[^0-9a-z]+", "-", journal_name.lower()).strip("-")
    return {"displaylogo": False, "scrollZoom": False,
            "toImageButtonOptions": {"format": "png", "scale": 2,
                                     "filename": f"nabij-{safe_name or 'journal'}-"
                                                 f"{view.start}-{view.end}"}}


def show_timeline(figure: Figure, config: dict) -> list[dict]:
    """Draw the timeline; returns the points the user selected (click or lasso)."""
    state = st.plotly_chart(figure, key=CHART_KEY, on_select="rerun",
                            selection_mode=("points",), config=config)
    try:
        return list(state.selection.points)
    except AttributeError:
        return []


@st.cache_resource(show_spinner=False, max_entries=8, hash_funcs=HASH_FUNCS)
def html_export(source: tuple, view: CycleView, bands: tuple[PhaseSpan, ...],
                language: str) -> str:
    """A standalone page with plotly.js inside, so it opens without a network.

    Built only when someone clicks download (the button gets a deferred callable), since
    the page weighs a few megabytes.
    """
    timeline = cycle_figures(source, view, bands, language)[0]
    return timeline.to_html(include_plotlyjs=True, full_html=True,
                            config={"displaylogo": False})
