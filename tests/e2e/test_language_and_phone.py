"""The language switch, and using Nabij on a phone-sized screen."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, expect

from tests.e2e.conftest import ARTIFACTS_DIR
from tests.e2e.nabij_ui import (
    NL,
    Moment,
    create_journal,
    cycle_chart,
    event_cards,
    form,
    full_page_screenshot,
    go_to,
    heading,
    log_moment,
    open_app,
    rerun_after,
    wait_for_app,
    wait_for_chart_points,
)

pytestmark = pytest.mark.e2e

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}
SCROLL_TOLERANCE_PX = 2


def _nav_labels(top_nav: Locator) -> list[str]:
    return [label.strip() for label in top_nav.get_by_role("link").all_inner_texts()]


def test_language_switch_shows_english_navigation_and_puts_lang_en_in_url(app_server, page):
    open_app(page, app_server.url, lang=None)
    top_nav = page.get_by_test_id("stTopNav")
    for label in ("Cyclus", "Dagboek", "Dagboeken"):
        expect(top_nav.get_by_role("link", name=label, exact=True)).to_be_visible()
    expect(page).to_have_url(re.compile(r"[?&]lang=nl\b"))

    language = page.get_by_test_id("stSidebar").get_by_role("radiogroup",
                                                            name=NL["language.label"])
    rerun_after(page, language.get_by_role("radio", name="English").click)

    for label in ("Cycle", "Journal", "Journals"):
        expect(top_nav.get_by_role("link", name=label, exact=True)).to_be_visible()
    expect(top_nav.get_by_role("link", name="Cyclus", exact=True)).to_have_count(0)
    expect(page).to_have_url(re.compile(r"[?&]lang=en\b"))
    expect(heading(page)).to_have_text(re.compile(r"^Cycle: "))
    expect(page.get_by_test_id("stSidebar").get_by_role("radiogroup", name="Language")
           .get_by_role("radio", name="English")).to_have_attribute("aria-checked", "true")

    # The choice holds on the next page and after a reload (it lives in the URL).
    go_to(page, "Journals")
    expect(heading(page)).to_have_text("Journals")
    expect(page).to_have_url(re.compile(r"/journals\?(.*&)?lang=en\b"))
    page.reload()
    wait_for_app(page)
    expect(heading(page)).to_have_text("Journals")
    expect(top_nav.get_by_role("link", name="Journal", exact=True)).to_be_visible()


def _assert_inside_phone_width(control: Locator, width: int) -> None:
    control.scroll_into_view_if_needed()
    expect(control).to_be_visible()
    box = control.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, box


def test_phone_width_journal_form_logs_a_moment_and_cycle_chart_fits(app_server, new_page):
    page = new_page(**PHONE)
    width = PHONE["viewport"]["width"]
    create_journal(page, app_server.url, "Telefoon", ("Iris", "Jop"))
    go_to(page, NL["nav.journal"])
    expect(heading(page)).to_have_text("Dagboek: Telefoon")

    log_form = form(page)
    for group, option in ((NL["form.partner"], "Jop"), (NL["form.kind"], NL["kind.closeness"]),
                          (NL["form.intensity"], "5")):
        _assert_inside_phone_width(
            log_form.get_by_role("radiogroup", name=group).get_by_role("radio", name=option),
            width)
    _assert_inside_phone_width(log_form.get_by_role("textbox", name=NL["form.note"]), width)
    _assert_inside_phone_width(log_form.get_by_role("button", name=NL["form.save"]), width)
    log_moment(page, Moment("Jop", "closeness", 5, "Op de fiets samen naar huis"))
    expect(event_cards(page)).to_have_count(1)
    full_page_screenshot(page, ARTIFACTS_DIR / "phone_journal.png")

    go_to(page, NL["nav.cycle"])
    expect(heading(page)).to_have_text("Cyclus: Telefoon")
    points = wait_for_chart_points(page, 1)
    assert (points[0]["trace"], points[0]["y"]) == ("Jop", 5)
    chart = cycle_chart(page)
    _assert_inside_phone_width(chart, width)
    expect(chart.locator(".js-plotly-plot g.points path")).to_have_count(1)
    _assert_inside_phone_width(chart.locator(".js-plotly-plot g.points path"), width)
    scroll_widths = page.evaluate("""() => ({
        document: document.documentElement.scrollWidth,
        main: document.querySelector('[data-testid="stMain"]').scrollWidth})""")
    assert scroll_widths["document"] <= width + SCROLL_TOLERANCE_PX, scroll_widths
    assert scroll_widths["main"] <= width + SCROLL_TOLERANCE_PX, scroll_widths
    full_page_screenshot(page, ARTIFACTS_DIR / "phone_cycle.png")
