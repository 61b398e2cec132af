"""How the privacy tests drive Nabij: passphrases, locking, the picker, and what a page holds.

Texts are Nabij's Dutch texts from data/messages/nl/*.toml, as a person reads them.
"""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, WebSocket, expect

from tests.e2e.fake_oidc import FakeOidcProvider
from tests.e2e.nabij_ui import (
    NL,
    choose,
    go_to,
    main,
    open_app,
    open_expander,
    rerun_after,
    wait_for_app,
)

# data/messages/nl/privacy.toml, app.toml, data.toml, insights.toml, session.toml
PRIVACY_NL = {
    "new": "Nieuwe wachtzin",
    "repeat": "Nieuwe wachtzin nog een keer",
    "passphrase": "Wachtzin",
    "unlock_button": "Openen",
    "unlock_intro": "Dit dagboek is beveiligd met een wachtzin. Vul die in om het te openen.",
    "refused": "Met deze naam en wachtzin gaat geen dagboek open. Kijk beide nog eens na.",
    "locked": "Vergrendeld. Wie verder wil, vult de wachtzin opnieuw in.",
    "locked_idle": "Vergrendeld omdat Nabij een tijd niet gebruikt is. Vul de wachtzin opnieuw "
                   "in om verder te gaan.",
    "lock_button": "Vergrendelen",
    "open_heading": "Je dagboek openen",
    "shared_deployment": "Dit is een gedeelde installatie. Je ziet alleen dagboeken die je hier "
                         "met hun wachtzin hebt geopend; van andere stellen zie je niets, ook "
                         "hun namen niet.",
    "new_journal_required": "Op een gedeelde installatie heeft elk dagboek een wachtzin nodig. "
                            "Notities en namen worden ermee versleuteld.",
    "new_journal_optional": "Een wachtzin is hier (op je eigen computer) niet verplicht, maar "
                            "versleutelt wel je notities en namen. Laat leeg voor geen wachtzin.",
    "passphrase_empty": "Vul een wachtzin in.",
    "journals_not_saved": "Niet aangemaakt: kijk de gemarkeerde velden na.",
    "journals_none_yet": "Er zijn nog geen eigen dagboeken.",
    "picker": "Dagboek",
    "locked_caption": "Vergrendeld",
    # coach
    "sign_in": "Inloggen als coach",
    "signed_in": "Ingelogd als coach: {email}",
    "coach_option": "{name} (coachweergave)",
    "coach_banner": "Coachweergave: alleen-lezen, met alleen de momenten die het stel met de "
                    "coach deelt.",
    "share_heading": "Delen met je coach",
    "share_email": "E-mailadres van je coach",
    "share_button": "Delen",
    "share_none": "Nog met niemand gedeeld.",
    "withdraw": "Intrekken",
    "visibility": "Wie mag dit zien?",
    "visibility_private": "Alleen ik (privé)",
    "visibility_coach": "Onze coach ook",
    # the navigation
    "nav_insights": "Inzichten",
    "nav_session": "Sessie",
    "nav_learn": "Leren",
    "nav_data": "Gegevens",
}

# Every page as a person reaches it, by its label in the navigation and by its address.
PAGES = {NL["nav.cycle"]: "", NL["nav.journal"]: "journal",
         PRIVACY_NL["nav_insights"]: "insights", PRIVACY_NL["nav_session"]: "session",
         PRIVACY_NL["nav_learn"]: "learn", NL["nav.journals"]: "journals",
         PRIVACY_NL["nav_data"]: "data"}


def created_text(name: str) -> str:
    return f"Dagboek '{name}' is aangemaakt en geopend."


def sidebar(page: Page) -> Locator:
    return page.get_by_test_id("stSidebar")


def new_journal_form(page: Page) -> Locator:
    return main(page).get_by_test_id("stForm").filter(
        has=page.get_by_role("button", name=NL["journals.create"]))


