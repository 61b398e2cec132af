"""A coach signs in (st.login) and sees what a couple shares with them, and nothing more.

The couple shares their protected journal with the coach's address on the Journals page; the
coach then finds "<name> (coach view)" in the picker, read-only, with only the moments marked
for the coach. Withdrawing ends it; another address never sees it; without [auth] in secrets
there is no sign-in at all.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from nabij.i18n import Messages
from nabij.model import Journal, Visibility
from tests.pages.conftest import open_app
from tests.pages.privacy_helpers import (
    PAGES,
    click,
    messages,
    open_by_name,
    protected_journal,
    rendered,
    texts,
)

NAME, PASSPHRASE = "Ons Geheim", "een zin die alleen wij kennen"
COACH_NOTE = "VOOR-DE-COACH: we bleven rustig"
PARTNER_NOTE = "ALLEEN-WIJ: samen gehuild"
PRIVATE_NOTE = "PRIVÉ: ik twijfel soms"
COACH = "coach@example.org"
AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "a-cookie-secret-for-tests-only-0123456789",
        "client_id": "nabij-tests", "client_secret": "not-a-real-secret",
        "server_metadata_url": "https://accounts.example.org/.well-known/openid-configuration"}
SECRETS = {"auth": AUTH, "sharing_secret": "a-sharing-secret-for-tests-only-0123456789"}
OPTION = {"nl": "Ons Geheim (coachweergave)", "en": "Ons Geheim (coach view)"}
READ_ONLY = {"nl": "Dit is de coachweergave: je ziet alleen de momenten die het stel met de "
                   "coach deelt, en je kunt niets wijzigen. Deze pagina is in de coachweergave "
                   "niet beschikbaar.",
             "en": "This is the coach view: you see only the moments the couple shares with "
                   "their coach, and you cannot change anything. This page is not available in "
                   "the coach view."}
BANNER = {"nl": "Coachweergave: alleen-lezen, met alleen de momenten die het stel met de coach "
                "deelt.",
          "en": "Coach view: read-only, with only the moments the couple shares with their "
                "coach."}
JOURNALS, JOURNAL = "views/journals.py", "views/journal.py"


@pytest.fixture(autouse=True)
def shared(monkeypatch):
    """Coaches work on a shared deployment: journals need passphrases there."""
    monkeypatch.setenv("NABIJ_REQUIRE_PASSPHRASE", "1")


@pytest.fixture
def ours(store) -> Journal:
    return protected_journal(store, NAME, PASSPHRASE, notes={
        Visibility.PRIVATE: PRIVATE_NOTE, Visibility.PARTNER: PARTNER_NOTE,
        Visibility.COACH: COACH_NOTE})


def session(secrets: dict | None = None, email: str | None = None, page: str | None = None,
            lang: str | None = None, verified: object = True) -> AppTest:
    """A browser session: with these secrets, signed in with `email` (None: signed out), an
    address the provider verified unless `verified` says otherwise (None: no such claim)."""
    user: dict[str, object] = {"is_logged_in": False}
    if email:
        user = {"is_logged_in": True, "email": email, "name": "Coach"}
        if verified is not None:
            user["email_verified"] = verified
    return open_app(page, lang, secrets=secrets, user=user)


def couple(lang: str = "nl") -> AppTest:
    """The couple's own session: they opened their journal by name on the Journals page."""
    app = session(SECRETS, page=JOURNALS, lang=lang)
    open_by_name(app, NAME, PASSPHRASE, lang)
    assert messages(app, "error") == []
    return app


def share(app: AppTest, email: str, lang: str = "nl") -> AppTest:
    app.text_input(key="share_email").input(email)
    click(app, "Delen" if lang == "nl" else "Share")
    assert not app.exception, app.exception
    return app


def coach_options(app: AppTest) -> list[str]:
    return [value for value in app.selectbox(key="journal_picker").proto.options
            if "coach" in value]


def open_coach_view(app: AppTest, journal: Journal) -> AppTest:
    app.selectbox(key="journal_picker").set_value(f"coach:{journal.id}").run()
    assert not app.exception, app.exception
    return app


