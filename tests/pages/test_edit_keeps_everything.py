"""An edit on the Journal page changes what was changed and nothing else: the context tags and
a time to the second (both from imports) survive an edit of the strength."""

from __future__ import annotations

import dataclasses
import datetime as dt

from nabij.model import BodySignal, Event, Kind, Visibility
from tests.pages.conftest import open_app
from tests.pages.test_journal_page import PAGE, fill_log_form, submit

IMPORTED = Event(occurred_at=dt.datetime(2025, 3, 4, 20, 15, 37, tzinfo=dt.UTC), partner=1,
                 kind=Kind.DISTANCE, intensity=3, note="Stil na het eten",
                 body=BodySignal.ALARM, context="work;family", visibility=Visibility.COACH)


def test_the_imported_moment_sets_every_field_a_person_gives():
    """Every field of Event is set away from its default here, so a field added later that
    the edit form does not carry makes the test below fail instead of passing unnoticed."""
    defaults = Event(occurred_at=IMPORTED.occurred_at, partner=0, kind=Kind.CLOSENESS,
                     intensity=1)
    given = {field.name for field in dataclasses.fields(Event)} - {"id", "version"}
    assert {name for name in given if getattr(IMPORTED, name) == getattr(defaults, name)} == \
        {"occurred_at"}
    assert IMPORTED.occurred_at.second != 0  # more precise than the form shows


def test_editing_the_strength_keeps_context_seconds_and_every_other_field(store, journal):
    saved = store.add_event(journal.id, IMPORTED)
    app = open_app(PAGE, lang="en")
    app.button(key=f"edit_{saved.id}").click().run()
    assert app.text_input(key="edit_context").value == "work;family"
    app.button_group(key="edit_intensity").set_value(4)
    submit(app, "Save changes")
    assert not app.exception
    edited = store.get_event(journal.id, saved.id)
    assert edited == dataclasses.replace(saved, intensity=4, version=saved.version + 1)


def test_changing_the_time_in_the_edit_form_still_works(store, journal):
    saved = store.add_event(journal.id, IMPORTED)
    app = open_app(PAGE, lang="en")
    app.button(key=f"edit_{saved.id}").click().run()
    app.time_input(key="edit_time").set_value(dt.time(8, 30))
    submit(app, "Save changes")
    edited = store.get_event(journal.id, saved.id)
    local = edited.occurred_at.astimezone(journal.zone)
    assert (local.hour, local.minute, local.second) == (8, 30, 0)
    assert edited.context == "work;family"


def test_the_context_can_be_changed_in_the_edit_form(store, journal):
    saved = store.add_event(journal.id, IMPORTED)
    app = open_app(PAGE)
    app.button(key=f"edit_{saved.id}").click().run()
    app.text_input(key="edit_context").input("werk; schoonfamilie")
    submit(app, "Wijzigingen opslaan")
    assert store.get_event(journal.id, saved.id).context == "werk; schoonfamilie"


def test_a_new_moment_gets_its_context_and_the_form_offers_tags_used_before(store, journal):
    store.add_event(journal.id, IMPORTED)
    app = open_app(PAGE, lang="en")
    assert "Used before: family; work" in [caption.value for caption in app.caption]
    fill_log_form(app, note="Samen gekookt")
    app.text_input(key="log_context").input("family; <b>home</b>")
    submit(app, "Save")
    assert not app.exception
    new = [e for e in store.list_events(journal.id) if e.note == "Samen gekookt"]
    assert [e.context for e in new] == ["family; <b>home</b>"]
    assert app.text_input(key="log_context").value == ""  # cleared for the next moment
    # Most used first, and shown as typed: the caption is Markdown, so the tag is escaped.
    assert "Used before: family; \\<b\\>home\\</b\\>; work" in \
        [caption.value for caption in app.caption]


def test_a_too_long_context_is_refused_next_to_the_field(store, journal):
    app = open_app(PAGE, lang="en")
    fill_log_form(app)
    app.text_input(key="log_context").input("x" * 201)
    submit(app, "Save")
    assert store.list_events(journal.id) == []
    assert any("context is too long" in error.value for error in app.error)


def test_the_log_form_offers_days_from_1900_and_saves_an_old_one(store, journal):
    """The date picker itself starts at the first day Nabij keeps (its default would start ten
    years back); what lies outside is refused by nabij.model, tested in tests/hostile."""
    app = open_app(PAGE, lang="en")
    assert app.date_input(key="log_date").min == dt.date(1900, 1, 1)
    fill_log_form(app)
    app.date_input(key="log_date").set_value(dt.date(1950, 6, 1))
    submit(app, "Save")
    [saved] = store.list_events(journal.id)
    assert saved.occurred_at.astimezone(journal.zone).date() == dt.date(1950, 6, 1)


def test_a_moment_dated_ahead_can_be_opened_for_editing(store, journal):
    """An import may hold a moment a few weeks ahead (up to a year is kept); the date picker
    must not refuse to show it."""
    ahead = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(days=40)
    saved = store.add_event(journal.id, dataclasses.replace(IMPORTED, occurred_at=ahead))
    app = open_app(PAGE, lang="en")
    app.button(key=f"edit_{saved.id}").click().run()
    assert not app.exception
    app.button_group(key="edit_intensity").set_value(5)
    submit(app, "Save changes")
    assert store.get_event(journal.id, saved.id).occurred_at == ahead


def test_a_moment_saved_before_dates_had_bounds_opens_and_the_bound_is_explained(store,
                                                                                  journal):
    """Year 1 could be imported before; such a moment opens for editing (the picker would
    refuse it), and saving it where it is says why it cannot stay there."""
    saved = store.add_event(journal.id, dataclasses.replace(
        IMPORTED, occurred_at=dt.datetime(1, 1, 2, 12, 0, tzinfo=dt.UTC)))
    app = open_app(PAGE, lang="en")
    app.button(key=f"edit_{saved.id}").click().run()
    assert not app.exception
    submit(app, "Save changes")
    assert any("outside what Nabij keeps" in error.value for error in app.error)
    assert store.get_event(journal.id, saved.id) == saved
    app.date_input(key="edit_date").set_value(dt.date(2025, 1, 2))
    submit(app, "Save changes")
    assert store.get_event(journal.id, saved.id).occurred_at.year == 2025


def test_an_untouched_note_keeps_its_own_line_breaks(store, journal):
    """A browser's text box turns an imported CR LF into LF: as long as the note reads the
    same, the edit keeps it as it was; a real change of the note is saved as typed."""
    saved = store.add_event(journal.id, dataclasses.replace(IMPORTED, note="eerst\r\ndaarna"))
    app = open_app(PAGE, lang="en")
    app.button(key=f"edit_{saved.id}").click().run()
    app.text_area(key="edit_note").input("eerst\ndaarna")  # what the browser sends back
    app.button_group(key="edit_intensity").set_value(4)
    submit(app, "Save changes")
    assert store.get_event(journal.id, saved.id).note == "eerst\r\ndaarna"

    app.button(key=f"edit_{saved.id}").click().run()
    app.text_area(key="edit_note").input("eerst\nen toen")
    submit(app, "Save changes")
    assert store.get_event(journal.id, saved.id).note == "eerst\nen toen"
