"""Plotly figures built from an events frame. Plain functions: testable without a browser.

Everything user-typed that ends up in a figure goes through `plain_hover_text` or
`html.escape`, because Plotly reads a subset of HTML in labels.
"""

from __future__ import annotations

import datetime as dt
import html
import textwrap
from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from nabij.aggregate import MAX_POINTS, Level, aggregate, choose_level
from nabij.balance import daily_sums
from nabij.i18n import Messages
from nabij.phases.marks import PhaseSpan

# Okabe-Ito colours: distinguishable with the common forms of colour blindness.
PARTNER_COLOURS = ("#0072B2", "#D55E00")
# A second cue next to colour, so the partners are told apart in greyscale too.
PARTNER_SYMBOLS = ("circle", "diamond")
# One colour per phase, used for bands, legends and panels everywhere in Nabij.
PHASE_COLOURS = {"begin": "#7FB77E", "middle": "#F2C14E", "crisis": "#E07A5F",
                 "turning_point": "#6CA6C1"}
PHASE_BAND_OPACITY = 0.16
GAP_FILL = "rgba(120, 120, 120, 0.22)"
HOVER_NOTE_CHARS = 280
HOVER_LINE_CHARS = 48
# Intensity 1 to 5 on both sides of the line; the sign only says which side.
INTENSITY_TICKS = (-5, -4, -3, -2, -1, 1, 2, 3, 4, 5)
Y_RANGE = 5.6
BALANCE_AXIS = "y2"


def plain_hover_text(text: str, limit: int = HOVER_NOTE_CHARS) -> str:
    """User text made safe for a Plotly hover label: shown as typed, never as markup.

    Plotly reads a small set of HTML tags in labels; escaping turns `<b>` into characters it
    prints. Long notes are cut and wrapped so the label stays readable on a phone.
    """
    shortened = text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
    lines = textwrap.wrap(shortened, HOVER_LINE_CHARS, break_long_words=True,
                          replace_whitespace=False) or [""]
    return "<br>".join(html.escape(line, quote=False) for line in lines)


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def _event_hover(rows: pd.DataFrame, name: str, msg: Messages) -> list[str]:
    return [
        "<br>".join((
            _escape(msg.datetime(moment.to_pydatetime())),
            f"{_escape(name)} · {msg('kind.' + kind)} · {msg('chart.intensity')} {intensity}",
            *([_escape(msg("body." + body))] if body else []),
            *([plain_hover_text(note)] if note else []),
        ))
        for moment, kind, intensity, body, note in zip(
            rows["occurred_at"], rows["kind"], rows["intensity"], rows["body"], rows["note"],
            strict=True)
    ]


def _event_traces(frame: pd.DataFrame, partners: Sequence[str], msg: Messages) -> list:
    traces = []
    for slot, name in enumerate(partners):
        rows = frame[frame["partner"] == slot]
        if rows.empty:
            continue
        traces.append(go.Scatter(
            x=rows["occurred_at"].dt.tz_localize(None), y=rows["signed_intensity"],
            mode="markers", name=name, legendgroup=f"partner{slot}",
            customdata=rows["id"].astype("int64"), hovertext=_event_hover(rows, name, msg),
            hoverinfo="text",
            marker={"color": PARTNER_COLOURS[slot], "symbol": PARTNER_SYMBOLS[slot],
                    "size": 11, "line": {"width": 1, "color": "white"}},
        ))
    return traces


def _bucket_traces(frame: pd.DataFrame, level: Level, partners: Sequence[str],
                   msg: Messages) -> list:
    buckets = aggregate(frame, level)
    # Formatting dates and numbers per language is slow per call; buckets share few of them.
    periods = {start: _escape(_bucket_label(start, level, msg))
               for start in buckets["start"].unique()}
    means = {value: msg.number(value) for value in buckets["mean_intensity"].round(1).unique()}
    traces = []
    for slot, name in enumerate(partners):
        rows = buckets[buckets["partner"] == slot]
        if rows.empty:
            continue
        hover = [
            msg("chart.bucket_hover", period=periods[start], partner=_escape(name), count=count,
                kind=msg(f"kind.{kind}"), mean=means[round(mean, 1)], max=peak)
            for start, kind, count, mean, peak in zip(
                rows["start"], rows["kind"], rows["count"], rows["mean_intensity"].round(1),
                rows["max_intensity"], strict=True)
        ]
        size = 7 + 4 * np.log2(rows["count"].to_numpy(dtype="float64"))
        traces.append(go.Scatter(
            x=rows["start"], y=rows["signed_intensity"].round(2), mode="markers", name=name,
            legendgroup=f"partner{slot}", hovertext=hover, hoverinfo="text",
            # [bucket start, moments in it]: a click can say how many moments it stands for.
            customdata=list(zip(rows["start"].dt.strftime("%Y-%m-%dT%H:%M"),
                                rows["count"].astype(int), strict=True)),
            marker={"color": PARTNER_COLOURS[slot], "symbol": PARTNER_SYMBOLS[slot],
                    "size": np.minimum(size, 26).round(1), "opacity": 0.8,
                    "line": {"width": 1, "color": "white"}},
        ))
    return traces