def fill_new_journal(page: Page, name: str, partners: tuple[str, str],
                     passphrase: str | None = None) -> None:
    """Fill the Journals page's create form (a passphrase twice, if given) and submit it."""
    form = new_journal_form(page)
    form.get_by_label(NL["journals.name"], exact=True).fill(name)
    form.get_by_label(NL["journals.partner_a"], exact=True).fill(partners[0])
    form.get_by_label(NL["journals.partner_b"], exact=True).fill(partners[1])
    if passphrase is not None:
        form.get_by_label(PRIVACY_NL["new"], exact=True).fill(passphrase)
        form.get_by_label(PRIVACY_NL["repeat"], exact=True).fill(passphrase)
    rerun_after(page, form.get_by_role("button", name=NL["journals.create"]).click)


def create_journal_with_passphrase(page: Page, base_url: str, name: str, partners: tuple[str, str],
                             passphrase: str) -> None:
    """Create a journal with a passphrase on the Journals page; the app opens it."""
    open_app(page, base_url)
    go_to(page, NL["nav.journals"])
    fill_new_journal(page, name, partners, passphrase)
    expect(page.get_by_test_id("stAlertContentSuccess").first).to_contain_text(
        created_text(name))


def alerts(scope: Locator, kind: str = "Error") -> Locator:
    """The texts of the alerts of one kind ("Error", "Info", ...), without their icons."""
    return scope.get_by_test_id(f"stAlertContent{kind}").get_by_test_id("stMarkdownContainer")


def unlock(page: Page, passphrase: str) -> None:
    """Type the passphrase on the unlock screen and press Openen."""
    form = main(page).get_by_test_id("stForm").filter(
        has=page.get_by_role("button", name=PRIVACY_NL["unlock_button"]))
    form.get_by_label(PRIVACY_NL["passphrase"], exact=True).fill(passphrase)
    rerun_after(page, form.get_by_role("button", name=PRIVACY_NL["unlock_button"]).click)


def open_by_name(page: Page, name: str, passphrase: str) -> None:
    """On a shared deployment's Journals page: name and passphrase, then Openen."""
    form = main(page).get_by_test_id("stForm").filter(has_text=PRIVACY_NL["open_heading"])
    form.get_by_label(NL["journals.name"], exact=True).fill(name)
    form.get_by_label(PRIVACY_NL["passphrase"], exact=True).fill(passphrase)
    rerun_after(page, form.get_by_role("button", name=PRIVACY_NL["unlock_button"]).click)


def lock(page: Page) -> None:
    """The Lock button above every page (not in the sidebar: a phone folds that away)."""
    rerun_after(page, main(page).get_by_role("button", name=PRIVACY_NL["lock_button"]).click)


def picker(page: Page) -> Locator:
    return sidebar(page).get_by_role("combobox", name=PRIVACY_NL["picker"])


def menu_options(page: Page, box: Locator) -> list[str]:
    """Every choice of a select box, as its open menu lists them; the menu is closed again."""
    expect(box).to_be_visible()
    box.click()
    options = page.get_by_role("option")
    expect(options.first).to_be_visible()
    texts = options.all_inner_texts()
    page.keyboard.press("Escape")
    expect(options).to_have_count(0)
    return texts


def picker_options(page: Page) -> list[str]:
    """Every choice in the sidebar's journal picker, as the open menu lists them."""
    return menu_options(page, picker(page))


def pick(page: Page, option: str) -> None:
    """Choose `option` in the sidebar's journal picker (its change reruns the app)."""
    box = picker(page)
    box.click()
    choice = page.get_by_role("option", name=option, exact=True)
    expect(choice).to_be_visible()
    rerun_after(page, choice.click)
    expect(box).to_have_value(option)


def card_ids(page: Page, prefix: str) -> list[int]:
    """Ids from the app's keyed containers in the main area (`event_<id>`, `journal_<id>`)."""
    classes = main(page).locator(f"[class*='st-key-{prefix}_']").evaluate_all(
        "elements => elements.map(element => element.className)")
    found = []
    for names in classes:
        match = re.search(rf"\bst-key-{prefix}_(\d+)\b", names)
        if match:
            found.append(int(match.group(1)))
    return found


