"""A journal locked in another window: the next click here gets a message, not a traceback.

Two windows have the journal open. In the other one the passphrase changes, so the key this
window holds no longer opens it. A save or a delete here then changes nothing, says why in the
user's language, and the page asks for the passphrase (issue #18).
"""

from __future__ import annotations

import datetime as dt

import pytest

from nabij.model import Journal, Visibility
from nabij.phases.four_phases import Phase
from nabij.phases.marks import PhaseMark
from nabij.storage.protection import Opened, open_journal, set_passphrase
from tests.pages.privacy_helpers import messages, opened_at_home, protected_journal
from tests.pages.test_journal_page import fill_log_form, submit

NAME, PASSPHRASE = "Ons Geheim", "een zin die alleen wij kennen"
NEW_PASSPHRASE = "🌗 daarna een nieuwe zin"
NOTE = "Wat we gisteren bespraken"
JOURNAL = "views/journal.py"
NOTICE = {"nl": "Er is niets veranderd: dit dagboek is in een ander venster vergrendeld",
          "en": "Nothing was changed: this journal was locked, or given a new passphrase, in "
                "another window."}
SAVE = {"nl": "Opslaan", "en": "Save"}


@pytest.fixture
def ours(store) -> Journal:
    return protected_journal(store, NAME, PASSPHRASE, notes={Visibility.PARTNER: NOTE})


def change_passphrase_in_another_window(store, journal: Journal) -> Opened:
    opened = open_journal(store, NAME, PASSPHRASE)
    assert isinstance(opened, Opened)
    set_passphrase(store.with_keys({journal.id: opened.cipher}), journal.id, NEW_PASSPHRASE)
    reopened = open_journal(store, NAME, NEW_PASSPHRASE)
    assert isinstance(reopened, Opened)
    return reopened


def notices(app) -> list[str]:
    return messages(app, "info")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_saving_a_moment_after_the_passphrase_changed_elsewhere_says_so(store, ours, lang):
    app = opened_at_home(ours, PASSPHRASE, JOURNAL, lang)
    fill_log_form(app, partner=0, note="net getypt")
    now = change_passphrase_in_another_window(store, ours)
    submit(app, SAVE[lang])
    assert not app.exception, app.exception
    assert any(text.startswith(NOTICE[lang]) for text in notices(app)), notices(app)
    assert [t.value for t in app.main.title] == [f"🔒 {NAME}"]  # the page asks again
    keyed = store.with_keys({ours.id: now.cipher})
    assert [event.note for event in keyed.list_events(ours.id)] == [NOTE]  # nothing added


def test_deleting_a_moment_after_the_passphrase_changed_elsewhere_says_so(store, ours):
    app = opened_at_home(ours, PASSPHRASE, JOURNAL)
    now = change_passphrase_in_another_window(store, ours)
    keyed = store.with_keys({ours.id: now.cipher})
    [event] = keyed.list_events(ours.id)
    app.button(key=f"delete_{event.id}").click().run()
    assert not app.exception, app.exception
    assert any(text.startswith(NOTICE["nl"]) for text in notices(app)), notices(app)
    assert [e.id for e in keyed.list_events(ours.id)] == [event.id]  # still there


def test_moving_a_phase_mark_after_the_passphrase_changed_elsewhere_says_so(store, ours):
    opened = open_journal(store, NAME, PASSPHRASE)
    assert isinstance(opened, Opened)
    store.with_keys({ours.id: opened.cipher}).set_phase_mark(
        ours.id, PhaseMark(start=dt.date(2025, 3, 3), phase=Phase.CRISIS))
    app = opened_at_home(ours, PASSPHRASE, "views/cycle.py")
    app.session_state["phase_editor"] = True  # the Mark phases fold, opened
    app.run()
    now = change_passphrase_in_another_window(store, ours)
    keyed = store.with_keys({ours.id: now.cipher})
    [mark] = keyed.list_phase_marks(ours.id)
    app.date_input(key=f"move_mark_day_{mark.id}").set_value(dt.date(2025, 3, 5))
    [save] = [b for b in app.button if b.label == "Opslaan" and f"move_mark_{mark.id}" in b.id]
    save.click().run()
    assert not app.exception, app.exception
    assert any(text.startswith(NOTICE["nl"]) for text in notices(app)), notices(app)
    assert [m.start for m in keyed.list_phase_marks(ours.id)] == [dt.date(2025, 3, 3)]


def test_changing_an_own_passphrase_after_the_journal_changed_elsewhere_keeps_nothing(
        store, ours):
    """The own passphrase form meets a journal locked elsewhere: a notice, no traceback, and
    the passphrases typed are emptied all the same."""
    app = opened_at_home(ours, PASSPHRASE, "views/journals.py")
    app.segmented_control(key="who_am_i").set_value(0).run()
    change_passphrase_in_another_window(store, ours)
    app.text_input(key="personal_new").input("anna haar eigen lange zin")
    app.text_input(key="personal_repeat").input("anna haar eigen lange zin")
    [button] = [b for b in app.button if b.label == "Eigen wachtzin instellen"]
    button.click().run()
    assert not app.exception, app.exception
    assert any(text.startswith(NOTICE["nl"]) for text in notices(app)), notices(app)
    assert all(app.session_state[f"personal_{name}"] == "" for name in ("new", "repeat"))
