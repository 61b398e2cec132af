"""Two partners on one journal, each in their own browser session: "only me" holds.

Anna sets a passphrase of her own and logs a private moment through the form; Bram opens the
same journal with the shared passphrase, says who he is, and finds no trace of it on any
page, in the exports or in the backup. Anna sees it, marked private.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from nabij.frames import events_frame
from nabij.io.export import export_csv
from nabij.journal_source import Access, JournalSource, SourceKind
from nabij.model import Visibility
from nabij.storage.backup import backup_json, parse_backup, restore_journal
from nabij.storage.partner_keys import open_personal_key
from nabij.storage.private_moments import PersonalKey
from nabij.storage.protection import open_own_key
from tests.pages.conftest import add_event, open_app
from tests.pages.privacy_helpers import (
    JOURNAL_PAGES,
    messages,
    opened_at_home,
    protected_journal,
    rendered,
)

COUPLE = "een zin die alleen wij kennen"
ANNA_OWN = "anna haar eigen lange zin"
SECRET = "ALLEENANNA-de-notitie-die-Bram-nooit-ziet"
JOURNALS = "views/journals.py"
JOURNAL = "views/journal.py"


@pytest.fixture
def ours(store):
    return protected_journal(store, "Ons Geheim", COUPLE)


def _i_am(app, slot: int):
    app.segmented_control(key="who_am_i").set_value(slot).run()
    assert not app.exception, app.exception
    return app


def _own_passphrase_form(app, button_label: str, new: str, current: str | None = None):
    """Fill in the own passphrase form on the Journals page and press its button."""
    if current is not None:
        app.text_input(key="personal_current").input(current)
    app.text_input(key="personal_new").input(new)
    app.text_input(key="personal_repeat").input(new)
    [button] = [b for b in app.button if b.label == button_label]
    button.click().run()
    assert not app.exception, app.exception
    return app


def _set_own_passphrase(app, passphrase: str):
    app.switch_page(JOURNALS).run()
    [expander] = [e for e in app.expander if "eigen wachtzin" in e.label]
    del expander
    _own_passphrase_form(app, "Eigen wachtzin instellen", passphrase)
    assert "Je eigen wachtzin is ingesteld." in " ".join(messages(app, "success"))
    return app


def _log(app, note: str, visibility: str):
    app.switch_page(JOURNAL).run()
    app.segmented_control(key="log_kind").set_value("distance")
    app.segmented_control(key="log_intensity").set_value(4)
    app.text_area(key="log_note").input(note)
    app.selectbox(key="log_visibility").set_value(visibility)
    [button] = [b for b in app.button if b.label == "Opslaan"]
    button.click().run()
    assert not app.exception, app.exception
    return app


def test_only_me_is_offered_once_my_own_passphrase_is_open(store, ours):
    app = opened_at_home(ours, COUPLE, JOURNAL)
    assert "private" not in app.selectbox(key="log_visibility").options
    assert any("eigen wachtzin" in caption for caption in messages(app, "caption"))
    _i_am(app, 0)
    app.switch_page(JOURNAL).run()
    assert "private" not in app.selectbox(key="log_visibility").options
    _set_own_passphrase(app, ANNA_OWN)
    app.switch_page(JOURNAL).run()
    assert app.selectbox(key="log_visibility").options[0] == "Alleen ik (privé)"
    assert app.segmented_control(key="log_partner").value == 0  # logging defaults to me


def test_the_other_partner_finds_no_trace_of_a_private_moment(store, ours):
    anna = opened_at_home(ours, COUPLE)
    _i_am(anna, 0)
    _set_own_passphrase(anna, ANNA_OWN)
    _log(anna, SECRET, "private")
    _log(anna, "een gedeeld moment", "partner")
    assert SECRET in rendered(anna)
    assert "Privé" in rendered(anna)

    bram = opened_at_home(ours, COUPLE)
    _i_am(bram, 1)
    for page in (*JOURNAL_PAGES, JOURNALS, "views/learn.py"):
        bram.switch_page(page).run()
        assert not bram.exception, (page, bram.exception)
        assert SECRET not in rendered(bram), page
    bram.switch_page(JOURNAL).run()
    assert "een gedeeld moment" in rendered(bram)
    # Not counted either: the Journals page and the insights count one moment.
    bram.switch_page(JOURNALS).run()
    assert "1 moment" in rendered(bram) and "2 momenten" not in rendered(bram)

    # Exports and the backup as Bram's session reads the journal.
    keys = bram.session_state["nabij_journal_keys"]
    as_bram = store.with_keys(keys)
    events = events_frame(as_bram.list_events(ours.id), ours)
    source = JournalSource(SourceKind.OWN, ours, 1, "", Access(cipher=keys[ours.id]), "nl",
                           events)
    assert SECRET.encode() not in export_csv(source, as_bram, "nl")
    assert SECRET.encode() not in backup_json(as_bram, ours.id)
    # Anna's own key opens it, Bram's journal key alone never does.
    assert open_personal_key(store, ours.id, 0, ANNA_OWN) is not None


def test_choosing_together_hides_everyones_private_moments(store, ours):
    anna = opened_at_home(ours, COUPLE)
    _i_am(anna, 0)
    _set_own_passphrase(anna, ANNA_OWN)
    _log(anna, SECRET, "private")
    assert SECRET in rendered(anna)
    _i_am(anna, "together")
    anna.switch_page(JOURNAL).run()
    assert SECRET not in rendered(anna)


def _change_own_passphrase(app, current: str, new: str):
    return _own_passphrase_form(app, "Eigen wachtzin wijzigen", new, current)


def _wrapped_own_keys(store, journal_id: int) -> list[tuple]:
    with store.engine.connect() as conn:
        return [tuple(row) for row in conn.execute(
            text("SELECT * FROM partner_keys WHERE journal_id = :id"), {"id": journal_id})]


def test_guessing_an_own_passphrase_in_its_change_form_is_counted_and_locks(
        store, ours, monkeypatch):
    """Whoever sits at the open journal can say they are Anna and try her current own
    passphrase in the change form: those guesses are counted, slowed and locked exactly like
    opening her key, so the form is no free way around the lock."""
    import components.privacy.unlock_form

    slept: list[float] = []
    monkeypatch.setattr(components.privacy.unlock_form, "time",
                        type("FakeTime", (), {"sleep": staticmethod(slept.append)}))
    anna = opened_at_home(ours, COUPLE)
    _i_am(anna, 0)
    _set_own_passphrase(anna, ANNA_OWN)
    before = _wrapped_own_keys(store, ours.id)

    _change_own_passphrase(anna, "niet haar zin", "een heel andere eigen zin")
    assert messages(anna, "error") == ["Dat is niet je huidige eigen wachtzin."]
    for guess in range(12):
        _change_own_passphrase(anna, f"geraden zin {guess}", "een heel andere eigen zin")
    assert slept and max(slept) > 0  # the server waited before answering
    # Locked now: even her own passphrase changes nothing, and the message says why.
    _change_own_passphrase(anna, ANNA_OWN, "een heel andere eigen zin")
    assert messages(anna, "error")[0].startswith("Te veel pogingen"), messages(anna, "error")
    assert _wrapped_own_keys(store, ours.id) == before
    # The same count guards opening her key ("Who are you on this device?"): refused too.
    assert not isinstance(open_own_key(store, ours.id, 0, ANNA_OWN), PersonalKey)


def stamp_recent(store, journal) -> None:
    """Move the moments into the last days, where a session's default period looks."""
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE events SET occurred_at = :when"),
                     {"when": dt.datetime.now(dt.UTC).replace(tzinfo=None)
                      - dt.timedelta(days=2)})


