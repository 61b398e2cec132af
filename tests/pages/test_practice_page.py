"""A signed-in coach's practice overview: every couple sharing with them, what needs
attention first, and one click to a couple's Cycle page.

The couples' moments are written through Nabij's own Store, as the couples would: moments
shared with the coach, and moments they keep to themselves (private, or for the partner
only) that must never reach the overview.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import delete, update
from streamlit.testing.v1 import AppTest

from nabij.i18n import Messages
from nabij.model import Event, Journal, Kind, Visibility
from nabij.phases.four_phases import Phase
from nabij.phases.marks import PhaseMark
from nabij.security.cipher import sharing_key
from nabij.session.records import CheckIn
from nabij.storage import Store
from nabij.storage.protection import create_protected_journal
from nabij.storage.sessions import SessionStore
from nabij.storage.shares import share_with
from nabij.storage.tables import journal_shares
from tests.pages.conftest import open_app
from tests.pages.privacy_helpers import messages, rendered, unlock
from tests.pages.test_coach import COACH, SECRETS
from tests.security_helpers import private_writer

PRACTICE, CYCLE, SESSION = "views/practice.py", "views/cycle.py", "views/session.py"
ZONE = "Europe/Amsterdam"
SHARING = sharing_key(SECRETS["sharing_secret"])


@pytest.fixture(autouse=True)
def shared(monkeypatch):
    monkeypatch.setenv("NABIJ_REQUIRE_PASSPHRASE", "1")


def local_today() -> dt.date:
    return dt.datetime.now(ZoneInfo(ZONE)).date()


def at(days_ago: int, hour: int = 12) -> dt.datetime:
    """Noon (local summer or winter time, near enough) `days_ago` days before today."""
    day = local_today() - dt.timedelta(days=days_ago)
    return dt.datetime.combine(day, dt.time(hour - 1), tzinfo=dt.UTC)


def couple_journal(store: Store, name: str, shared_days: list[int],
                   share: str | None = COACH) -> tuple[Journal, Store]:
    """A protected journal with one coach moment per entry of `shared_days`, shared with
    `share`; returns it with a Store holding the couple's key."""
    journal, cipher = create_protected_journal(
        store, Journal(None, name, ("Anna", "Bram"), ZONE), f"de wachtzin van {name} hier")
    keyed = store.with_keys({journal.id: cipher})
    keyed.add_events(journal.id, [
        Event(occurred_at=at(days), partner=index % 2, kind=Kind.CLOSENESS, intensity=3,
              visibility=Visibility.COACH) for index, days in enumerate(shared_days)])
    if share:
        share_with(keyed, journal.id, share, cipher, SHARING)
    return journal, keyed


def shared_days_ago(store: Store, journal: Journal, days: int) -> None:
    """Move the share back in time, as if the couple had shared `days` days ago."""
    with store.engine.begin() as conn:
        conn.execute(update(journal_shares).where(journal_shares.c.journal_id == journal.id)
                     .values(created_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=days)))


@pytest.fixture
def practice(store):
    """Four couples sharing with the coach, one sharing with another coach, one with none."""
    crisis, crisis_store = couple_journal(store, "Crisis", [1, 2, 3, 8, 9, 10, 15, 16, 20])
    crisis_store.set_phase_mark(crisis.id, PhaseMark(start=local_today()
                                                     - dt.timedelta(days=5), phase=Phase.CRISIS))
    silent, _ = couple_journal(store, "Stil", [20, 21, 22, 28, 29])
    fewer, _ = couple_journal(store, "Rustiger", [6, 8, 9, 10, 11, 15, 16, 17, 20])
    steady, steady_store = couple_journal(store, "Vast", [1, 2, 3, 8, 9, 10, 15, 16, 20])
    shared_days_ago(store, steady, 30)
    SessionStore(steady_store).set_check_in(steady.id, CheckIn(local_today()
                                                               - dt.timedelta(days=2), 0, 5))
    SessionStore(steady_store).set_next_session(steady.id, local_today() + dt.timedelta(days=4))
    couple_journal(store, "Andere Coach", [1, 2], share="iemand@example.org")
    couple_journal(store, "Niet Gedeeld", [1, 2], share=None)
    return {"crisis": crisis, "silent": silent, "fewer": fewer, "steady": steady,
            "steady_store": steady_store, "crisis_store": crisis_store}


def coach_app(lang: str = "nl") -> AppTest:
    user = {"is_logged_in": True, "email": COACH, "name": "Coach", "email_verified": True}
    return open_app(PRACTICE, lang, secrets=SECRETS, user=user)


def card_order(app: AppTest) -> list[str]:
    return [element.value.split("**")[1] for element in app.markdown
            if element.value.startswith("**")]


