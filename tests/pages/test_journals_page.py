"""The Journals page and the journal picker: several couples side by side."""

from __future__ import annotations

from nabij.model import Journal
from tests.pages.conftest import open_app

PAGE = "views/journals.py"


def create(app, name, a, b):
    app.text_input(key="new_journal_name").input(name)
    app.text_input(key="new_journal_partner_a").input(a)
    app.text_input(key="new_journal_partner_b").input(b)
    [button] = [b for b in app.button if b.label in ("Dagboek aanmaken", "Create journal")]
    return button.click().run()


def test_create_a_journal_and_it_opens(store):
    app = open_app(PAGE)
    create(app, "Wij", "Anna", "Bram")
    [journal] = store.list_journals()
    assert (journal.name, journal.partners) == ("Wij", ("Anna", "Bram"))
    assert any("aangemaakt" in s.value for s in app.success)
    assert app.selectbox(key="journal_picker").value == journal.id
    # A later visit opens it too: it is the journal used last.
    assert open_app().selectbox(key="journal_picker").value == journal.id


def test_bad_journal_input_creates_nothing(store):
    app = open_app(PAGE, lang="en")
    create(app, "", "Anna", "anna")
    assert store.list_journals() == []
    assert sorted(e.value for e in app.error) == sorted([
        "Give the journal a name.",
        "Give the two partners different names, so their moments can be told apart."])


def test_last_used_journal_opens_on_the_next_visit(store):
    first = store.create_journal(Journal(None, "Eerste", ("A", "B")))
    second = store.create_journal(Journal(None, "Tweede", ("C", "D")))
    app = open_app()
    assert app.selectbox(key="journal_picker").value == second.id
    app.selectbox(key="journal_picker").set_value(first.id).run()
    assert app.title[0].value.startswith("Cyclus: Eerste")
    # A new browser session opens the journal used last.
    assert open_app().selectbox(key="journal_picker").value == first.id


def test_the_demo_can_be_picked_and_never_joins_the_list(store):
    store.create_journal(Journal(None, "Wij", ("A", "B")))
    app = open_app()
    app.selectbox(key="journal_picker").set_value("demo").run()
    assert any("voorbeelddagboek" in i.value for i in app.info)
    assert [j.name for j in store.list_journals()] == ["Wij"]


def test_language_switch_changes_the_interface(db_url):
    app = open_app()
    assert app.title[0].value.startswith("Cyclus")
    app.button_group(key="language_switch").set_value("en").run()
    assert app.title[0].value.startswith("Cycle")
    assert app.query_params["lang"] == ["en"] or app.query_params["lang"] == "en"
