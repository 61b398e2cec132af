"""Locking an open journal: the Lock button in the sidebar, and the lock after idle time."""

from __future__ import annotations

import pytest

from components.privacy import access
from nabij.model import Journal, Visibility
from nabij.security.idle import ManualClock
from tests.pages.conftest import add_event, open_app
from tests.pages.privacy_helpers import (
    PAGES,
    messages,
    open_by_name,
    opened_at_home,
    picker_labels,
    protected_journal,
    rendered,
    texts,
    unlock,
)

NAME, PASSPHRASE = "Ons Geheim", "een zin die alleen wij kennen"
NOTE = "Wat we gisteren bespraken"
JOURNAL = "views/journal.py"
LOCK_LABEL = {"nl": "Vergrendelen", "en": "Lock"}
LOCKED = {"nl": "Vergrendeld. Wie verder wil, vult de wachtzin opnieuw in.",
          "en": "Locked. Whoever continues enters the passphrase again."}
LOCKED_IDLE = {"nl": "Vergrendeld omdat Nabij een tijd niet gebruikt is. Vul de wachtzin "
                     "opnieuw in om verder te gaan.",
               "en": "Locked because Nabij was not used for a while. Enter the passphrase "
                     "again to continue."}
LAST_ACTIVITY = "nabij_last_activity"
LOG, HELP = "Moment vastleggen", "Hulp nodig?"
LOG_HELP = ("Naar het formulier bovenaan het dagboek: wie, wat en hoe sterk staan al ingevuld "
            "zoals bij het vorige moment.")


@pytest.fixture
def ours(store) -> Journal:
    return protected_journal(store, NAME, PASSPHRASE, notes={Visibility.PARTNER: NOTE})


def lock_buttons(app) -> list[str]:
    return [b.label for b in app.main.button if b.key == "lock_button"]


def is_locked(app, journal: Journal) -> bool:
    return journal.id not in app.session_state["nabij_journal_keys"] and NOTE not in rendered(app)


# --- the Lock button ----------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_lock_button_is_above_every_page_not_in_the_sidebar(store, ours, lang):
    app = opened_at_home(ours, PASSPHRASE, lang=lang)  # on the Cycle page
    assert lock_buttons(app) == [LOCK_LABEL[lang]]
    for page in PAGES[1:]:  # Cycle was the first
        app.switch_page(page).run()
        assert not app.exception, (page, app.exception)
        assert lock_buttons(app) == [LOCK_LABEL[lang]], page
        # On a phone the sidebar is folded away: locking must not need it.
        assert not [b for b in app.sidebar.button if b.key == "lock_button"], page


def test_no_lock_button_without_an_opened_passphrase(store, ours):
    """Nothing to lock: a journal without passphrase, or a protected one still locked."""
    plain = store.create_journal(Journal(None, "Zonder Zin", ("C", "D")))
    app = open_app(JOURNAL)
    app.selectbox(key="journal_picker").set_value(plain.id).run()
    assert lock_buttons(app) == []
    app.selectbox(key="journal_picker").set_value(ours.id).run()
    assert lock_buttons(app) == []


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_locking_hides_the_notes_and_shows_the_locked_notice(store, ours, lang):
    app = opened_at_home(ours, PASSPHRASE, JOURNAL, lang)
    assert NOTE in texts(app)
    app.main.button(key="lock_button").click().run()
    assert not app.exception, app.exception
    assert LOCKED[lang] in messages(app, "info")
    assert is_locked(app, ours)
    assert lock_buttons(app) == []
    # What shows now is the unlock screen (at home the journal stays picked).
    assert [t.value for t in app.main.title] == ["🔒 Ons Geheim"]
    # The notice is shown once, the lock stays.
    app.run()
    assert LOCKED[lang] not in messages(app, "info")
    assert is_locked(app, ours)


def page_actions(app) -> list[str]:
    """The row above the page: the log link (told apart by its help text), Lock, Help."""
    links = [(link.proto.label, link.proto.help) for link in app.get("page_link")]
    log = [label for label, help_text in links if help_text == LOG_HELP]
    return log + lock_buttons(app) + [label for label, _ in links if label == HELP]


def test_a_locked_journal_offers_no_log_link_only_the_way_to_help(store, ours):
    """The log link would lead to a form that only asks for the passphrase."""
    app = open_app()  # Cycle
    app.selectbox(key="journal_picker").set_value(ours.id).run()
    assert [t.value for t in app.main.title] == ["🔒 Ons Geheim"]
    assert page_actions(app) == [HELP]
    unlock(app, PASSPHRASE)
    assert page_actions(app) == [LOG, LOCK_LABEL["nl"], HELP]
    app.main.button(key="lock_button").click().run()
    assert is_locked(app, ours)
    assert page_actions(app) == [HELP]
    app.switch_page("views/insights.py").run()
    assert page_actions(app) == [HELP]


@pytest.mark.parametrize("page", ["views/insights.py", "views/data.py", "views/journals.py"])
def test_locking_works_from_other_pages_too(store, ours, page):
    app = opened_at_home(ours, PASSPHRASE, page)
    app.main.button(key="lock_button").click().run()
    assert not app.exception, app.exception
    assert LOCKED["nl"] in messages(app, "info")
    assert is_locked(app, ours)
    app.switch_page(JOURNAL).run()
    assert NOTE not in rendered(app)