def _bucket_label(start: pd.Timestamp, level: Level, msg: Messages) -> str:
    if level is Level.HOUR:
        return msg.datetime(start.to_pydatetime())
    if level is Level.DAY:
        return msg.date(start.date())
    if level is Level.WEEK:
        return msg("chart.week_of", date=msg.date(start.date()))
    return msg.month(start.date())


def _balance_traces(balance: pd.DataFrame, partners: Sequence[str], msg: Messages) -> list:
    traces = []
    # A line needs two days to be seen; a lone value would only clutter the legend.
    present = [slot for slot in range(len(partners)) if slot in balance.columns
               and balance[slot].notna().sum() >= 2]
    for index, slot in enumerate(present):
        values = balance[slot].round(3)
        both = len(present) == 2 and index == 1
        traces.append(go.Scatter(
            x=balance.index, y=values, yaxis=BALANCE_AXIS, mode="lines",
            name=msg("chart.balance_of", partner=partners[slot]),
            legendgroup=f"partner{slot}",
            line={"color": PARTNER_COLOURS[slot], "width": 2.5,
                  "dash": "solid" if slot == 0 else "dot"},
            # The second line fills back to the first: the shaded gap between the partners.
            fill="tonexty" if both else None, fillcolor=GAP_FILL if both else None,
            hovertemplate=f"{_escape(partners[slot])}: %{{y:.2f}}<extra></extra>",
        ))
    return traces


# A band narrower than this share of the period shown gets no label: labels would overlap.
MIN_LABELLED_SHARE = 0.07


def _band_shapes(bands: Sequence[PhaseSpan], msg: Messages,
                 view_days: int | None = None) -> tuple[list, list]:
    shapes, annotations = [], []
    for band in bands:
        colour = PHASE_COLOURS.get(band.phase, "#999999")
        x0 = pd.Timestamp(band.start)
        x1 = pd.Timestamp(band.end) + pd.Timedelta(days=1)
        shapes.append({
            "type": "rect", "xref": "x", "yref": "paper", "x0": x0, "x1": x1, "y0": 0, "y1": 1,
            "fillcolor": colour, "opacity": PHASE_BAND_OPACITY if not band.suggested else 0.1,
            "layer": "below",
            "line": {"width": 1.5 if band.suggested else 0, "color": colour, "dash": "dash"},
        })
        if view_days and ((band.end - band.start).days + 1) / view_days < MIN_LABELLED_SHARE:
            continue
        label = msg(f"phase.{band.phase}")
        annotations.append({
            "x": x0 + (x1 - x0) / 2, "xref": "x", "y": 1.0, "yref": "paper",
            "yanchor": "bottom", "text": label + (" ?" if band.suggested else ""),
            "showarrow": False, "font": {"size": 11, "color": "#444"},
        })
    return shapes, annotations


def date_ticks(start: dt.date, end: dt.date, msg: Messages) -> tuple[list, list[str]]:
    """Tick positions and labels in the user's language (Plotly's own are English only).

    Days for a fortnight, Mondays for a few months, months for a few years, else years.
    """
    days = (end - start).days + 1
    if days <= 16:
        ticks = pd.date_range(start, end, freq="D")
        labels = [msg.date(tick.date(), "EEE d MMM") for tick in ticks]
    elif days <= 130:
        ticks = pd.date_range(start, end, freq="W-MON")
        labels = [msg.date(tick.date(), "d MMM") for tick in ticks]
    elif days <= 3 * 366:
        ticks = pd.date_range(pd.Timestamp(start).to_period("M").start_time, end, freq="MS")
        ticks = ticks[ticks >= pd.Timestamp(start)] if len(ticks) > 1 else ticks
        step = 1 if days <= 400 else 3
        ticks = ticks[::step]
        labels = [msg.date(tick.date(), "MMM y") for tick in ticks]
    else:
        ticks = pd.date_range(pd.Timestamp(start).to_period("Y").start_time, end, freq="YS")
        labels = [msg.date(tick.date(), "y") for tick in ticks]
    return list(ticks), labels


def _level_note(level: Level, msg: Messages) -> str:
    return msg(f"chart.level_{level}")


