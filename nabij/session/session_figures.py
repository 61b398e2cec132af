"""The session's figures: the scale of two circles, check-ins over time, the two
perspectives chart, and the cycle map drawn as a loop.

Partner colours and symbols are those of `nabij.cycle.cycle_figures`, so a partner looks the same on
every screen. All user text reaching a figure is escaped (Plotly reads some HTML in labels).
Text takes the app theme's colour; what a figure paints itself (boxes, frames, strips) comes
from `nabij.figure_ink` for the `theme` ("light" or "dark") the page passes in.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from nabij.cycle.cycle_figures import (
    GAP_FILL,
    PARTNER_COLOURS,
    PARTNER_SYMBOLS,
    cycle_figure,
    date_ticks,
)
from nabij.figure_ink import NEUTRAL_GREY, figure_ink
from nabij.i18n import Messages
from nabij.phases.marks import PhaseSpan
from nabij.session.cycle_map import loop_nodes
from nabij.session.divergence import DriftStretch, PursueWithdraw
from nabij.session.records import SCORES, CycleMap
from nabij.text_safety import escape_plotly

# Distance between the two circles' centres (radius 1) for scores 1 to 7: apart, touching,
# then more and more overlap, as on the printed scale.
CIRCLE_DISTANCE = {1: 2.5, 2: 2.0, 3: 1.6, 4: 1.2, 5: 0.85, 6: 0.5, 7: 0.2}
PAIR_WIDTH = 4.6
NEUTRAL_LINE = NEUTRAL_GREY
NODE_TEXT_CHARS = 150
NODE_LINE_CHARS = 28
# The session's small figures explain rather than explore: no toolbar, no zoom.
STATIC_CONFIG = {"displayModeBar": False}



def node_text(text: str, limit: int = NODE_TEXT_CHARS, width: int = NODE_LINE_CHARS) -> str:
    """User text for a box in a figure: cut, wrapped and escaped, shown as typed."""
    shortened = text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
    lines = textwrap.wrap(shortened, width, break_long_words=True) or [""]
    return "<br>".join(escape_plotly(line) for line in lines)


def _tint(colour: str, alpha: float) -> str:
    red, green, blue = (int(colour[index:index + 2], 16) for index in (1, 3, 5))
    return f"rgba({red}, {green}, {blue}, {alpha})"


def _circle(cx: float, cy: float, colour: str, fill: str, width: float = 2) -> dict:
    return {"type": "circle", "xref": "x", "yref": "y", "x0": cx - 1, "x1": cx + 1,
            "y0": cy - 1, "y1": cy + 1, "line": {"color": colour, "width": width},
            "fillcolor": fill}


def _pair(centre: float, score: int, colours: tuple[str, str], fills: tuple[str, str],
          width: float = 2) -> list[dict]:
    half = CIRCLE_DISTANCE[score] / 2
    return [_circle(centre - half, 0, colours[0], fills[0], width),
            _circle(centre + half, 0, colours[1], fills[1], width)]


def _blank_axes(figure: go.Figure, x_range: tuple[float, float],
                y_range: tuple[float, float]) -> None:
    figure.update_xaxes(range=list(x_range), visible=False, fixedrange=True)
    figure.update_yaxes(range=list(y_range), visible=False, fixedrange=True,
                        scaleanchor="x", scaleratio=1)


def ios_scale_figure(msg: Messages, partners: Sequence[str],
                     chosen: Mapping[int, int] | None = None, height: int = 170,
                     theme: str | None = None) -> go.Figure:
    """All seven pairs of circles in a row, numbered; each partner's choice marked below its
    pair in the partner's colour and symbol (a partner who has not chosen has no mark)."""
    chosen = dict(chosen or {})
    figure = go.Figure()
    shapes = []
    for score in SCORES:
        centre = (score - 1) * PAIR_WIDTH
        picked = [slot for slot, value in chosen.items() if value == score]
        colour = PARTNER_COLOURS[picked[0]] if len(picked) == 1 else (
            figure_ink(theme).frame if picked else NEUTRAL_LINE)
        shapes.extend(_pair(centre, score, (colour, colour),
                            ("rgba(0,0,0,0.04)", "rgba(0,0,0,0.04)"), 3 if picked else 1.5))
    for slot, name in enumerate(partners):
        if slot not in chosen:
            continue
        figure.add_trace(go.Scatter(
            x=[(chosen[slot] - 1) * PAIR_WIDTH + (slot - 0.5) * 0.9], y=[-1.55],
            mode="markers", name=escape_plotly(name), hoverinfo="name",
            marker={"color": PARTNER_COLOURS[slot], "symbol": PARTNER_SYMBOLS[slot],
                    "size": 14, "line": {"width": 1, "color": "white"}}))
    annotations = [{"x": (score - 1) * PAIR_WIDTH, "y": 1.35, "text": str(score),
                    "showarrow": False, "font": {"size": 16},
                    "yanchor": "bottom"} for score in SCORES]
    annotations += [
        {"x": 0, "y": -1.3, "text": msg("session_checkin.scale_apart"), "showarrow": False,
         "yanchor": "top", "font": {"size": 12}, "xanchor": "center"},
        {"x": (SCORES[-1] - 1) * PAIR_WIDTH, "y": -1.3, "yanchor": "top",
         "text": msg("session_checkin.scale_together"), "showarrow": False,
         "font": {"size": 12}, "xanchor": "center"},
    ]
    figure.update_layout(shapes=shapes, annotations=annotations, height=height,
                         margin={"l": 5, "r": 5, "t": 5, "b": 5}, showlegend=bool(chosen),
                         legend={"orientation": "h", "y": -0.05, "x": 0.5,
                                 "xanchor": "center", "yanchor": "top"})
    _blank_axes(figure, (-1.9, (SCORES[-1] - 1) * PAIR_WIDTH + 1.9), (-2.1, 2.1))
    return figure


