"""Opening a journal with its passphrase, as a couple experiences it.

On a shared deployment (NABIJ_REQUIRE_PASSPHRASE=1) nobody sees other couples' journals, not
even their names, and every refusal reads the same. At home a protected journal shows the
unlock screen on every page until its passphrase is typed. Too many wrong attempts lock a
name, whether a journal has it or not.
"""

from __future__ import annotations

import time
import types
import unicodedata

import pytest

from nabij.model import Journal, Visibility
from tests.pages.conftest import open_app
from tests.pages.privacy_helpers import (
    JOURNAL_PAGES,
    PAGES,
    SEALED,
    click,
    count_journals,
    messages,
    moment,
    open_by_name,
    opened_at_home,
    picker_labels,
    protected_journal,
    rendered,
    stored_notes,
    stored_secrets,
    texts,
    unlock,
)

OURS, OUR_PASSPHRASE = "Ons Geheim", "een zin die alleen wij kennen"
OUR_NOTE = "Samen gewandeld langs het water"
THEIRS, THEIR_PASSPHRASE = "Buren Dagboek", "de buren hun eigen zin"
THEIR_NOTE = "BUREN-NOTITIE over hun ruzie"
OPEN_BOOK = "Open Boek"
# Nothing of these may ever show to a session that did not open the journal.
FOREIGN = (THEIRS, "Kees", "Lotte", THEIR_NOTE, OPEN_BOOK, "Pieternel", "Roosmarijn",
           "OPEN-NOTITIE zonder wachtzin")

REFUSED = {"nl": "Met deze naam en wachtzin gaat geen dagboek open. Kijk beide nog eens na.",
           "en": "No journal opens with this name and passphrase. Check both and try again."}
EMPTY = {"nl": "Vul een wachtzin in.", "en": "Enter a passphrase."}
TOO_LONG = {"nl": "Deze wachtzin is langer dan 1024 tekens. Kies een kortere.",
            "en": "This passphrase is longer than 1024 characters. Choose a shorter one."}
LOCKED_OUT = {"nl": "Te veel pogingen met deze naam. Probeer het over 15 minuten opnieuw.",
              "en": "Too many attempts with this name. Try again in 15 minutes."}
JOURNALS = "views/journals.py"
JOURNAL = "views/journal.py"


@pytest.fixture
def shared(monkeypatch):
    """A shared deployment: every journal needs a passphrase, only opened ones are listed."""
    monkeypatch.setenv("NABIJ_REQUIRE_PASSPHRASE", "1")


@pytest.fixture
def ours(store) -> Journal:
    return protected_journal(store, OURS, OUR_PASSPHRASE,
                             notes={Visibility.PARTNER: OUR_NOTE})


@pytest.fixture
def others(store) -> list[Journal]:
    """Two other couples: one with a passphrase, one from before passphrases (none)."""
    theirs = protected_journal(store, THEIRS, THEIR_PASSPHRASE, partners=("Kees", "Lotte"),
                               notes={Visibility.PARTNER: THEIR_NOTE})
    plain = store.create_journal(Journal(None, OPEN_BOOK, ("Pieternel", "Roosmarijn")))
    store.add_event(plain.id, moment("OPEN-NOTITIE zonder wachtzin"))
    return [theirs, plain]


def no_keys(app) -> bool:
    return not app.session_state["nabij_journal_keys"]


def assert_nothing_foreign(app, where: str) -> None:
    shown = rendered(app)
    leaked = [text for text in FOREIGN if text in shown]
    assert not leaked, f"{where}: {leaked}"


# --- a shared deployment: nothing of other couples ---------------------------------------------

