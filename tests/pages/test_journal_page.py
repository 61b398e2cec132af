"""The Journal page: log, edit and delete moments; bad input changes nothing."""

from __future__ import annotations

from nabij.model import NOTE_MAX_CHARS, BodySignal, Kind
from tests.pages.conftest import add_event, open_app

PAGE = "views/journal.py"


def submit(app, label: str = "Opslaan"):
    [button] = [b for b in app.button if b.label == label]
    return button.click().run()


def fill_log_form(app, partner=0, kind="closeness", intensity=4, note="", body=""):
    if partner is not None:
        app.button_group(key="log_partner").set_value(partner)
    if kind is not None:
        app.button_group(key="log_kind").set_value(kind)
    app.button_group(key="log_intensity").set_value(intensity)
    app.radio(key="log_body").set_value(body)
    app.text_area(key="log_note").input(note)


def test_logging_a_moment_stores_it_presets_the_next_as_it_and_clears_the_rest(store, journal):
    app = open_app(PAGE)
    fill_log_form(app, partner=1, kind="distance", intensity=5, note="Stil na het eten",
                  body="shutdown")
    submit(app)
    assert not app.exception
    [event] = store.list_events(journal.id)
    assert (event.partner, event.kind, event.intensity, event.note, event.body) == \
        (1, Kind.DISTANCE, 5, "Stil na het eten", BodySignal.SHUTDOWN)
    assert any("Opgeslagen" in s.value for s in app.success)
    # The next moment starts as this one (the quick log); the optional fields are empty.
    assert app.button_group(key="log_partner").value == 1
    assert app.button_group(key="log_kind").value == "distance"
    assert app.text_area(key="log_note").value == ""
    assert app.button_group(key="log_intensity").value == 5
    assert app.radio(key="log_body").value == ""  # "not filled in" is shown as chosen
    # The new moment is listed with its note as plain text.
    assert "Stil na het eten" in [t.value for t in app.text]


def test_missing_partner_is_refused_next_to_the_field_and_nothing_is_stored(store, journal):
    app = open_app(PAGE)
    fill_log_form(app, partner=None, note="Bijna vergeten")
    submit(app)
    assert store.list_events(journal.id) == []
    assert [e.value for e in app.error] == ["Kies wie dit moment beleefde."]
    assert app.text_area(key="log_note").value == "Bijna vergeten"  # what was typed stays
    assert any("Niet opgeslagen" in w.value for w in app.warning)


def test_missing_kind_is_refused(store, journal):
    app = open_app(PAGE, lang="en")
    fill_log_form(app, kind=None)
    submit(app, "Save")
    assert store.list_events(journal.id) == []
    assert [e.value for e in app.error] == ["Choose closeness or distance."]


def test_too_long_note_is_refused_with_its_length(store, journal):
    app = open_app(PAGE, lang="en")
    fill_log_form(app, note="x" * (NOTE_MAX_CHARS + 5))
    submit(app, "Save")
    assert store.list_events(journal.id) == []
    [error] = app.error
    assert "2005 characters" in error.value and "2000" in error.value


def test_error_clears_once_the_input_is_fixed(store, journal):
    app = open_app(PAGE)
    fill_log_form(app, partner=None)
    submit(app)
    app.button_group(key="log_partner").set_value(0)
    submit(app)
    assert len(store.list_events(journal.id)) == 1
    assert not app.error


def test_edit_changes_the_stored_moment(store, journal):
    saved = add_event(store, journal, note="eerst")
    app = open_app(PAGE)
    app.button(key=f"edit_{saved.id}").click().run()
    assert app.text_area(key="edit_note").value == "eerst"
    app.text_area(key="edit_note").input("daarna")
    app.button_group(key="edit_intensity").set_value(5)
    submit(app, "Wijzigingen opslaan")
    edited = store.get_event(journal.id, saved.id)
    assert (edited.note, edited.intensity, edited.version) == ("daarna", 5, saved.version + 1)
    assert any("Wijziging opgeslagen" in s.value for s in app.success)


