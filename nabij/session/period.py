"""Which days a session looks back on: since the last session, or the last four weeks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from nabij.model import Journal
from nabij.session.records import SessionNote

DEFAULT_DAYS = 28


def journal_today(journal: Journal) -> dt.date:
    """The day it is where the couple lives: a session belongs to their day, not the server's."""
    return dt.datetime.now(journal.zone).date()


def planned_session(planned: dt.date | None, today: dt.date) -> dt.date | None:
    """The next session still ahead; one whose day has passed has been, so none is planned."""
    return None if planned is None or planned < today else planned


def last_session_before(notes: Iterable[SessionNote], day: dt.date) -> SessionNote | None:
    """The most recent session held before `day` (a session saved today is this one)."""
    earlier = [note for note in notes if note.held_on < day]
    return max(earlier, key=lambda note: note.held_on) if earlier else None


def session_period(today: dt.date, last_session: SessionNote | None,
                   last_moment_day: dt.date | None = None,
                   default_days: int = DEFAULT_DAYS) -> tuple[dt.date, dt.date]:
    """From the day of the last session up to today.

    Without an earlier session: the last `default_days` days. When nothing was logged in
    those days (a journal that paused, or the example journal), the `default_days` up to the
    last logged moment instead, so the session shows the latest weeks rather than nothing.
    """
    if last_session is not None and last_session.held_on <= today:
        return last_session.held_on, today
    end = today
    if last_moment_day is not None and last_moment_day <= today - dt.timedelta(days=default_days):
        end = last_moment_day
    return end - dt.timedelta(days=default_days - 1), end


def chosen_period(chosen: object, default: tuple[dt.date, dt.date]) -> tuple[dt.date, dt.date]:
    """The days someone picked, in order; the default until a whole range is picked (the date
    picker gives one day while the second is still being chosen)."""
    if isinstance(chosen, (tuple, list)) and len(chosen) == 2:
        return min(chosen), max(chosen)
    return default
