"""Plotly figures for the insights. Plain functions: testable without a browser.

Each returns None when its insight rests on too few moments: the page then says so in words
instead of drawing a figure that looks surer than it is. Sizes are bounded whatever the
journal's length (months, weeks and tags are capped in the insights themselves; the heat map is
always 7 × 24). Colours come from the Okabe-Ito set or the blue/orange pair of the calendar,
with a pattern as a second cue, so they can be told apart with colour blindness and in
greyscale. User text (partner names, context tags) is escaped before Plotly sees it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from nabij.cycle.cycle_figures import date_ticks
from nabij.figure_ink import NEUTRAL_GREY
from nabij.i18n import Messages
from nabij.insights import JournalInsights
from nabij.insights.body import BODY_STATES, BodyInsight
from nabij.insights.context import ContextInsight
from nabij.insights.evidence import MIN_PER_GROUP
from nabij.insights.ratio import WeeklyRatio
from nabij.insights.repair import RepairGroup, RepairInsight
from nabij.insights.timing import TimingInsight
from nabij.insights.wording import duration, percentage
from nabij.text_safety import escape_plotly

CLOSENESS_COLOUR = "#2166AC"
DISTANCE_COLOUR = "#B35806"
SIDE_COLOURS = {"same": "#009E73", "other": "#CC79A7"}
SIDE_PATTERNS = {"same": "", "other": "/"}
BODY_COLOURS = {"calm": "#009E73", "alarm": "#E69F00", "shutdown": "#56B4E9"}
BODY_PATTERNS = {"calm": "", "alarm": "x", "shutdown": "."}
# Greys that read on the light and the dark theme's background alike (over 3:1 on both).
RATIO_COLOUR = NEUTRAL_GREY
OVERALL_COLOUR = "#8A8A8A"
HEAT_SCALE = [[0, "#F7F7F7"], [1, DISTANCE_COLOUR]]
TAG_LABEL_CHARS = 28
CONFIG = {"displaylogo": False, "scrollZoom": False}



def _short(text: str, limit: int = TAG_LABEL_CHARS) -> str:
    return escape_plotly(text if len(text) <= limit else text[: limit - 1].rstrip() + "…")


def _pattern(shape: str) -> dict:
    """White hatching over the bar's own colour: a second cue besides colour."""
    return {"shape": shape, "fgcolor": "white", "fillmode": "overlay", "solidity": 0.3}


def _layout(figure: go.Figure, height: int, **extra) -> go.Figure:
    figure.update_layout(height=height, margin={"l": 10, "r": 10, "t": 40, "b": 10},
                         legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
                         dragmode=False, **extra)
    return figure


# --- repair time ------------------------------------------------------------------------------

def _group_label(group: RepairGroup, by: str, msg: Messages) -> str:
    if by == "phase":
        name = msg(f"phase.{group.key}")
    else:
        name = msg.date(dt.date.fromisoformat(f"{group.key}-01"), "MMM y")
    return f"{escape_plotly(name)}<br>{msg('insights.repair.group_count', count=group.distance)}"


def repair_figure(insight: RepairInsight, msg: Messages, by: str = "phase",
                  height: int = 360) -> go.Figure | None:
    """Median hours (or days) to the next closeness moment per phase or month, one bar for
    the same partner and one for the other, each labelled with the moments behind it."""
    groups = insight.by_phase if by == "phase" else insight.by_month
    if not insight.enough or not groups:
        return None
    medians = [stat.median_hours for group in groups for stat in (group.same, group.other)
               if stat.median_hours is not None]
    in_days = bool(medians) and max(medians) >= 72
    scale = 24.0 if in_days else 1.0
    labels = [_group_label(group, by, msg) for group in groups]
    figure = go.Figure()
    for side in ("same", "other"):
        stats = [getattr(group, side) for group in groups]
        name = msg(f"insights.repair.side_{side}")
        figure.add_trace(go.Bar(
            x=labels, name=name,
            y=[None if stat.median_hours is None else round(stat.median_hours / scale, 2)
               for stat in stats],
            text=[msg("insights.repair.bar_count", count=stat.repaired)
                  if stat.median_hours is not None else "" for stat in stats],
            textposition="outside", cliponaxis=False,
            hovertext=[msg("insights.repair.hover", side=name,
                           duration=duration(stat.median_hours, msg), count=stat.repaired,
                           open=stat.open)
                       if stat.median_hours is not None
                       else msg("insights.repair.hover_too_few", side=name, count=stat.repaired,
                                needed=MIN_PER_GROUP)
                       for stat in stats],
            hoverinfo="text",
            marker={"color": SIDE_COLOURS[side],
                    "pattern": _pattern(SIDE_PATTERNS[side])},
        ))
    annotations = [{"x": label, "y": 0, "yref": "y", "yanchor": "bottom", "showarrow": False,
                    "text": msg("insights.too_few_short"), "font": {"size": 11}}
                   for label, group in zip(labels, groups, strict=True)
                   if group.same.median_hours is None and group.other.median_hours is None]
    unit = "insights.repair.axis_days" if in_days else "insights.repair.axis_hours"
    return _layout(figure, height, barmode="group", annotations=annotations,
                   xaxis={"type": "category", "fixedrange": True},
                   yaxis={"title": {"text": msg(unit)}, "fixedrange": True, "rangemode": "tozero"},
                   meta={"unit": "days" if in_days else "hours"})


