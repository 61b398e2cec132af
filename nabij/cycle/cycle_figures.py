"""Plotly figures built from an events frame. Plain functions: testable without a browser.

Everything user-typed that ends up in a figure goes through `plain_hover_text` or
`html.escape`, because Plotly reads a subset of HTML in labels.

The figures are rebuilt after every new moment, so they are built for speed: traces and
layout are plain dicts handed to Plotly without its per-value validation (`_figure`), and
formatted dates and numbers are remembered per process (`_formatted`), since after one new
moment nearly all of them are the same as before. Notes are not: what a couple wrote stays only
in the caches that belong to their journal.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from nabij.cycle.aggregate import MAX_POINTS, Level, grouped_points
from nabij.cycle.balance import can_tell, daily_sums
from nabij.cycle.selection import bucket_customdata, moment_customdata
from nabij.frames import rows_where
from nabij.i18n import Messages
from nabij.phases.claims import SILENT_STRETCH_DAYS
from nabij.phases.marks import PhaseSpan
from nabij.text_safety import escape_plotly

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
DAY_MS = 86_400_000  # a step of one day on a date axis
# The zero line across the whole width, drawn last (what `Figure.add_hline(y=0)` makes).
ZERO_LINE = {"type": "line", "xref": "x domain", "x0": 0, "x1": 1, "yref": "y", "y0": 0,
             "y1": 0, "line": {"color": "#888", "width": 1}}
# Remembered formatted dates and numbers: a year of days and the moments of several views (a
# view shows at most MAX_POINTS single moments).
_FORMAT_CACHE = 16_384


def _figure(data: list[dict], layout: dict) -> go.Figure:
    """A Figure from plain dicts, skipping Plotly's validation of every value.

    Validation walks each point's hover text and builds an object per band; at a few
    thousand points that costs more than everything else in the chart. Everything passed here
    is built in this module with the types Plotly itself would store (numpy arrays, lists of
    str, dicts of known properties); tests/test_figures.py checks the result against the same
    figure built with validation. Parts created later (a trace's marker, an axis) take the
    setting of their parent when first read, so switching validation back on here is enough.
    """
    figure = go.Figure({"data": data, "layout": layout}, _validate=False)
    # Whatever a caller changes afterwards (a template, more traces) is checked as usual.
    figure._validate = True
    figure.layout._validate = True
    for trace in figure.data:
        trace._validate = True
    return figure


@lru_cache(maxsize=_FORMAT_CACHE)
def _formatted(kind: str, value: object, language: str) -> str:
    """A date, moment or number as shown in the chart, remembered per language.

    Babel takes tens of microseconds per call; the same values come back on every rebuild of
    the chart.
    """
    msg = Messages(language)
    if kind == "datetime":  # naive local wall time: an aware one would match other zones
        assert isinstance(value, dt.datetime) and value.tzinfo is None
        return msg.datetime(value)
    if kind == "number":  # (value, sign bit): -0.0 == 0.0, but Babel writes "-0" and "0"
        assert isinstance(value, tuple)
        return msg.number(value[0])
    assert isinstance(value, dt.date)
    if kind == "date":
        return msg.date(value)
    if kind == "month":
        return msg.month(value)
    return msg.date(value, kind)  # a Babel pattern, for ticks


def plain_hover_text(text: str, limit: int = HOVER_NOTE_CHARS) -> str:
    """User text made safe for a Plotly hover label: shown as typed, never as markup.

    Plotly reads a small set of HTML tags in labels; escaping turns `<b>` into characters it
    prints. Long notes are cut and wrapped so the label stays readable on a phone.
    """
    shortened = text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
    lines = textwrap.wrap(shortened, HOVER_LINE_CHARS, break_long_words=True,
                          replace_whitespace=False) or [""]
    return "<br>".join(escape_plotly(line) for line in lines)



def _event_hover(rows: pd.DataFrame, name: str, msg: Messages) -> list[str]:
    language = msg.language
    kinds = {kind: msg("kind." + kind) for kind in rows["kind"].unique()}
    bodies = {body: escape_plotly(msg("body." + body)) for body in rows["body"].unique() if body}
    intensity_word = msg("chart.intensity")
    who = escape_plotly(name)
    private = escape_plotly(msg("visibility.badge_private"))
    visibility = (rows["visibility"] if "visibility" in rows
                  else pd.Series("", index=rows.index))
    return [
        "<br>".join((
            escape_plotly(_formatted("datetime", moment, language)),
            f"{who} · {kinds[kind]} · {intensity_word} {intensity}",
            *([bodies[body]] if body else []),
            *([plain_hover_text(note)] if note else []),
            # The owner's own private moments: marked as such wherever they show.
            *([f"🔒 {private}"] if shown_to == "private" else []),
        ))
        for moment, kind, intensity, body, note, shown_to in zip(
            rows["occurred_at"].dt.tz_localize(None).dt.to_pydatetime(), rows["kind"],
            rows["intensity"].tolist(),
            rows["body"], rows["note"], visibility, strict=True)
    ]


def _event_traces(frame: pd.DataFrame, partners: Sequence[str], msg: Messages) -> list[dict]:
    traces = []
    for slot, name in enumerate(partners):
        rows = frame[frame["partner"] == slot]
        if rows.empty:
            continue
        traces.append({
            "type": "scatter",
            "x": rows["occurred_at"].dt.tz_localize(None).to_numpy(),
            "y": rows["signed_intensity"].to_numpy(),
            "mode": "markers", "name": escape_plotly(name), "legendgroup": f"partner{slot}",
            # A moment on the first or last hour of the period shows whole, not cut in half.
            "cliponaxis": False,
            "customdata": moment_customdata(rows["id"]),
            "hovertext": _event_hover(rows, name, msg), "hoverinfo": "text",
            "marker": {"color": PARTNER_COLOURS[slot], "symbol": PARTNER_SYMBOLS[slot],
                       "size": 11, "line": {"width": 1, "color": "white"}},
        })
    return traces


def _number(value: float, language: str) -> str:
    number = float(value)
    return _formatted("number", (number, bool(np.signbit(number))), language)


def _bucket_traces(buckets: pd.DataFrame, level: Level, partners: Sequence[str],
                   msg: Messages) -> list[dict]:
    """One trace per partner of grouped points (`buckets` as made by `aggregate`)."""
    # Plain columns and Python values: iterating a DataFrame boxes every value, and Babel's
    # formatting is slow per call, so each distinct period and mean is formatted once.
    start = buckets["start"].to_numpy()
    start_key = start.view(np.int64).tolist()
    distinct = np.unique(start)
    periods = {key: (escape_plotly(_bucket_label(moment, level, msg)), minute)
               for key, moment, minute in zip(
                   distinct.view(np.int64).tolist(),
                   distinct.astype("datetime64[us]").tolist(),  # datetime.datetime
                   np.datetime_as_string(distinct, unit="m").tolist(),  # %Y-%m-%dT%H:%M
                   strict=True)}
    mean = buckets["mean_intensity"].round(1).to_numpy()
    means = {value: msg.number(value) for value in np.unique(mean)}
    kind = buckets["kind"].to_numpy(dtype=object)
    kinds = {value: msg(f"kind.{value}") for value in set(kind.tolist())}
    partner = buckets["partner"].to_numpy()
    count = buckets["count"].to_numpy().astype(int)
    peak = buckets["max_intensity"].to_numpy()
    signed = buckets["signed_intensity"].to_numpy().round(2)
    traces = []
    for slot, name in enumerate(partners):
        rows = np.flatnonzero(partner == slot)
        if not len(rows):
            continue
        who = escape_plotly(name)
        keys, counts = [start_key[row] for row in rows], count[rows].tolist()
        hover = [
            msg("chart.bucket_hover", period=periods[key][0], partner=who, count=moments,
                kind=kinds[what], mean=means[level_mean], max=highest)
            for key, what, moments, level_mean, highest in zip(
                keys, kind[rows].tolist(), counts, mean[rows].tolist(), peak[rows].tolist(),
                strict=True)
        ]
        size = 7 + 4 * np.log2(count[rows].astype("float64"))
        traces.append({
            "type": "scatter", "x": start[rows], "y": signed[rows],
            "mode": "markers", "name": who, "legendgroup": f"partner{slot}", "cliponaxis": False,
            "hovertext": hover, "hoverinfo": "text",
            # A click can say how many moments a grouped point stands for.
            "customdata": bucket_customdata([periods[key][1] for key in keys], counts),
            "marker": {"color": PARTNER_COLOURS[slot], "symbol": PARTNER_SYMBOLS[slot],
                       "size": np.minimum(size, 26).round(1), "opacity": 0.8,
                       "line": {"width": 1, "color": "white"}},
        })
    return traces


def _bucket_label(start: dt.datetime, level: Level, msg: Messages) -> str:
    """The period a grouped point stands for; `start` is naive local time."""
    if level is Level.HOUR:
        return _formatted("datetime", start, msg.language)
    if level is Level.DAY:
        return _formatted("date", start.date(), msg.language)
    if level is Level.WEEK:
        return msg("chart.week_of", date=_formatted("date", start.date(), msg.language))
    return _formatted("month", start.date(), msg.language)


def _balance_traces(balance: pd.DataFrame, partners: Sequence[str],
                    msg: Messages) -> list[dict]:
    traces = []
    # The same rule as the text beside the chart: no line where the balance cannot be told.
    present = [slot for slot in range(len(partners)) if slot in balance.columns
               and can_tell(balance[slot])]
    days = balance.index.to_numpy()
    # One value per day: the first day and a step of one day stand for every date, which is
    # a third of what the chart sends for a long journal (and Plotly.js draws the same line).
    daily = len(days) >= 2 and bool((np.diff(days) == np.timedelta64(1, "D")).all())
    x: dict = ({"x0": np.datetime_as_string(days[0], unit="D"), "dx": DAY_MS} if daily
               else {"x": days})
    for index, slot in enumerate(present):
        values = balance[slot].round(3).to_numpy()
        both = len(present) == 2 and index == 1
        trace = {
            "type": "scatter", **x, "y": values,
            "yaxis": BALANCE_AXIS, "mode": "lines",
            "name": msg("chart.balance_of", partner=escape_plotly(partners[slot])),
            "legendgroup": f"partner{slot}",
            "line": {"color": PARTNER_COLOURS[slot], "width": 2.5,
                     "dash": "solid" if slot == 0 else "dot"},
            "hovertemplate": f"{escape_plotly(partners[slot])}: %{{y:.2f}}<extra></extra>",
        }
        if both:
            # The second line fills back to the first: the shaded gap between the partners.
            trace.update(fill="tonexty", fillcolor=GAP_FILL)
        traces.append(trace)
    return traces


# A band narrower than this share of the period shown gets no label: labels would overlap.
MIN_LABELLED_SHARE = 0.07
# Phase labels are placed for the narrowest screen the chart is drawn on (a 390 px phone:
# about 340 px of plot) with an estimate of their width; a wider screen only has more room.
PHONE_PLOT_PX = 340
LABEL_CHAR_PX = 6.6  # an 11 px sans-serif letter, a little generous
LABEL_ROWS = 3  # a label that fits in none of these rows above the chart is left out
LABEL_ROW_PX = 15


def _label_rows(spans: Sequence[tuple[float, float]]) -> list[int | None]:
    """A row (0 at the bottom) for each label given as (left, right) in shares of the plot's
    width, left to right; None where no row has room.

    The first row with room wins, so labels only climb where a neighbour is in the way.
    """
    ends: list[float] = [-1.0] * LABEL_ROWS
    rows: list[int | None] = []
    for left, right in spans:
        row = next((index for index, end in enumerate(ends) if left >= end), None)
        if row is not None:
            ends[row] = right
        rows.append(row)
    return rows


def _band_labels(bands: Sequence[PhaseSpan], msg: Messages,
                 period: tuple[dt.date, dt.date] | None) -> list[dict]:
    """Labels above the bands: centred on the part of the band in view, kept inside the plot,
    and stacked in rows so that none covers another (`_label_rows`)."""
    view_days = (period[1] - period[0]).days + 1 if period else None
    placed = []
    for band in bands:
        if view_days and ((band.end - band.start).days + 1) / view_days < MIN_LABELLED_SHARE:
            continue
        text = msg(f"phase.{band.phase}") + (" ?" if band.suggested else "")
        x0, x1 = pd.Timestamp(band.start), pd.Timestamp(band.end) + pd.Timedelta(days=1)
        note = {"x": x0 + (x1 - x0) / 2, "xref": "x", "y": 1.0, "yref": "paper",
                "yanchor": "bottom", "text": text, "showarrow": False,
                # No colour of its own: the theme's text colour, readable in light and dark.
                "font": {"size": 11}}
        if period is None:
            placed.append((note, (0.0, 0.0)))
            continue
        start = pd.Timestamp(period[0])
        whole = pd.Timestamp(period[1]) + pd.Timedelta(days=1) - start
        left, right = max((x0 - start) / whole, 0.0), min((x1 - start) / whole, 1.0)
        width = len(text) * LABEL_CHAR_PX / PHONE_PLOT_PX
        centre = (left + right) / 2
        if centre - width / 2 < 0:  # at the left end: the label starts where the plot does
            note.update(x=start + whole * left, xanchor="left")
            span = (left, left + width)
        elif centre + width / 2 > 1:  # a second short of the end: still inside the band
            note.update(x=start + whole * right - pd.Timedelta(seconds=1), xanchor="right")
            span = (right - width, right)
        else:
            note["x"] = start + whole * centre
            span = (centre - width / 2, centre + width / 2)
        placed.append((note, span))
    placed.sort(key=lambda item: item[1][0])
    labels = []
    for (note, _), row in zip(placed, _label_rows([span for _, span in placed]), strict=True):
        if row is None:
            continue
        if row:
            note["yshift"] = row * LABEL_ROW_PX
        labels.append(note)
    return labels


def _band_shapes(bands: Sequence[PhaseSpan]) -> list[dict]:
    shapes = []
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
    return shapes


SILENCE_FILL = "#9e9e9e"


def silent_stretches(frame: pd.DataFrame,
                     min_days: int = SILENT_STRETCH_DAYS) -> list[tuple[dt.date, dt.date]]:
    """Runs of at least `min_days` local days without any moment between two moments of
    `frame` (first and last empty day): where the suggestion leaves phases unknown.

    The frame is in time order, so a silence is a large step between neighbouring moments:
    one subtraction over the instants finds the few candidates, and only those are turned
    into local days (a large journal is not converted day by day after every new moment).
    """
    if len(frame) < 2:
        return []
    instants = frame["occurred_at"]
    values = instants.array.asi8  # instants as integers in the column's own unit, no copy
    step = pd.Timedelta(days=min_days - 1) // pd.Timedelta(1, unit=instants.dt.unit)
    steps = np.flatnonzero(np.diff(values) > step)
    stretches = []
    for index in steps.tolist():
        before = instants.iloc[index].date()
        after = instants.iloc[index + 1].date()
        if (after - before).days - 1 >= min_days:
            stretches.append((before + dt.timedelta(days=1), after - dt.timedelta(days=1)))
    return stretches


def _silence_shapes(frame: pd.DataFrame, msg: Messages,
                    view_days: int | None) -> tuple[list, list]:
    """Grey stretches labelled "no moments": no phase band is drawn over them."""
    shapes, annotations = [], []
    for first, last in silent_stretches(frame):
        x0, x1 = pd.Timestamp(first), pd.Timestamp(last) + pd.Timedelta(days=1)
        shapes.append({"type": "rect", "xref": "x", "yref": "paper", "x0": x0, "x1": x1,
                       "y0": 0, "y1": 1, "fillcolor": SILENCE_FILL, "opacity": 0.12,
                       "layer": "below", "line": {"width": 0}})
        if view_days and ((last - first).days + 1) / view_days < MIN_LABELLED_SHARE:
            continue
        annotations.append({"x": x0 + (x1 - x0) / 2, "xref": "x", "y": 0.5, "yref": "paper",
                            "text": msg("chart.no_moments"), "showarrow": False,
                            "font": {"size": 11}})
    return shapes, annotations


# At most this many date ticks: on a phone's 340 px more would be turned on their side and
# cut off (Plotly tilts labels that do not fit side by side).
MAX_TICKS = 7


def _every(ticks: pd.DatetimeIndex) -> pd.DatetimeIndex:
    """Every n-th tick, so that no more than MAX_TICKS remain."""
    return ticks[::-(-len(ticks) // MAX_TICKS)] if len(ticks) else ticks


def date_ticks(start: dt.date, end: dt.date, msg: Messages) -> tuple[list, list[str]]:
    """Tick positions and labels in the user's language (Plotly's own are English only).

    Days for a fortnight, Mondays for a few months, months for a few years, else years; never
    more than MAX_TICKS, and short enough to stand side by side on a phone.
    """
    days = (end - start).days + 1
    if days <= 16:
        ticks = _every(pd.date_range(start, end, freq="D"))
        labels = [_formatted("EEE d", tick.date(), msg.language) for tick in ticks]
    elif days <= 130:
        ticks = _every(pd.date_range(start, end, freq="W-MON"))
        labels = [_formatted("d MMM", tick.date(), msg.language) for tick in ticks]
    elif days <= 3 * 366:
        ticks = pd.date_range(pd.Timestamp(start).to_period("M").start_time, end, freq="MS")
        ticks = _every(ticks[ticks >= pd.Timestamp(start)] if len(ticks) > 1 else ticks)
        # The year at the first tick and wherever it changes; the months in between short.
        labels = [_formatted("MMM y" if index == 0 or tick.year != ticks[index - 1].year
                             else "MMM", tick.date(), msg.language)
                  for index, tick in enumerate(ticks)]
    else:
        ticks = _every(pd.date_range(pd.Timestamp(start).to_period("Y").start_time, end,
                                     freq="YS"))
        labels = [_formatted("y", tick.date(), msg.language) for tick in ticks]
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
    level, buckets = grouped_points(frame, max_points)
    traces = (_event_traces(frame, partners, msg) if buckets is None
              else _bucket_traces(buckets, level, partners, msg))
    if balance is not None and not balance.empty:
        traces += _balance_traces(balance, partners, msg)
    view_days = (period[1] - period[0]).days + 1 if period else None
    shapes, annotations = _band_shapes(bands), _band_labels(bands, msg, period)
    label_rows = 1 + max((note.get("yshift", 0) // LABEL_ROW_PX for note in annotations),
                         default=-1)
    silence_shapes, silence_labels = _silence_shapes(frame, msg, view_days)
    shapes += silence_shapes
    annotations += silence_labels
    annotations.append({"x": 1, "xref": "paper", "xanchor": "right", "y": 0, "yref": "paper",
                        "yanchor": "bottom", "text": _level_note(level, msg),
                        "showarrow": False, "font": {"size": 11}})
    xaxis: dict = {"title": {}, "type": "date"}
    if period is not None:
        start, end = period
        tickvals, ticktext = date_ticks(start, end, msg)
        xaxis.update(range=[str(start), f"{end}T23:59:59"], tickmode="array",
                     tickvals=tickvals, ticktext=ticktext)
    layout = {
        "shapes": [*shapes, ZERO_LINE], "annotations": annotations,
        # Room above the plot for the rows of phase labels; the legend goes below the dates,
        # where the toolbar (top right) cannot cover it on a narrow screen.
        "margin": {"l": 10, "r": 14, "t": 34 + LABEL_ROW_PX * label_rows, "b": 10},
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.1, "x": 0},
        "hovermode": "closest", "dragmode": "pan", "height": height,
        "clickmode": "event+select",
        "yaxis": {"range": [-Y_RANGE, Y_RANGE], "tickvals": list(INTENSITY_TICKS),
                  "ticktext": [str(abs(tick)) for tick in INTENSITY_TICKS], "zeroline": False,
                  "fixedrange": True,
                  "title": {"text": f"↓ {msg('kind.distance')}  ·  {msg('kind.closeness')} ↑"}},
        "yaxis2": {"range": [-Y_RANGE / 5, Y_RANGE / 5], "overlaying": "y", "side": "right",
                   "showgrid": False, "zeroline": False, "showticklabels": False,
                   "fixedrange": True},
        "xaxis": xaxis,
        "meta": {"level": str(level)},
    }
    return _figure(traces, layout)


# The calendar says the leaning of each day in a sign too, not only in colour.
CALENDAR_SIGNS = {1: "+", -1: "−", 0: "="}


def calendar_days(frame: pd.DataFrame, days: int = 371) -> pd.DataFrame:
    """One row per local day the calendar shows: moments (`count`) and `balance` (−1 to 1,
    NaN without moments), indexed by day.

    Up to the last `days` days up to the last moment in the frame, from the Monday of the
    first shown week (or of the journal's first week, for a shorter journal).
    """
    local_days = frame["occurred_at"].dt.tz_localize(None).dt.normalize()
    end, journal_start = local_days.max(), local_days.min()
    start = max(end - pd.Timedelta(days=days - 1), journal_start)
    start = start - pd.Timedelta(days=start.day_of_week)
    sums = daily_sums(rows_where(frame, (local_days >= start).to_numpy()))
    per_day = sums.groupby("day")[["closeness", "distance", "count"]].sum()
    per_day = per_day.reindex(pd.date_range(start, end, freq="D"))
    total = per_day["closeness"] + per_day["distance"]
    balance = ((per_day["closeness"] - per_day["distance"]) / total.replace(0, np.nan)).round(2)
    return pd.DataFrame({"count": per_day["count"].fillna(0).astype(int), "balance": balance})


def calendar_sign(balance: float) -> str:
    """+ for a day leaning to closeness, − to distance, = for even; empty without moments."""
    return "" if np.isnan(balance) else CALENDAR_SIGNS[int(np.sign(balance))]


def calendar_figure(frame: pd.DataFrame, msg: Messages, days: int = 371,
                    height: int = 230) -> go.Figure:
    """A year in days: each square one day, coloured by that day's balance (both partners)
    and marked with its sign (`calendar_sign`), Monday at the top."""
    if frame.empty:
        return go.Figure()
    return calendar_heatmap(calendar_days(frame, days), msg, height)


def calendar_heatmap(shown: pd.DataFrame, msg: Messages, height: int = 230) -> go.Figure:
    """`calendar_figure` of the days as made by `calendar_days`."""
    all_days = shown.index
    start, end = all_days[0], all_days[-1]
    week = ((all_days - start).days // 7).to_numpy()
    weekday = all_days.day_of_week.to_numpy()
    columns = int(week.max()) + 1
    z = np.full((7, columns), np.nan)
    hover = np.full((7, columns), "", dtype=object)
    signs = np.full((7, columns), "", dtype=object)
    z[weekday, week] = shown["balance"].to_numpy()
    language = msg.language
    for day, row, column, count, value in zip(all_days.date, weekday.tolist(), week.tolist(),
                                              shown["count"].tolist(),
                                              shown["balance"].tolist(), strict=True):
        hover[row, column] = msg("chart.calendar_hover", date=_formatted("date", day, language),
                                 count=count,
                                 balance="–" if np.isnan(value) else _number(value, language))
        signs[row, column] = calendar_sign(value)
    week_starts = [start + pd.Timedelta(weeks=int(column)) for column in range(columns)]
    tickvals, ticktext = date_ticks(start.date(), end.date(), msg)
    heatmap = {
        "type": "heatmap", "z": z, "x": week_starts,
        "y": [msg(f"weekday.{index}") for index in range(7)],
        "text": signs, "texttemplate": "%{text}", "textfont": {"size": 10},
        "hovertext": hover, "hoverinfo": "text", "hovertemplate": "%{hovertext}<extra></extra>",
        "zmin": -1, "zmax": 1, "xgap": 2, "ygap": 2,
        # Blue for closeness, orange for distance: readable with colour blindness.
        "colorscale": [[0, "#B35806"], [0.5, "#F7F7F7"], [1, "#2166AC"]],
        "colorbar": {"title": {"text": msg("chart.balance")}, "thickness": 10,
                     "tickvals": [-1, 0, 1],
                     "ticktext": [f"− {msg('kind.distance')}", "= 0",
                                  f"+ {msg('kind.closeness')}"]},
    }
    return _figure([heatmap], {
        "height": height, "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
        "yaxis": {"autorange": "reversed", "fixedrange": True},
        "xaxis": {"type": "date", "fixedrange": True, "tickmode": "array",
                  "tickvals": tickvals, "ticktext": ticktext}})