@pytest.mark.parametrize("lang", ["nl", "en"])
def test_shared_deployment_shows_no_journal_of_others_on_any_page(shared, ours, others, lang):
    app = open_app(lang=lang)
    for page in PAGES:
        app.switch_page(page).run()
        assert not app.exception, (page, app.exception)
        assert_nothing_foreign(app, page)
        assert OURS not in rendered(app), page  # not opened here yet: not listed either
    assert len(picker_labels(app)) == 1  # only the example journal
    # Once our own journal is open, still nothing of the others, anywhere.
    app.switch_page(JOURNALS).run()
    open_by_name(app, OURS, OUR_PASSPHRASE, lang)
    for page in PAGES:
        app.switch_page(page).run()
        assert not app.exception, (page, app.exception)
        assert_nothing_foreign(app, page)
    assert [label for label in picker_labels(app) if OURS in label] == \
        ["🔒 Ons Geheim (Anna & Bram)"]
    assert len(picker_labels(app)) == 2
    app.switch_page(JOURNALS).run()
    listed = [t for t in texts(app) if "(" in t and "&" in t]
    assert listed == ["🔒 Ons Geheim (Anna & Bram)"]
    assert OURS in rendered(app) and "Anna" in rendered(app)  # the check does see names


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_wrong_passphrase_unknown_name_and_unprotected_name_read_the_same(shared, ours, others,
                                                                          lang):
    app = open_app(JOURNALS, lang=lang)
    answers = []
    for name, passphrase in ((OURS, "niet onze zin hoor"),          # wrong passphrase
                             ("Bestaat Niet", OUR_PASSPHRASE),       # no such journal
                             (OPEN_BOOK, "wat dan ook hier")):       # journal without one
        open_by_name(app, name, passphrase, lang)
        assert not app.exception, app.exception
        answers.append(messages(app, "error"))
        assert no_keys(app)
        assert len(picker_labels(app)) == 1
        assert_nothing_foreign(app, name)
    assert answers == [[REFUSED[lang]]] * 3
    # What was typed as passphrase is not kept for the next run.
    assert app.text_input(key="open_by_name_passphrase").value == ""


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(("passphrase", "expected"), [("", EMPTY), ("x" * 2000, TOO_LONG)])
def test_empty_and_very_long_passphrases_get_their_own_message(shared, ours, lang, passphrase,
                                                               expected):
    app = open_app(JOURNALS, lang=lang)
    open_by_name(app, OURS, passphrase, lang)
    assert not app.exception, app.exception
    assert messages(app, "error") == [expected[lang]]
    assert no_keys(app)


NFC_PASSPHRASE = unicodedata.normalize("NFC", "crème brûlée café à deux")
NFD_PASSPHRASE = unicodedata.normalize("NFD", NFC_PASSPHRASE)


@pytest.mark.parametrize(("chosen", "typed"), [
    ("🌗 samen op de bank 🛋️ 💬", "🌗 samen op de bank 🛋️ 💬"),
    (NFC_PASSPHRASE, NFD_PASSPHRASE),
    (NFD_PASSPHRASE, NFC_PASSPHRASE),
], ids=["emoji", "nfc-chosen-nfd-typed", "nfd-chosen-nfc-typed"])
def test_unicode_passphrases_open_the_journal(shared, store, chosen, typed):
    assert NFC_PASSPHRASE != NFD_PASSPHRASE  # the test means something
    journal = protected_journal(store, "Wij Tweeën", chosen, notes={Visibility.PARTNER: OUR_NOTE})
    app = open_app(JOURNALS)
    open_by_name(app, "Wij Tweeën", typed)
    assert messages(app, "error") == []
    assert journal.id in app.session_state["nabij_journal_keys"]
    app.switch_page(JOURNAL).run()
    assert OUR_NOTE in texts(app)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_right_passphrase_opens_the_journal_and_shows_its_notes(shared, ours, others, lang):
    app = open_app(JOURNALS, lang=lang)
    open_by_name(app, "  ons   GEHEIM ", OUR_PASSPHRASE, lang)  # case and spacing do not matter
    assert messages(app, "error") == []
    assert app.selectbox(key="journal_picker").value == ours.id
    app.switch_page(JOURNAL).run()
    assert not app.exception, app.exception
    assert OUR_NOTE in texts(app)
    assert_nothing_foreign(app, JOURNAL)


# --- creating a journal on a shared deployment -------------------------------------------------

def fill_new_journal(app, name: str, passphrase: str = "", repeat: str = ""):
    app.text_input(key="new_journal_name").input(name)
    app.text_input(key="new_journal_partner_a").input("Anna")
    app.text_input(key="new_journal_partner_b").input("Bram")
    app.text_input(key="new_journal_passphrase").input(passphrase)
    app.text_input(key="new_journal_repeat").input(repeat)
    [button] = [b for b in app.button if b.label in ("Dagboek aanmaken", "Create journal")]
    return button.click().run()


@pytest.mark.parametrize(("lang", "not_saved"), [
    ("nl", "Niet aangemaakt: kijk de gemarkeerde velden na."),
    ("en", "Not created: please check the marked fields.")])
