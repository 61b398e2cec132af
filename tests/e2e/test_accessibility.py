"""Every page passes axe-core's WCAG 2.x A/AA checks, on a phone and a desktop, light and dark.

One server (the demo journal of an empty database, so every page has content) and one
browser serve all 56 views: 7 pages x 2 languages x 2 widths x 2 colour schemes. Each test is
one browser context (a language, a width and the phone's light or dark setting) that walks
the navigation through all pages, so a failure names every page and rule at once.

Only critical and serious findings fail a test: those are the ones that keep someone from
reading or using a page (contrast, names of controls, touch targets). The accessibility of
the pages does not depend on the database, so scripts/test leaves this module out of its
second end-to-end pass on PostgreSQL (marker `backend_independent`).
"""

from __future__ import annotations

from collections import Counter

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from nabij.i18n import Messages
from tests.e2e.nabij_ui import go_to, open_app, wait_for_app

pytestmark = [pytest.mark.e2e, pytest.mark.backend_independent]

# The pages of app.py, by the message key of their navigation label.
PAGES = ("nav.cycle", "nav.journal", "insights.nav", "nav.session", "nav.learn",
         "nav.journals", "nav_data.title")
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
LOCALES = {"nl": "nl-NL", "en": "en-GB"}
# WCAG 2.0, 2.1 and 2.2 at levels A and AA (axe-core's rule tags).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS},
               "resultTypes": ["violations"]}
BLOCKING = ("critical", "serious")

# Plotly draws a chart after the script run has ended: wait until every chart on the page
# has its SVG, and the web fonts are in, before measuring contrast and sizes.
_CHARTS_DRAWN = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
  .every(chart => chart.querySelector('.main-svg'))"""
_SETTLED = """async () => { await document.fonts.ready;
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done))); }"""

_axe = Axe()


def _blocking_violations(page: Page) -> list[dict]:
    page.wait_for_function(_CHARTS_DRAWN)
    page.evaluate(_SETTLED)
    results = _axe.run(page, options=AXE_OPTIONS)
    return [violation for violation in results.response["violations"]
            if violation["impact"] in BLOCKING]


def describe(where: str, violations: list[dict]) -> str:
    """Each violation with its rule, impact and the targets (CSS selectors) it was found on."""
    lines = []
    for violation in violations:
        lines.append(f"{where}: {violation['id']} ({violation['impact']}): "
                     f"{violation['help']} [{len(violation['nodes'])} element(s)]")
        for node in violation["nodes"]:
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    {' > '.join(map(str, node['target']))}: {summary}")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("device", [PHONE, DESKTOP], ids=["390px", "1280px"])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_page_has_no_serious_axe_violation_and_the_chosen_html_lang(
        app_server, new_page, language, device, scheme):
    msg = Messages(language)
    page = new_page(**device, locale=LOCALES[language], color_scheme=scheme)
    open_app(page, app_server.url, lang=language)
    # The theme follows the browser's colour scheme (Streamlit marks the app with it).
    expect(page.get_by_test_id("stApp")).to_have_css("color-scheme", scheme)
    found, per_rule = [], Counter()
    for key in PAGES:
        label = msg(key)
        if key != PAGES[0]:
            go_to(page, label)
        wait_for_app(page)
        expect(page.locator("html")).to_have_attribute("lang", language)
        violations = _blocking_violations(page)
        if violations:
            found.append(describe(label, violations))
            per_rule.update({violation["id"]: len(violation["nodes"])
                             for violation in violations})
    summary = ", ".join(f"{rule}: {count}" for rule, count in sorted(per_rule.items()))
    assert not found, (f"axe found critical or serious violations (elements per rule over "
                       f"all pages: {summary}):\n" + "\n".join(found))
