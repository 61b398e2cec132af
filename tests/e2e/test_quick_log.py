"""Logging a moment on a phone in the moment: from a fresh page load to a saved moment in at
most three taps, and with the keyboard alone; the sidebar gets out of the way.

The journal is already open on this device (at home the last journal used opens by itself)
and holds one moment, whose partner, kind and strength the next moment starts with. Taps are
counted by wrapping every tap the test makes; the moment is then looked up in the database.
"""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Locator, Page, expect

from nabij.model import Event, Journal, Kind
from nabij.storage import Store, open_engine
from tests.e2e.conftest import ARTIFACTS_DIR
from tests.e2e.nabij_ui import NL, form, full_page_screenshot, heading, main, open_app, rerun_after

pytestmark = pytest.mark.e2e

# A phone as Streamlit knows one: 390 x 844, touch, and a phone's user agent (Streamlit closes
# its sidebar after a page link only in a browser that says it is a phone).
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True,
         "user_agent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
                       "(KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36"}
MAX_TAPS = 3
LOG_LINK = "Moment vastleggen"
MAX_TABS = 60  # more Tab presses than this and the control is not reachable by keyboard


def _seed(store: Store) -> None:
    journal = store.create_journal(Journal(None, "Thuis", ("Anna", "Bram"), "Europe/Amsterdam"))
    store.add_event(journal.id, Event(occurred_at=dt.datetime(2025, 3, 4, 20, 0, tzinfo=dt.UTC),
                                      partner=1, kind=Kind.DISTANCE, intensity=4))


def _events(server) -> list[Event]:
    engine = open_engine(server.database_url)
    try:
        store = Store(engine)
        [journal] = store.list_journals()
        return sorted(store.list_events(journal.id), key=lambda event: event.id)
    finally:
        engine.dispose()


class Taps:
    """Every tap the test makes goes through here, so their number is counted, not assumed."""

    def __init__(self, page: Page):
        self.page = page
        self.count = 0

    def __call__(self, target: Locator) -> None:
        self.count += 1
        rerun_after(self.page, target.tap)


def _toast(page: Page) -> Locator:
    return page.get_by_test_id("stToast")


def test_a_fresh_phone_logs_a_moment_in_at_most_three_taps(make_server, new_page):
    server = make_server(seed=_seed)
    page = new_page(**PHONE)
    taps = Taps(page)
    open_app(page, server.url)  # a fresh page load: the Cycle page, the journal open
    expect(heading(page)).to_have_text("Cyclus: Thuis")
    full_page_screenshot(page, ARTIFACTS_DIR / "quick_log_phone_start.png")

    log_link = page.locator(".st-key-page_actions").get_by_role("link", name=LOG_LINK)
    expect(log_link).to_be_in_viewport()  # no scrolling, no sidebar
    taps(log_link)
    expect(heading(page)).to_have_text("Dagboek: Thuis")
    save = form(page).get_by_role("button", name=NL["form.save"])
    expect(save).to_be_in_viewport()  # the form sits above the fold, preset
    full_page_screenshot(page, ARTIFACTS_DIR / "quick_log_phone_form.png")
    taps(save)

    saved = "Opgeslagen: Afstand 4 · Bram · "
    expect(_toast(page)).to_contain_text(saved)
    expect(main(page).get_by_test_id("stAlertContentSuccess")).to_contain_text(saved)
    undo = main(page).get_by_role("button", name=NL["events.undo"])
    expect(undo).to_be_in_viewport()
    page.screenshot(path=str(ARTIFACTS_DIR / "quick_log_phone_saved.png"))
    assert taps.count <= MAX_TAPS, taps.count
    events = _events(server)
    assert len(events) == 2
    assert (events[-1].partner, events[-1].kind, events[-1].intensity) == (1, Kind.DISTANCE, 4)

    taps(undo)  # and one tap takes it back
    expect(_toast(page).filter(has_text=NL["events.deleted"])).to_have_count(1)
    assert [event.id for event in _events(server)] == [events[0].id]


