"""The real app on PostgreSQL: what a coach's deployment runs on, driven as a person would.

The same journey as on SQLite: create a journal, log two moments, see them on the chart,
reload, and find them again after a restart of the app.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.conftest import fresh_postgres_database
from tests.e2e.conftest import AppServer
from tests.e2e.nabij_ui import (
    NL,
    Moment,
    create_journal,
    event_cards,
    go_to,
    heading,
    log_moment,
    open_app,
    wait_for_chart_points,
)


@pytest.fixture(scope="module")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    directory = tmp_path_factory.mktemp("postgres-app")
    with fresh_postgres_database() as url:
        server = AppServer(directory / "unused.sqlite3", directory / "streamlit.log", url)
        server.start()
        yield server
        server.stop()


def test_moments_logged_on_postgres_survive_reload_and_restart(app_server, new_page):
    page = new_page()
    create_journal(page, app_server.url, "Server", ("Lotte", "Milan"))
    go_to(page, NL["nav.journal"])
    expect(heading(page)).to_have_text("Dagboek: Server")
    log_moment(page, Moment("Lotte", "closeness", 5, "Op de bank, telefoons weg"))
    log_moment(page, Moment("Milan", "distance", 3, "Stil na het werk"))
    expect(event_cards(page)).to_have_count(2)

    go_to(page, NL["nav.cycle"])
    points = wait_for_chart_points(page, 2)
    assert sorted(point["y"] for point in points) == [-3, 5]

    page.reload()
    assert len(wait_for_chart_points(page, 2)) == 2

    app_server.restart()
    again = new_page()
    open_app(again, app_server.url)
    expect(heading(again)).to_have_text("Cyclus: Server")
    assert sorted(point["y"] for point in wait_for_chart_points(again, 2)) == [-3, 5]
    assert not (app_server.database_path).exists()  # it really ran on the server
