"""The timeline's downloads: a PNG from its toolbar and a standalone page, under a file name
that says what it shows, in characters every file system takes."""

from __future__ import annotations

import datetime as dt
import re

import plotly.graph_objects as go
from hypothesis import given
from hypothesis import strategies as st

from nabij.cycle.view import CycleView, chart_file_name, png_config, standalone_html
from nabij.i18n import Messages

VIEW = CycleView(dt.date(2025, 3, 1), dt.date(2025, 3, 31), (0, 1), 14)


def test_the_name_says_journal_and_period():
    assert chart_file_name("Sanne & Daan!", VIEW) == "nabij-sanne-daan-2025-03-01-2025-03-31"
    assert chart_file_name("Wij", VIEW) == "nabij-wij-2025-03-01-2025-03-31"


def test_a_name_without_plain_letters_becomes_journal():
    assert chart_file_name("Één ♥ ✨", VIEW) == "nabij-n-2025-03-01-2025-03-31"
    assert chart_file_name("♥ ✨ ...", VIEW) == "nabij-journal-2025-03-01-2025-03-31"


@given(st.text(max_size=80))
def test_any_journal_name_gives_a_tidy_file_name(name):
    file_name = chart_file_name(name, VIEW)
    assert re.fullmatch(r"nabij-[0-9a-z]+(-[0-9a-z]+)*-2025-03-01-2025-03-31", file_name)


def test_the_png_button_saves_under_that_name_in_the_users_language():
    config = png_config("Wij", VIEW, Messages("en"))
    assert config["toImageButtonOptions"] == {
        "format": "png", "scale": 2, "filename": "nabij-wij-2025-03-01-2025-03-31"}
    assert config["locale"] == "en" and config["scrollZoom"] is False
    assert not config["displaylogo"]


def test_the_standalone_page_carries_plotly_itself():
    page = standalone_html(go.Figure(go.Scatter(x=[1, 2], y=[3, 4])))
    assert page.lower().startswith("<!doctype html>") and "<script src=" not in page
    assert "Plotly.newPlot" in page and '"displaylogo": false' in page