def _tab_to(page: Page, describe: str, wanted) -> None:
    """Press Tab until the focused element is `wanted` (a test on its role, name, state)."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => { const el = document.activeElement;
          return {role: el.getAttribute('role') || el.tagName.toLowerCase(),
                  name: (el.getAttribute('aria-label') || el.innerText || '').trim()}; }""")
        if wanted(focused):
            return
    pytest.fail(f"{describe} was not reached with {MAX_TABS} presses of Tab")


def test_a_moment_is_logged_with_the_keyboard_alone(make_server, new_page):
    server = make_server(seed=_seed)
    page = new_page(**PHONE)
    open_app(page, server.url)
    expect(heading(page)).to_have_text("Cyclus: Thuis")

    _tab_to(page, "the log link", lambda el: el["role"] == "a" and LOG_LINK in el["name"])
    rerun_after(page, lambda: page.keyboard.press("Enter"))
    expect(heading(page)).to_have_text("Dagboek: Thuis")
    # Change the preset (distance) to closeness, the strength from 4 to 5, with the keys.
    _tab_to(page, "closeness", lambda el: el["role"] == "radio"
            and el["name"] == NL["kind.closeness"])
    page.keyboard.press("Space")
    kinds = form(page).get_by_role("radiogroup", name=NL["form.kind"])
    expect(kinds.get_by_role("radio", name=NL["kind.closeness"])).to_have_attribute(
        "aria-checked", "true")
    # Into the strength group, then with the arrow keys to 5, and choose it.
    _tab_to(page, "the strength", lambda el: el["role"] == "radio" and el["name"] in "12345")
    for _ in range(4):
        if page.evaluate("() => document.activeElement.innerText.trim()") == "5":
            break
        page.keyboard.press("ArrowRight")
    assert page.evaluate("() => document.activeElement.innerText.trim()") == "5"
    page.keyboard.press("Space")
    strengths = form(page).get_by_role("radiogroup", name=NL["form.intensity"])
    expect(strengths.get_by_role("radio", name="5", exact=True)).to_have_attribute(
        "aria-checked", "true")
    _tab_to(page, "Save", lambda el: el["role"] == "button" and el["name"] == NL["form.save"])
    rerun_after(page, lambda: page.keyboard.press("Enter"))

    expect(_toast(page)).to_contain_text("Opgeslagen: Nabijheid 5 · Bram · ")
    events = _events(server)
    assert len(events) == 2
    assert (events[-1].partner, events[-1].kind, events[-1].intensity) == \
        (1, Kind.CLOSENESS, 5)


def test_the_sidebar_closes_on_a_phone_after_a_page_or_a_language_choice(make_server,
                                                                         new_page):
    server = make_server(seed=_seed)
    page = new_page(**PHONE)
    open_app(page, server.url)
    sidebar = page.get_by_test_id("stSidebar")
    expand = page.get_by_test_id("stExpandSidebarButton")

    expand.tap()
    expect(sidebar).to_have_attribute("data-collapsed", "false")
    full_page_screenshot(page, ARTIFACTS_DIR / "quick_log_phone_sidebar.png")
    link = page.get_by_test_id("stSidebarNav").get_by_role("link", name=NL["nav.journal"],
                                                          exact=True)
    rerun_after(page, link.tap)
    expect(heading(page)).to_have_text("Dagboek: Thuis")
    expect(sidebar).to_have_attribute("data-collapsed", "true")

    expand.tap()
    expect(sidebar).to_have_attribute("data-collapsed", "false")
    language = sidebar.get_by_role("radiogroup", name=NL["language.label"])
    rerun_after(page, language.get_by_role("radio", name="English").tap)
    expect(heading(page)).to_have_text("Journal: Thuis")
    expect(sidebar).to_have_attribute("data-collapsed", "true")
