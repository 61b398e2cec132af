"""Two partners on one journal, each in a browser of their own: "only me" holds (issue #17).

Anouk creates the journal with the couple's passphrase, says who she is, sets a passphrase of
her own and logs a private moment with a distinctive note (and two shared ones). Bas opens the
same journal in another browser context with the couple's passphrase and says who he is: no
page he can reach, no file he can download (the CSV export, the chart's HTML, the session
summary, the backup) and no message the server sends him holds the note. Anouk sees it, marked
private. A signed-in coach sees neither the private nor the partner-only moment. And the first
page load on a phone-sized screen shows no error.

Every test starts a server of its own (tests/e2e/conftest.py `make_server`) on a shared
deployment, where each device opens a journal by its name and passphrase.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.fake_oidc import FakeOidcProvider
from tests.e2e.nabij_ui import (
    CYCLE_NL,
    NL,
    Moment,
    download,
    event_cards,
    fill_moment,
    form,
    go_to,
    heading,
    main,
    open_app,
    rerun_after,
    select_option,
    wait_for_app,
    wait_for_chart_points,
)
from tests.e2e.privacy_ui import (
    OWN_NL,
    PAGES,
    PRIVACY_NL,
    WireTap,
    alerts,
    card_ids,
    coach_secrets,
    create_journal_with_passphrase,
    everything_on_page,
    lock,
    menu_options,
    open_by_name,
    pick,
    picker_options,
    say_who_i_am,
    set_own_passphrase,
    share_with_coach,
    sidebar,
)

pytestmark = pytest.mark.e2e

SHARED = {"NABIJ_REQUIRE_PASSPHRASE": "1", "NABIJ_IDLE_LOCK_MINUTES": None}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}

NAME, PARTNERS = "Ons Tweetal", ("Anouk", "Bas")
COUPLE_PASSPHRASE = "twee fietsen tegen de muur 17"
ANOUK_OWN = "een zin die alleen Anouk kent 17"
# Distinctive enough that no chance bytes (sealed text, plotly.js) can hold it.
SECRET = "ALLEENANOUK-maanvis-in-de-gang-9173"
PARTNER_NOTE = "voor-ons-tweeen-wafels-4410"
COACH_NOTE = "ook-voor-de-coach-samen-gewandeld-5520"

# data/messages/nl/privacy.toml [personal], session.toml [visibility], data.toml, session.toml
TWO_NL = {
    **OWN_NL,
    "opened": "Je privémomenten zijn open op dit apparaat, tot je vergrendelt.",
    "none_yet": "Bas heeft nog geen eigen wachtzin.",
    "own": "Jouw eigen wachtzin",
    "open_button": "Mijn privémomenten openen",
    "refused": "Met deze wachtzin gaan geen privémomenten van Anouk open.",
    "together": "Samen",
    "visibility_partner": "Mijn partner ook",
    "badge_private": "Privé",
    "tab_export": "Exporteren",
    "download_csv": "Momenten downloaden (CSV)",
    "tab_backup": "Reservekopie",
    "download_backup": "Reservekopie downloaden (JSON)",
    "show_notes": "Notities tonen",
    "next": "Verder",
    "summary": "Samenvatting downloaden (HTML, werkt offline)",
}
SESSION_STEPS = 7


# --- how a partner does things ---------------------------------------------------------------

def open_private_moments(page: Page, passphrase: str) -> None:
    """The sidebar's small form: your own passphrase, then "Mijn privémomenten openen"."""
    box = sidebar(page).get_by_test_id("stForm").filter(
        has=page.get_by_role("button", name=TWO_NL["open_button"]))
    box.get_by_label(TWO_NL["own"], exact=True).fill(passphrase)
    rerun_after(page, box.get_by_role("button", name=TWO_NL["open_button"]).click)