def none_of_the_couples_own_notes(app: AppTest, where: str) -> None:
    shown = rendered(app)
    assert PRIVATE_NOTE not in shown and PARTNER_NOTE not in shown, where


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_shared_journal_shows_the_coach_only_what_is_meant_for_the_coach(store, ours, lang):
    share(couple(lang), " Coach@Example.org ", lang)
    coach = session(SECRETS, COACH, lang=lang)
    assert coach_options(coach) == [OPTION[lang]]
    assert any(COACH.replace(".", "\\.") in c.value for c in coach.sidebar.caption)
    open_coach_view(coach, ours)  # on the Cycle page
    assert coach.get("plotly_chart")
    # The partners' names are sealed like the notes; the shared key opens them for the coach,
    # from the first view on (the chart's legend names them).
    assert '"name":"Anna"' in coach.get("plotly_chart")[0].proto.spec.replace(" ", "")
    none_of_the_couples_own_notes(coach, "cycle")
    coach.switch_page(JOURNAL).run()
    assert not coach.exception, coach.exception
    assert COACH_NOTE in texts(coach)
    none_of_the_couples_own_notes(coach, JOURNAL)
    assert messages(coach, "info") == [BANNER[lang]]  # not the example journal's banner
    # Read-only: no form to log or change a moment.
    assert not [b for b in coach.button if b.label in ("Opslaan", "Save")]
    assert not [b for b in coach.button if (b.key or "").startswith(("edit_", "delete_"))]
    assert coach.session_state["nabij_journal_keys"] == {}  # no passphrase key in the session
    # The Session page writes to the couple's own journal: in the coach view it asks for their
    # passphrase (tests/pages/test_practice_page.py opens it), the Data page stays closed.
    for page, info in (("views/session.py", Messages(lang)("session.coach_view")),
                       ("views/data.py", READ_ONLY[lang])):
        coach.switch_page(page).run()
        assert not coach.exception, (page, coach.exception)
        assert messages(coach, "info") == [info], page
        assert COACH_NOTE not in rendered(coach), page
        none_of_the_couples_own_notes(coach, page)
    for page in ("views/insights.py", "views/learn.py", JOURNALS):
        coach.switch_page(page).run()
        assert not coach.exception, (page, coach.exception)
        none_of_the_couples_own_notes(coach, page)


def test_the_couple_sees_with_whom_it_is_shared_and_an_invalid_address_is_refused(store, ours):
    app = couple("en")
    assert any(e.label == "Share with your coach" for e in app.expander)
    assert "Not shared with anyone yet." in [c.value for c in app.caption]
    share(app, "geen adres", "en")
    assert messages(app, "error") == [
        "This does not look like an email address. Please check it."]
    share(app, COACH, "en")
    assert "coach@example\\.org" in [m.value for m in app.markdown]
    assert [b.label for b in app.button if (b.key or "").startswith("withdraw_")] == ["Withdraw"]


def test_after_withdrawing_the_coach_no_longer_sees_it(store, ours):
    couples = share(couple(), COACH)
    coach = session(SECRETS, COACH)
    open_coach_view(coach, ours)
    coach.switch_page(JOURNAL).run()
    assert COACH_NOTE in texts(coach)
    couples.button(key="withdraw_0").click().run()
    assert not couples.exception, couples.exception
    assert "Nog met niemand gedeeld." in [c.value for c in couples.caption]
    # The coach's next click: the journal is gone from the picker and from the page.
    coach.run()
    assert not coach.exception, coach.exception
    assert coach_options(coach) == []
    assert COACH_NOTE not in rendered(coach)
    assert NAME not in rendered(coach)
    # And a fresh session of the same coach does not list it either.
    assert coach_options(session(SECRETS, COACH)) == []


def test_a_coach_signed_in_with_another_address_sees_nothing(store, ours):
    share(couple(), COACH)
    other = session(SECRETS, "andere.coach@example.org")
    assert coach_options(other) == []
    for page in PAGES:
        other.switch_page(page).run()
        assert not other.exception, (page, other.exception)
        shown = rendered(other)
        assert NAME not in shown and COACH_NOTE not in shown, page
    # Asking for the shared journal directly does not open it either.
    other.session_state["open_journal"] = f"coach:{ours.id}"
    other.switch_page(JOURNAL).run()
    assert not other.exception, other.exception
    assert COACH_NOTE not in rendered(other) and NAME not in rendered(other)


UNVERIFIED = {"nl": "Je inlogdienst heeft niet bevestigd dat dit e-mailadres van jou is",
              "en": "Your sign-in provider has not confirmed that this email address is yours"}


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("verified", [False, None, "true", 1], ids=["false", "missing",
                                                                     "string", "number"])
