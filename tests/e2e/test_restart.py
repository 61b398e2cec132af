"""What was logged survives a restart of the app server, and the last used journal reopens."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.nabij_ui import (
    NL,
    Moment,
    create_journal,
    event_cards,
    go_to,
    heading,
    log_moment,
    main,
    open_app,
    rerun_after,
    wait_for_chart_points,
)

pytestmark = pytest.mark.e2e


def test_restart_keeps_logged_moments_and_reopens_last_used_journal(fresh_server, new_page):
    page = new_page()
    create_journal(page, fresh_server.url, "Eerste", ("Anna", "Bram"))
    create_journal(page, fresh_server.url, "Tweede", ("Cas", "Dirk"))
    # The newest journal is not the last used one: open the first again and write in it.
    first = main(page).locator("[class*='st-key-journal_']").filter(
        has_text="Eerste (Anna & Bram)")
    rerun_after(page, first.get_by_role("button", name="Openen").click)
    expect(first.get_by_role("button", name="Geopend")).to_be_disabled()
    go_to(page, NL["nav.journal"])
    expect(heading(page)).to_have_text("Dagboek: Eerste")
    log_moment(page, Moment("Bram", "distance", 5, "Voor de herstart"))

    fresh_server.restart()

    after = new_page()
    open_app(after, fresh_server.url)
    expect(heading(after)).to_have_text("Cyclus: Eerste")
    expect(main(after)).not_to_contain_text(NL["demo.banner"])
    points = wait_for_chart_points(after, 1)
    assert (points[0]["trace"], points[0]["y"]) == ("Bram", -5)
    go_to(after, NL["nav.journal"])
    expect(event_cards(after)).to_have_count(1)
    expect(event_cards(after).get_by_text("Voor de herstart", exact=True)).to_be_visible()
