"""The quick log: a new moment starts as the last one logged, Save is the only tap left, and
Undo is at hand; a delete or an undo clears the form's old messages."""

from __future__ import annotations

from nabij.model import Kind
from tests.pages.conftest import add_event, open_app

PAGE = "views/journal.py"


def save(app):
    [button] = [b for b in app.button if b.label == "Opslaan"]
    return button.click().run()


def toasts(app) -> list[str]:
    return [toast.value for toast in app.toast]


def test_a_new_moment_starts_as_the_last_one_entered_not_the_latest_on_the_timeline(
        store, journal):
    add_event(store, journal, kind=Kind.DISTANCE, partner=1, intensity=4, hours=5)
    # Entered last, though it happened earlier: this is what the person did last.
    add_event(store, journal, kind=Kind.CLOSENESS, partner=0, intensity=2, hours=1)
    app = open_app(PAGE)
    assert app.button_group(key="log_partner").value == 0
    assert app.button_group(key="log_kind").value == "closeness"
    assert app.button_group(key="log_intensity").value == 2
    save(app)  # one tap: nothing else to fill in
    assert not app.exception
    events = store.list_events(journal.id)
    assert len(events) == 3
    newest = max(events, key=lambda event: event.id)
    assert (newest.partner, newest.kind, newest.intensity, newest.note) == \
        (0, Kind.CLOSENESS, 2, "")
    [saved] = [s.value for s in app.success]
    assert saved.startswith("Opgeslagen: Nabijheid 2 · Anna · ")
    assert toasts(app) == [saved]


def test_the_partner_who_says_who_they_are_gets_their_own_last_moment(store, journal):
    add_event(store, journal, kind=Kind.DISTANCE, partner=1, intensity=5, hours=1)
    add_event(store, journal, kind=Kind.CLOSENESS, partner=0, intensity=1, hours=2)
    app = open_app(PAGE)
    assert app.button_group(key="log_partner").value == 0  # nobody said who yet: the last
    app.button_group(key="who_am_i_page").set_value(1).run()
    assert app.button_group(key="log_partner").value == 1
    assert app.button_group(key="log_kind").value == "distance"
    assert app.button_group(key="log_intensity").value == 5
    save(app)
    newest = max(store.list_events(journal.id), key=lambda event: event.id)
    assert (newest.partner, newest.kind, newest.intensity) == (1, Kind.DISTANCE, 5)


def test_an_empty_journal_presets_nothing_to_guess(store, journal):
    app = open_app(PAGE)
    assert app.button_group(key="log_kind").value is None
    assert app.button_group(key="log_intensity").value == 3
    assert app.button_group(key="log_partner").value is None


def test_undo_after_a_save_takes_the_moment_back_and_undo_again_restores_it(store, journal):
    add_event(store, journal, kind=Kind.DISTANCE, partner=1, intensity=4)
    app = open_app(PAGE)
    save(app)
    assert len(store.list_events(journal.id)) == 2
    new_id = max(event.id for event in store.list_events(journal.id))
    app.button(key="undo_save").click().run()
    assert [event.id for event in store.list_events(journal.id)] != [] and \
        new_id not in [event.id for event in store.list_events(journal.id)]
    assert "Moment verwijderd." in toasts(app)
    # The way back is at the form, where the person still looks.
    app.button(key="undo_delete").click().run()
    assert new_id in [event.id for event in store.list_events(journal.id)]
    assert "Moment teruggezet." in toasts(app)
    # The preset is the moment's again, and no Undo lingers on the next action.
    app.button_group(key="log_intensity").set_value(1).run()
    assert not [b for b in app.button if b.key in ("undo_save", "undo_delete")]


def test_old_form_errors_vanish_after_a_delete_and_after_its_undo(store, journal):
    saved = add_event(store, journal, note="weg?")
    app = open_app(PAGE)
    app.button_group(key="log_kind").set_value(None)
    save(app)
    assert [e.value for e in app.error] == ["Kies nabijheid of afstand."]
    assert any("Niet opgeslagen" in w.value for w in app.warning)
    app.button(key=f"delete_{saved.id}").click().run()
    assert store.list_events(journal.id) == []
    assert not app.error and not any("Niet opgeslagen" in w.value for w in app.warning)
    assert "Moment verwijderd." in toasts(app)
    # The error comes back with a new try; the undo clears it again.
    save(app)
    assert app.error
    app.button(key="undo_delete").click().run()
    assert [event.id for event in store.list_events(journal.id)] == [saved.id]
    assert not app.error and not any("Niet opgeslagen" in w.value for w in app.warning)


def test_a_delete_from_the_list_offers_undo_in_the_moments_place(store, journal):
    older = add_event(store, journal, note="ouder", hours=0)
    middle = add_event(store, journal, note="midden", hours=1)
    newer = add_event(store, journal, note="nieuwer", hours=2)
    app = open_app(PAGE)
    app.button(key=f"delete_{middle.id}").click().run()
    keys = [b.key for b in app.main.button if b.key and b.key.startswith(("delete_", "undo_"))]
    # Newest first: the Undo stands where the deleted moment stood, not above the form.
    assert keys == [f"delete_{newer.id}", "undo_delete", f"delete_{older.id}"]
    assert not [b for b in app.button if b.key == "undo_save"]
