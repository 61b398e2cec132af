"""Setting and changing a journal's passphrase on the Journals page.

Changing needs the current passphrase; a mistake changes nothing in the database. A change
seals every note anew, keeps this session open and makes the old passphrase useless. Setting
one on a journal without seals the notes it already has.
"""

from __future__ import annotations

import pytest

from nabij.model import Journal, Visibility
from nabij.storage.backup import backup_json
from tests.pages.conftest import add_event, open_app
from tests.pages.privacy_helpers import (
    SEALED,
    click,
    count_journals,
    messages,
    opened_at_home,
    protected_journal,
    stored_notes,
    stored_secrets,
    texts,
    unlock,
)

PASSPHRASE = "een zin die alleen wij kennen"
NEW_PASSPHRASE = "🌗 daarna een nieuwe zin"
NOTES = {Visibility.PARTNER: "Eerste notitie", Visibility.COACH: "Tweede notitie"}
JOURNALS = "views/journals.py"
JOURNAL = "views/journal.py"

LABELS = {
    "nl": {"change": "Wachtzin wijzigen", "set": "Een wachtzin instellen",
           "save": "Wachtzin opslaan", "backup": "Eerst een reservekopie downloaden",
           "forgotten": "Een vergeten wachtzin kan niemand terughalen",
           "current_wrong": "Dat is niet de huidige wachtzin.",
           "mismatch": "De twee wachtzinnen zijn niet gelijk. Typ ze nog eens.",
           "too_short": "Kies een wachtzin van minstens 8 tekens. Een paar woorden achter "
                        "elkaar onthoud je het makkelijkst.",
           "empty": "Vul een wachtzin in.",
           "changed": "De wachtzin is gewijzigd en de notities zijn opnieuw versleuteld. "
                      "De oude wachtzin werkt niet meer.",
           "set_done": "Het dagboek heeft nu een wachtzin. De notities zijn versleuteld "
                       "opgeslagen.",
           "refused": "Met deze naam en wachtzin gaat geen dagboek open. Kijk beide nog "
                      "eens na."},
    "en": {"change": "Change the passphrase", "set": "Set a passphrase",
           "save": "Save passphrase", "backup": "Download a backup first",
           "forgotten": "Nobody can recover a forgotten passphrase",
           "current_wrong": "That is not the current passphrase.",
           "mismatch": "The two passphrases are not the same. Type them again.",
           "too_short": "Choose a passphrase of at least 8 characters. A few words in a row "
                        "are easiest to remember.",
           "empty": "Enter a passphrase.",
           "changed": "The passphrase has changed and the notes are encrypted anew. The old "
                      "passphrase no longer works.",
           "set_done": "The journal now has a passphrase. Its notes are stored encrypted.",
           "refused": "No journal opens with this name and passphrase. Check both and try "
                      "again."},
}


@pytest.fixture
def ours(store) -> Journal:
    return protected_journal(store, "Ons Geheim", PASSPHRASE, notes=NOTES)


def save(app, lang: str, new: str, repeat: str, current: str | None = None):
    if current is not None:
        app.text_input(key="passphrase_current").input(current)
    app.text_input(key="passphrase_new").input(new)
    app.text_input(key="passphrase_repeat").input(repeat)
    click(app, LABELS[lang]["save"])
    assert not app.exception, app.exception
    return app