def cycle_figure(frame: pd.DataFrame, partners: Sequence[str], msg: Messages, *,
                 balance: pd.DataFrame | None = None, bands: Sequence[PhaseSpan] = (),
                 period: tuple[dt.date, dt.date] | None = None,
                 max_points: int = MAX_POINTS, height: int = 460) -> go.Figure:
    """Moments over time: closeness above zero, distance below, one colour per partner.

    With more moments than `max_points`, they are grouped by hour, day or week (the level is
    written on the chart). The rolling balance per partner (−1 to 1) shares the zero line on
    a second axis, with the gap between the partners shaded.
    """
    level = choose_level(frame, max_points) if not frame.empty else Level.EVENT
    traces = (_event_traces(frame, partners, msg) if level is Level.EVENT
              else _bucket_traces(frame, level, partners, msg))
    figure = go.Figure(traces)
    if balance is not None and not balance.empty:
        figure.add_traces(_balance_traces(balance, partners, msg))
    view_days = (period[1] - period[0]).days + 1 if period else None
    shapes, annotations = _band_shapes(bands, msg, view_days)
    annotations.append({"x": 1, "xref": "paper", "xanchor": "right", "y": 0, "yref": "paper",
                        "yanchor": "bottom", "text": _level_note(level, msg),
                        "showarrow": False, "font": {"size": 11, "color": "#666"}})
    figure.update_layout(
        shapes=shapes, annotations=annotations,
        margin={"l": 10, "r": 10, "t": 60 if bands else 30, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.08 if bands else 1.02, "x": 0},
        hovermode="closest", dragmode="pan", height=height, clickmode="event+select",
        yaxis={"range": [-Y_RANGE, Y_RANGE], "tickvals": list(INTENSITY_TICKS),
               "ticktext": [str(abs(tick)) for tick in INTENSITY_TICKS], "zeroline": False,
               "fixedrange": True,
               "title": {"text": f"↓ {msg('kind.distance')}  ·  {msg('kind.closeness')} ↑"}},
        yaxis2={"range": [-Y_RANGE / 5, Y_RANGE / 5], "overlaying": "y", "side": "right",
                "showgrid": False, "zeroline": False, "showticklabels": False,
                "fixedrange": True},
        xaxis={"title": None, "type": "date"},
        meta={"level": str(level)},
    )
    if period is not None:
        start, end = period
        tickvals, ticktext = date_ticks(start, end, msg)
        figure.update_xaxes(range=[str(start), f"{end}T23:59:59"], tickmode="array",
                            tickvals=tickvals, ticktext=ticktext)
    figure.add_hline(y=0, line={"color": "#888", "width": 1})
    return figure


def calendar_figure(frame: pd.DataFrame, msg: Messages, days: int = 371,
                    height: int = 230) -> go.Figure:
    """A year in days: each square one day, coloured by that day's balance (both partners).

    Shows up to the last `days` days up to the last moment in the frame (from the first
    moment's week, for a shorter journal), Monday at the top.
    """
    sums = daily_sums(frame)
    if sums.empty:
        return go.Figure()
    per_day = sums.groupby("day")[["closeness", "distance", "count"]].sum()
    end = per_day.index.max()
    # At most a year, but no longer than the journal: a short journal fills its calendar.
    start = max(end - pd.Timedelta(days=days - 1), per_day.index.min())
    start = start - pd.Timedelta(days=start.day_of_week)
    all_days = pd.date_range(start, end, freq="D")
    per_day = per_day.reindex(all_days)
    total = per_day["closeness"] + per_day["distance"]
    balance = ((per_day["closeness"] - per_day["distance"]) / total.replace(0, np.nan)).round(2)
    week = ((all_days - start).days // 7).to_numpy()
    weekday = all_days.day_of_week.to_numpy()
    columns = int(week.max()) + 1
    z = np.full((7, columns), np.nan)
    text = np.full((7, columns), "", dtype=object)
    z[weekday, week] = balance.to_numpy()
    counts = per_day["count"].fillna(0).astype(int).to_numpy()
    for day, row, column, count, value in zip(all_days, weekday, week, counts, balance,
                                              strict=True):
        text[row, column] = msg("chart.calendar_hover", date=msg.date(day.date()),
                                count=count,
                                balance="–" if np.isnan(value) else msg.number(value))
    week_starts = [start + pd.Timedelta(weeks=int(column)) for column in range(columns)]
    figure = go.Figure(go.Heatmap(
        z=z, x=week_starts, y=[msg(f"weekday.{index}") for index in range(7)],
        text=text, hoverinfo="text", zmin=-1, zmax=1, xgap=2, ygap=2,
        # Blue for closeness, orange for distance: readable with colour blindness.
        colorscale=[[0, "#B35806"], [0.5, "#F7F7F7"], [1, "#2166AC"]],
        colorbar={"title": {"text": msg("chart.balance")}, "thickness": 10,
                  "tickvals": [-1, 0, 1],
                  "ticktext": [msg("kind.distance"), "0", msg("kind.closeness")]},
    ))
    tickvals, ticktext = date_ticks(start.date(), end.date(), msg)
    figure.update_layout(height=height, margin={"l": 10, "r": 10, "t": 10, "b": 10},
                         yaxis={"autorange": "reversed", "fixedrange": True},
                         xaxis={"type": "date", "fixedrange": True, "tickmode": "array",
                                "tickvals": tickvals, "ticktext": ticktext})
    return figure
