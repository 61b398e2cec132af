"""A whole session together on one wide screen, and a private note that never shows.

The session view goes one step at a time with Back and Next; the summary to take home is
downloaded as a standalone HTML page.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import ARTIFACTS_DIR
from tests.e2e.nabij_ui import (
    NL,
    Moment,
    choose,
    create_journal,
    download,
    fill_moment,
    form,
    full_page_screenshot,
    go_to,
    heading,
    main,
    open_app,
    rerun_after,
)
from tests.e2e.privacy_ui import say_who_i_am, set_own_passphrase

pytestmark = pytest.mark.e2e

WIDE = {"width": 1600, "height": 1000}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}
# Texts from data/messages/nl/session.toml, as the tests look for them on screen.
SESSION_NL = {
    "nav": "Sessie",
    "next": "Verder",
    "back": "Terug",
    "show_notes": "Notities tonen",
    "visibility": "Wie mag dit zien?",
    "private": "Alleen ik (privé)",
    "coach": "Onze coach ook",
    "map_save": "Kaart bewaren",
    "map_saved": "De cycluskaart is bewaard.",
    "next_label": "Onze volgende stap",
    "next_save": "Afspraak bewaren",
    "next_saved": "Jullie volgende stap is bewaard.",
    "download": "Samenvatting downloaden (HTML, werkt offline)",
    "complete": "Alle onderdelen van de sessie zijn ingevuld.",
}
PRIVATE_NOTE = "Privé: ik durf het nog niet te zeggen, kiwi-7342"
COACH_NOTE = "Gedeeld met de coach: deur dichtgedaan <b>hard</b>"
TRIGGER = "De vergeten rekening <script>"
NEXT_STEP = "Als het te veel wordt: 'ik heb tien minuten nodig' & daarna terugkomen."

# Every plot's data and layout on the page, as text: hover texts hold notes.
_PLOTS_TEXT = """() => JSON.stringify([...document.querySelectorAll('.js-plotly-plot')]
  .map(plot => [plot.data, plot.layout]))"""


def nav(page: Page, place: str = "top") -> Locator:
    return main(page).locator(f".st-key-session_nav_{place}")


def step_text(page: Page) -> Locator:
    return nav(page).get_by_test_id("stProgress")


def next_step(page: Page, expected: str) -> None:
    rerun_after(page, nav(page).get_by_role("button", name=SESSION_NL["next"]).click)
    expect(step_text(page)).to_contain_text(expected)


def stage(page: Page) -> Locator:
    return main(page).locator(".st-key-session_stage")


def save_summary(page: Page, directory: Path) -> str:
    button = stage(page).get_by_role("button", name=SESSION_NL["download"])
    suggested, path = download(page, button, directory)
    assert re.fullmatch(r"nabij-session-\d{4}-\d{2}-\d{2}\.html", suggested)
    return path.read_text(encoding="utf-8")


def test_whole_session_on_the_demo_journal_ends_with_a_summary_to_take_home(
        fresh_server, new_page, tmp_path):
    page = new_page(viewport=WIDE)
    open_app(page, fresh_server.url)
    go_to(page, SESSION_NL["nav"])
    expect(heading(page)).to_have_text("Sessie samen: Sanne & Daan")
    expect(main(page).get_by_text("Dit is het voorbeelddagboek.", exact=False)).to_be_visible()
    expect(step_text(page)).to_contain_text("Stap 1 van 7: Wie is er vandaag?")
    expect(nav(page).get_by_role("button", name=SESSION_NL["back"])).to_be_disabled()

    next_step(page, "Stap 2 van 7: Check-in")
    for name, score in (("Sanne", "3"), ("Daan", "5")):
        rerun_after(page, lambda name=name, score=score: choose(
            stage(page), f"{name}: welke cirkels passen nu?", score))
    expect(stage(page).get_by_text("Vandaag liggen jullie keuzes 2 stappen uit elkaar.")
           ).to_be_visible()
    expect(stage(page).locator(".st-key-session_ios_pair_1 .js-plotly-plot")).to_be_visible()

    next_step(page, "Stap 3 van 7: Twee perspectieven")
    expect(stage(page).locator(".st-key-session_chart .js-plotly-plot")).to_be_visible()
    expect(stage(page).get_by_text("Periode: 24 mei 2025 tot en met 20 jun 2025")).to_be_visible()

    next_step(page, "Stap 4 van 7: Fase")
    expect(stage(page).get_by_text("Fase aan het eind van deze periode", exact=False)
           ).to_be_visible()

    next_step(page, "Stap 5 van 7: Cycluskaart")
    moment_box = stage(page).get_by_role("combobox", name="Welk moment van afstand?")
    expect(moment_box).to_have_value("di 17 jun 2025 20:45 · Daan · 1 van 5")
    stage(page).get_by_role("textbox", name="Wat zette het in gang?").fill(TRIGGER)
    stage(page).get_by_role("textbox", name="Wat voelde Daan?").fill("Moe en leeg")
    stage(page).get_by_role("textbox", name="Wat deed Daan?").fill("Weinig gezegd")
    stage(page).get_by_role("textbox", name="Wat voelde Sanne?").fill("Een oude schrik")
    stage(page).get_by_role("textbox", name="Hoe reageerde Sanne?").fill("Gevraagd wat er was")
    alarm = "hartkloppingen, gespannen, klaar om te vluchten of te vechten"
    body = stage(page).get_by_role("radiogroup", name="Wat deed het lichaam van Sanne?")
    body.get_by_text(alarm, exact=True).click()  # a radio is chosen by its label
    expect(body.get_by_role("radio", name=alarm)).to_be_checked()
    rerun_after(page, stage(page).get_by_role("button", name=SESSION_NL["map_save"]).click)
    expect(stage(page).get_by_text(SESSION_NL["map_saved"])).to_be_visible()
    loop = stage(page).locator(".st-key-session_cycle_map .js-plotly-plot")
    # As typed, not as markup (the box wraps its lines, so the words come apart).
    expect(loop).to_contain_text(re.compile(r"De vergeten rekening\s*<script>"))
    expect(stage(page).get_by_text("De stap die nu past")).to_be_visible()
    expect(stage(page).get_by_text("Stap 2: Veiligheid creëren")).to_be_visible()

    next_step(page, "Stap 6 van 7: Volgende stap")
    stage(page).get_by_role("textbox", name=SESSION_NL["next_label"]).fill(NEXT_STEP)
    rerun_after(page, stage(page).get_by_role("button", name=SESSION_NL["next_save"]).click)
    expect(stage(page).get_by_text(SESSION_NL["next_saved"])).to_be_visible()

    next_step(page, "Stap 7 van 7: Samenvatting")
    expect(nav(page).get_by_role("button", name=SESSION_NL["next"])).to_be_disabled()
    expect(stage(page).get_by_text(SESSION_NL["complete"])).to_be_visible()
    full_page_screenshot(page, ARTIFACTS_DIR / "session-wide-summary-step.png")

    summary = save_summary(page, tmp_path)
    assert summary.startswith("<!DOCTYPE html>")
    assert "Sessie van " in summary and "Periode: 24 mei 2025 tot en met 20 jun 2025" in summary
    assert "Sanne: 3 van 7." in summary and "Daan: 5 van 7." in summary
    assert "De vergeten rekening &lt;script&gt;" in summary and "<script>\n" not in summary
    assert "Als het te veel wordt: &#x27;ik heb tien minuten nodig&#x27; &amp; daarna" in summary
    assert "Stap 2: Veiligheid creëren" in summary
    assert not re.search(r'<script[^>]+src=["\']https?://', summary)  # works offline

    # Back again: what was filled in is still there (kept for this browser session).
    rerun_after(page, nav(page).get_by_role("button", name=SESSION_NL["back"]).click)
    expect(stage(page).get_by_role("textbox", name=SESSION_NL["next_label"])).to_have_value(
        NEXT_STEP)


def log_shared(page: Page, moment: Moment, visibility: str) -> None:
    """Log a moment on the Journal page with who may see it chosen in the form."""
    fill_moment(form(page), moment)
    box = form(page).get_by_role("combobox", name=SESSION_NL["visibility"])
    box.click()
    page.get_by_role("option", name=visibility, exact=True).click()
    expect(box).to_have_value(visibility)
    rerun_after(page, form(page).get_by_role("button", name=NL["form.save"]).click)
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("Opgeslagen")


def shown_text(page: Page) -> str:
    return main(page).inner_text() + page.evaluate(_PLOTS_TEXT)


def test_a_private_note_never_shows_in_the_session_or_its_summary(fresh_server, new_page,
                                                                  tmp_path):
    page = new_page(viewport=WIDE)
    create_journal(page, fresh_server.url, "Samen", ("Anna", "Bram"))
    # "Only me" needs Bram's own passphrase, open on this device.
    say_who_i_am(page, "Bram")
    set_own_passphrase(page, "Bram", "bram zijn eigen lange zin")
    go_to(page, NL["nav.journal"])
    log_shared(page, Moment("Anna", "closeness", 4, "Samen gekookt"), SESSION_NL["coach"])
    log_shared(page, Moment("Bram", "distance", 4, PRIVATE_NOTE), SESSION_NL["private"])
    log_shared(page, Moment("Bram", "distance", 3, COACH_NOTE), SESSION_NL["coach"])
    expect(main(page).get_by_text("Privé", exact=True)).to_have_count(1)  # the list says so

    go_to(page, SESSION_NL["nav"])
    toggle = main(page).get_by_text(SESSION_NL["show_notes"], exact=True)
    rerun_after(page, toggle.click)  # notes on: even then the private note stays out
    for number in range(1, 8):
        if number > 1:
            next_step(page, f"Stap {number} van 7")
        text = shown_text(page)
        assert PRIVATE_NOTE not in text, f"private note on step {number}"
        assert "kiwi-7342" not in json.dumps(text)
        if number == 5:  # the shared distance moment, its note shown as typed
            expect(stage(page).get_by_text(COACH_NOTE, exact=True)).to_be_visible()
            # Only the shared distance moment can be mapped; the private one is no option.
            stage(page).get_by_role("combobox", name="Welk moment van afstand?").click()
            expect(page.get_by_role("option")).to_have_count(1)
            page.keyboard.press("Escape")

    summary = save_summary(page, tmp_path)
    assert PRIVATE_NOTE not in summary and "kiwi-7342" not in summary
    assert "Gedeeld met de coach: deur dichtgedaan &lt;b&gt;hard&lt;/b&gt;" in summary


def test_session_fits_a_phone_screen(fresh_server, new_page):
    page = new_page(**PHONE)
    open_app(page, fresh_server.url)
    go_to(page, SESSION_NL["nav"])
    for number in range(2, 4):
        next_step(page, f"Stap {number} van 7")
    width = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollWidth")
    assert width <= PHONE["viewport"]["width"] + 2
    expect(stage(page).locator(".st-key-session_chart .js-plotly-plot")).to_be_visible()
    full_page_screenshot(page, ARTIFACTS_DIR / "session-phone-chart-step.png")
