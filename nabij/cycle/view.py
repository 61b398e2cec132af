"""One view of the Cycle page: the period, partners and balance window a person chose, and
everything drawn for it (timeline, calendar, summary in words).

The rules of what a view shows live here, not in the widgets: the balance looks back a full
window before the period starts, bands are cut to the period, the calendar shows the year up
to the period's end.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from plotly.graph_objects import Figure

from nabij.chart_words import ChartWords, calendar_words, cycle_words
from nabij.cycle.balance import rolling_balance
from nabij.cycle.cycle_figures import calendar_days, calendar_heatmap, cycle_figure
from nabij.cycle.period_summary import PeriodSummary, summarise
from nabij.frames import events_in_range
from nabij.i18n import Messages
from nabij.phases.marks import PhaseSpan
from nabij.plotly_toolbar import toolbar_config


@dataclass(frozen=True)
class CycleView:
    start: dt.date
    end: dt.date
    partners: tuple[int, ...]
    window_days: int


@dataclass(frozen=True)
class CycleFigures:
    """What the Cycle page draws open: the timeline and its summary in sentences."""
    timeline: Figure
    summary: PeriodSummary


@dataclass(frozen=True)
class CycleCalendar:
    """The calendar and its words: drawn only while its fold is open."""
    figure: Figure
    words: ChartWords | None  # None: no moment up to the period's end


def chart_file_name(journal_name: str, view: CycleView) -> str:
    """A download's name (without extension) that says what it shows: the journal, in plain
    letters only, and the period."""
    safe_name = re.sub(r"[^0-9a-z]+", "-", journal_name.lower()).strip("-")
    return f"nabij-{safe_name or 'journal'}-{view.start}-{view.end}"


def png_config(journal_name: str, view: CycleView, msg: Messages) -> dict:
    """The timeline's modebar in the user's language, with its own PNG download under a file
    name that says what it shows."""
    return toolbar_config(msg, scrollZoom=False, toImageButtonOptions={
        "format": "png", "scale": 2, "filename": chart_file_name(journal_name, view)})


def standalone_html(figure: Figure) -> str:
    """A page with plotly.js inside, so it opens without a network (a few megabytes)."""
    return figure.to_html(include_plotlyjs=True, full_html=True, config={"displaylogo": False})


def bands_in_view(bands: Sequence[PhaseSpan], view: CycleView) -> tuple[PhaseSpan, ...]:
    return tuple(band for band in bands if band.end >= view.start and band.start <= view.end)


def cycle_view_figures(events: pd.DataFrame, partners: Sequence[str], view: CycleView,
                       bands: Sequence[PhaseSpan], msg: Messages) -> CycleFigures:
    """Timeline and summary of `events` (the journal's frame) for one view."""
    shown = events_in_range(events, view.start, view.end, view.partners)
    # Balance looks back a full window, so it is computed before cutting to the period.
    until_end = events_in_range(events, None, view.end, view.partners)
    balance = rolling_balance(until_end, view.window_days)
    balance = balance[balance.index >= str(view.start)]
    timeline = cycle_figure(shown, partners, msg, balance=balance,
                            bands=bands_in_view(bands, view), period=(view.start, view.end))
    summary = summarise(shown, balance, partners, view.start, view.end, view.window_days,
                        view.partners)
    return CycleFigures(timeline, summary)


def cycle_view_words(events: pd.DataFrame, partners: Sequence[str], view: CycleView,
                     bands: Sequence[PhaseSpan], msg: Messages) -> ChartWords:
    """The timeline of one view in words (what its fold shows once opened)."""
    shown = events_in_range(events, view.start, view.end, view.partners)
    return cycle_words(shown, partners, (view.start, view.end), bands_in_view(bands, view),
                       msg, view.partners)


def cycle_view_calendar(events: pd.DataFrame, view: CycleView, msg: Messages) -> CycleCalendar:
    """The calendar of the year up to the view's end, with its words."""
    until_end = events_in_range(events, None, view.end, view.partners)
    if not len(until_end):
        return CycleCalendar(Figure(), None)
    days = calendar_days(until_end)
    return CycleCalendar(calendar_heatmap(days, msg), calendar_words(days, msg))