def test_a_first_session_offers_to_share_the_periods_moments_with_the_coach(store, journal):
    """Moments default to 'the two of us'; a first session then opens on what is there and
    offers one visible, undoable step to bring them to the coach."""
    for hours in range(3):
        add_event(store, journal, note=f"voor ons {hours}", hours=hours)
    stamp_recent(store, journal)
    app = open_app("views/session.py")
    assert app.radio(key="session_w_audience").value == "couple"
    [button] = [b for b in app.button if b.key == "session_share_period"]
    assert button.label == "Deze 3 momenten met de coach delen"
    button.click().run()
    assert not app.exception, app.exception
    assert [e.visibility for e in store.list_events(journal.id)] == [Visibility.COACH] * 3
    assert app.radio(key="session_w_audience").value == "coach"
    assert "3 momenten zijn nu ook met de coach gedeeld." in messages(app, "success")
    [undo] = [b for b in app.button if b.key == "session_share_undo"]
    undo.click().run()
    assert [e.visibility for e in store.list_events(journal.id)] == [Visibility.PARTNER] * 3


def test_the_journal_page_asks_who_is_logging_until_someone_says(store, journal):
    app = open_app(JOURNAL)
    prompt = app.segmented_control(key="who_am_i_page")
    assert prompt.label == "Wie ben jij op dit apparaat?"
    prompt.set_value(1).run()
    assert not app.exception, app.exception
    assert not [w for w in app.segmented_control if w.key == "who_am_i_page"]  # asked once
    assert app.segmented_control(key="log_partner").value == 1  # logging defaults to Bram
    assert app.segmented_control(key="who_am_i").value == 1  # the sidebar agrees


def test_a_backup_restored_keeps_private_moments_for_their_author_only(store, ours):
    anna = opened_at_home(ours, COUPLE)
    _i_am(anna, 0)
    _set_own_passphrase(anna, ANNA_OWN)
    _log(anna, SECRET, "private")
    keys = anna.session_state["nabij_journal_keys"]
    data = backup_json(store.with_keys(keys), ours.id)
    assert SECRET.encode() not in data
    restored = restore_journal(store, parse_backup(data), "Teruggezet")
    key = open_personal_key(store, restored.id, 0, ANNA_OWN)
    assert key is not None
    assert [e.note for e in store.with_personal(restored.id, key).list_events(restored.id)] \
        == [SECRET]
    assert store.list_events(restored.id) == []  # without her own key: nothing
