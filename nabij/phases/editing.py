"""The phase editor's changes to a journal's marks, and what each one tells the user.

Every outcome is a `Notice` (a catalogue key and its values, dates still dates), so the page
only shows it: an incomplete form, a mark removed in another tab or a day another mark starts
on is a message that changes nothing, never a traceback. The rules themselves (never over
another mark) are in marks.py and the store; this module stays free of storage by taking any
object with the store's methods.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from nabij.i18n import Messages
from nabij.phases.four_phases import PHASE_ORDER, Phase
from nabij.phases.marks import MarkRefused, PhaseMark, PhaseSpan


class MarkStore(Protocol):
    """What the editor needs of nabij.storage.Store."""

    def set_phase_marks(self, journal_id: int, marks: Iterable[PhaseMark]) -> None: ...

    def move_phase_mark(self, journal_id: int, mark_id: int, start: dt.date) -> PhaseMark: ...

    def restore_phase_mark(self, journal_id: int, mark: PhaseMark) -> PhaseMark: ...


@dataclass(frozen=True)
class Notice:
    """What a change did: `ok`, and the catalogue key with its values."""

    ok: bool
    key: str
    params: Mapping[str, object] = field(default_factory=dict)

    def text(self, msg: Messages) -> str:
        """In the user's words: a phase by its name, a day as a date."""
        return msg(self.key, **{name: _worded(value, msg) for name, value in self.params.items()})


def _worded(value: object, msg: Messages) -> object:
    if isinstance(value, Phase):
        return msg(f"phase.{value}")
    if isinstance(value, dt.date):
        return msg.date(value)
    return value


INCOMPLETE = Notice(False, "phase_ui.mark_incomplete")
GONE = Notice(False, "phase_ui.mark_gone")


def add_mark(store: MarkStore, journal_id: int, day: object, phase: object) -> Notice:
    """Mark `phase` from `day` on (the form's values, unchecked until here)."""
    if not isinstance(day, dt.date) or phase not in PHASE_ORDER:
        return INCOMPLETE
    store.set_phase_marks(journal_id, [PhaseMark(start=day, phase=Phase(phase))])
    return Notice(True, "phase_ui.marked", {"phase": Phase(phase), "date": day})


def move_mark(store: MarkStore, journal_id: int, mark_id: int, day: object) -> Notice:
    """Give a mark another first day, unless that day is taken or the mark is gone."""
    if not isinstance(day, dt.date):
        return INCOMPLETE
    try:
        moved = store.move_phase_mark(journal_id, mark_id, day)
    except LookupError:
        return GONE
    except MarkRefused as refused:
        return Notice(False, refused.key, refused.params)
    return Notice(True, "phase_ui.moved", {"phase": Phase(moved.phase), "date": moved.start})


def restore_mark(store: MarkStore, journal_id: int, removed: PhaseMark) -> Notice:
    """Undo a removal, unless a newer mark now starts on its day."""
    try:
        restored = store.restore_phase_mark(journal_id, removed)
    except MarkRefused as refused:
        return Notice(False, refused.key, refused.params)
    return Notice(True, "phase_ui.restored",
                  {"phase": Phase(restored.phase), "date": restored.start})


def accept_spans(store: MarkStore, journal_id: int, spans: tuple[PhaseSpan, ...]) -> Notice:
    """Take suggested spans as marks, each keeping its own end: all land or none."""
    store.set_phase_marks(journal_id, [PhaseMark(span.start, span.phase, end=span.end)
                                       for span in spans])
    return Notice(True, "phase_ui.accepted", {"count": len(spans)})