def test_a_journal_without_passphrase_is_refused_on_a_shared_deployment(shared, store, others,
                                                                       lang, not_saved):
    before = count_journals(store)
    app = open_app(JOURNALS, lang=lang)
    assert any(("elk dagboek een wachtzin" if lang == "nl" else "every journal needs a")
               in caption.value for caption in app.caption)
    fill_new_journal(app, "Zonder Zin")
    assert not app.exception, app.exception
    assert count_journals(store) == before
    assert messages(app, "error") == [EMPTY[lang]]
    assert not_saved in messages(app, "warning")
    assert no_keys(app)


def test_a_journal_with_passphrase_is_created_protected_and_its_notes_are_sealed(shared, store):
    before = count_journals(store)
    app = open_app(JOURNALS)
    fill_new_journal(app, "Nieuw Begin", "ons nieuwe begin 2026", "ons nieuwe begin 2026")
    assert not app.exception, app.exception
    assert count_journals(store) == before + 1
    [journal] = [j for j in store.list_journals() if j.name == "Nieuw Begin"]
    assert journal.protected
    assert all(stored_secrets(store, journal.id))
    assert picker_labels(app)[0] == "🔒 Nieuw Begin (Anna & Bram)"
    # A note written on the Journal page is stored sealed, not as typed.
    app.switch_page(JOURNAL).run()
    app.button_group(key="log_partner").set_value(0)
    app.button_group(key="log_kind").set_value("closeness")
    app.text_area(key="log_note").input("Geheime notitie van Anna")
    click(app, "Opslaan")
    assert not app.exception, app.exception
    [stored] = stored_notes(store, journal.id)
    assert stored.startswith(SEALED) and "Geheime notitie" not in stored
    assert "Geheime notitie van Anna" in texts(app)


def test_a_mismatched_repeat_creates_nothing_on_a_shared_deployment(shared, store):
    app = open_app(JOURNALS, lang="en")
    fill_new_journal(app, "Nieuw Begin", "ons nieuwe begin 2026", "ons nieuw begin 2026")
    assert count_journals(store) == 0
    assert messages(app, "error") == ["The two passphrases are not the same. Type them again."]


# --- a locked journal at home --------------------------------------------------------------------

def test_a_locked_journal_shows_the_unlock_screen_on_every_page_and_nothing_of_it(store, ours,
                                                                                 others):
    app = open_app()
    app.selectbox(key="journal_picker").set_value(ours.id).run()
    for page in JOURNAL_PAGES:
        app.switch_page(page).run()
        assert not app.exception, (page, app.exception)
        assert [t.value for t in app.main.title] == ["🔒 Ons Geheim"], page
        assert [w.key for w in app.text_input] == ["unlock_passphrase"], page
        assert OUR_NOTE not in rendered(app), page
        assert not app.get("plotly_chart") and not app.dataframe, page
        assert not [b for b in app.button if b.key == "lock_button"]
    # Pages without a journal's data show none of it either.
    for page in ("views/learn.py", JOURNALS):
        app.switch_page(page).run()
        assert not app.exception, (page, app.exception)
        assert OUR_NOTE not in rendered(app), page
    app.switch_page(JOURNALS).run()
    assert "Vergrendeld" in [c.value for c in app.caption]  # instead of a count of moments
    # Its partners' names are sealed too: listed by the journal's name only.
    assert "🔒 Ons Geheim" in picker_labels(app) and "🔒 Ons Geheim" in texts(app)
    assert "Anna" not in rendered(app) and "Bram" not in rendered(app)
    assert "Open Boek (Pieternel & Roosmarijn)" in texts(app)  # the check does see names


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_wrong_passphrase_on_the_unlock_screen_unlocks_nothing(store, ours, lang):
    app = open_app(JOURNAL, lang=lang)
    app.selectbox(key="journal_picker").set_value(ours.id).run()
    unlock(app, "dit is hem echt niet", lang)
    assert not app.exception, app.exception
    assert messages(app, "error") == [REFUSED[lang]]
    assert no_keys(app)
    assert [t.value for t in app.main.title] == ["🔒 Ons Geheim"]
    assert OUR_NOTE not in rendered(app)
    unlock(app, OUR_PASSPHRASE, lang)
    assert messages(app, "error") == []
    assert OUR_NOTE in texts(app)


