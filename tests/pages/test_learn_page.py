"""The Learn page: every panel, in order, in both languages, with a table of contents."""

from __future__ import annotations

import pytest

from nabij.content import load_panels
from tests.pages.conftest import open_app


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_panel_renders_in_order_with_contents(db_url, lang):
    app = open_app("views/learn.py", lang=lang)
    panels = load_panels(lang)
    assert [header.value for header in app.header] == [panel.title for panel in panels]
    contents = next(md.value for md in app.markdown if md.value.startswith("1. ["))
    assert contents.count("](#") == len(panels)
    text = "\n".join(md.value for md in app.markdown)
    assert "0800-2000" in text


def test_learn_page_title_follows_the_language(db_url):
    assert open_app("views/learn.py", lang="en").title[0].value == "Learn"
    assert open_app("views/learn.py", lang="nl").title[0].value == "Leren"