def ios_pair_figure(score: int, slot: int, msg: Messages, height: int = 190) -> go.Figure:
    """The chosen pair, large: the left circle is the partner ("me"), the right the other."""
    other = 1 - slot
    figure = go.Figure()
    half = CIRCLE_DISTANCE[score] / 2
    shapes = _pair(0, score, (PARTNER_COLOURS[slot], PARTNER_COLOURS[other]),
                   (_tint(PARTNER_COLOURS[slot], 0.18), _tint(PARTNER_COLOURS[other], 0.18)), 3)
    # The labels stand under their circles, clear of the overlap, whatever the score. They
    # are in the theme's text colour: the partner colours are too light for text (3.5:1 to
    # 3.9:1 on one of the two backgrounds); the circles above carry the colour.
    annotations = [
        {"x": -half - 0.4, "y": -1.08, "text": msg("session_checkin.self"), "showarrow": False,
         "yanchor": "top", "font": {"size": 15}},
        {"x": half + 0.4, "y": -1.08, "text": msg("session_checkin.other"), "showarrow": False,
         "yanchor": "top", "font": {"size": 15}},
    ]
    figure.update_layout(shapes=shapes, annotations=annotations, height=height,
                         margin={"l": 5, "r": 5, "t": 5, "b": 5}, showlegend=False,
                         meta={"score": score, "partner": slot})
    _blank_axes(figure, (-3.2, 3.2), (-1.6, 1.1))
    return figure


def check_in_figure(series: pd.DataFrame, partners: Sequence[str], msg: Messages,
                    height: int = 300) -> go.Figure:
    """Both partners' check-ins over time (1 to 7), the gap between them shaded."""
    figure = go.Figure()
    present = [slot for slot in (0, 1) if slot in series and series[slot].notna().any()]
    for index, slot in enumerate(present):
        values = series[slot]
        both = len(present) == 2 and index == 1
        figure.add_trace(go.Scatter(
            x=series.index, y=values, mode="lines+markers", name=escape_plotly(partners[slot]),
            connectgaps=False,
            line={"color": PARTNER_COLOURS[slot], "width": 3,
                  "dash": "solid" if slot == 0 else "dot"},
            marker={"color": PARTNER_COLOURS[slot], "symbol": PARTNER_SYMBOLS[slot], "size": 12},
            fill="tonexty" if both else None, fillcolor=GAP_FILL if both else None,
            hovertemplate=f"{escape_plotly(partners[slot])}: %{{y:.0f}}<extra></extra>"))
    figure.update_layout(
        height=height, margin={"l": 10, "r": 10, "t": 30, "b": 10}, hovermode="x unified",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0,
                "traceorder": "normal"},
        yaxis={"range": [0.5, 7.5], "tickvals": list(SCORES), "fixedrange": True,
               "title": {"text": msg("session_checkin.axis")}},
        xaxis={"type": "date", "fixedrange": True})
    if not series.empty:
        start, end = series.index.min().date(), series.index.max().date()
        tickvals, ticktext = date_ticks(start, end, msg)
        padding = pd.Timedelta(days=1)
        figure.update_xaxes(range=[series.index.min() - padding, series.index.max() + padding],
                            tickmode="array", tickvals=tickvals, ticktext=ticktext)
    return figure


