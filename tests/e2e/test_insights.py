"""The Insights page in Chromium on the example journal: every section and chart, on a desktop
and on a phone, and the way there from the card beside the Cycle chart."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import ARTIFACTS_DIR
from tests.e2e.nabij_ui import (
    full_page_screenshot,
    go_to,
    heading,
    main,
    open_app,
    rerun_after,
)

pytestmark = pytest.mark.e2e

# Texts from data/messages/nl/insights.toml, as the tests look for them on screen.
INSIGHTS_NL = {
    "nav": "Inzichten",
    "not_a_diagnosis": "geen diagnose en geen oordeel over jullie relatie",
    "reflection": "De afgelopen week",
    "repair": "Hersteltijd",
    "ratio": "Nabijheid en afstand per week",
    "body": "Lichaamssignalen",
    "context": "Context",
    "by_month": "Per maand",
    "gottman": "Over de verhouding vijf op één",
    "rests_on": "Gebaseerd op",
    "body_panel": "Je lichaam",
    "highlight": "Wat opvalt",
    "more": "Alle inzichten",
}
# Each section's charts, by the key the app gives them (the month chart sits in a second tab).
CHARTS = {"repair": ["repair_phase"], "ratio": ["weekly"], "body": ["body", "timing"],
          "context": ["context"]}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}


def section(page: Page, name: str):
    return main(page).locator(f".st-key-insights_section_{name}")


def chart(page: Page, name: str):
    return main(page).locator(f".st-key-insights_chart_{name} .js-plotly-plot")


def open_insights(page: Page, base_url: str) -> None:
    open_app(page, base_url)
    go_to(page, INSIGHTS_NL["nav"])
    expect(heading(page)).to_have_text("Inzichten: Sanne & Daan")


def see_every_section(page: Page) -> None:
    expect(main(page).get_by_text(INSIGHTS_NL["not_a_diagnosis"])).to_be_visible()
    for name in ("reflection", "repair", "ratio", "body", "context"):
        box = section(page, name)
        box.scroll_into_view_if_needed()
        expect(box.get_by_role("heading", name=INSIGHTS_NL[name])).to_be_visible()
        expect(box.get_by_text(INSIGHTS_NL["rests_on"]).first).to_be_visible()
        for key in CHARTS.get(name, []):
            plot = chart(page, key)
            plot.scroll_into_view_if_needed()
            expect(plot).to_be_visible()
            expect(plot.locator(".main-svg").first).to_be_attached()


def test_insights_page_shows_every_section_of_the_demo(app_server, page):
    open_insights(page, app_server.url)
    see_every_section(page)
    reflection = section(page, "reflection")
    expect(reflection).to_contain_text("legden jullie")
    expect(reflection).to_contain_text("Een kleine volgende stap (stap")
    expect(section(page, "ratio").get_by_text(INSIGHTS_NL["gottman"])).to_be_visible()
    expect(section(page, "body").get_by_text(INSIGHTS_NL["body_panel"], exact=True)).to_be_visible()
    expect(section(page, "context")).to_contain_text("work: genoteerd bij 14 van de 48")
    # Bars are drawn: the repair chart per phase, and per month in its tab.
    expect(chart(page, "repair_phase").locator("g.point")).not_to_have_count(0)
    tab = section(page, "repair").get_by_role("tab", name=INSIGHTS_NL["by_month"])
    tab.click()
    expect(chart(page, "repair_month")).to_be_visible()
    expect(chart(page, "repair_month").locator("g.point")).not_to_have_count(0)
    full_page_screenshot(page, ARTIFACTS_DIR / "insights_desktop.png")


def test_insights_page_fits_a_phone(app_server, new_page):
    page = new_page(**PHONE)
    width = PHONE["viewport"]["width"]
    open_insights(page, app_server.url)
    see_every_section(page)
    scroll_widths = page.evaluate("""() => ({
        document: document.documentElement.scrollWidth,
        main: document.querySelector('[data-testid="stMain"]').scrollWidth})""")
    assert scroll_widths["document"] <= width + 2, scroll_widths
    assert scroll_widths["main"] <= width + 2, scroll_widths
    full_page_screenshot(page, ARTIFACTS_DIR / "insights_phone.png")


def test_card_beside_the_cycle_chart_leads_to_insights(app_server, page):
    open_app(page, app_server.url)
    card = main(page).locator(".st-key-insight_highlight")
    card.scroll_into_view_if_needed()
    expect(card).to_contain_text(INSIGHTS_NL["highlight"])
    expect(card).to_contain_text("„work” hoorde vaker bij afstand dan gewoonlijk")
    expect(card).to_contain_text("Uit het hele dagboek. Gebaseerd op 121 momenten met een context")
    rerun_after(page, card.get_by_role("link", name=INSIGHTS_NL["more"]).click)
    expect(heading(page)).to_have_text("Inzichten: Sanne & Daan")
