"""Coming back to the Cycle page from another page keeps the chosen period (and works)."""

from __future__ import annotations

import datetime as dt

from tests.pages.conftest import open_app


def test_back_on_the_cycle_page_after_other_pages_the_period_is_kept(db_url):
    app = open_app(lang="en")
    first, last = app.session_state["cycle_dates"]
    march = (dt.date(2025, 3, 1), dt.date(2025, 3, 31))
    app.session_state["cycle_dates"] = march
    app.run()
    for page in ("views/journal.py", "views/insights.py", "views/cycle.py"):
        app.switch_page(page).run()
        assert not app.exception, (page, app.exception)
    assert app.session_state["cycle_dates"] == march
    assert (first, last) != march


def test_a_first_visit_after_other_pages_shows_the_whole_demo(db_url):
    app = open_app("views/journal.py", lang="en")
    app.switch_page("views/cycle.py").run()
    assert not app.exception, app.exception
    first, last = app.session_state["cycle_dates"]
    assert first < last
