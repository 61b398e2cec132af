"""Calendar reminders: the rule, the time zone, and that no journal content gets in."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar

from nabij.i18n import Messages
from nabij.reminders import (
    Frequency,
    Purpose,
    Reminder,
    first_occurrence,
    reminder_calendar,
)

# Saturday 5 December 2026, 19:00 in Amsterdam.
NOW = dt.datetime(2026, 12, 5, 18, 0, tzinfo=dt.UTC)


def read_back(data: bytes) -> tuple[Calendar, object]:
    calendar = Calendar.from_ical(data)
    [event] = calendar.walk("VEVENT")
    return calendar, event


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_daily_reminder_rings_at_the_chosen_local_time_in_the_journal_zone(language):
    reminder = Reminder(Purpose.LOG, Frequency.DAILY, dt.time(21, 0), "Europe/Amsterdam")
    calendar, event = read_back(reminder_calendar(reminder, Messages(language), NOW))
    start = event.decoded("dtstart")
    assert start == dt.datetime(2026, 12, 5, 21, 0, tzinfo=start.tzinfo)
    assert str(event["dtstart"].params["TZID"]) == "Europe/Amsterdam"
    assert [str(zone["tzid"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    assert event["rrule"]["FREQ"] == ["DAILY"]
    assert str(event["summary"]) == Messages(language)("reminders.log.summary")
    [alarm] = event.walk("VALARM")
    assert alarm.decoded("trigger") == dt.timedelta(0)


def test_a_weekly_reminder_names_its_day_and_starts_on_it():
    reminder = Reminder(Purpose.SESSION, Frequency.WEEKLY, dt.time(8, 30), "America/New_York",
                        weekday=2)
    _, event = read_back(reminder_calendar(reminder, Messages("en"), NOW))
    assert event["rrule"]["FREQ"] == ["WEEKLY"]
    assert event["rrule"]["BYDAY"] == ["WE"]
    start = event.decoded("dtstart")
    assert (start.date(), start.time()) == (dt.date(2026, 12, 9), dt.time(8, 30))
    assert str(event["dtstart"].params["TZID"]) == "America/New_York"
    assert str(event["summary"]) == "Nabij: check in before your session"


def test_a_time_already_past_today_starts_tomorrow():
    reminder = Reminder(Purpose.LOG, Frequency.DAILY, dt.time(9, 0), "Europe/Amsterdam")
    assert first_occurrence(reminder, NOW).date() == dt.date(2026, 12, 6)


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("purpose", list(Purpose))
def test_the_file_holds_only_fixed_catalogue_text(language, purpose):
    """Whatever the journal holds never reaches the calendar: only catalogue text is used."""
    msg = Messages(language)
    reminder = Reminder(purpose, Frequency.WEEKLY, dt.time(20, 0), "Europe/Amsterdam", 4)
    data = reminder_calendar(reminder, msg, NOW)
    _, event = read_back(data)
    texts = {str(event["summary"]), str(event["description"])}
    assert texts == {msg(f"reminders.{purpose}.summary"),
                     msg(f"reminders.{purpose}.description")}
    # No property that could carry anything else (no LOCATION, ATTENDEE, COMMENT, ...).
    assert set(event) == {"UID", "DTSTAMP", "DTSTART", "DTEND", "RRULE", "SUMMARY",
                          "DESCRIPTION", "TRANSP"}
    for absent in ("Anna", "Bram", "Wij"):
        assert absent not in data.decode()


def test_an_unknown_time_zone_or_day_is_refused():
    with pytest.raises(ValueError):
        Reminder(Purpose.LOG, Frequency.DAILY, dt.time(21), "Mars/Olympus")
    with pytest.raises(ValueError):
        Reminder(Purpose.LOG, Frequency.WEEKLY, dt.time(21), "Europe/Amsterdam", weekday=7)


@given(at=st.times(), weekday=st.integers(0, 6),
       now=st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1),
                        timezones=st.just(dt.UTC)),
       frequency=st.sampled_from(list(Frequency)))
def test_the_first_occurrence_is_never_in_the_past_and_within_one_period(at, weekday, now,
                                                                          frequency):
    reminder = Reminder(Purpose.LOG, frequency, at, "Europe/Amsterdam", weekday)
    start = first_occurrence(reminder, now)
    period = dt.timedelta(days=7 if frequency == Frequency.WEEKLY else 1)
    # Daylight-saving shifts move a wall-clock time by at most an hour.
    assert now - dt.timedelta(hours=1) <= start < now + period + dt.timedelta(hours=1)
    if frequency == Frequency.WEEKLY:
        assert start.weekday() == weekday