def test_on_a_shared_deployment_a_locked_journal_leaves_the_picker(store, ours, monkeypatch):
    monkeypatch.setenv("NABIJ_REQUIRE_PASSPHRASE", "1")
    app = open_app("views/journals.py", lang="en")
    open_by_name(app, NAME, PASSPHRASE, "en")
    assert any(NAME in label for label in picker_labels(app))
    app.switch_page(JOURNAL).run()
    assert NOTE in texts(app)
    app.main.button(key="lock_button").click().run()
    assert not app.exception, app.exception
    assert LOCKED["en"] in messages(app, "info")
    assert not any(NAME in label for label in picker_labels(app))
    assert len(picker_labels(app)) == 1  # the example only
    for page in (*PAGES[1:], PAGES[0]):  # Cycle again last: the page seen before opening
        app.switch_page(page).run()
        assert NAME not in rendered(app) and NOTE not in rendered(app), page
        assert not app.exception, (page, app.exception)


# --- the idle lock -----------------------------------------------------------------------------

@pytest.fixture(autouse=True)
def clock(monkeypatch) -> ManualClock:
    """The idle lock's clock, moved by hand: the tests check the rule, never the machine's
    speed (a run that takes a minute on a busy machine changes nothing here)."""
    manual = ManualClock()
    monkeypatch.setattr(access, "clock", manual)
    return manual


def idle_for(app, seconds: float):
    access.clock.advance(seconds)  # type: ignore[attr-defined]
    return app.run()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_idle_session_locks_with_the_idle_notice(store, ours, monkeypatch, lang):
    monkeypatch.setenv("NABIJ_IDLE_LOCK_MINUTES", "2")
    app = opened_at_home(ours, PASSPHRASE, JOURNAL, lang)
    idle_for(app, 3 * 60)
    assert not app.exception, app.exception
    assert LOCKED_IDLE[lang] in messages(app, "info")
    assert is_locked(app, ours)
    assert [t.value for t in app.main.title] == ["🔒 Ons Geheim"]


def test_a_run_soon_after_does_not_lock(store, ours, monkeypatch):
    monkeypatch.setenv("NABIJ_IDLE_LOCK_MINUTES", "2")
    app = opened_at_home(ours, PASSPHRASE, JOURNAL)
    idle_for(app, 90)
    assert not app.exception, app.exception
    assert not [i for i in messages(app, "info") if i.startswith("Vergrendeld")]
    assert NOTE in texts(app)
    assert ours.id in app.session_state["nabij_journal_keys"]
    # The run counted as use: the clock starts over.
    assert app.session_state[LAST_ACTIVITY] == access.clock()
    idle_for(app, 90)  # 3 minutes since opening, but only 90 seconds since that run
    assert NOTE in texts(app)


def test_it_locks_just_past_the_limit_and_not_at_it(store, ours, monkeypatch):
    monkeypatch.setenv("NABIJ_IDLE_LOCK_MINUTES", "2")
    app = opened_at_home(ours, PASSPHRASE, JOURNAL)
    idle_for(app, 120)
    assert NOTE in texts(app) and not is_locked(app, ours)
    idle_for(app, 120.5)
    assert LOCKED_IDLE["nl"] in messages(app, "info")
    assert is_locked(app, ours)


def test_the_default_idle_lock_is_a_quarter_of_an_hour(store, ours):
    app = opened_at_home(ours, PASSPHRASE, JOURNAL)
    idle_for(app, 14 * 60)
    assert NOTE in texts(app)
    idle_for(app, 16 * 60)
    assert LOCKED_IDLE["nl"] in messages(app, "info")
    assert is_locked(app, ours)


def test_a_nonsense_idle_setting_does_not_switch_the_lock_off(store, ours, monkeypatch):
    monkeypatch.setenv("NABIJ_IDLE_LOCK_MINUTES", "0")
    app = opened_at_home(ours, PASSPHRASE, JOURNAL)
    idle_for(app, 16 * 60)
    assert LOCKED_IDLE["nl"] in messages(app, "info")
    assert is_locked(app, ours)


def test_an_idle_lock_on_a_shared_deployment_empties_the_picker(store, ours, monkeypatch):
    monkeypatch.setenv("NABIJ_REQUIRE_PASSPHRASE", "1")
    monkeypatch.setenv("NABIJ_IDLE_LOCK_MINUTES", "1")
    app = open_app("views/journals.py")
    open_by_name(app, NAME, PASSPHRASE)
    app.switch_page(JOURNAL).run()
    assert NOTE in texts(app)
    idle_for(app, 5 * 60)
    assert LOCKED_IDLE["nl"] in messages(app, "info")
    assert NAME not in rendered(app) and NOTE not in rendered(app)
    assert len(picker_labels(app)) == 1


def test_an_idle_session_without_a_passphrase_journal_just_goes_on(store, monkeypatch):
    """No key held, nothing to lock: an open journal without passphrase is not disturbed."""
    monkeypatch.setenv("NABIJ_IDLE_LOCK_MINUTES", "1")
    journal = store.create_journal(Journal(None, "Zonder Zin", ("C", "D")))
    add_event(store, journal, note="gewoon zichtbaar")
    app = open_app(JOURNAL)
    idle_for(app, 60 * 60)
    assert not [i for i in messages(app, "info") if i.startswith("Vergrendeld")]
    assert "gewoon zichtbaar" in texts(app)


def test_unlocking_after_an_idle_lock_stays_open(store, ours, monkeypatch):
    """The unlock itself is use: the page after it must not lock again at once."""
    monkeypatch.setenv("NABIJ_IDLE_LOCK_MINUTES", "2")
    app = opened_at_home(ours, PASSPHRASE, JOURNAL)
    idle_for(app, 3 * 60)
    assert is_locked(app, ours)
    # The locked screen then stands untouched for a while before someone comes back.
    access.clock.advance(3 * 60)  # type: ignore[attr-defined]
    unlock(app, PASSPHRASE)
    assert not app.exception, app.exception
    assert not is_locked(app, ours)
    assert NOTE in texts(app)
    assert LOCKED_IDLE["nl"] not in messages(app, "info")
