"""The Insights page in both languages, and the insight beside the Cycle chart."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from nabij.content import get_panel
from nabij.i18n import Messages
from nabij.model import BodySignal, Event, Journal, Kind
from nabij.storage import Store
from nabij.text_safety import escape_markdown
from tests.pages.conftest import open_app

PAGE = "views/insights.py"
SECTIONS = ("reflection", "repair", "ratio", "body", "context")
CHARTS = 6  # repair by phase and by month, weekly, body, timing, context


def log(store: Store, journal: Journal, *, hours: float, partner: int = 0,
        kind: Kind = Kind.CLOSENESS, body: BodySignal | None = None, context: str = "") -> None:
    moment = dt.datetime(2025, 3, 3, 19, 0, tzinfo=dt.UTC) + dt.timedelta(hours=hours)
    store.add_event(journal.id, Event(occurred_at=moment, partner=partner, kind=kind,
                                      intensity=3, body=body, context=context))


def headings(app) -> list[str]:
    return [header.value for header in app.subheader]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_demo_shows_every_section_with_its_basis(db_url, lang):
    msg = Messages(lang)
    app = open_app(PAGE, lang=lang)
    assert app.title[0].value.startswith(msg("insights.title"))
    assert headings(app) == [msg(f"insights.{name}.heading") for name in SECTIONS]
    assert len(app.get("plotly_chart")) == CHARTS
    infos = [info.value for info in app.info]
    assert msg("insights.not_a_diagnosis") in infos
    assert any(msg("insights.ratio.context") in info for info in infos)  # Gottman, honestly
    assert not any(msg("insights.too_few_short") in info for info in infos)
    captions = [caption.value for caption in app.caption]
    for basis in ("insights.repair.rests_on", "insights.ratio.rests_on",
                  "insights.body.rests_on", "insights.timing.rests_on"):
        prefix = msg(basis, count=999).split("999")[0]
        assert any(caption.startswith(prefix) for caption in captions), basis
    texts = [text.value for text in app.text]
    assert texts[0].startswith(msg("insights.reflection.week", start="", end="", count=2,
                                   closeness=0, distance=0)[:4])
    assert any("work" in text for text in texts)  # the demo's context that stands out
    expanders = [expander.label for expander in app.expander]
    assert get_panel(lang, "body").title in expanders
    assert get_panel(lang, "five_steps").title in expanders


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_few_moments_say_too_few_instead_of_a_figure(store, journal, lang):
    msg = Messages(lang)
    for hour in range(3):
        log(store, journal, hours=hour, kind=Kind.DISTANCE, body=BodySignal.ALARM)
    app = open_app(PAGE, lang=lang)
    assert not app.get("plotly_chart")
    too_few = [info.value for info in app.info
               if info.value.startswith(msg("insights.too_few", count=2, needed=10)[:20])]
    # Repair, the weekly ratio, body signals and timing each say so, with the numbers.
    assert len(too_few) == 4
    assert msg("insights.too_few", count=3, needed=10) in too_few
    assert msg("insights.context.none") in [info.value for info in app.info]
    # The reflection still tells what was logged: facts, not a statistic.
    assert any(text.value.startswith(msg("insights.reflection.partner", name="Anna",
                                         closeness=0, distance=3)) for text in app.text)


def test_user_text_stays_plain_text(store):
    journal = store.create_journal(Journal(None, "**Wij** [x](http://e.nl)",
                                           ("**Bo**", ":red[Li]"), "Europe/Amsterdam"))
    for index in range(12):
        log(store, journal, hours=24 * index, partner=0, kind=Kind.DISTANCE,
            body=BodySignal.ALARM, context="<b>werk</b>")
        log(store, journal, hours=24 * index + 3, partner=1, kind=Kind.CLOSENESS,
            body=BodySignal.CALM, context="thuis")
    app = open_app(PAGE, lang="en")
    assert app.title[0].value == f"Insights: {escape_markdown(journal.name)}"
    texts = [text.value for text in app.text]
    assert "**Bo**: 0 × closeness, 7 × distance." in texts
    assert any(text.startswith("<b>werk</b>: noted with 12 of the 12") for text in texts)
    assert any(text.startswith(":red[Li], with closeness: mostly calm") for text in texts)
    markdown = " ".join(element.value for element in [*app.markdown, *app.caption, *app.info])
    assert "**Bo**" not in markdown and "<b>werk" not in markdown
    # Plotly reads some HTML in labels and hovers: there the tag arrives escaped.
    specs = " ".join(json.dumps(json.loads(chart.proto.spec), ensure_ascii=False)
                     for chart in app.get("plotly_chart"))
    assert "<b>werk" not in specs and "&lt;b&gt;werk&lt;/b&gt;" in specs
    assert ":red[Li]" in specs


def test_empty_journal_says_how_to_begin(store, journal):
    app = open_app(PAGE, lang="nl")
    assert not app.get("plotly_chart") and headings(app) == []
    assert Messages("nl")("insights.empty") in [info.value for info in app.info]


def test_page_follows_a_write_made_elsewhere(store, journal):
    log(store, journal, hours=0)
    app = open_app(PAGE, lang="en")
    assert any(text.value.startswith("Anna: 1 × closeness") for text in app.text)
    log(store, journal, hours=1)
    app.run()
    assert any(text.value.startswith("Anna: 2 × closeness") for text in app.text)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_cycle_page_shows_what_stands_out_beside_the_chart(db_url, lang):
    msg = Messages(lang)
    app = open_app(lang=lang)
    assert len(app.get("plotly_chart")) == 1  # the timeline (the calendar waits in its fold)
    assert msg("insights.highlight.heading") in [caption.value for caption in app.caption]
    assert any(text.value.startswith(msg("insights.highlight.context", tag="work", count=14,
                                         total=48, share="", overall="")[:8])
               for text in app.text)
    links = [link.proto.label for link in app.get("page_link")]
    assert msg("insights.highlight.more") in links


def test_cycle_page_highlight_waits_for_enough_moments(store, journal):
    log(store, journal, hours=0, kind=Kind.DISTANCE)
    app = open_app(lang="en")
    captions = [caption.value for caption in app.caption]
    assert Messages("en")("insights.highlight.too_few") in captions