def log_with_visibility(page: Page, moment: Moment, visibility: str) -> None:
    """Log a moment on the Journal page with who may see it chosen in the form."""
    fill_moment(form(page), moment)
    select_option(page, form(page), PRIVACY_NL["visibility"], visibility)
    rerun_after(page, form(page).get_by_role("button", name=NL["form.save"]).click)
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("Opgeslagen")


def visibility_options(page: Page) -> list[str]:
    """What the Journal page's "Wie mag dit zien?" offers, as its open menu lists it."""
    return menu_options(page, form(page).get_by_role("combobox", name=PRIVACY_NL["visibility"]))


def card_with(page: Page, text: str) -> Locator:
    return event_cards(page).filter(has=page.get_by_text(text, exact=True))


def journal_id(page: Page) -> int:
    """The id of the one journal card on the Journals page (keyed `journal_<id>`)."""
    [found] = card_ids(page, "journal")
    return found


def private_backup_rows(backup: bytes) -> list[dict]:
    """The events of a backup whose visibility is private, as column -> value."""
    events = json.loads(backup)["tables"]["events"]
    rows = [dict(zip(events["columns"], row, strict=True)) for row in events["rows"]]
    return [row for row in rows if row["visibility"] == "private"]


def no_error_shown(page: Page, where: str) -> None:
    expect(page.get_by_test_id("stException"), where).to_have_count(0)
    expect(page.get_by_test_id("stAlertContentError"), where).to_have_count(0)


def anouk_keeps_a_secret(server_url: str, page: Page) -> None:
    """Anouk's device: the journal, who she is, her own passphrase, and three moments."""
    create_journal_with_passphrase(page, server_url, NAME, PARTNERS, COUPLE_PASSPHRASE)
    say_who_i_am(page, PARTNERS[0])
    # Honest until set up: without her own passphrase "only me" is not offered.
    go_to(page, NL["nav.journal"])
    assert PRIVACY_NL["visibility_private"] not in visibility_options(page)
    set_own_passphrase(page, PARTNERS[0], ANOUK_OWN)
    expect(sidebar(page)).to_contain_text(TWO_NL["opened"])
    go_to(page, NL["nav.journal"])
    assert visibility_options(page)[0] == PRIVACY_NL["visibility_private"]
    log_with_visibility(page, Moment(PARTNERS[0], "distance", 4, SECRET),
                        PRIVACY_NL["visibility_private"])
    log_with_visibility(page, Moment(PARTNERS[0], "closeness", 3, PARTNER_NOTE),
                        TWO_NL["visibility_partner"])
    log_with_visibility(page, Moment(PARTNERS[1], "closeness", 5, COACH_NOTE),
                        PRIVACY_NL["visibility_coach"])
    expect(event_cards(page)).to_have_count(3)


def download_everything(page: Page, directory: Path) -> dict[str, bytes]:
    """Every file this device can take home from the open journal, by what it is."""
    files: dict[str, bytes] = {}
    go_to(page, NL["nav.cycle"])
    html = main(page).get_by_test_id("stDownloadButton").get_by_role(
        "button", name=CYCLE_NL["cycle_controls.download_html"])
    files["chart HTML"] = download(page, html, directory, "chart.html")[1].read_bytes()

    go_to(page, PRIVACY_NL["nav_data"])
    main(page).get_by_role("tab", name=TWO_NL["tab_export"]).click()
    csv = main(page).get_by_role("button", name=TWO_NL["download_csv"])
    expect(csv).to_be_visible()
    files["CSV export"] = download(page, csv, directory, "export.csv")[1].read_bytes()
    main(page).get_by_role("tab", name=TWO_NL["tab_backup"]).click()
    backup = main(page).get_by_role("button", name=TWO_NL["download_backup"])
    expect(backup).to_be_visible()
    files["backup"] = download(page, backup, directory, "backup.json")[1].read_bytes()

    go_to(page, PRIVACY_NL["nav_session"])
    rerun_after(page, main(page).get_by_text(TWO_NL["show_notes"], exact=True).click)
    session_nav = main(page).locator(".st-key-session_nav_top")
    for number in range(2, SESSION_STEPS + 1):
        rerun_after(page, session_nav.get_by_role("button", name=TWO_NL["next"]).click)
        expect(session_nav.get_by_test_id("stProgress")).to_contain_text(
            f"Stap {number} van {SESSION_STEPS}")
        assert SECRET not in everything_on_page(page), f"the secret on session step {number}"
    summary = main(page).locator(".st-key-session_stage").get_by_role(
        "button", name=TWO_NL["summary"])
    files["session summary"] = download(page, summary, directory, "summary.html")[1].read_bytes()
    return files


