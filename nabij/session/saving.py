"""What the session page's callbacks write down: each value judged first (InvalidInput, and
nothing written), then kept in the journal's records, the database or the demo's memory."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from nabij.session.records import (
    SessionNote,
    SessionRecords,
    cycle_map_from_fields,
    validate_check_in,
    validate_next_session,
    validate_next_step,
)


def pick_check_in(records: SessionRecords, journal_id: int | None, day: dt.date, slot: int,
                  score: object) -> bool:
    """A partner's pick of circles for `day`; None (the same pair clicked again) takes the
    check-in back, as skipping is fine. True when a check-in was saved."""
    if score is None:
        records.remove_check_in(journal_id, day, slot)
        return False
    records.set_check_in(journal_id, validate_check_in(day, slot, score))
    return True


def write_cycle_map(records: SessionRecords, journal_id: int | None, event_id: int,
                    fields: Mapping[str, object]) -> None:
    """The map form's fields (see MAP_FIELDS) for one moment. Besides InvalidInput, storage
    raises EventNotFound or another ValueError when the moment went or is no distance moment."""
    records.save_cycle_map(journal_id, cycle_map_from_fields(event_id, fields))


def write_next_step(records: SessionRecords, journal_id: int | None, day: dt.date,
                    text: object) -> None:
    """The one small next step agreed today (a second save today replaces the first)."""
    records.save_session(journal_id, SessionNote(held_on=day, next_step=validate_next_step(text)))


def plan_next_session(records: SessionRecords, journal_id: int | None, value: object,
                      today: dt.date) -> dt.date | None:
    """The day of the next session from the calendar (None clears it); the day kept."""
    day = validate_next_session(value, today)
    records.set_next_session(journal_id, day)
    return day
