"""The moment form's rules: starting values, and the values back as input for validation."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from nabij.model import (
    DEFAULT_VISIBILITY,
    EARLIEST_DAY,
    BodySignal,
    Event,
    Journal,
    Kind,
    Problem,
    Visibility,
    validate_event,
)
from nabij.moment_input import (
    DEFAULT_INTENSITY,
    browser_line_breaks,
    date_bounds,
    form_updates,
    moment_input,
    more_open,
    starting_values,
    visibility_choices,
)
from nabij.moment_presets import Preset

JOURNAL = Journal(1, "Wij", ("Anna", "Bram"), "Europe/Amsterdam")
NOW = dt.datetime(2026, 3, 1, 21, 15, tzinfo=JOURNAL.zone)
IMPORTED = Event(occurred_at=dt.datetime(2025, 6, 2, 18, 30, 42, tzinfo=dt.UTC), partner=1,
                 kind=Kind.DISTANCE, intensity=4, note="stil\r\nmoe", body=BodySignal.ALARM,
                 context="werk", visibility=Visibility.COACH, id=9, version=2)


def test_a_new_moment_starts_now_with_nothing_chosen():
    values = starting_values(JOURNAL, None, NOW)
    assert (values["date"], values["time"]) == (NOW.date(), NOW.time())
    assert values["kind"] is None and values["intensity"] == DEFAULT_INTENSITY
    assert values["visibility"] == str(DEFAULT_VISIBILITY) and "partner" not in values


def test_an_edit_starts_from_the_event_in_the_journal_zone_to_the_minute():
    values = starting_values(JOURNAL, IMPORTED, NOW)
    assert values["date"] == dt.date(2025, 6, 2) and values["time"] == dt.time(20, 30)
    assert (values["partner"], values["kind"], values["body"], values["visibility"]) == \
        (1, "distance", "alarm", "coach")


def shown(values: dict, event: Event) -> dict:
    """The values as the form holds them for an edit: shown time and note remembered."""
    return {**values, "shown_at": (values["date"], values["time"], event.occurred_at),
            "shown_note": event.note, "note": browser_line_breaks(event.note)}


def test_an_edit_left_as_shown_keeps_the_exact_time_and_line_breaks():
    values = shown(starting_values(JOURNAL, IMPORTED, NOW), IMPORTED)
    event = validate_event(moment_input(values, NOW), JOURNAL)
    assert event.occurred_at == IMPORTED.occurred_at and event.note == "stil\r\nmoe"
    moved = validate_event(moment_input({**values, "time": dt.time(21, 0),
                                         "note": "stil\nmoe!"}, NOW), JOURNAL)
    assert moved.occurred_at == dt.datetime(2025, 6, 2, 21, 0, tzinfo=JOURNAL.zone)
    assert moved.note == "stil\nmoe!"


def test_a_new_form_left_at_its_first_now_logs_the_time_of_saving():
    values = starting_values(JOURNAL, None, NOW)
    values.update(partner=0, kind="closeness", shown_now=(values["date"], values["time"]))
    later = NOW + dt.timedelta(minutes=7)
    assert validate_event(moment_input(values, later), JOURNAL).occurred_at == later
    picked = {**values, "time": dt.time(20, 0)}
    assert validate_event(moment_input(picked, later), JOURNAL).occurred_at == \
        NOW.replace(hour=20, minute=0)


def test_an_empty_date_is_left_for_validation_to_refuse():
    assert moment_input({"date": None, "time": dt.time(9, 0)}, NOW).occurred_at == ""


@given(st.text(alphabet="ab\r\n", max_size=12))
def test_browser_line_breaks_leave_no_carriage_return(text):
    result = browser_line_breaks(text)
    assert "\r" not in result and result.count("\n") <= text.count("\n") + text.count("\r")


def test_only_me_is_offered_with_the_own_key_or_for_a_private_moment_being_edited():
    assert str(Visibility.PRIVATE) not in visibility_choices(False, None)
    assert str(Visibility.PRIVATE) in visibility_choices(True, None)
    private = Event(occurred_at=NOW, partner=0, kind=Kind.CLOSENESS, intensity=3,
                    visibility=Visibility.PRIVATE)
    assert str(Visibility.PRIVATE) in visibility_choices(False, private)
    assert str(Visibility.PRIVATE) not in visibility_choices(False, IMPORTED)


SHARED = visibility_choices(False, None)
LAST = Preset(partner=1, kind="distance", intensity=2)


def test_a_fresh_form_gets_every_starting_value_and_remembers_the_now_it_shows():
    updates = form_updates({}, JOURNAL, None, NOW, SHARED, preset=LAST)
    assert {field: updates[field] for field in ("partner", "kind", "intensity", "note")} == \
        {"partner": 1, "kind": "distance", "intensity": 2, "note": ""}
    assert updates["shown_now"] == (NOW.date(), NOW.time())
    assert "shown_at" not in updates and "me" not in updates


def test_typed_values_survive_a_rerun_and_the_shown_now_is_not_moved():
    typed = form_updates({}, JOURNAL, None, NOW, SHARED, preset=LAST)
    typed.update(kind="closeness", note="samen gekookt")
    later = NOW + dt.timedelta(minutes=5)
    assert form_updates(typed, JOURNAL, None, later, SHARED, preset=LAST) == {}


def test_saying_who_you_are_makes_the_form_yours_once():
    typed = {**form_updates({}, JOURNAL, None, NOW, SHARED, preset=LAST), "kind": "closeness"}
    mine = form_updates(typed, JOURNAL, None, NOW, SHARED, me=0,
                        preset=Preset(partner=0, kind="closeness", intensity=5))
    assert mine == {"me": 0, "partner": 0, "kind": "closeness", "intensity": 5}
    assert form_updates({**typed, **mine, "intensity": 1}, JOURNAL, None, NOW, SHARED, me=0,
                        preset=LAST) == {}


def test_without_anyone_known_the_partner_is_the_last_one_logged_or_left_open():
    assert form_updates({}, JOURNAL, None, NOW, SHARED)["partner"] is None
    assert form_updates({"partner": None, "date": NOW.date()}, JOURNAL, None, NOW, SHARED,
                        preset=LAST)["partner"] == 1


def test_an_edit_remembers_the_exact_time_and_note_it_shows_rounded():
    updates = form_updates({}, JOURNAL, IMPORTED, NOW, visibility_choices(False, IMPORTED))
    assert updates["shown_at"] == (dt.date(2025, 6, 2), dt.time(20, 30), IMPORTED.occurred_at)
    assert updates["shown_note"] == IMPORTED.note and updates["partner"] == 1
    assert "shown_now" not in updates


def test_a_visibility_no_longer_offered_falls_back_to_the_default():
    held = {**form_updates({}, JOURNAL, None, NOW, SHARED, preset=LAST), "visibility": "private"}
    assert form_updates(held, JOURNAL, None, NOW, SHARED, preset=LAST) == \
        {"visibility": str(DEFAULT_VISIBILITY)}
    assert form_updates(held, JOURNAL, None, NOW, visibility_choices(True, None),
                        preset=LAST) == {}


def test_more_opens_for_an_edit_a_typed_context_or_a_message_about_its_fields():
    assert not more_open("", {}, None)
    assert not more_open(None, {"note": Problem("note", "error.note_too_long")}, None)
    assert more_open("werk", {}, None) and more_open("", {}, IMPORTED)
    for field in ("body", "context", "occurred_at"):
        assert more_open("", {field: Problem(field, "error.x")}, None)


def test_the_date_picker_reaches_tomorrow_and_any_day_being_edited():
    today = dt.date(2026, 3, 1)
    assert date_bounds(JOURNAL, None, today) == (EARLIEST_DAY, dt.date(2026, 3, 2))
    assert date_bounds(JOURNAL, IMPORTED, today) == (EARLIEST_DAY, dt.date(2026, 3, 2))
    ahead = Event(occurred_at=dt.datetime(2027, 1, 5, 23, 30, tzinfo=dt.UTC), partner=0,
                  kind=Kind.CLOSENESS, intensity=3)
    assert date_bounds(JOURNAL, ahead, today) == (EARLIEST_DAY, dt.date(2027, 1, 6))
    old = Event(occurred_at=dt.datetime(1850, 5, 1, 12, tzinfo=dt.UTC), partner=0,
                kind=Kind.CLOSENESS, intensity=3)
    assert date_bounds(JOURNAL, old, today) == (dt.date(1850, 5, 1), dt.date(2026, 3, 2))