# --- 1. the other partner -----------------------------------------------------------------

def test_the_other_partner_finds_no_trace_of_a_private_moment(make_server, new_page,
                                                             tmp_path):
    server = make_server(env=SHARED)
    anouk = new_page()
    anouk_keeps_a_secret(server.url, anouk)

    # Anouk sees her private moment, marked private, on the list and on the chart.
    expect(card_with(anouk, SECRET)).to_contain_text(TWO_NL["badge_private"])
    expect(card_with(anouk, PARTNER_NOTE)).not_to_contain_text(TWO_NL["badge_private"])
    go_to(anouk, NL["nav.cycle"])
    points = wait_for_chart_points(anouk, 3)
    assert any(SECRET in (point["hover"] or "") for point in points), points

    go_to(anouk, NL["nav.journals"])  # her journal's card counts all three
    expect(main(anouk).locator(f".st-key-journal_{journal_id(anouk)}")).to_contain_text(
        "3 momenten")

    # Bas, on his own device: the same journal, the couple's passphrase, and who he is.
    bas = new_page()
    tap = WireTap(bas)
    open_app(bas, server.url)
    go_to(bas, NL["nav.journals"])
    open_by_name(bas, NAME, COUPLE_PASSPHRASE)
    say_who_i_am(bas, PARTNERS[1])
    expect(sidebar(bas)).to_contain_text(TWO_NL["none_yet"])
    assert SECRET not in everything_on_page(bas)

    # Every page he can reach: the two shared moments, never the private one, not counted.
    for label in PAGES:
        go_to(bas, label)
        no_error_shown(bas, label)
        shown = everything_on_page(bas)
        assert SECRET not in shown, f"the private note shows on {label}"
        # Not counted either: Bas may see two moments of the three.
        assert "3 momenten" not in shown, f"{label} counts Anouk's private moment"
    go_to(bas, NL["nav.cycle"])
    expect(heading(bas)).to_have_text(f"Cyclus: {NAME}")
    points = wait_for_chart_points(bas, 2)
    assert not any(SECRET in (point["hover"] or "") for point in points), points
    go_to(bas, NL["nav.journal"])
    expect(heading(bas)).to_have_text(f"Dagboek: {NAME}")
    expect(event_cards(bas)).to_have_count(2)
    expect(card_with(bas, PARTNER_NOTE)).to_be_visible()
    expect(card_with(bas, COACH_NOTE)).to_be_visible()
    expect(event_cards(bas).get_by_text(TWO_NL["badge_private"], exact=True)).to_have_count(0)
    # Without a passphrase of his own, "only me" is not offered to Bas.
    assert PRIVACY_NL["visibility_private"] not in visibility_options(bas)
    go_to(bas, NL["nav.journals"])  # the journal's card counts what Bas may see
    expect(main(bas).locator(f".st-key-journal_{journal_id(bas)}")).to_contain_text(
        "2 momenten")

    # Saying he is Anouk opens nothing: her own passphrase is asked, and "only me" is not
    # offered to him under her name.
    say_who_i_am(bas, PARTNERS[0])
    expect(sidebar(bas).get_by_role("button", name=TWO_NL["open_button"])).to_be_visible()
    go_to(bas, NL["nav.journal"])
    expect(event_cards(bas)).to_have_count(2)
    assert PRIVACY_NL["visibility_private"] not in visibility_options(bas)
    assert SECRET not in everything_on_page(bas)
    say_who_i_am(bas, PARTNERS[1])

    # Every file he can take home.
    files = download_everything(bas, tmp_path)
    for what, data in files.items():
        assert SECRET.encode() not in data, f"the private note is in Bas's {what}"
        assert SECRET.encode("utf-16-le") not in data, f"the private note is in Bas's {what}"
    for what in ("CSV export", "backup", "chart HTML"):  # these hold the shared notes
        assert PARTNER_NOTE.encode() in files[what], what
        assert COACH_NOTE.encode() in files[what], what
    assert COACH_NOTE.encode() in files["session summary"]  # the session is with the coach
    # The backup keeps Anouk's private moment restorable, but only sealed: no note, and not
    # its kind and strength either.
    [private] = private_backup_rows(files["backup"])
    assert private["note"] == "" and not private["context"] and not private["body"], private
    assert (private["kind"], private["intensity"]) != ("distance", 4), private
    assert str(private["private_payload"]).startswith("nabij:"), private

    # Nothing the server sent to Bas's browser held it.
    assert tap.count() > 0
    assert not tap.carries(SECRET), "Bas's browser received the private note"

    # Anouk still sees it, marked private, and takes it home in her own export.
    go_to(anouk, NL["nav.journal"])
    expect(event_cards(anouk)).to_have_count(3)
    expect(card_with(anouk, SECRET)).to_contain_text(TWO_NL["badge_private"])
    go_to(anouk, PRIVACY_NL["nav_data"])
    main(anouk).get_by_role("tab", name=TWO_NL["tab_export"]).click()
    _, her_csv = download(anouk, main(anouk).get_by_role("button", name=TWO_NL["download_csv"]),
                          tmp_path, "anouk.csv")
    assert SECRET.encode() in her_csv.read_bytes()

    # On another device of her own she opens her private moments with her own passphrase.
    laptop = new_page()
    open_app(laptop, server.url)
    go_to(laptop, NL["nav.journals"])
    open_by_name(laptop, NAME, COUPLE_PASSPHRASE)
    say_who_i_am(laptop, PARTNERS[0])
    go_to(laptop, NL["nav.journal"])
    expect(event_cards(laptop)).to_have_count(2)
    assert SECRET not in everything_on_page(laptop)
    open_private_moments(laptop, "niet mijn eigen zin 17")
    expect(alerts(sidebar(laptop))).to_have_text(TWO_NL["refused"])
    expect(event_cards(laptop)).to_have_count(2)
    open_private_moments(laptop, ANOUK_OWN)
    expect(sidebar(laptop)).to_contain_text(TWO_NL["opened"])
    expect(event_cards(laptop)).to_have_count(3)
    expect(card_with(laptop, SECRET)).to_contain_text(TWO_NL["badge_private"])

    # Locking closes her private moments too: the couple's passphrase alone does not open
    # them again ("open on this device, until you lock").
    # (On a shared deployment a locked journal is out of sight: she opens it by name again.)
    lock(laptop)
    go_to(laptop, NL["nav.journals"])
    open_by_name(laptop, NAME, COUPLE_PASSPHRASE)
    say_who_i_am(laptop, PARTNERS[0])
    go_to(laptop, NL["nav.journal"])
    expect(heading(laptop)).to_have_text(f"Dagboek: {NAME}")
    expect(event_cards(laptop)).to_have_count(2)
    assert SECRET not in everything_on_page(laptop)

    # On a shared screen she chooses "Samen": nobody's private moment is in view.
    say_who_i_am(anouk, TWO_NL["together"])
    go_to(anouk, NL["nav.journal"])
    expect(event_cards(anouk)).to_have_count(2)
    assert SECRET not in everything_on_page(anouk)