def session_chart(frame: pd.DataFrame, partners: Sequence[str], msg: Messages, *,
                  balance: pd.DataFrame, period: tuple[dt.date, dt.date],
                  bands: Sequence[PhaseSpan] = (), drifts: Sequence[DriftStretch] = (),
                  pursuits: Sequence[PursueWithdraw] = (), height: int = 520,
                  theme: str | None = None) -> go.Figure:
    """The Cycle chart for the session's period, with both balances and their gap, a dark
    strip under the days the balances drift far apart, and each pursue-withdraw stretch
    framed and numbered as in the text under the chart."""
    figure = cycle_figure(frame, partners, msg, balance=balance, bands=bands, period=period,
                          height=height)
    ink = figure_ink(theme)
    day = pd.Timedelta(days=1)
    for stretch in drifts:
        figure.add_shape(type="rect", xref="x", yref="paper", x0=pd.Timestamp(stretch.start),
                         x1=pd.Timestamp(stretch.end) + day, y0=0, y1=0.035,
                         fillcolor=ink.shade, line={"width": 0}, layer="above",
                         name="drift")
    for number, stretch in enumerate(pursuits, 1):
        figure.add_shape(type="rect", xref="x", yref="paper", x0=pd.Timestamp(stretch.start),
                         x1=pd.Timestamp(stretch.end) + day, y0=0.04, y1=0.96,
                         line={"color": ink.frame, "width": 2, "dash": "dot"},
                         fillcolor="rgba(0,0,0,0)", layer="above", name="pursue")
        figure.add_annotation(x=pd.Timestamp(stretch.start), xref="x", xanchor="left",
                              y=0.955, yref="paper", yanchor="top", showarrow=False,
                              text=f"<b>{number}</b> "
                                   f"{escape_plotly(msg('session_chart.pursue_tag'))}",
                              font={"size": 12, "color": ink.frame}, bgcolor=ink.paper)
    return figure


# Places of the loop's stations: the trigger outside, the four others round the loop.
_NODE_PLACES = ((-2.55, 1.75), (0.0, 1.3), (2.35, 0.0), (0.0, -1.3), (-2.35, 0.0))
_ARROWS = ((0, 1), (1, 2), (2, 3), (3, 4), (4, 1))


def _node_title(role: str, partner: int | None, partners: Sequence[str], msg: Messages) -> str:
    if partner is None:
        return msg("session_map.node_trigger")
    return msg(f"session_map.node_{role}", name=partners[partner])


def cycle_map_figure(cycle_map: CycleMap, first: int, partners: Sequence[str], msg: Messages,
                     height: int = 480, theme: str | None = None) -> go.Figure:
    """The map as a loop: the trigger leads in; each partner's feeling leads to what they did,
    which leads to the other's feeling, and round again. Empty stations say so."""
    figure = go.Figure()
    ink = figure_ink(theme)
    nodes = loop_nodes(cycle_map, first)
    annotations = []
    for (x, y), node in zip(_NODE_PLACES, nodes, strict=True):
        colour = ink.frame if node.partner is None else PARTNER_COLOURS[node.partner]
        title = escape_plotly(_node_title(node.role, node.partner, partners, msg))
        body = (node_text(node.text) if node.text
                else f"<i>{escape_plotly(msg('session_map.not_filled'))}</i>")
        if node.body is not None:
            body_line = msg("session_map.body_line", body=msg(f"body.{node.body}"))
            body += "".join(f"<br><i>{line}</i>" for line in node_text(body_line).split("<br>"))
        annotations.append({
            "x": x, "y": y, "xref": "x", "yref": "y", "showarrow": False,
            "text": f"<b>{title}</b><br>{body}", "align": "center",
            "bordercolor": colour, "borderwidth": 2, "borderpad": 6, "bgcolor": ink.paper,
            "font": {"size": 15, "color": ink.text}})
    for start, end in _ARROWS:
        (x0, y0), (x1, y1) = _NODE_PLACES[start], _NODE_PLACES[end]
        # Arrows run between the middle parts of two stations, clear of their boxes.
        tail = (x0 + (x1 - x0) * 0.3, y0 + (y1 - y0) * 0.3)
        head = (x0 + (x1 - x0) * 0.7, y0 + (y1 - y0) * 0.7)
        annotations.append({
            "x": head[0], "y": head[1], "ax": tail[0], "ay": tail[1], "xref": "x", "yref": "y",
            "axref": "x", "ayref": "y", "text": "", "showarrow": True, "arrowhead": 3,
            "arrowsize": 1.4, "arrowwidth": 2, "arrowcolor": ink.frame})
    loop = {"type": "circle", "xref": "x", "yref": "y", "x0": -2.35, "x1": 2.35, "y0": -1.3,
            "y1": 1.3, "line": {"color": NEUTRAL_GREY, "width": 1.5, "dash": "dot"},
            "layer": "below"}
    figure.update_layout(annotations=annotations, shapes=[loop], height=height,
                         margin={"l": 5, "r": 5, "t": 5, "b": 5}, showlegend=False,
                         meta={"event_id": cycle_map.event_id, "first": first})
    figure.update_xaxes(range=[-3.6, 3.6], visible=False, fixedrange=True)
    figure.update_yaxes(range=[-2.1, 2.4], visible=False, fixedrange=True)
    return figure
