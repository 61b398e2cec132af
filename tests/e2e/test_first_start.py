"""The very first visit, on an empty database: the read-only demo journal."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.nabij_ui import NL, heading, main, open_app, wait_for_chart_points

pytestmark = pytest.mark.e2e

DEMO_SIZE = 201  # rows in data/examples/demo_nl.csv


def test_first_start_on_empty_database_shows_demo_journal_chart_and_banner(fresh_server, page):
    open_app(page, fresh_server.url, lang=None)

    expect(page).to_have_url(f"{fresh_server.url}/?lang=nl")  # a Dutch browser gets Dutch
    expect(heading(page)).to_have_text("Cyclus: Sanne & Daan")
    expect(main(page).get_by_test_id("stAlertContentInfo").first).to_contain_text(
        NL["demo.banner"])
    expect(main(page).get_by_role("link", name="Begin je eigen dagboek")).to_be_visible()
    expect(page.get_by_test_id("stSidebar").get_by_role("combobox", name="Dagboek")).to_have_value(
        "Voorbeeld: Sanne & Daan (alleen lezen)")

    points = wait_for_chart_points(page, DEMO_SIZE)
    assert {point["trace"] for point in points} == {"Sanne", "Daan"}
    assert any(point["y"] > 0 for point in points)
    assert any(point["y"] < 0 for point in points)


def test_deep_link_as_first_visit_after_server_start_shows_the_app_navigation(fresh_server,
                                                                              page):
    """A link straight to /journal works on a fresh server (views/, not pages/, holds the
    screens: a pages/ folder would make Streamlit run page files on their own)."""
    open_app(page, fresh_server.url, "journal")

    expect(heading(page)).to_have_text("Dagboek: Sanne & Daan")
    expect(page.get_by_test_id("stTopNav")).to_be_visible(timeout=3_000)
    expect(page.get_by_test_id("stSidebar").get_by_role("combobox", name="Dagboek")).to_be_visible(
        timeout=3_000)
