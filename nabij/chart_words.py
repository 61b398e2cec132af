"""Every chart in words: a few sentences and a small table, for whoever cannot see the chart
(a screen reader, a phone in the sun, someone who reads numbers better than colours).

Plain data in the user's language; components/chart_words.py shows it under the chart. Names
stay plain text here: the widget shows them as text, never as Markdown or HTML.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from plotly.graph_objects import Figure

from nabij.cycle.cycle_figures import calendar_sign
from nabij.i18n import Messages
from nabij.phases.marks import PhaseSpan

# Up to this many weeks the tables count per week; a longer period counts per month.
MAX_WEEK_ROWS = 26
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class ChartWords:
    sentences: tuple[str, ...]
    table: pd.DataFrame  # column names in the user's language


def _periods(days: pd.Series, weeks: bool) -> pd.Series:
    """The Monday (or first of the month) that each local day belongs to."""
    return days.dt.to_period("W-SUN" if weeks else "M").dt.start_time


def _period_label(start: pd.Timestamp, weeks: bool, msg: Messages) -> str:
    return msg.date(start.date()) if weeks else msg.month(start.date())


def cycle_words(frame: pd.DataFrame, partners: Sequence[str], period: tuple[dt.date, dt.date],
                bands: Sequence[PhaseSpan], msg: Messages,
                shown: Sequence[int] = (0, 1)) -> ChartWords:
    """The timeline in words: the phases in view, and moments per week (or month) for each
    partner shown, split into closeness and distance. Periods without moments count as 0."""
    start, end = period
    weeks = (end - start).days + 1 <= MAX_WEEK_ROWS * 7
    if bands:
        spans = [msg("chart_words.phase_span",
                     phase=msg(f"phase.{band.phase}")
                     + (f" ({msg('chart_words.suggested')})" if band.suggested else ""),
                     start=msg.date(max(band.start, start)), end=msg.date(min(band.end, end)))
                 for band in bands]
        phases = msg("chart_words.phases", phases="; ".join(spans))
    else:
        phases = msg("chart_words.phases_none")
    sentences = (phases, msg("chart_words.table_weeks" if weeks else "chart_words.table_months"))

    index = pd.DatetimeIndex(sorted(set(_periods(
        pd.Series(pd.date_range(start, end, freq="D")), weeks))))
    label = msg("chart_words.week" if weeks else "chart_words.month")
    table = pd.DataFrame({label: [_period_label(moment, weeks, msg) for moment in index]})
    local = frame["occurred_at"].dt.tz_localize(None).dt.normalize() if len(frame) else None
    for slot in shown:
        for kind, key in (("closeness", "chart_words.closeness_of"),
                          ("distance", "chart_words.distance_of")):
            if local is None:
                counts = pd.Series(0, index=index)
            else:
                mine = ((frame["partner"] == slot) & (frame["kind"].astype(str) == kind)).to_numpy()
                counts = _periods(local[mine], weeks).value_counts().reindex(index, fill_value=0)
            table[msg(key, name=partners[slot])] = counts.astype(int).to_numpy()
    return ChartWords(sentences, table)


def calendar_words(days: pd.DataFrame, msg: Messages) -> ChartWords:
    """The calendar in words: `days` as made by `calendar_days` (count and balance per day).

    Counts per month the days with moments and how they lean, with the same signs the
    calendar's cells carry (+, −, =).
    """
    signs = days["balance"].map(calendar_sign)
    with_moments = int((days["count"] > 0).sum())
    sentence = msg("chart_words.calendar_summary", count=with_moments, days=with_moments,
                   start=msg.date(days.index[0].date()), end=msg.date(days.index[-1].date()),
                   closer=int((signs == "+").sum()), further=int((signs == "−").sum()),
                   even=int((signs == "=").sum()))
    months = pd.Series(days.index, index=days.index).dt.to_period("M").dt.start_time
    grouped = pd.DataFrame({"month": months, "with": days["count"] > 0, "+": signs == "+",
                            "−": signs == "−", "=": signs == "="}).groupby("month").sum()
    table = pd.DataFrame({
        msg("chart_words.month"): [msg.month(moment.date()) for moment in grouped.index],
        msg("chart_words.days_with_moments"): grouped["with"].astype(int).to_numpy(),
        msg("chart_words.days_closer"): grouped["+"].astype(int).to_numpy(),
        msg("chart_words.days_further"): grouped["−"].astype(int).to_numpy(),
        msg("chart_words.days_even"): grouped["="].astype(int).to_numpy(),
    })
    return ChartWords((sentence,), table)


def _plain(text: object) -> str:
    """A Plotly label as plain text: its markup gone, its escaped characters back."""
    return html.unescape(_TAG.sub(" ", str(text))).strip()


def _value(value: object, msg: Messages) -> str:
    if isinstance(value, np.datetime64 | pd.Timestamp | dt.datetime):
        return msg.date(pd.Timestamp(value).date())
    if isinstance(value, dt.date):
        return msg.date(value)
    if isinstance(value, float | int | np.number) and not isinstance(value, bool):
        return "–" if np.isnan(float(value)) else msg.number(round(float(value), 2))
    return _plain(value)


def _steps(x0: object, dx: float | None, count: int) -> list:
    """The x of a trace given as a start and a step (a date steps in milliseconds)."""
    step = 1 if dx is None else dx
    if isinstance(x0, str):
        return list(pd.Timestamp(x0) + pd.to_timedelta(np.arange(count) * step, unit="ms"))
    return [float(x0) + index * step for index in range(count)]  # type: ignore[arg-type]


def figure_words(figure: Figure, msg: Messages) -> ChartWords:
    """Any chart of x/y series in words: which series it shows, and every value in a table
    (series, where, value). What a chart draws beyond its series (shapes, notes) is left
    to the text around it."""
    rows, named = [], []
    for trace in figure.data:
        x, y = getattr(trace, "x", None), getattr(trace, "y", None)
        if x is None and y is not None and getattr(trace, "x0", None) is not None:
            x = _steps(trace.x0, trace.dx, len(y))
        if x is None or y is None or trace.visible in (False, "legendonly"):
            continue
        if getattr(trace, "orientation", None) == "h":
            x, y = y, x
        name = _plain(trace.name) if trace.name else msg("chart_words.column_y")
        named.append(msg("chart_words.series_points", name=name, count=len(y)))
        rows += [(name, _value(where, msg), _value(value, msg))
                 for where, value in zip(x, y, strict=False)]
    if not named:
        return ChartWords((msg("chart_words.no_series"),), pd.DataFrame())
    sentence = msg("chart_words.series", count=len(named), names=", ".join(named))
    table = pd.DataFrame(rows, columns=[msg("chart_words.column_series"),
                                        msg("chart_words.column_x"),
                                        msg("chart_words.column_y")])
    return ChartWords((sentence,), table)