def card_texts(app: AppTest, journal: Journal) -> list[str]:
    [card] = [block for block in app.main.children.values()
              if getattr(block, "key", None) == f"practice_{journal.id}"] or [None]
    assert card is not None, f"no card for {journal.name}"
    return [line for element in card.text for line in element.value.split("\n")]


def test_the_coach_sees_every_shared_couple_ranked_by_what_needs_attention(store, practice):
    app = coach_app()
    assert card_order(app) == ["Crisis", "Stil", "Rustiger", "Vast"]
    shown = rendered(app)
    assert "Niet Gedeeld" not in shown and "Andere Coach" not in shown
    for label in ("Crisisfase", "Lange stilte", "Minder momenten dan gewoonlijk",
                  "Niets wat opvalt"):
        assert label in shown, label
    assert "Fase: Crisis (zo gemarkeerd door het stel)" in card_texts(app, practice["crisis"])
    assert "Laatste gedeelde moment: 20 dagen geleden" in card_texts(app, practice["silent"])
    assert "Fase: niet te zeggen uit de gedeelde momenten" in card_texts(app, practice["silent"])
    fewer = card_texts(app, practice["fewer"])
    assert "Afgelopen 7 dagen: 1 moment · gewoonlijk 4 per week" in fewer
    steady = card_texts(app, practice["steady"])
    assert "Afgelopen 7 dagen: 3 momenten · gewoonlijk 3 per week" in steady
    assert "Laatste gedeelde moment: gisteren" in steady
    check_in_day = Messages("nl").date(local_today() - dt.timedelta(days=2))
    assert f"Laatste check-in: {check_in_day} · Anna: 5 van 7, Bram: niet ingevuld" in steady
    next_day = Messages("nl").date(local_today() + dt.timedelta(days=4))
    assert f"Volgende sessie: {next_day}" in steady
    assert "Geen volgende sessie gepland" in card_texts(app, practice["silent"])
    assert "Nog geen check-in" in card_texts(app, practice["silent"])
    assert any("geen diagnose" in caption.value for caption in app.caption)


def test_the_overview_speaks_english_too(store, practice):
    app = coach_app("en")
    assert app.title[0].value == "Practice overview"
    assert "Last 7 days: 3 moments · usually 3 a week" in card_texts(app, practice["steady"])
    assert any("not a diagnosis" in caption.value for caption in app.caption)


def test_moments_the_couple_keeps_to_themselves_never_change_the_counts(store, practice):
    before = card_texts(coach_app(), practice["steady"])
    keyed, journal = practice["steady_store"], practice["steady"]
    for partner in (0, 1):
        private_writer(keyed, journal.id, partner).add_event(journal.id, Event(
            occurred_at=at(0, 10), partner=partner, kind=Kind.DISTANCE, intensity=5,
            note="alleen ik", visibility=Visibility.PRIVATE))
    keyed.add_event(journal.id, Event(occurred_at=at(0, 11), partner=1, kind=Kind.DISTANCE,
                                      intensity=4, visibility=Visibility.PARTNER))
    app = coach_app()
    assert card_texts(app, journal) == before
    assert "alleen ik" not in rendered(app)
    assert card_order(app)[-1] == "Vast"  # three distance moments today would not be calm


def test_one_click_opens_the_couples_cycle_as_its_coach(store, practice):
    app = coach_app()
    [button] = [b for b in app.button if b.key == f"practice_open_{practice['silent'].id}"]
    button.click().run()
    assert not app.exception, app.exception
    assert app.session_state["open_journal"] == f"coach:{practice['silent'].id}"
    assert app.title[0].value == "Cyclus: Stil"
    assert app.get("plotly_chart")


def passphrase(journal: Journal) -> str:
    return f"de wachtzin van {journal.name} hier"  # couple_journal's


def test_one_click_opens_the_couples_session_where_they_open_their_own_journal(store, practice):
    """A session writes check-ins and a next step to the couple's own journal: the Session
    page, opened from the card in the coach view, asks for their passphrase, and then it is
    their session. Once opened in this browser, the card opens it straight away."""
    journal = practice["silent"]
    app = coach_app()
    [button] = [b for b in app.button if b.key == f"practice_session_{journal.id}"]
    assert button.label == "Sessie openen"
    button.click().run()
    assert not app.exception, app.exception
    assert app.session_state["open_journal"] == f"coach:{journal.id}"
    assert app.title[0].value == "Sessie samen: Stil"
    assert messages(app, "info") == [Messages("nl")("session.coach_view")]
    assert not [b for b in app.button if (b.key or "").startswith("session_next")]

    # AppTest runs the page it was last sent to, where a browser stays on the page the click
    # opened: stay there, and the couple types their passphrase at the shared screen.
    app.switch_page(SESSION)
    unlock(app, passphrase(journal))
    assert not app.exception, app.exception
    assert app.session_state["open_journal"] == journal.id
    assert app.title[0].value == "Sessie samen: Stil"
    assert app.button(key="session_next_top")
    assert app.radio(key="session_w_audience").value == "coach"  # what is shared with the coach

    app.switch_page(PRACTICE).run()
    [button] = [b for b in app.button if b.key == f"practice_session_{journal.id}"]
    button.click().run()
    assert app.session_state["open_journal"] == journal.id  # no passphrase asked again
    assert app.button(key="session_next_top")
    fewer = practice["fewer"]  # another couple still opens in the coach view
    app.switch_page(PRACTICE).run()
    [button] = [b for b in app.button if b.key == f"practice_session_{fewer.id}"]
    button.click().run()
    assert app.session_state["open_journal"] == f"coach:{fewer.id}"
    assert app.title[0].value == "Sessie samen: Rustiger"


