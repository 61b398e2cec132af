"""Every chart has its words: a folded summary and table under the chart on the Cycle,
Insights and Session pages; on the Cycle page the chart comes first and the long texts fold."""

from __future__ import annotations

import json

import pytest

from components.session.perspective import CHART_KEY as SESSION_CHART_KEY
from nabij.content import get_panel
from nabij.demo import demo_journal
from nabij.i18n import Messages
from tests.pages.conftest import open_app
from tests.pages.test_session_page import go_to_step


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_cycle_chart_and_calendar_have_their_words_and_the_long_texts_fold(db_url, lang):
    msg = Messages(lang)
    app = open_app(lang=lang)
    labels = [expander.label for expander in app.expander]
    assert msg("chart_words.heading") in labels
    assert msg("cycle_page.calendar_expander") in labels
    assert msg("cycle_page.phase_more") in labels  # the phase text waits under its title
    # Closed, the folds hold nothing yet: what they show is built once they are opened.
    for label in (msg("chart_words.heading"), msg("cycle_page.calendar_expander")):
        [closed] = [e for e in app.expander if e.label == label]
        assert not closed.text and not closed.get("plotly_chart")
    open_folds(app, "chart_words_fold_cycle_chart", "cycle_calendar_fold")

    [words] = [e for e in app.expander if e.label == msg("chart_words.heading")]
    sentences = [text.value for text in words.text]
    assert sentences[0].startswith(msg("chart_words.phases", phases="")[:10])
    [table] = words.table
    counts = table.value.iloc[:, 1:].to_numpy()
    assert counts.sum() == len(demo_journal(lang).events)  # the whole demo is in view

    [calendar] = [e for e in app.expander if e.label == msg("cycle_page.calendar_expander")]
    assert len(calendar.get("plotly_chart")) == 1
    # The calendar is folded already: its words stand open inside the same fold.
    assert f"**{msg('chart_words.calendar_heading')}**" in [md.value for md in calendar.markdown]
    assert calendar.text[0].value.split(" ")[0].isdigit()
    assert len(calendar.table) == 1


def open_folds(app, *keys: str):
    """Open folds as a tap on each does: their content is built on the rerun that follows."""
    for key in keys:
        app.session_state[key] = True
    app.run()
    assert not app.exception, app.exception
    return app


def test_the_timeline_comes_first_and_the_phase_text_folds_under_its_title(db_url):
    app = open_folds(open_app(), "cycle_calendar_fold")
    first, second = (json.loads(chart.proto.spec) for chart in app.get("plotly_chart"))
    assert {trace["type"] for trace in first["data"]} == {"scatter"}  # the timeline first
    assert [trace["type"] for trace in second["data"]] == ["heatmap"]
    # The demo ends in a new beginning: its title in sight, its text folded under it.
    panel = get_panel("nl", "phase_begin")
    assert f"#### {panel.title}" in [markdown.value for markdown in app.markdown]
    [fold] = [e for e in app.expander if e.label == Messages("nl")("cycle_page.phase_more")]
    assert fold.markdown and all(not md.value.startswith("####") for md in fold.markdown)


def test_every_insights_chart_has_its_words(db_url):
    app = open_folds(open_app("views/insights.py"), *(
        f"chart_words_fold_insights_chart_{name}" for name in
        ("repair_phase", "repair_month", "weekly", "body", "timing", "context")))
    charts = len(app.get("plotly_chart"))
    words = [e for e in app.expander if e.label == Messages("nl")("chart_words.heading")]
    assert charts == len(words) == 6
    for expander in words:
        assert expander.text[0].value.startswith("De grafiek toont")
        assert len(expander.table) == 1


def test_the_session_chart_has_its_words(store):
    app = open_folds(go_to_step(open_app("views/session.py", lang="en"), 3),
                     f"chart_words_fold_{SESSION_CHART_KEY}")
    [words] = [e for e in app.expander if e.label == "Chart in words"]
    assert words.text[0].value.startswith("The chart shows")
    names = set(words.table[0].value["Series"])
    assert {"Sanne", "Daan"} <= names
