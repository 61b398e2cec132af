"""Figures in the light and the dark theme: no white page behind them, readable text on both.

The app's theme colours the figures' text and background through st.plotly_chart; a figure
may only paint a background or a text colour itself where it comes from `nabij.figure_ink`
for the theme it was asked for, with WCAG AA contrast (4.5:1 for text, 3:1 for lines).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
import pytest

from nabij.cycle.cycle_figures import cycle_figure
from nabij.figure_ink import DARK, LIGHT, NEUTRAL_GREY, figure_ink
from nabij.frames import events_frame
from nabij.i18n import Messages
from nabij.model import Event, Journal, Kind
from nabij.phases.marks import PhaseSpan
from nabij.session.divergence import DriftStretch, PursueWithdraw
from nabij.session.records import CycleMap
from nabij.session.session_figures import (
    cycle_map_figure,
    ios_pair_figure,
    ios_scale_figure,
    session_chart,
)

EN = Messages("en")
JOURNAL = Journal(1, "Wij", ("Anna", "Bram"), "Europe/Amsterdam")
START = dt.datetime(2025, 3, 1, 20, 0, tzinfo=dt.UTC)
PERIOD = (dt.date(2025, 3, 1), dt.date(2025, 3, 21))
# The backgrounds of Streamlit's light theme and of its dark theme (.streamlit/config.toml
# keeps both backgrounds).
BACKGROUND = {"light": "#FFFFFF", "dark": "#171614"}


def _luminance(colour: str) -> float:
    value = colour.lstrip("#")
    channels = [int(value[index:index + 2], 16) / 255 for index in (0, 2, 4)]
    linear = [part / 12.92 if part <= 0.03928 else ((part + 0.055) / 1.055) ** 2.4
              for part in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two #RRGGBB colours (1 to 21)."""
    high, low = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_is_measured_as_wcag_does():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21)
    assert contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("ink, theme", [(LIGHT, "light"), (DARK, "dark")])
def test_each_theme_ink_reads_on_its_own_background(ink, theme):
    assert ink.paper.upper() == BACKGROUND[theme]
    assert contrast(ink.text, ink.paper) >= 7
    assert contrast(ink.frame, ink.paper) >= 4.5
    assert contrast(NEUTRAL_GREY, BACKGROUND[theme]) >= 3


def test_no_theme_or_an_unknown_one_is_light():
    assert figure_ink(None) is LIGHT and figure_ink("light") is LIGHT
    assert figure_ink("dark") is DARK


def _frame() -> pd.DataFrame:
    events = [Event(occurred_at=START + dt.timedelta(days=day), partner=day % 2,
                    kind=Kind.CLOSENESS if day % 3 else Kind.DISTANCE, intensity=3, note="",
                    id=day + 1) for day in range(20)]
    return events_frame(events, JOURNAL)


def _figures(theme: str) -> dict[str, go.Figure]:
    bands = [PhaseSpan(dt.date(2025, 3, 1), dt.date(2025, 3, 9), "begin"),
             PhaseSpan(dt.date(2025, 3, 10), dt.date(2025, 3, 20), "crisis", suggested=True)]
    cycle_map = CycleMap(3, "a trigger", felt=("sad", ""), did=("", "left"))
    return {
        "cycle": cycle_figure(_frame(), JOURNAL.partners, EN, bands=bands, period=PERIOD),
        "scale": ios_scale_figure(EN, JOURNAL.partners, {0: 4, 1: 4}, theme=theme),
        "pair": ios_pair_figure(4, 0, EN),
        "map": cycle_map_figure(cycle_map, 0, JOURNAL.partners, EN, theme=theme),
        "session": session_chart(
            _frame(), JOURNAL.partners, EN, balance=pd.DataFrame(), period=PERIOD,
            bands=bands, drifts=[DriftStretch(dt.date(2025, 3, 5), dt.date(2025, 3, 8), 1.5)],
            pursuits=[PursueWithdraw(dt.date(2025, 3, 10), dt.date(2025, 3, 14), 0, 1, 4, 3)],
            theme=theme),
    }


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_figures_leave_the_background_to_the_theme_and_their_text_reads_on_it(theme):
    for name, figure in _figures(theme).items():
        layout = figure.layout
        assert layout.paper_bgcolor is None and layout.plot_bgcolor is None, name
        for note in layout.annotations:
            if note.font.color is None:  # the theme's own text colour
                continue
            behind = note.bgcolor or BACKGROUND[theme]
            assert contrast(note.font.color, behind) >= 4.5, (name, note.text, theme)
            if note.bgcolor is not None:
                assert contrast(note.bgcolor, BACKGROUND[theme]) < 1.1, (name, note.text)


def test_the_session_chart_frames_and_shades_in_the_dark_theme_ink():
    figure = _figures("dark")["session"]
    pursue = [shape for shape in figure.layout.shapes if shape.name == "pursue"]
    drift = [shape for shape in figure.layout.shapes if shape.name == "drift"]
    assert [shape.line.color for shape in pursue] == [DARK.frame]
    assert [shape.fillcolor for shape in drift] == [DARK.shade]
    light = _figures("light")["session"]
    assert [shape.line.color for shape in light.layout.shapes
            if shape.name == "pursue"] == [LIGHT.frame]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_cycle_map_arrows_and_boxes_read_on_the_theme(theme):
    ink = figure_ink(theme)
    figure = _figures(theme)["map"]
    arrows = [note for note in figure.layout.annotations if note.showarrow]
    boxes = [note for note in figure.layout.annotations if not note.showarrow]
    assert arrows and all(arrow.arrowcolor == ink.frame for arrow in arrows)
    assert contrast(ink.frame, BACKGROUND[theme]) >= 3
    assert boxes and all(box.bgcolor == ink.paper and box.font.color == ink.text
                         for box in boxes)