# --- 2. the coach -------------------------------------------------------------------------

COACH_EMAIL = "coach@example.org"


def test_a_signed_in_coach_sees_neither_the_private_nor_the_partner_only_moment(
        make_server, new_page, tmp_path):
    with FakeOidcProvider(client_id="nabij-e2e", client_secret="e2e-client-secret",
                          email=COACH_EMAIL) as provider:
        server = make_server(env=SHARED, secrets=coach_secrets(provider))
        anouk = new_page()
        anouk_keeps_a_secret(server.url, anouk)
        go_to(anouk, NL["nav.journals"])
        share_with_coach(anouk, COACH_EMAIL)

        coach = new_page()
        tap = WireTap(coach)
        open_app(coach, server.url)
        sidebar(coach).get_by_role("button", name=PRIVACY_NL["sign_in"]).click()
        expect(sidebar(coach)).to_contain_text(
            PRIVACY_NL["signed_in"].format(email=COACH_EMAIL), timeout=30_000)
        wait_for_app(coach)
        assert provider.errors == []
        coach_option = PRIVACY_NL["coach_option"].format(name=NAME)
        assert coach_option in picker_options(coach)
        pick(coach, coach_option)
        expect(heading(coach)).to_have_text(f"Cyclus: {NAME}")
        [point] = wait_for_chart_points(coach, 1)
        assert COACH_NOTE in (point["hover"] or "")

        for label in PAGES:
            go_to(coach, label)
            no_error_shown(coach, label)
            shown = everything_on_page(coach)
            assert SECRET not in shown, f"the private note shows to the coach on {label}"
            assert PARTNER_NOTE not in shown, f"the partner-only note shows to the coach on {label}"
        go_to(coach, NL["nav.journal"])
        expect(heading(coach)).to_have_text(f"Dagboek: {NAME}")
        expect(event_cards(coach)).to_have_count(1)
        expect(card_with(coach, COACH_NOTE)).to_be_visible()
        # The one file a coach can take home (Data and Session are not for coaches).
        go_to(coach, NL["nav.cycle"])
        html = main(coach).get_by_test_id("stDownloadButton").get_by_role(
            "button", name=CYCLE_NL["cycle_controls.download_html"])
        chart = download(coach, html, tmp_path, "coach-chart.html")[1].read_bytes()
        assert COACH_NOTE.encode() in chart
        assert SECRET.encode() not in chart and PARTNER_NOTE.encode() not in chart
        assert tap.count() > 0
        assert not tap.carries(SECRET), "the coach's browser received the private note"
        assert not tap.carries(PARTNER_NOTE), "the coach's browser received the partner note"