# --- closeness and distance per week ----------------------------------------------------------

def _count_ticks(peak: int) -> tuple[list[int], list[str]]:
    """Ticks on both sides of zero, labelled without a minus: distance is simply below."""
    step, factors = 1, (2, 2.5, 2)  # 1, 2, 5, 10, 20, 50, ...
    while peak / step > 3:
        step = int(step * factors[0])
        factors = (*factors[1:], factors[0])
    values = list(range(-step * (peak // step), step * (peak // step) + 1, step))
    return values, [str(abs(value)) for value in values]


def weekly_figure(weekly: WeeklyRatio, msg: Messages, height: int = 420) -> go.Figure | None:
    """Per week, closeness moments up and distance moments down; underneath, the ratio
    (closeness moments per distance moment), only for weeks with distance and at least
    MIN_PER_GROUP moments. No target line: Nabij does not grade."""
    if not weekly.enough or not weekly.weeks:
        return None
    starts = [week.start for week in weekly.weeks]
    hover = [msg("insights.ratio.hover", week=msg.date(week.start), closeness=week.closeness,
                 distance=week.distance,
                 ratio=(msg("insights.ratio.value", ratio=msg.number(round(week.ratio, 1)))
                        if week.ratio is not None else msg("insights.ratio.no_distance")))
             for week in weekly.weeks]
    figure = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.65, 0.35],
                           vertical_spacing=0.06)
    figure.add_trace(go.Bar(x=starts, y=[week.closeness for week in weekly.weeks],
                            name=msg("insights.ratio.closeness"),
                            marker={"color": CLOSENESS_COLOUR}, hovertext=hover,
                            hoverinfo="text"), row=1, col=1)
    figure.add_trace(go.Bar(x=starts, y=[-week.distance for week in weekly.weeks],
                            name=msg("insights.ratio.distance"),
                            marker={"color": DISTANCE_COLOUR, "pattern": _pattern("/")},
                            hovertext=hover, hoverinfo="text"), row=1, col=1)
    ratios = [round(week.ratio, 2) if week.ratio is not None and week.total >= MIN_PER_GROUP
              else None for week in weekly.weeks]
    figure.add_trace(go.Scatter(
        x=starts, y=ratios, mode="lines+markers", connectgaps=False,
        name=msg("insights.ratio.line"), hovertext=hover, hoverinfo="text",
        line={"color": RATIO_COLOUR, "dash": "dot", "width": 2},
        marker={"symbol": "diamond", "size": 7, "color": RATIO_COLOUR}), row=2, col=1)
    peak = max(max(week.closeness, week.distance) for week in weekly.weeks) or 1
    top = max((value for value in ratios if value is not None), default=1)
    tickvals, ticktext = _count_ticks(peak)
    ticks, labels = date_ticks(starts[0], starts[-1] + dt.timedelta(days=6), msg)
    _layout(figure, height, barmode="relative", bargap=0.15)
    figure.update_xaxes(type="date", fixedrange=True, tickmode="array", tickvals=ticks,
                        ticktext=labels)
    figure.update_yaxes(row=1, col=1, title={"text": msg("insights.ratio.axis")},
                        fixedrange=True, range=[-peak * 1.15, peak * 1.15], tickmode="array",
                        tickvals=tickvals, ticktext=ticktext)
    figure.update_yaxes(row=2, col=1, title={"text": msg("insights.ratio.line")},
                        fixedrange=True, range=[0, top * 1.2], rangemode="tozero")
    return figure


# --- body signals ----------------------------------------------------------------------------

def body_figure(body: BodyInsight, partners: tuple[str, str], msg: Messages,
                height: int = 300) -> go.Figure | None:
    """Per partner and kind, the share of each body state among the moments where one was
    filled in; rows with fewer than MIN_PER_GROUP such moments get no bars, only a label."""
    if not body.enough:
        return None
    labels = []
    for row in body.rows:
        label = f"{_short(partners[row.partner])} · {msg(f'kind.{row.kind}')}"
        suffix = (msg("insights.body.row_count", count=row.named) if row.enough
                  else msg("insights.body.row_too_few", count=row.named))
        labels.append(f"{label}<br>{suffix}")
    figure = go.Figure()
    for state in BODY_STATES:
        figure.add_trace(go.Bar(
            y=labels, orientation="h", name=msg(f"insights.body.state_{state}"),
            x=[round(100 * row.count(state) / row.named, 1) if row.enough else None
               for row in body.rows],
            text=[str(row.count(state)) if row.enough and row.count(state) else ""
                  for row in body.rows],
            textposition="inside", insidetextanchor="middle",
            hovertext=[msg("insights.body.hover", state=msg(f"body.{state}"),
                           count=row.count(state), named=row.named,
                           share=percentage(row.count(state) / row.named if row.named else None,
                                            msg))
                       for row in body.rows],
            hoverinfo="text",
            marker={"color": BODY_COLOURS[state],
                    "pattern": _pattern(BODY_PATTERNS[state])},
        ))
    return _layout(figure, height, barmode="stack", legend_traceorder="normal",
                   xaxis={"range": [0, 100], "ticksuffix": "%", "fixedrange": True},
                   yaxis={"autorange": "reversed", "fixedrange": True, "type": "category"})


# --- when distance moments gather -------------------------------------------------------------

def timing_figure(timing: TimingInsight, msg: Messages, height: int = 300) -> go.Figure | None:
    """Distance moments per weekday (rows, Monday on top) and hour of the day (columns)."""
    if not timing.enough:
        return None
    hours = [f"{hour:02d}" for hour in range(24)]
    weekdays = [msg(f"weekday.{day}") for day in range(7)]
    hover = [[msg("insights.timing.hover", weekday=msg(f"insights.weekday.{day}"),
                  hour=f"{hour:02d}:00–{(hour + 1) % 24:02d}:00",
                  count=timing.distance[day][hour], all=timing.moments[day][hour])
              for hour in range(24)] for day in range(7)]
    figure = go.Figure(go.Heatmap(
        z=[list(row) for row in timing.distance], x=hours, y=weekdays, text=hover,
        hoverinfo="text", colorscale=HEAT_SCALE, zmin=0, xgap=1, ygap=1,
        colorbar={"title": {"text": msg("insights.timing.colorbar")}, "thickness": 10},
    ))
    return _layout(figure, height,
                   xaxis={"title": {"text": msg("insights.timing.axis_hour")},
                          "fixedrange": True, "type": "category", "dtick": 3},
                   yaxis={"autorange": "reversed", "fixedrange": True, "type": "category"})


# --- context ----------------------------------------------------------------------------------

def context_figure(context: ContextInsight, msg: Messages) -> go.Figure | None:
    """Per tag: its share of distance moments against its share of all moments (only moments
    with a context count), with the counts on the bars."""
    if not context.enough or not context.rows:
        return None
    labels: list[str] = []
    for row in context.rows:
        label = _short(row.tag)
        if row.moments < MIN_PER_GROUP:
            label = f"{label} ({msg('insights.too_few_short')})"
        while label in labels:  # two long tags cut to the same start stay two rows
            label += " ·"
        labels.append(label)
    shown = [row.moments >= MIN_PER_GROUP for row in context.rows]
    figure = go.Figure()
    for series, colour, pattern in (("distance", DISTANCE_COLOUR, ""),
                                    ("all", OVERALL_COLOUR, "/")):
        values, texts, hover = [], [], []
        for row, label, show in zip(context.rows, labels, shown, strict=True):
            if series == "distance":
                value, count, total = context.share_of_distance(row), row.distance, \
                    context.tagged_distance
            else:
                value, count, total = context.share_of_all(row), row.moments, context.tagged
            values.append(round(100 * value, 1) if show and value is not None else None)
            texts.append(f"{count}/{total}" if show else "")
            hover.append(msg(f"insights.context.hover_{series}", tag=label, count=count,
                             total=total, share=percentage(value, msg)))
        figure.add_trace(go.Bar(
            y=labels, x=values, orientation="h", name=msg(f"insights.context.series_{series}"),
            text=texts, textposition="outside", cliponaxis=False, hovertext=hover,
            hoverinfo="text",
            marker={"color": colour, "pattern": _pattern(pattern)}))
    top = max((value for trace in figure.data for value in trace.x if value is not None),
              default=100)
    return _layout(figure, 90 + 46 * len(context.rows), barmode="group",
                   xaxis={"ticksuffix": "%", "fixedrange": True, "range": [0, top * 1.25]},
                   yaxis={"autorange": "reversed", "fixedrange": True, "type": "category"})


@dataclass(frozen=True)
class InsightFigures:
    """Each figure of the Insights page, or None where its insight rests on too few moments."""

    repair_by_phase: go.Figure | None
    repair_by_month: go.Figure | None
    weekly: go.Figure | None
    body: go.Figure | None
    timing: go.Figure | None
    context: go.Figure | None


def figures_for(insights: JournalInsights, partners: tuple[str, str],
                msg: Messages) -> InsightFigures:
    return InsightFigures(
        repair_by_phase=repair_figure(insights.repair, msg, by="phase"),
        repair_by_month=repair_figure(insights.repair, msg, by="month"),
        weekly=weekly_figure(insights.weekly, msg), body=body_figure(insights.body, partners, msg),
        timing=timing_figure(insights.timing, msg), context=context_figure(insights.context, msg))