def test_the_right_passphrase_opens_it_at_home(store, ours):
    app = opened_at_home(ours, OUR_PASSPHRASE)  # unlocked on the Cycle page
    assert [t.value for t in app.main.title] == ["Cyclus: Ons Geheim"]
    assert app.get("plotly_chart")
    # And it stays open on every page of this session, Cycle again included.
    for page in (*JOURNAL_PAGES[1:], JOURNAL_PAGES[0]):
        app.switch_page(page).run()
        assert not app.exception, (page, app.exception)
        assert "🔒 Ons Geheim" not in [t.value for t in app.main.title], page
        assert not [w for w in app.text_input if w.key == "unlock_passphrase"], page
    app.switch_page(JOURNAL).run()
    assert OUR_NOTE in texts(app)
    assert "🔒 Ons Geheim (Anna & Bram)" in picker_labels(app)


# --- too many attempts ---------------------------------------------------------------------------

@pytest.fixture
def waits(monkeypatch) -> list[float]:
    """The server-side waits after mistakes, recorded instead of slept."""
    import components.privacy.unlock_form

    slept: list[float] = []
    fake = types.SimpleNamespace(sleep=slept.append, time=time.time, monotonic=time.monotonic)
    monkeypatch.setattr(components.privacy.unlock_form, "time", fake)
    return slept


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", [OURS, "Bestaat Niet"], ids=["existing", "unknown"])
def test_after_too_many_attempts_even_the_right_passphrase_is_refused(shared, ours, waits, lang,
                                                                      name):
    app = open_app(JOURNALS, lang=lang)
    answers = []
    for attempt in range(8):
        open_by_name(app, name, f"fout nummer {attempt}", lang)
        answers.append(messages(app, "error"))
    assert answers[:7] == [[REFUSED[lang]]] * 7
    assert answers[7] == [LOCKED_OUT[lang]]
    assert waits == [0.5, 1.0, 2.0, 4.0, 8.0]  # slower and slower after three free mistakes
    open_by_name(app, name, OUR_PASSPHRASE, lang)
    assert messages(app, "error") == [LOCKED_OUT[lang]]
    assert no_keys(app)
    # Another name is not affected by this one's lock.
    if name != OURS:
        open_by_name(app, OURS, OUR_PASSPHRASE, lang)
        assert messages(app, "error") == []
        assert ours.id in app.session_state["nabij_journal_keys"]


def test_the_unlock_screen_locks_after_too_many_attempts_too(store, ours, waits):
    app = open_app(JOURNAL, lang="en")
    app.selectbox(key="journal_picker").set_value(ours.id).run()
    for attempt in range(8):
        unlock(app, f"wrong number {attempt}", "en")
    assert messages(app, "error") == [LOCKED_OUT["en"]]
    unlock(app, OUR_PASSPHRASE, "en")
    assert messages(app, "error") == [LOCKED_OUT["en"]]
    assert no_keys(app)
    assert OUR_NOTE not in rendered(app)


# --- notes shown as text ------------------------------------------------------------------------

def test_a_protected_journals_note_shows_as_literal_text(store):
    note = "**vet** <b>x</b> [link](javascript:alert(1))"
    journal = protected_journal(store, OURS, OUR_PASSPHRASE, notes={Visibility.PARTNER: note})
    assert stored_notes(store, journal.id)[0].startswith(SEALED)
    app = opened_at_home(journal, OUR_PASSPHRASE, JOURNAL)
    assert note in texts(app)
    markdown = "\n".join(m.value for m in app.markdown)
    assert "javascript:alert" not in markdown and "<b>x</b>" not in markdown
    assert "**vet**" not in markdown


# --- a forged picker value ----------------------------------------------------------------------

def _forge_picker(app, raw_value: str) -> None:
    """Make the next run send `raw_value` as the picker's value, as a hand-made websocket
    message can: Streamlit hands the callback the client's raw value even when it is not
    among the options."""
    from streamlit.proto.WidgetStates_pb2 import WidgetState
    from streamlit.testing.v1.element_tree import Selectbox

    picker = app.selectbox(key="journal_picker")

    class Forged(Selectbox):
        @property
        def _widget_state(self) -> WidgetState:
            state = WidgetState()
            state.id = self.id
            state.string_value = raw_value
            return state

    picker.__class__ = Forged


@pytest.mark.parametrize("raw", ["{id}", "coach:{id}", "-1", "coach:x"])
def test_a_forged_picker_value_reveals_no_journal_name(shared, ours, others, raw):
    app = open_app(lang="en")
    target = others[0].id
    _forge_picker(app, raw.format(id=target))
    app.run()
    assert not app.exception, app.exception
    assert_nothing_foreign(app, "after a forged pick")
    assert app.session_state["open_journal"] == "demo"
    for page in PAGES:
        app.switch_page(page).run()
        assert not app.exception, (page, app.exception)
        assert_nothing_foreign(app, page)
