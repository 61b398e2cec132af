"""The Cycle page: the demo on first start, the open journal's moments afterwards."""

from __future__ import annotations

import base64
import json

import numpy as np

from nabij.demo import demo_journal
from nabij.model import Kind
from tests.pages.conftest import add_event, open_app


def decode(values) -> list:
    """Plotly sends numeric arrays as base64 typed arrays; turn them back into a list."""
    if isinstance(values, dict) and "bdata" in values:
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values)


def chart_points(app) -> list[tuple[str, list]]:
    [chart] = app.get("plotly_chart")
    figure = json.loads(chart.proto.spec)
    return [(trace["name"], decode(trace["y"])) for trace in figure["data"]]


def test_first_start_shows_the_demo_chart(db_url):
    app = open_app()
    traces = chart_points(app)
    assert [name for name, _ in traces] == ["Sanne", "Daan"]
    assert sum(len(y) for _, y in traces) == len(demo_journal("nl").events)
    assert any("voorbeelddagboek" in i.value for i in app.info)


def test_demo_in_english(db_url):
    app = open_app(lang="en")
    assert any("example journal" in i.value for i in app.info)
    assert app.title[0].value.startswith("Cycle")


def test_own_journal_replaces_the_demo_and_plots_signed_intensity(store, journal):
    add_event(store, journal, kind=Kind.CLOSENESS, intensity=4, partner=0)
    add_event(store, journal, kind=Kind.DISTANCE, intensity=2, partner=1, hours=1)
    app = open_app()
    assert chart_points(app) == [("Anna", [4]), ("Bram", [-2])]
    assert not any("voorbeelddagboek" in i.value for i in app.info)
    assert any("2 momenten" in c.value for c in app.caption)


def test_empty_journal_says_how_to_begin(store, journal):
    app = open_app()
    assert not app.get("plotly_chart")
    assert any("Nog niets om te tonen" in i.value for i in app.info)


def test_chart_follows_a_write_made_elsewhere(store, journal):
    app = open_app()
    add_event(store, journal, kind=Kind.DISTANCE, intensity=5)
    app.run()
    assert chart_points(app) == [("Anna", [-5])]
