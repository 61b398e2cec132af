"""Plotly figures built from an events frame. Plain functions: testable without a browser."""

from __future__ import annotations

import html
import textwrap

import pandas as pd
import plotly.graph_objects as go

from nabij.i18n import Messages

# Okabe-Ito colours: distinguishable with the common forms of colour blindness.
PARTNER_COLOURS = ("#0072B2", "#D55E00")
# A second cue next to colour, so the partners are told apart in greyscale too.
PARTNER_SYMBOLS = ("circle", "diamond")
HOVER_NOTE_CHARS = 280
# Intensity 1 to 5 on both sides of the line; the sign only says which side.
INTENSITY_TICKS = (-5, -4, -3, -2, -1, 1, 2, 3, 4, 5)
HOVER_LINE_CHARS = 48


def plain_hover_text(text: str, limit: int = HOVER_NOTE_CHARS) -> str:
    """User text made safe for a Plotly hover label: shown as typed, never as markup.

    Plotly reads a small set of HTML tags in labels; escaping turns `<b>` into characters it
    prints. Long notes are cut and wrapped so the label stays readable on a phone.
    """
    shortened = text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
    lines = textwrap.wrap(shortened, HOVER_LINE_CHARS, break_long_words=True,
                          replace_whitespace=False) or [""]
    return "<br>".join(html.escape(line, quote=False) for line in lines)


def cycle_figure(frame: pd.DataFrame, partners: tuple[str, str], msg: Messages) -> go.Figure:
    """Events over time: closeness above zero, distance below, one trace per partner."""
    figure = go.Figure()
    for slot, name in enumerate(partners):
        rows = frame[frame["partner"] == slot]
        if rows.empty:
            continue
        hover = [
            "<br>".join((
                html.escape(msg.datetime(moment.to_pydatetime()), quote=False),
                f"{html.escape(name, quote=False)} · {msg('kind.' + kind)} · "
                f"{msg('chart.intensity')} {intensity}",
                *([msg("body." + body)] if body else []),
                *([plain_hover_text(note)] if note else []),
            ))
            for moment, kind, intensity, body, note in zip(
                rows["occurred_at"], rows["kind"], rows["intensity"], rows["body"],
                rows["note"], strict=True)
        ]
        figure.add_trace(go.Scatter(
            x=rows["occurred_at"], y=rows["signed_intensity"], mode="markers",
            name=name, customdata=rows["id"], hovertext=hover, hoverinfo="text",
            marker={"color": PARTNER_COLOURS[slot], "symbol": PARTNER_SYMBOLS[slot],
                    "size": 11, "line": {"width": 1, "color": "white"}},
        ))
    figure.add_hline(y=0, line={"color": "#888", "width": 1})
    figure.update_layout(
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        hovermode="closest", dragmode="pan", height=420,
        yaxis={"range": [-5.6, 5.6], "tickvals": list(INTENSITY_TICKS),
               "ticktext": [str(abs(tick)) for tick in INTENSITY_TICKS], "zeroline": False,
               "title": {"text": f"↓ {msg('kind.distance')}  ·  {msg('kind.closeness')} ↑"}},
        xaxis={"title": None},
    )
    return figure
