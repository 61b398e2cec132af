"""Help is one tap away on a phone: from every page, the link above the page opens the Help
and safety panel in view, with its phone numbers, without opening the menu first."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from nabij.content import HELP_PANEL, get_panel
from nabij.i18n import Messages
from tests.e2e.nabij_ui import heading, main, open_app, rerun_after

pytestmark = pytest.mark.e2e

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}
# The URL path of every page in the navigation ("" is the default page, Cycle).
PAGES = ["", "journal", "insights", "session", "learn", "journals", "data"]


def _one_tap_to_help(page, base_url: str, path: str, lang: str) -> None:
    msg = Messages(lang)
    open_app(page, base_url, path, lang=lang)
    expect(heading(page)).to_be_visible()
    link = main(page).get_by_role("link", name=msg("help.link"))
    expect(link).to_be_in_viewport()
    rerun_after(page, link.click)

    panel_heading = main(page).get_by_role("heading", level=2,
                                           name=get_panel(lang, HELP_PANEL).title)
    expect(panel_heading).to_be_in_viewport()
    # Elsewhere the link opens Learn at the panel; on Learn itself it jumps to its anchor.
    expect(page).to_have_url(re.compile(r"/learn\?(.*&)?(panel=help\b|.*#help$)"))
    # The numbers follow the panel's heading directly: in view without scrolling far.
    expect(main(page).get_by_text("0800-0113").first).to_be_visible()
    expect(main(page).get_by_text("0800-2000").first).to_be_visible()


@pytest.mark.parametrize("path", PAGES)
def test_help_is_one_tap_away_on_every_page_at_phone_width(app_server, new_page, path):
    _one_tap_to_help(new_page(**PHONE), app_server.url, path, "nl")


def test_help_is_one_tap_away_in_english_too(app_server, new_page):
    page = new_page(**PHONE, locale="en-GB")
    _one_tap_to_help(page, app_server.url, "session", "en")
    expect(main(page)).to_contain_text("local emergency number")


def test_the_phase_panel_beside_the_chart_leads_to_the_longer_panel(app_server, page):
    msg = Messages("nl")
    open_app(page, app_server.url)
    panel = main(page).locator(".st-key-phase_panel")
    # The example journal ends in a new beginning.
    title = get_panel("nl", "phase_begin").title
    expect(panel.get_by_role("heading", level=4)).to_have_text(title)
    # The panel's text waits under its title (the chart comes first on a phone): open it.
    more = msg("cycle_page.phase_more")
    panel.get_by_text(more, exact=True).click()
    expect(panel.get_by_test_id("stExpander").filter(has_text=more).locator("details")
           ).to_have_attribute("open", "")
    # A link inside the panel's text opens Learn at that panel in a new tab, in this language.
    in_text = panel.get_by_role("link", name=get_panel("nl", "five_steps").title)
    expect(in_text).to_have_attribute("target", "_blank")
    assert in_text.evaluate("link => link.href") == (
        f"{app_server.url}/learn?panel=five_steps&lang=nl")

    rerun_after(page, panel.get_by_role("link", name=msg("learn.read_more")).click)
    expect(page).to_have_url(re.compile(r"/learn\?(.*&)?panel=phase_begin\b"))
    first = main(page).get_by_role("heading", level=2).first
    expect(first).to_have_text(title)
    expect(first).to_be_in_viewport()
