"""The phase editor's changes: each lands or says why not, in the user's words, and an
incomplete form or a refused day changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from nabij.i18n import Messages
from nabij.phases.editing import (
    GONE,
    INCOMPLETE,
    Notice,
    accept_spans,
    add_mark,
    move_mark,
    restore_mark,
)
from nabij.phases.four_phases import Phase
from nabij.phases.marks import PhaseMark, PhaseSpan

D = dt.date
NL, EN = Messages("nl"), Messages("en")


def marks(store, journal) -> list[tuple[dt.date, Phase, dt.date | None]]:
    return [(m.start, m.phase, m.end) for m in store.list_phase_marks(journal.id)]


def test_a_new_mark_lands_and_says_which_phase_from_which_day(store, journal):
    notice = add_mark(store, journal.id, D(2025, 3, 4), "crisis")
    assert marks(store, journal) == [(D(2025, 3, 4), Phase.CRISIS, None)]
    assert notice.ok
    assert notice.text(EN) == EN("phase_ui.marked", phase=EN("phase.crisis"),
                                 date=EN.date(D(2025, 3, 4)))
    assert "4 mrt" in notice.text(NL) and NL("phase.crisis") in notice.text(NL)


@pytest.mark.parametrize("day, phase", [(None, "crisis"), (D(2025, 3, 4), None),
                                        (D(2025, 3, 4), "no phase"), ("2025-03-04", "begin")])
def test_an_incomplete_form_changes_nothing(store, journal, day, phase):
    assert add_mark(store, journal.id, day, phase) == INCOMPLETE
    assert marks(store, journal) == []
    assert not INCOMPLETE.ok and INCOMPLETE.text(NL) == NL("phase_ui.mark_incomplete")


def test_moving_a_mark_onto_a_day_another_starts_on_is_refused(store, journal):
    store.set_phase_mark(journal.id, PhaseMark(D(2025, 3, 1), Phase.BEGIN))
    store.set_phase_mark(journal.id, PhaseMark(D(2025, 3, 10), Phase.MIDDLE))
    first = store.list_phase_marks(journal.id)[0]
    refused = move_mark(store, journal.id, first.id, D(2025, 3, 10))
    assert refused == Notice(False, "phase_ui.day_taken", {"date": D(2025, 3, 10)})
    assert refused.text(EN) == EN("phase_ui.day_taken", date=EN.date(D(2025, 3, 10)))
    assert marks(store, journal)[0][0] == D(2025, 3, 1)
    assert move_mark(store, journal.id, first.id, None) == INCOMPLETE
    moved = move_mark(store, journal.id, first.id, D(2025, 3, 3))
    assert moved == Notice(True, "phase_ui.moved", {"phase": Phase.BEGIN, "date": D(2025, 3, 3)})
    assert marks(store, journal)[0][0] == D(2025, 3, 3)


def test_moving_a_mark_removed_elsewhere_says_it_is_gone(store, journal):
    store.set_phase_mark(journal.id, PhaseMark(D(2025, 3, 1), Phase.BEGIN))
    [mark] = store.list_phase_marks(journal.id)
    store.delete_phase_mark(journal.id, mark.id)
    assert move_mark(store, journal.id, mark.id, D(2025, 3, 2)) == GONE
    assert marks(store, journal) == []


def test_undo_puts_a_removed_mark_back_unless_its_day_is_taken_again(store, journal):
    store.set_phase_mark(journal.id, PhaseMark(D(2025, 3, 1), Phase.TURNING_POINT))
    [mark] = store.list_phase_marks(journal.id)
    removed = store.delete_phase_mark(journal.id, mark.id)
    store.set_phase_mark(journal.id, PhaseMark(D(2025, 3, 1), Phase.BEGIN))
    refused = restore_mark(store, journal.id, removed)
    assert not refused.ok and refused.key == "phase_ui.undo_day_taken"
    assert marks(store, journal) == [(D(2025, 3, 1), Phase.BEGIN, None)]
    store.delete_phase_mark(journal.id, store.list_phase_marks(journal.id)[0].id)
    restored = restore_mark(store, journal.id, removed)
    assert restored == Notice(True, "phase_ui.restored", {"phase": Phase.TURNING_POINT,
                                                          "date": D(2025, 3, 1)})
    assert marks(store, journal) == [(D(2025, 3, 1), Phase.TURNING_POINT, None)]


def test_accepted_spans_keep_their_own_ends_and_are_counted(store, journal):
    spans = (PhaseSpan(D(2025, 3, 1), D(2025, 3, 5), Phase.BEGIN, suggested=True),
             PhaseSpan(D(2025, 3, 6), D(2025, 3, 20), Phase.MIDDLE, suggested=True))
    notice = accept_spans(store, journal.id, spans)
    assert notice.text(NL) == NL("phase_ui.accepted", count=2)
    assert marks(store, journal) == [(D(2025, 3, 1), Phase.BEGIN, D(2025, 3, 5)),
                                     (D(2025, 3, 6), Phase.MIDDLE, D(2025, 3, 20))]
