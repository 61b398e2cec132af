"""Calendar reminders to log a moment or to check in before a session, as an .ics file.

The phone's own calendar rings them, so Nabij needs no notifications or server of its own.
A reminder travels outside the journal (into a calendar that may be synced or shared), so it
is built from fixed catalogue text only: it never takes a note, a partner's or a journal's name.
The journal contributes nothing but its time zone, so "every day at 21:00" stays 21:00 local
time across daylight-saving changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, vRecur

from nabij.i18n import Messages
from nabij.model import is_known_timezone

# RFC 5545 weekday codes, Monday first like datetime.weekday().
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
PRODUCT_ID = "-//Nabij//Reminders//NL"
# How long the reminder blocks the calendar: short, it is a nudge, not an appointment.
DURATION = dt.timedelta(minutes=10)


class Purpose(StrEnum):
    """What the reminder is for; each has its own fixed text in the catalogue."""

    LOG = "log"
    SESSION = "session"


class Frequency(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"


@dataclass(frozen=True)
class Reminder:
    """A repeating reminder at a local time in a journal's time zone.

    `weekday` (0 = Monday) is the day of a weekly reminder; a daily one ignores it.
    """

    purpose: Purpose
    frequency: Frequency
    at: dt.time
    timezone: str
    weekday: int = 0

    def __post_init__(self) -> None:
        # Widgets constrain these; a wrong value here is a programming error, said plainly.
        if not is_known_timezone(self.timezone):
            raise ValueError(f"unknown time zone: {self.timezone[:60]!r}")
        if not 0 <= self.weekday <= 6:
            raise ValueError(f"weekday must be 0..6, got {self.weekday}")
        Purpose(self.purpose)
        Frequency(self.frequency)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


def first_occurrence(reminder: Reminder, now: dt.datetime) -> dt.datetime:
    """The first time the reminder rings at or after `now`, as local time in its zone.

    Starting in the future (rather than on some fixed date) keeps a fresh download from
    showing a long history of missed reminders in the calendar.
    """
    local_now = now.astimezone(reminder.zone)
    day = local_now.date()
    if reminder.frequency == Frequency.WEEKLY:
        day += dt.timedelta(days=(reminder.weekday - day.weekday()) % 7)
    start = dt.datetime.combine(day, reminder.at.replace(tzinfo=None), tzinfo=reminder.zone)
    if start < local_now:
        start += dt.timedelta(days=7 if reminder.frequency == Frequency.WEEKLY else 1)
    return start


def recurrence(reminder: Reminder) -> vRecur:
    """The RRULE: every day, or every week on the chosen day."""
    if reminder.frequency == Frequency.WEEKLY:
        return vRecur(freq="WEEKLY", byday=WEEKDAY_CODES[reminder.weekday])
    return vRecur(freq="DAILY")


def reminder_uid(reminder: Reminder) -> str:
    """One UID per purpose and frequency, so downloading a changed time replaces the old one."""
    return f"nabij-reminder-{reminder.purpose}-{reminder.frequency}@nabij.invalid"


def reminder_calendar(reminder: Reminder, msg: Messages, now: dt.datetime) -> bytes:
    """The .ics file: one repeating event with its time zone and an alarm at the start.

    `now` is injected so a test can pin the first occurrence and DTSTAMP.
    """
    start = first_occurrence(reminder, now)
    summary = msg(f"reminders.{reminder.purpose}.summary")
    description = msg(f"reminders.{reminder.purpose}.description")

    event = Event()
    event.add("uid", reminder_uid(reminder))
    event.add("dtstamp", now.astimezone(dt.UTC))
    event.add("dtstart", start)
    event.add("dtend", start + DURATION)
    event.add("rrule", recurrence(reminder))
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", dt.timedelta(0))
    event.add_component(alarm)

    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", msg("reminders.calendar_name"))
    calendar.add_component(event)
    # Only the years around the start: a full 1970..2038 history would bloat the file.
    calendar.add_missing_timezones(first_date=start.date() - dt.timedelta(days=366),
                                   last_date=start.date() + dt.timedelta(days=366 * 5))
    return calendar.to_ical()


def reminder_filename(reminder: Reminder) -> str:
    return f"nabij-reminder-{reminder.purpose}-{reminder.frequency}.ics"