# --- 3. a phone ------------------------------------------------------------------------------

def test_the_first_page_load_on_a_phone_shows_no_error(make_server, new_page):
    server = make_server(env=SHARED)
    phone = new_page(**PHONE)
    open_app(phone, server.url)
    expect(heading(phone)).to_be_visible()
    no_error_shown(phone, "the first page load at 390 px")
    width = phone.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollWidth")
    assert width <= PHONE["viewport"]["width"] + 2
    assert "Traceback" not in everything_on_page(phone)
    assert alerts(main(phone)).count() == 0
    # Each page as the first one a phone opens (a link followed, a bookmark).
    for label, path in PAGES.items():
        visitor = new_page(**PHONE)
        open_app(visitor, server.url, path)
        expect(heading(visitor), label).to_be_visible()
        no_error_shown(visitor, f"the first load of {label} at 390 px")
        visitor.context.close()

    # On the phone too, a partner opens a journal and says who she is in the sidebar.
    create_journal_with_passphrase(phone, server.url, NAME, PARTNERS, COUPLE_PASSPHRASE)
    expand = phone.get_by_test_id("stExpandSidebarButton")
    expand.click()
    expect(sidebar(phone)).to_have_attribute("data-collapsed", "false")
    say_who_i_am(phone, PARTNERS[0])
    expect(sidebar(phone)).to_contain_text("Anouk heeft nog geen eigen wachtzin.")
    no_error_shown(phone, "saying who you are at 390 px")
    width = phone.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollWidth")
    assert width <= PHONE["viewport"]["width"] + 2