# Everything a page holds for its reader: the whole DOM (hidden parts, attributes and input
# values included) and every Plotly figure's data and layout (hover texts are only drawn on
# hover).
_PLOTS = """() => [...document.querySelectorAll('.js-plotly-plot')]
  .map(plot => JSON.stringify({data: plot.data || null, layout: plot.layout || null}))
  .join('\\n')"""


def everything_on_page(page: Page) -> str:
    return page.content() + "\n" + page.evaluate(_PLOTS)


def navigate_in_session(page: Page, path_and_query: str) -> None:
    """Change the address inside this tab, as the browser's back and forward do: Streamlit
    runs the page of the new address with its query in the same session (keys kept)."""
    rerun_after(page, lambda: page.evaluate(
        """(address) => { history.pushState({}, '', address);
                          window.dispatchEvent(new PopStateEvent('popstate')); }""",
        path_and_query))
    wait_for_app(page)


class WireTap:
    """Every message the server sends to a page over its WebSocket, as bytes."""

    def __init__(self, page: Page):
        self.frames: list[bytes] = []
        page.on("websocket", self._on_socket)

    def _on_socket(self, socket: WebSocket) -> None:
        socket.on("framereceived", self._on_frame)

    def _on_frame(self, payload: bytes | str) -> None:
        self.frames.append(payload if isinstance(payload, bytes) else payload.encode())

    def count(self) -> int:
        return len(self.frames)

    def carries(self, text: str, frames: list[bytes] | None = None) -> bool:
        needle = text.encode()
        return any(needle in frame for frame in (self.frames if frames is None else frames))


# Saying who you are and setting your own passphrase: what "only me" needs first.
OWN_NL = {
    "who_am_i": "Wie ben jij op dit apparaat?",
    "heading": "Jouw eigen wachtzin ({name})",
    "new": "Nieuwe eigen wachtzin",
    "repeat": "Nieuwe eigen wachtzin nog een keer",
    "set_button": "Eigen wachtzin instellen",
    "saved": "Je eigen wachtzin is ingesteld.",
}


def say_who_i_am(page: Page, name: str) -> None:
    """Choose yourself in the sidebar's "Wie ben jij op dit apparaat?"."""
    rerun_after(page, lambda: choose(sidebar(page), OWN_NL["who_am_i"], name))


def set_own_passphrase(page: Page, name: str, passphrase: str) -> None:
    """On the Journals page: the expander with your own passphrase, twice, and set it."""
    go_to(page, NL["nav.journals"])
    section = open_expander(page, OWN_NL["heading"].format(name=name))
    section.get_by_label(OWN_NL["new"], exact=True).fill(passphrase)
    section.get_by_label(OWN_NL["repeat"], exact=True).fill(passphrase)
    rerun_after(page, section.get_by_role("button", name=OWN_NL["set_button"]).click)
    expect(main(page).get_by_test_id("stAlertContentSuccess").filter(
        has_text=OWN_NL["saved"])).to_have_count(1)


def coach_secrets(provider: FakeOidcProvider) -> str:
    """secrets.toml of a deployment where coaches sign in (Streamlit fills in {port})."""
    return "\n".join([
        'sharing_secret = "e2e-sharing-secret-only-for-tests-0123456789"',
        "[auth]",
        'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"',
        'cookie_secret = "e2e-cookie-secret-only-for-tests-0123456789"',
        f'client_id = "{provider.client_id}"',
        f'client_secret = "{provider.client_secret}"',
        f'server_metadata_url = "{provider.metadata_url}"',
        ""])


def share_with_coach(page: Page, email: str) -> Locator:
    """On the Journals page: share the open journal with the coach's address; returns the
    share section, which lists the address once it is saved."""
    share = open_expander(page, PRIVACY_NL["share_heading"])
    share.get_by_label(PRIVACY_NL["share_email"], exact=True).fill(email)
    rerun_after(page, share.get_by_role("button", name=PRIVACY_NL["share_button"],
                                        exact=True).click)
    expect(share).to_contain_text(email)
    return share
