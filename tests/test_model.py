"""Validation: every way into Nabij is judged here, so every bad value has a clear key."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nabij.i18n import Messages
from nabij.model import (
    NOTE_MAX_CHARS,
    BodySignal,
    EventInput,
    InvalidInput,
    Journal,
    Kind,
    parse_timestamp,
    validate_event,
    validate_journal,
)

JOURNAL = Journal(id=1, name="Wij", partners=("Anna", "Bram"), timezone="Europe/Amsterdam")
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def raw(**changes) -> EventInput:
    values = {"occurred_at": "2025-03-04T21:15", "partner": "Anna", "kind": "closeness",
              "intensity": "4", "note": "Samen gewandeld", "body": "", "context": ""}
    values.update(changes)
    return EventInput(**values)


def problem_keys(**changes) -> dict[str, str]:
    with pytest.raises(InvalidInput) as caught:
        validate_event(raw(**changes), JOURNAL)
    return {field: problem.key for field, problem in caught.value.by_field().items()}


def test_valid_input_becomes_an_event_in_utc():
    event = validate_event(raw(body="alarm"), JOURNAL)
    assert event.occurred_at == dt.datetime(2025, 3, 4, 20, 15, tzinfo=dt.UTC)
    assert (event.partner, event.kind, event.intensity, event.body) == \
        (0, Kind.CLOSENESS, 4, BodySignal.ALARM)


@pytest.mark.parametrize("spelling", ["nabijheid", "Closeness", " NABIJHEID "])
def test_dutch_and_any_case_kind_is_accepted(spelling):
    assert validate_event(raw(kind=spelling), JOURNAL).kind is Kind.CLOSENESS


def test_afstand_is_distance():
    assert validate_event(raw(kind="afstand"), JOURNAL).kind is Kind.DISTANCE


@pytest.mark.parametrize(("changes", "field", "key"), [
    ({"partner": ""}, "partner", "error.partner_empty"),
    ({"partner": None}, "partner", "error.partner_empty"),
    ({"partner": "Cas"}, "partner", "error.partner_unknown"),
    ({"partner": 2}, "partner", "error.partner_unknown"),
    ({"intensity": "0"}, "intensity", "error.intensity_range"),
    ({"intensity": 6}, "intensity", "error.intensity_range"),
    ({"intensity": "3.5"}, "intensity", "error.intensity_range"),
    ({"intensity": "veel"}, "intensity", "error.intensity_range"),
    ({"intensity": True}, "intensity", "error.intensity_range"),
    ({"intensity": "²"}, "intensity", "error.intensity_range"),
    ({"note": "x" * (NOTE_MAX_CHARS + 1)}, "note", "error.note_too_long"),
    ({"note": "a\x00b"}, "note", "error.note_invalid_chars"),
    ({"occurred_at": "gisteren"}, "occurred_at", "error.timestamp_unreadable"),
    ({"occurred_at": "2025-02-30"}, "occurred_at", "error.timestamp_unreadable"),
    ({"occurred_at": ""}, "occurred_at", "error.timestamp_unreadable"),
    ({"kind": ""}, "kind", "error.kind_empty"),
    ({"kind": "ruzie"}, "kind", "error.kind_unknown"),
    ({"body": "boos"}, "body", "error.body_unknown"),
])
def test_bad_value_names_its_field_and_reason(changes, field, key):
    assert problem_keys(**changes) == {field: key}


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("changes", [{"partner": 2}, {"partner": -1}, {"partner": "Cas"}])
def test_a_refused_partner_reads_as_a_whole_sentence(changes, lang):
    """Every message a refusal names must have the values it speaks of: a missing one was a
    KeyError on the page instead of the message."""
    with pytest.raises(InvalidInput) as caught:
        validate_event(raw(**changes), JOURNAL)
    [problem] = caught.value.problems
    text = Messages(lang)(problem.key, **problem.params)
    assert JOURNAL.partners[0] in text and JOURNAL.partners[1] in text


def test_every_problem_is_reported_at_once():
    keys = problem_keys(partner="", intensity="9", occurred_at="nooit")
    assert set(keys) == {"partner", "intensity", "occurred_at"}


def test_note_of_exactly_the_limit_is_kept():
    assert len(validate_event(raw(note="é" * NOTE_MAX_CHARS), JOURNAL).note) == NOTE_MAX_CHARS


def test_partner_name_matches_forgivingly():
    assert validate_event(raw(partner="  bram "), JOURNAL).partner == 1


@pytest.mark.parametrize(("text", "expected"), [
    ("2025-03-04T21:15", dt.datetime(2025, 3, 4, 20, 15, tzinfo=dt.UTC)),
    ("2025-03-04", dt.datetime(2025, 3, 3, 23, 0, tzinfo=dt.UTC)),
    ("2025-03-04T21:15+00:00", dt.datetime(2025, 3, 4, 21, 15, tzinfo=dt.UTC)),
    ("2025-03-04T21:15Z", dt.datetime(2025, 3, 4, 21, 15, tzinfo=dt.UTC)),
    ("2025-07-04T21:15", dt.datetime(2025, 7, 4, 19, 15, tzinfo=dt.UTC)),  # summer time
])
def test_timestamps_in_the_canonical_forms(text, expected):
    assert parse_timestamp(text, AMSTERDAM) == expected


def test_ambiguous_autumn_hour_takes_the_first_one():
    # 02:30 happens twice on 26 Oct 2025 in Amsterdam; the first is 00:30 UTC.
    assert parse_timestamp("2025-10-26T02:30", AMSTERDAM) == \
        dt.datetime(2025, 10, 26, 0, 30, tzinfo=dt.UTC)


@given(st.datetimes(min_value=dt.datetime(1900, 1, 2), max_value=dt.datetime(2400, 1, 1),
                    timezones=st.timezones()))
def test_any_aware_iso_timestamp_reads_back_as_the_same_instant(moment):
    assert parse_timestamp(moment.isoformat(), AMSTERDAM).timestamp() == moment.timestamp()


@given(st.text(max_size=NOTE_MAX_CHARS).filter(lambda text: "\x00" not in text))
def test_any_note_within_the_limit_is_kept_exactly(note):
    assert validate_event(raw(note=note), JOURNAL).note == note


@given(st.one_of(st.text(max_size=30), st.integers(), st.floats(), st.none()))
def test_garbage_intensity_never_crashes(value):
    try:
        event = validate_event(raw(intensity=value), JOURNAL)
    except InvalidInput as invalid:
        assert "intensity" in invalid.by_field()
    else:
        assert 1 <= event.intensity <= 5


@given(st.text(max_size=40))
def test_garbage_timestamp_never_crashes(value):
    try:
        validate_event(raw(occurred_at=value), JOURNAL)
    except InvalidInput as invalid:
        assert set(invalid.by_field()) == {"occurred_at"}


def test_journal_needs_name_and_two_different_partners():
    with pytest.raises(InvalidInput) as caught:
        validate_journal("", "Anna", "anna")
    assert {p.key for p in caught.value.problems} == \
        {"error.journal_name_empty", "error.partner_names_same"}


def test_journal_rejects_unknown_time_zone():
    with pytest.raises(InvalidInput) as caught:
        validate_journal("Wij", "Anna", "Bram", "Mars/Olympus")
    assert caught.value.by_field()["timezone"].key == "error.timezone_unknown"


def test_valid_journal_is_trimmed():
    journal = validate_journal("  Wij ", " Anna", "Bram ", "Europe/Brussels")
    assert (journal.name, journal.partners, journal.timezone) == \
        ("Wij", ("Anna", "Bram"), "Europe/Brussels")