def fields_are_empty(app) -> bool:
    return all(app.text_input(key=key).value == "" for key in
               ("passphrase_current", "passphrase_new", "passphrase_repeat")
               if any(w.key == key for w in app.text_input))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_change_form_warns_about_forgetting_and_offers_a_backup(store, ours, lang):
    app = opened_at_home(ours, PASSPHRASE, JOURNALS, lang)
    labels = LABELS[lang]
    assert [e.label for e in app.expander if e.label == labels["change"]] == [labels["change"]]
    assert any(w.value.startswith(labels["forgotten"]) for w in app.warning)
    [backup] = [d for d in app.get("download_button") if d.proto.label == labels["backup"]]
    assert backup.proto.label == labels["backup"]
    assert any(w.key == "passphrase_current" for w in app.text_input)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_wrong_current_passphrase_changes_nothing(store, ours, lang):
    before = (stored_notes(store, ours.id), stored_secrets(store, ours.id))
    app = opened_at_home(ours, PASSPHRASE, JOURNALS, lang)
    save(app, lang, NEW_PASSPHRASE, NEW_PASSPHRASE, current="niet de huidige zin")
    assert messages(app, "error") == [LABELS[lang]["current_wrong"]]
    assert not app.success
    assert (stored_notes(store, ours.id), stored_secrets(store, ours.id)) == before
    assert fields_are_empty(app)  # passphrases are never kept, right or wrong
    # The session is still open with the old key.
    app.switch_page(JOURNAL).run()
    assert "Eerste notitie" in texts(app)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_empty_current_passphrase_is_asked_for(store, ours, lang):
    before = stored_secrets(store, ours.id)
    app = opened_at_home(ours, PASSPHRASE, JOURNALS, lang)
    save(app, lang, NEW_PASSPHRASE, NEW_PASSPHRASE, current="")
    assert messages(app, "error") == [LABELS[lang]["empty"]]
    assert stored_secrets(store, ours.id) == before


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(("new", "repeat", "problem"), [
    (NEW_PASSPHRASE, NEW_PASSPHRASE + "!", "mismatch"),
    ("kort", "kort", "too_short"),
])
def test_a_mismatch_or_too_short_new_passphrase_changes_nothing(store, ours, lang, new, repeat,
                                                               problem):
    before = (stored_notes(store, ours.id), stored_secrets(store, ours.id))
    app = opened_at_home(ours, PASSPHRASE, JOURNALS, lang)
    save(app, lang, new, repeat, current=PASSPHRASE)
    assert messages(app, "error") == [LABELS[lang][problem]]
    assert (stored_notes(store, ours.id), stored_secrets(store, ours.id)) == before


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_change_reseals_keeps_the_session_open_and_retires_the_old_passphrase(store, ours,
                                                                               lang):
    notes_before, secrets_before = stored_notes(store, ours.id), stored_secrets(store, ours.id)
    app = opened_at_home(ours, PASSPHRASE, JOURNALS, lang)
    save(app, lang, NEW_PASSPHRASE, NEW_PASSPHRASE, current=PASSPHRASE)
    assert messages(app, "error") == []
    assert [s.value for s in app.success] == [LABELS[lang]["changed"]]
    notes_after, secrets_after = stored_notes(store, ours.id), stored_secrets(store, ours.id)
    assert all(note.startswith(SEALED) for note in notes_after)
    assert len(notes_after) == len(notes_before)
    assert not set(notes_after) & set(notes_before)
    assert secrets_after[0] != secrets_before[0] and secrets_after[1] != secrets_before[1]
    # This session stays open: the notes still show, no unlock screen.
    app.switch_page(JOURNAL).run()
    assert not app.exception, app.exception
    assert {"Eerste notitie", "Tweede notitie"} <= set(texts(app))
    # A new session: the old passphrase no longer opens it, the new one does.
    other = open_app(JOURNAL, lang=lang)
    other.selectbox(key="journal_picker").set_value(ours.id).run()
    unlock(other, PASSPHRASE, lang)
    assert messages(other, "error") == [LABELS[lang]["refused"]]
    assert not other.session_state["nabij_journal_keys"]
    unlock(other, NEW_PASSPHRASE, lang)
    assert messages(other, "error") == []
    assert "Eerste notitie" in texts(other)


