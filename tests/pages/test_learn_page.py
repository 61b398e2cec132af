"""The Learn page: every panel in order with a table of contents, one panel first when a link
asks for it, and the way to help from every page."""

from __future__ import annotations

import pytest

from nabij.content import get_panel, load_panels
from nabij.i18n import Messages
from tests.pages.conftest import open_app

PAGES = ["views/cycle.py", "views/journal.py", "views/insights.py", "views/session.py",
         "views/journals.py", "views/data.py"]


def open_learn(lang: str, panel: str | None = None):
    app = open_app(lang=lang)
    if panel is not None:
        app.query_params["panel"] = panel
    app.switch_page("views/learn.py").run()
    assert not app.exception, app.exception
    return app


def headers(app) -> list[str]:
    return [header.value for header in app.header]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_panel_renders_in_order_with_contents(db_url, lang):
    app = open_app("views/learn.py", lang=lang)
    panels = load_panels(lang)
    assert headers(app) == [panel.title for panel in panels]
    contents = next(md.value for md in app.markdown if md.value.startswith("1. ["))
    assert contents.count("](#") == len(panels)
    text = "\n".join(md.value for md in app.markdown)
    assert "0800-2000" in text and "0800-0113" in text


def test_learn_page_title_follows_the_language(db_url):
    assert open_app("views/learn.py", lang="en").title[0].value == "Learn"
    assert open_app("views/learn.py", lang="nl").title[0].value == "Leren"


@pytest.mark.parametrize(("lang", "panel_id"), [("en", "phase_crisis"), ("nl", "help")])
def test_a_panel_asked_for_in_the_url_comes_first(db_url, lang, panel_id):
    app = open_learn(lang, panel_id)
    titles = [panel.title for panel in load_panels(lang)]
    wanted = get_panel(lang, panel_id).title
    assert headers(app)[0] == wanted
    assert headers(app)[1:] == [title for title in titles if title != wanted]
    assert not app.info


@pytest.mark.parametrize("value", ["nope", "../about", "HELP", ""])
def test_an_unknown_panel_in_the_url_shows_everything_with_a_note(db_url, value):
    app = open_learn("en", value)
    assert headers(app) == [panel.title for panel in load_panels("en")]
    if value:
        assert [info.value for info in app.info] == [Messages("en")("learn.unknown_panel")]


def help_links(app, lang: str) -> list:
    label = Messages(lang)("help.link")
    return [link for link in app.get("page_link") if link.proto.label == label]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_has_the_help_link(db_url, page):
    app = open_app(page, lang="en")
    [link] = help_links(app, "en")
    assert link.proto.page == "learn"
    assert link.proto.query_string == "panel=help&lang=en"


def test_on_the_learn_page_the_help_link_jumps_to_the_panel(db_url):
    """A page link to the page already shown does nothing in Streamlit: an anchor instead."""
    app = open_app("views/learn.py", lang="nl")
    assert help_links(app, "nl") == []
    label = Messages("nl")("help.link")
    assert f"[:material/support: {label}](#help)" in [md.value for md in app.markdown]


def test_the_help_link_speaks_dutch_too(db_url):
    [link] = help_links(open_app(lang="nl"), "nl")
    assert link.proto.query_string == "panel=help&lang=nl"
