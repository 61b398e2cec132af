"""Saving, deleting and restoring a moment: validated input only reaches the store.

Kept apart from the Journal page's widgets so the outcomes (refused fields, saved, changed,
changed meanwhile elsewhere, gone) are tested against a real store without Streamlit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from nabij.i18n import Messages
from nabij.model import Event, InvalidInput, Journal, Problem, validate_event
from nabij.moment_input import moment_input
from nabij.moment_words import saved_text
from nabij.storage import EventNotFound, StaleEdit, Store


@dataclass(frozen=True)
class SaveOutcome:
    """Either problems by field (nothing was stored) or the page's notice about the save:
    ("saved", text, new id), ("success", text) for an edit, or ("error", text)."""

    errors: dict[str, Problem] = field(default_factory=dict)
    notice: tuple = ()

    @property
    def stored(self) -> bool:
        return not self.errors and self.notice[0] != "error"


def save_moment(store: Store, journal: Journal, values: Mapping[str, object],
                now: dt.datetime, editing: Event | None, msg: Messages) -> SaveOutcome:
    """Validate the form's `values` (nabij/moment_input.py) at `now` (in the journal's zone),
    then add a new moment or update `editing`. Someone else may have changed or deleted it
    meanwhile: that is an error notice, never an overwrite."""
    try:
        event = validate_event(moment_input(values, now), journal)
        if editing is None:
            saved = store.add_event(journal.id, event)  # PrivateKeyNeeded is an InvalidInput
            return SaveOutcome(notice=("saved", saved_text(saved, journal, msg, now.date()),
                                       saved.id))
        store.update_event(journal.id, event.with_id(editing.id, editing.version))
        return SaveOutcome(notice=("success", msg("form.updated")))
    except InvalidInput as invalid:
        return SaveOutcome(errors=invalid.by_field())
    except StaleEdit:
        return SaveOutcome(notice=("error", msg("events.stale")))
    except EventNotFound:
        return SaveOutcome(notice=("error", msg("events.gone")))


def delete_moment(store: Store, journal_id: int, event_id: int) -> Event | None:
    """Mark a moment deleted (restore_moment undoes it) and return it as it was; None when it
    is gone already (deleted on another screen)."""
    try:
        deleted = store.get_event(journal_id, event_id)
        store.delete_event(journal_id, event_id)
    except EventNotFound:
        return None
    return deleted


def restore_moment(store: Store, journal_id: int, event_id: int) -> bool:
    """Undo a delete; False when the moment is gone for good."""
    try:
        store.restore_event(journal_id, event_id)
    except EventNotFound:
        return False
    return True
