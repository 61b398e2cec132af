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
from playwright.sync_api import expect

from nabij.i18n import Messages
from tests.e2e.axe_checks import blocking_violations, describe
from tests.e2e.nabij_ui import go_to, open_app, wait_for_app

pytestmark = [pytest.mark.e2e, pytest.mark.backend_independent]

# The pages of app.py, by the message key of their navigation label.
PAGES = ("nav.cycle", "nav.journal", "insights.nav", "nav.session", "nav.learn",
         "nav.journals", "nav_data.title")
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
LOCALES = {"nl": "nl-NL", "en": "en-GB"}
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
        violations = blocking_violations(page)
        if violations:
            found.append(describe(label, violations))
            per_rule.update({violation["id"]: len(violation["nodes"])
                             for violation in violations})
    summary = ", ".join(f"{rule}: {count}" for rule, count in sorted(per_rule.items()))
    assert not found, (f"axe found critical or serious violations (elements per rule over "
                       f"all pages: {summary}):\n" + "\n".join(found))