def test_a_session_that_opened_it_before_the_change_must_open_it_again(store, ours):
    """Another screen holding the old key: after the change it gets the unlock screen."""
    elsewhere = opened_at_home(ours, PASSPHRASE, JOURNAL)
    assert "Eerste notitie" in texts(elsewhere)
    app = opened_at_home(ours, PASSPHRASE, JOURNALS)
    save(app, "nl", NEW_PASSPHRASE, NEW_PASSPHRASE, current=PASSPHRASE)
    assert app.success
    elsewhere.run()
    assert not elsewhere.exception, elsewhere.exception
    assert "Eerste notitie" not in texts(elsewhere)
    assert [t.value for t in elsewhere.main.title] == ["🔒 Ons Geheim"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_setting_a_passphrase_at_home_seals_the_existing_notes(store, lang):
    journal = store.create_journal(Journal(None, "Thuis", ("Anna", "Bram")))
    add_event(store, journal, note="Al opgeschreven")
    add_event(store, journal, note="Nog eentje", hours=1)
    assert stored_notes(store, journal.id) == ["Al opgeschreven", "Nog eentje"]
    app = open_app(JOURNALS, lang=lang)
    labels = LABELS[lang]
    assert any(e.label == labels["set"] for e in app.expander)
    assert any(w.value.startswith(labels["forgotten"]) for w in app.warning)
    assert any(d.proto.label == labels["backup"] for d in app.get("download_button"))
    assert not any(w.key == "passphrase_current" for w in app.text_input)
    save(app, lang, NEW_PASSPHRASE, NEW_PASSPHRASE)
    assert [s.value for s in app.success] == [labels["set_done"]]
    stored = stored_notes(store, journal.id)
    assert len(stored) == 2 and all(note.startswith(SEALED) for note in stored)
    assert not {"Al opgeschreven", "Nog eentje"} & set(stored)
    assert all(stored_secrets(store, journal.id))
    assert store.get_journal(journal.id).protected
    # This session keeps it open; a new one sees the unlock screen.
    app.switch_page(JOURNAL).run()
    assert {"Al opgeschreven", "Nog eentje"} <= set(texts(app))
    other = open_app(JOURNAL, lang=lang)
    assert [t.value for t in other.main.title] == ["🔒 Thuis"]
    assert "Al opgeschreven" not in texts(other)


def test_setting_a_mismatched_passphrase_at_home_changes_nothing(store):
    journal = store.create_journal(Journal(None, "Thuis", ("Anna", "Bram")))
    add_event(store, journal, note="Al opgeschreven")
    app = open_app(JOURNALS, lang="en")
    save(app, "en", NEW_PASSPHRASE, "iets anders dan dat", None)
    assert messages(app, "error") == [LABELS["en"]["mismatch"]]
    assert stored_notes(store, journal.id) == ["Al opgeschreven"]
    assert stored_secrets(store, journal.id) == (None, None)


def test_the_change_form_does_not_call_the_right_passphrase_wrong_during_a_lockout(store, ours):
    """Wrong current passphrases count as attempts; once the name is locked, the right one
    is refused too, and the message should say why (not that it is the wrong one)."""
    app = opened_at_home(ours, PASSPHRASE, JOURNALS, "en")
    for attempt in range(8):
        save(app, "en", NEW_PASSPHRASE, NEW_PASSPHRASE, current=f"wrong current {attempt}")
    before = stored_secrets(store, ours.id)
    save(app, "en", NEW_PASSPHRASE, NEW_PASSPHRASE, current=PASSPHRASE)
    assert stored_secrets(store, ours.id) == before  # locked: nothing changes
    assert messages(app, "error") == [
        "Too many attempts with this name. Try again in 15 minutes."]


# --- restoring a backup on a shared deployment ------------------------------------------------

def test_a_backup_is_restored_only_with_a_passphrase_on_a_shared_deployment(store, monkeypatch):
    journal = store.create_journal(Journal(None, "Oud", ("Anna", "Bram")))
    add_event(store, journal, note="Uit de reservekopie")
    data = backup_json(store, journal.id)
    monkeypatch.setenv("NABIJ_REQUIRE_PASSPHRASE", "1")
    app = open_app("views/data.py", lang="en")
    app.file_uploader(key="data_restore_file_0").set_value(
        ("oud.nabij.json", data, "application/json")).run()
    assert not app.exception, app.exception
    app.button(key="data_restore_confirm").click().run()
    assert count_journals(store) == 1
    assert messages(app, "error") == [LABELS["en"]["empty"]]
    app.text_input(key="data_restore_name").input("Terug")
    app.text_input(key="data_restore_passphrase").input(NEW_PASSPHRASE)
    app.text_input(key="data_restore_repeat").input(NEW_PASSPHRASE)
    app.button(key="data_restore_confirm").click().run()
    assert not app.exception, app.exception
    assert messages(app, "error") == []
    assert count_journals(store) == 2
    [restored] = [j for j in store.list_journals() if j.name == "Terug"]
    assert restored.protected
    [stored] = stored_notes(store, restored.id)
    assert stored.startswith(SEALED) and "reservekopie" not in stored
    assert app.session_state["open_journal"] == restored.id
    app.switch_page(JOURNAL).run()
    assert "Uit de reservekopie" in texts(app)
