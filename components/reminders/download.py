"""The reminder widget: choose what, how often and when, then download an .ics file."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from nabij.i18n import Messages
from nabij.reminders import (
    Frequency,
    Purpose,
    Reminder,
    reminder_calendar,
    reminder_filename,
)
from nabij.text_safety import escape_markdown

DEFAULT_TIME = dt.time(21, 0)


def reminder_section(msg: Messages, timezone: str, now: dt.datetime | None = None) -> None:
    """A small form for a reminder in the journal's time zone; it carries no journal content."""
    with st.expander(msg("reminders.heading"), icon=":material/notifications:"):
        st.caption(msg("reminders.intro"))
        purpose = st.segmented_control(
            msg("reminders.purpose_label"), list(Purpose), key="reminder_purpose",
            default=Purpose.LOG, format_func=lambda value: msg(f"reminders.purpose.{value}"),
            required=True)
        frequency = st.segmented_control(
            msg("reminders.frequency_label"), list(Frequency), key="reminder_frequency",
            default=Frequency.DAILY,
            format_func=lambda value: msg(f"reminders.frequency.{value}"), required=True)
        weekday = 0
        if frequency == Frequency.WEEKLY:
            weekday = st.selectbox(msg("reminders.weekday_label"), range(7),
                                   key="reminder_weekday",
                                   format_func=lambda day: msg(f"reminders.weekday.{day}"))
        at = st.time_input(msg("reminders.time_label"), value=DEFAULT_TIME, step=900,
                           key="reminder_time")
        st.caption(msg("reminders.timezone_caption", zone=escape_markdown(timezone)))
        reminder = Reminder(Purpose(purpose or Purpose.LOG),
                            Frequency(frequency or Frequency.DAILY), at, timezone, weekday)
        st.download_button(msg("reminders.download"),
                           reminder_calendar(reminder, msg, now or dt.datetime.now(dt.UTC)),
                           file_name=reminder_filename(reminder), mime="text/calendar",
                           icon=":material/event:", key="reminder_download",
                           on_click="ignore")