@pytest.mark.parametrize("button", ["open", "session"])
def test_a_share_withdrawn_meanwhile_opens_nothing(store, practice, button):
    app = coach_app()
    journal = practice["fewer"]
    with store.engine.begin() as conn:  # the couple withdraws while the overview is open
        conn.execute(delete(journal_shares).where(journal_shares.c.journal_id == journal.id))
    [stale] = [b for b in app.button if b.key == f"practice_{button}_{journal.id}"]
    stale.click().run()
    assert not app.exception, app.exception
    assert app.session_state["open_journal"] not in (journal.id, f"coach:{journal.id}")
    assert app.title[0].value == "Praktijkoverzicht"
    assert "Rustiger" not in card_order(app)


@pytest.mark.parametrize("as_coach", [True, False], ids=["coach-view", "own-journal"])
def test_a_forged_choice_of_another_coachs_couple_opens_no_session(store, practice, as_coach):
    """A choice this session was never offered (another coach's couple, as a coach view or as
    the journal itself) opens nothing: the Session page falls back to the example journal."""
    [journal] = [item for item in store.list_journals() if item.name == "Andere Coach"]
    app = coach_app()
    app.session_state["open_journal"] = f"coach:{journal.id}" if as_coach else journal.id
    app.switch_page(SESSION).run()
    assert not app.exception, app.exception
    assert app.session_state["open_journal"] == "demo"
    assert "Andere Coach" not in rendered(app)
    assert not [w for w in app.text_input if w.key == "unlock_passphrase"]


def test_without_a_coach_signed_in_the_page_is_not_in_the_navigation(store, practice):
    app = open_app(secrets=SECRETS)
    assert "Praktijk" not in rendered(app)
    coach = coach_app()
    assert "Praktijk" in rendered(coach)


def test_a_check_in_made_before_the_couple_shared_stays_theirs(store, practice):
    """The Share form tells a couple their coach sees the latest check-in: one made before
    they shared was made without that being said, so the card does not show it."""
    crisis = practice["crisis"]  # shared today, in the fixture
    three_days_ago = local_today() - dt.timedelta(days=3)
    SessionStore(practice["crisis_store"]).set_check_in(crisis.id, CheckIn(three_days_ago, 0, 2))
    app = coach_app()
    app.run()
    assert not app.exception, app.exception
    assert any("Nog geen check-in" in line for line in card_texts(app, crisis))
    shared_days_ago(store, crisis, 10)
    app.run()
    assert any("Laatste check-in" in line and "Anna: 2 van 7" in line
               for line in card_texts(app, crisis))


def test_cards_are_read_once_per_revision_and_never_older_than_the_database(
        store, practice, monkeypatch):
    """Reruns reuse each card; a check-in or a next session written meanwhile (from any
    server: it bumps the journal's revision in the database) is on the next view."""
    reads: list[int] = []
    check_ins = SessionStore.check_ins
    monkeypatch.setattr(SessionStore, "check_ins",
                        lambda self, journal_id: reads.append(journal_id)
                        or check_ins(self, journal_id))
    app = coach_app()
    assert sorted(reads) == sorted(practice[name].id
                                   for name in ("crisis", "silent", "fewer", "steady"))
    app.run()
    app.run()
    assert not app.exception, app.exception
    assert len(reads) == 4  # nothing read again
    steady = practice["steady"]
    yesterday = local_today() - dt.timedelta(days=1)
    SessionStore(practice["steady_store"]).set_check_in(steady.id, CheckIn(yesterday, 1, 6))
    app.run()
    assert reads[4:] == [steady.id]  # only the couple that changed
    day = Messages("nl").date(yesterday)
    assert f"Laatste check-in: {day} · Anna: niet ingevuld, Bram: 6 van 7" in card_texts(
        app, steady)
    SessionStore(practice["crisis_store"]).set_next_session(
        practice["crisis"].id, local_today() + dt.timedelta(days=1))
    app.run()
    next_day = Messages("nl").date(local_today() + dt.timedelta(days=1))
    assert f"Volgende sessie: {next_day}" in card_texts(app, practice["crisis"])