def test_a_coach_whose_address_the_provider_did_not_verify_sees_nothing(store, ours, lang,
                                                                         verified):
    """Anyone can sign up somewhere with the coach's address; only a verified one counts."""
    share(couple(), COACH)
    coach = session(SECRETS, COACH, lang=lang, verified=verified)
    assert coach_options(coach) == []
    assert any(w.value.startswith(UNVERIFIED[lang]) for w in coach.sidebar.warning)
    coach.session_state["open_journal"] = f"coach:{ours.id}"
    for page in (JOURNAL, JOURNALS):
        coach.switch_page(page).run()
        assert not coach.exception, coach.exception
        assert COACH_NOTE not in rendered(coach) and NAME not in rendered(coach), page
    assert [b for b in coach.sidebar.button if b.key == "coach_sign_out"]


def test_after_a_passphrase_change_the_coach_still_sees_the_shared_moments(store, ours):
    couples = share(couple(), COACH)
    couples.text_input(key="passphrase_current").input(PASSPHRASE)
    couples.text_input(key="passphrase_new").input("een heel nieuwe zin")
    couples.text_input(key="passphrase_repeat").input("een heel nieuwe zin")
    click(couples, "Wachtzin opslaan")
    assert couples.success
    coach = open_coach_view(session(SECRETS, COACH), ours)
    coach.switch_page(JOURNAL).run()
    assert COACH_NOTE in texts(coach)
    none_of_the_couples_own_notes(coach, JOURNAL)


@pytest.mark.parametrize(("lang", "label"), [("nl", "Inloggen als coach"),
                                             ("en", "Sign in as coach")])
def test_sign_in_shows_only_where_auth_is_configured(store, lang, label):
    configured = session(SECRETS, lang=lang)
    assert [b.label for b in configured.sidebar.button if b.key == "coach_sign_in"] == [label]
    not_configured = session({"sharing_secret": SECRETS["sharing_secret"]}, lang=lang)
    assert not [b for b in not_configured.button if b.key == "coach_sign_in"]
    assert label not in rendered(not_configured)
    no_secrets = session(lang=lang)
    assert not [b for b in no_secrets.button if b.key == "coach_sign_in"]


def test_without_auth_there_is_no_coach_view_even_for_a_signed_in_user(store, ours):
    share(couple(), COACH)
    # The same deployment, but without [auth]: st.user may still say "logged in".
    app = session({"sharing_secret": SECRETS["sharing_secret"]}, COACH)
    assert coach_options(app) == []
    app.session_state["open_journal"] = f"coach:{ours.id}"
    app.switch_page(JOURNAL).run()
    assert not app.exception, app.exception
    assert COACH_NOTE not in rendered(app)


def test_without_auth_the_couple_is_not_offered_sharing(store, ours):
    app = session({"sharing_secret": SECRETS["sharing_secret"]}, page=JOURNALS)
    open_by_name(app, NAME, PASSPHRASE)
    assert messages(app, "error") == []
    assert not [w for w in app.text_input if w.key == "share_email"]
    assert "Delen met je coach" not in rendered(app)


def test_the_journals_page_lists_what_is_shared_with_the_coach_and_opens_it(store, ours):
    coach = session(SECRETS, COACH, page=JOURNALS, lang="en")
    assert any(c.value.startswith("No journal has been shared with you yet.")
               for c in coach.caption)
    share(couple("en"), COACH, "en")
    coach.run()
    assert [c.value for c in coach.text if c.value == OPTION["en"]] == [OPTION["en"]]
    coach.button(key=f"open_shared_{ours.id}").click().run()
    assert not coach.exception, coach.exception
    coach.switch_page(JOURNAL).run()
    assert COACH_NOTE in texts(coach)
    none_of_the_couples_own_notes(coach, JOURNAL)


def test_the_session_page_of_an_unprotected_shared_journal_offers_no_passphrase_form(
        store, monkeypatch):
    """Only at home can a journal go without a passphrase; shared, the coach's Session page
    then has no passphrase to ask (a form would refuse and count every try): it says the
    coach view reads only."""
    monkeypatch.delenv("NABIJ_REQUIRE_PASSPHRASE")  # at home, on loopback
    journal = store.create_journal(Journal(None, "Open Boek", ("Anna", "Bram")))
    app = session(SECRETS, page=JOURNALS)
    app.selectbox(key="journal_picker").set_value(journal.id).run()
    share(app, COACH)
    coach = open_coach_view(session(SECRETS, COACH), journal)
    coach.switch_page("views/session.py").run()
    assert not coach.exception, coach.exception
    assert messages(coach, "info") == [READ_ONLY["nl"]]
    assert not coach.text_input, [field.label for field in coach.text_input]
