"""A coach's practice overview in the browser: signed in (st.login against the fake OpenID
Connect provider), the coach finds Praktijk in the navigation, sees the three couples that
share with them ranked by what needs attention (a fourth couple, not sharing, never shows),
on a wide screen and on a phone, and opens one couple's Cycle page with one click, and
another couple's Session, where that couple opens their own journal with their passphrase.

The couples are seeded through Nabij's own Store before the server starts, with moments
dated from today, so the order is known: a marked crisis, a long silence, a steady couple.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from nabij.model import Event, Journal, Kind, Visibility
from nabij.phases.four_phases import Phase
from nabij.phases.marks import PhaseMark
from nabij.security.cipher import sharing_key
from nabij.storage import Store
from nabij.storage.protection import create_protected_journal
from nabij.storage.shares import share_with
from tests.e2e.axe_checks import blocking_violations, describe
from tests.e2e.conftest import ARTIFACTS_DIR
from tests.e2e.fake_oidc import FakeOidcProvider
from tests.e2e.nabij_ui import (
    full_page_screenshot,
    go_to,
    heading,
    main,
    open_app,
    rerun_after,
    wait_for_app,
    wait_for_chart_points,
)
from tests.e2e.privacy_ui import PRIVACY_NL, card_ids, coach_secrets, sidebar, unlock

pytestmark = pytest.mark.e2e

SHARED = {"NABIJ_REQUIRE_PASSPHRASE": "1", "NABIJ_IDLE_LOCK_MINUTES": None}
COACH_EMAIL = "praktijk@example.org"
# The sharing secret coach_secrets writes into the server's secrets.toml.
SHARING = sharing_key("e2e-sharing-secret-only-for-tests-0123456789")
ZONE = "Europe/Amsterdam"
PHONE = {"width": 390, "height": 844}
SCROLL_TOLERANCE_PX = 2
# data/messages/nl/practice.toml
PRACTICE_NL = {"nav": "Praktijk", "title": "Praktijkoverzicht", "open": "Cyclus openen",
               "session": "Sessie openen", "session_title": "Sessie samen", "next": "Verder",
               "session_door": "Het stel opent het hier met hun wachtzin",
               "crisis": "Crisisfase", "silence": "Lange stilte", "steady": "Niets wat opvalt",
               "order_note": "Dit is om over na te denken, geen diagnose"}
NAMES = ("Storm", "Stilte", "Samen")  # in the order they need attention
UNSHARED = "Alleen Wij"


def _today() -> dt.date:
    return dt.datetime.now(ZoneInfo(ZONE)).date()


def _passphrase(name: str) -> str:
    return f"de lange wachtzin van {name}"


def _couple(store: Store, name: str, days_ago: list[int], shared: bool = True) -> Journal:
    journal, cipher = create_protected_journal(
        store, Journal(None, name, ("Iris", "Joost"), ZONE), _passphrase(name))
    keyed = store.with_keys({journal.id: cipher})
    keyed.add_events(journal.id, [
        Event(occurred_at=dt.datetime.combine(_today() - dt.timedelta(days=days), dt.time(10),
                                              tzinfo=dt.UTC),
              partner=index % 2, kind=Kind.CLOSENESS, intensity=3, visibility=Visibility.COACH)
        for index, days in enumerate(days_ago)])
    if shared:
        share_with(keyed, journal.id, COACH_EMAIL, cipher, SHARING)
    if name == NAMES[0]:
        keyed.set_phase_mark(journal.id, PhaseMark(start=_today() - dt.timedelta(days=5),
                                                   phase=Phase.CRISIS))
    return journal


def _seed(store: Store) -> None:
    steady = [1, 2, 3, 8, 9, 10, 15, 16, 20]
    _couple(store, "Samen", steady)  # created first: the order is not the order of creation
    _couple(store, "Stilte", [20, 21, 22, 28, 29])
    _couple(store, "Storm", steady)
    _couple(store, UNSHARED, steady, shared=False)


def _card_names(page: Page) -> list[str]:
    ids = card_ids(page, "practice")
    return [main(page).locator(f".st-key-practice_{journal_id} strong").first.inner_text()
            for journal_id in ids]


def _no_sideways_scroll(page: Page) -> None:
    widths = page.evaluate("""() => ({
        document: document.documentElement.scrollWidth,
        main: document.querySelector('[data-testid="stMain"]').scrollWidth})""")
    assert widths["document"] <= PHONE["width"] + SCROLL_TOLERANCE_PX, widths
    assert widths["main"] <= PHONE["width"] + SCROLL_TOLERANCE_PX, widths


def _no_serious_axe_violation(page: Page, where: str) -> None:
    """The page only a signed-in coach sees passes the same axe checks as every other page
    (tests/e2e/test_accessibility.py), in the light and the dark scheme."""
    found = []
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        expect(page.get_by_test_id("stApp")).to_have_css("color-scheme", scheme)
        violations = blocking_violations(page)
        if violations:
            found.append(describe(f"practice, {where}, {scheme}", violations))
    page.emulate_media(color_scheme="light")
    assert not found, "\n".join(found)


def test_a_coach_sees_three_couples_ranked_and_opens_one(make_server, new_page):
    with FakeOidcProvider(client_id="nabij-e2e", client_secret="e2e-client-secret",
                          email=COACH_EMAIL) as provider:
        server = make_server(env=SHARED, secrets=coach_secrets(provider), seed=_seed)
        page = new_page()
        open_app(page, server.url)
        # Not signed in: no practice in the navigation.
        expect(page.get_by_test_id("stTopNav")).to_be_visible()
        expect(page.get_by_test_id("stTopNav").get_by_role(
            "link", name=PRACTICE_NL["nav"], exact=True)).to_have_count(0)
        sidebar(page).get_by_role("button", name=PRIVACY_NL["sign_in"]).click()
        expect(sidebar(page)).to_contain_text(
            PRIVACY_NL["signed_in"].format(email=COACH_EMAIL), timeout=30_000)
        wait_for_app(page)
        assert provider.errors == []

        go_to(page, PRACTICE_NL["nav"])
        expect(heading(page)).to_have_text(PRACTICE_NL["title"])
        expect(main(page).locator("[class*='st-key-practice_'] strong")).to_have_count(3)
        assert _card_names(page) == list(NAMES)
        expect(main(page)).not_to_contain_text(UNSHARED)
        for label in ("crisis", "silence", "steady", "order_note"):
            expect(main(page)).to_contain_text(PRACTICE_NL[label])
        full_page_screenshot(page, ARTIFACTS_DIR / "practice-1280.png")
        _no_serious_axe_violation(page, "1280 px")

        # On a phone the cards stack, nothing scrolls sideways, the button is in reach.
        page.set_viewport_size(PHONE)
        expect(page.get_by_test_id("stTopNav")).to_have_count(0)
        _no_sideways_scroll(page)
        full_page_screenshot(page, ARTIFACTS_DIR / "practice-390.png")
        _no_serious_axe_violation(page, "390 px")
        silent_card = main(page).locator("[class*='st-key-practice_']").filter(
            has_text=NAMES[1]).first
        button = silent_card.get_by_role("button", name=PRACTICE_NL["open"])
        box = button.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        # The Session button sits beside it, on the same row: the card stays compact.
        beside = silent_card.get_by_role("button", name=PRACTICE_NL["session"]).bounding_box()
        assert beside is not None and beside["x"] + beside["width"] <= PHONE["width"]
        assert abs(beside["y"] - box["y"]) <= SCROLL_TOLERANCE_PX, (box, beside)

        # One click: the couple's Cycle page, as its coach (read-only, the coach banner).
        rerun_after(page, button.click)
        expect(heading(page)).to_have_text(f"Cyclus: {NAMES[1]}")
        expect(main(page)).to_contain_text(PRIVACY_NL["coach_banner"])
        wait_for_chart_points(page, 5)

        # Back to the overview: one click opens another couple's Session. A session writes to
        # the couple's own journal, so at the shared screen they open it with their passphrase.
        go_to(page, PRACTICE_NL["nav"])
        storm_card = main(page).locator("[class*='st-key-practice_']").filter(
            has_text=NAMES[0]).first
        rerun_after(page, storm_card.get_by_role("button", name=PRACTICE_NL["session"]).click)
        expect(heading(page)).to_have_text(f"{PRACTICE_NL['session_title']}: {NAMES[0]}")
        expect(main(page)).to_contain_text(PRACTICE_NL["session_door"])
        expect(main(page)).not_to_contain_text(NAMES[1])
        _no_sideways_scroll(page)
        full_page_screenshot(page, ARTIFACTS_DIR / "practice-session-390.png")
        unlock(page, _passphrase(NAMES[0]))
        expect(heading(page)).to_have_text(f"{PRACTICE_NL['session_title']}: {NAMES[0]}")
        expect(main(page).get_by_role("button", name=PRACTICE_NL["next"]).first).to_be_visible()
        expect(main(page)).not_to_contain_text(PRACTICE_NL["session_door"])