def test_bad_edit_changes_nothing(store, journal):
    saved = add_event(store, journal, note="eerst")
    app = open_app(PAGE)
    app.button(key=f"edit_{saved.id}").click().run()
    app.text_area(key="edit_note").input("y" * (NOTE_MAX_CHARS + 1))
    submit(app, "Wijzigingen opslaan")
    assert store.get_event(journal.id, saved.id) == saved
    assert app.error


def test_edit_on_a_moment_changed_elsewhere_is_refused(store, journal):
    saved = add_event(store, journal, note="eerst")
    app = open_app(PAGE)
    app.button(key=f"edit_{saved.id}").click().run()
    # The other partner edits the same moment on their phone meanwhile.
    from dataclasses import replace

    theirs = store.update_event(journal.id, replace(saved, note="van de ander"))
    app.text_area(key="edit_note").input("van mij")
    submit(app, "Wijzigingen opslaan")
    assert store.get_event(journal.id, saved.id) == theirs
    assert any("ander scherm" in e.value for e in app.error)


def test_delete_then_undo(store, journal):
    saved = add_event(store, journal, note="weg?")
    app = open_app(PAGE)
    app.button(key=f"delete_{saved.id}").click().run()
    assert store.list_events(journal.id) == []
    assert any("verwijderd" in i.value for i in app.info)
    app.button(key="undo_delete").click().run()
    assert [e.id for e in store.list_events(journal.id)] == [saved.id]
    assert any("teruggezet" in s.value for s in app.success)


def test_events_are_listed_newest_first_with_paging(store, journal):
    for hour in range(25):
        add_event(store, journal, note=f"moment {hour}", hours=hour)
    app = open_app(PAGE)
    notes = [t.value for t in app.text if t.value.startswith("moment")]
    assert notes[:2] == ["moment 24", "moment 23"] and len(notes) == 20
    app.button(key="show_more").click().run()
    assert len([t for t in app.text if t.value.startswith("moment")]) == 25


def test_demo_journal_is_read_only():
    app = open_app(PAGE)
    assert any("kun je niet aanpassen" in c.value for c in app.caption)
    assert not [b for b in app.button if b.label == "Opslaan"]
    assert not [b for b in app.button if (b.key or "").startswith("delete_")]


def test_untouched_date_and_time_mean_the_moment_of_saving(store, journal):
    import datetime as dt

    app = open_app(PAGE)
    # The form has sat open for a while: the "now" it shows is an hour old.
    hour_ago = (dt.datetime.now(journal.zone) - dt.timedelta(hours=1)).replace(
        second=0, microsecond=0, tzinfo=None)
    app.session_state["log_shown_now"] = (hour_ago.date(), hour_ago.time())
    app.date_input(key="log_date").set_value(hour_ago.date())
    app.time_input(key="log_time").set_value(hour_ago.time())
    fill_log_form(app)
    before = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
    submit(app)
    [event] = store.list_events(journal.id)
    assert before <= event.occurred_at <= dt.datetime.now(dt.UTC)


def test_a_chosen_date_and_time_are_kept_in_the_journals_zone(store, journal):
    import datetime as dt

    app = open_app(PAGE)
    app.date_input(key="log_date").set_value(dt.date(2025, 7, 1))
    app.time_input(key="log_time").set_value(dt.time(23, 30))
    fill_log_form(app)
    submit(app)
    [event] = store.list_events(journal.id)
    assert event.occurred_at == dt.datetime(2025, 7, 1, 21, 30, tzinfo=dt.UTC)  # CEST


def test_partner_names_are_shown_as_typed_not_as_markdown(store):
    from nabij.model import Journal

    store.create_journal(Journal(None, "Wij", ("**Vet**", "[link](x)")))
    app = open_app(PAGE)
    labels = app.button_group(key="log_partner").proto.options
    shown = [option.content for option in labels]
    assert shown == ["\\*\\*Vet\\*\\*", "\\[link\\]\\(x\\)"]
