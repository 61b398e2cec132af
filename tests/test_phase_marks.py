"""Phases marked by hand: stored with the journal, and never written over by a suggestion."""

from __future__ import annotations

import datetime as dt

import pytest

from nabij.phases.four_phases import Phase
from nabij.phases.marks import (
    MarkRefused,
    PhaseMark,
    PhaseSpan,
    combine,
    marked_spans,
    moved_mark,
    phase_on,
    restorable_mark,
)
from nabij.storage import open_engine
from nabij.storage.migrate import alembic_config, current_revision

D = dt.date


def test_a_mark_lasts_until_the_next_one_or_the_last_day():
    spans = marked_spans([PhaseMark(D(2025, 3, 10), Phase.MIDDLE),
                          PhaseMark(D(2025, 3, 1), Phase.BEGIN)], last_day=D(2025, 3, 31))
    assert spans == [PhaseSpan(D(2025, 3, 1), D(2025, 3, 9), Phase.BEGIN),
                     PhaseSpan(D(2025, 3, 10), D(2025, 3, 31), Phase.MIDDLE)]


def test_an_accepted_span_keeps_its_own_end():
    [span] = marked_spans([PhaseMark(D(2025, 3, 1), Phase.CRISIS, end=D(2025, 3, 5))],
                          last_day=D(2025, 3, 31))
    assert span.end == D(2025, 3, 5)


def test_suggestion_fills_only_days_no_mark_covers():
    marked = [PhaseSpan(D(2025, 3, 10), D(2025, 3, 15), Phase.CRISIS)]
    suggested = [PhaseSpan(D(2025, 3, 1), D(2025, 3, 20), Phase.MIDDLE, suggested=True)]
    combined = combine(marked, suggested)
    assert combined == [PhaseSpan(D(2025, 3, 1), D(2025, 3, 9), Phase.MIDDLE, True),
                        PhaseSpan(D(2025, 3, 10), D(2025, 3, 15), Phase.CRISIS),
                        PhaseSpan(D(2025, 3, 16), D(2025, 3, 20), Phase.MIDDLE, True)]
    assert phase_on(combined, D(2025, 3, 12)).phase is Phase.CRISIS
    assert phase_on(combined, D(2025, 4, 1)) is None


def test_marks_are_stored_edited_and_removed(store, journal):
    store.set_phase_mark(journal.id, PhaseMark(D(2025, 3, 1), Phase.BEGIN))
    store.set_phase_mark(journal.id, PhaseMark(D(2025, 4, 1), Phase.MIDDLE))
    store.set_phase_mark(journal.id, PhaseMark(D(2025, 3, 1), Phase.CRISIS))  # edit
    marks = store.list_phase_marks(journal.id)
    assert [(m.start, m.phase) for m in marks] == [(D(2025, 3, 1), Phase.CRISIS),
                                                  (D(2025, 4, 1), Phase.MIDDLE)]
    before = store.revision(journal.id)
    store.delete_phase_mark(journal.id, marks[0].id)
    assert [m.phase for m in store.list_phase_marks(journal.id)] == [Phase.MIDDLE]
    assert store.revision(journal.id) > before


def test_a_mark_moves_to_a_free_day_only():
    begin = PhaseMark(D(2025, 3, 1), Phase.BEGIN, id=1)
    middle = PhaseMark(D(2025, 4, 1), Phase.MIDDLE, id=2)
    assert moved_mark(begin, D(2025, 3, 5), [begin, middle]) == \
        PhaseMark(D(2025, 3, 5), Phase.BEGIN, id=1)
    assert moved_mark(begin, D(2025, 3, 1), [begin, middle]).start == D(2025, 3, 1)
    with pytest.raises(MarkRefused) as refused:
        moved_mark(begin, D(2025, 4, 1), [begin, middle])
    assert (refused.value.key, refused.value.params) == ("phase_ui.day_taken",
                                                         {"date": D(2025, 4, 1)})
    accepted = PhaseMark(D(2025, 3, 1), Phase.CRISIS, end=D(2025, 3, 5), id=3)
    assert moved_mark(accepted, D(2025, 3, 5), [accepted]).end == D(2025, 3, 5)
    with pytest.raises(MarkRefused) as refused:
        moved_mark(accepted, D(2025, 3, 6), [accepted])
    assert refused.value.key == "phase_ui.after_end"


def test_a_removed_mark_comes_back_unless_its_day_was_taken_meanwhile():
    removed = PhaseMark(D(2025, 3, 1), Phase.CRISIS, end=D(2025, 3, 5), id=4)
    assert restorable_mark(removed, []) == PhaseMark(D(2025, 3, 1), Phase.CRISIS,
                                                     end=D(2025, 3, 5))
    with pytest.raises(MarkRefused) as refused:
        restorable_mark(removed, [PhaseMark(D(2025, 3, 1), Phase.BEGIN, id=5)])
    assert refused.value.key == "phase_ui.undo_day_taken"


def test_moving_a_mark_in_the_store(store, journal):
    store.set_phase_mark(journal.id, PhaseMark(D(2025, 3, 1), Phase.BEGIN))
    store.set_phase_mark(journal.id, PhaseMark(D(2025, 4, 1), Phase.MIDDLE))
    first, second = store.list_phase_marks(journal.id)
    before = store.revision(journal.id)
    moved = store.move_phase_mark(journal.id, first.id, D(2025, 3, 8))
    assert moved == PhaseMark(D(2025, 3, 8), Phase.BEGIN, id=first.id)
    assert store.list_phase_marks(journal.id) == [moved, second]
    assert store.revision(journal.id) > before
    with pytest.raises(MarkRefused):
        store.move_phase_mark(journal.id, first.id, D(2025, 4, 1))
    assert store.list_phase_marks(journal.id) == [moved, second]  # nothing overwritten
    with pytest.raises(LookupError):
        store.move_phase_mark(journal.id, 9999, D(2025, 5, 1))


def test_removing_a_mark_can_be_undone(store, journal):
    store.set_phase_marks(journal.id, [PhaseMark(D(2025, 3, 1), Phase.CRISIS,
                                                 end=D(2025, 3, 5))])
    [mark] = store.list_phase_marks(journal.id)
    removed = store.delete_phase_mark(journal.id, mark.id)
    assert removed == mark and store.list_phase_marks(journal.id) == []
    restored = store.restore_phase_mark(journal.id, removed)
    assert store.list_phase_marks(journal.id) == [restored]
    assert (restored.start, restored.end, restored.phase) == (mark.start, mark.end, mark.phase)
    # Undo twice, or after a new mark on that day: refused, the newer mark stays.
    with pytest.raises(MarkRefused):
        store.restore_phase_mark(journal.id, removed)
    assert store.list_phase_marks(journal.id) == [restored]


def test_marks_belong_to_one_journal(store, journal):
    from nabij.model import Journal

    other = store.create_journal(Journal(None, "Zij", ("C", "D")))
    store.set_phase_mark(other.id, PhaseMark(D(2025, 3, 1), Phase.BEGIN))
    assert store.list_phase_marks(journal.id) == []
    [mark] = store.list_phase_marks(other.id)
    with pytest.raises(LookupError):
        store.delete_phase_mark(journal.id, mark.id)
    with pytest.raises(LookupError):
        store.move_phase_mark(journal.id, mark.id, D(2025, 3, 2))
    assert store.list_phase_marks(other.id) == [mark]


def test_upgrading_a_database_from_the_first_schema_keeps_its_journals(database_url):
    """A Nabij 0.1 database (revision 0001) upgrades in place with its events intact."""
    from alembic import command
    from sqlalchemy import text

    from nabij.model import Event, Kind
    from nabij.storage import Store, upgrade_to_latest

    engine = open_engine(database_url)
    command.upgrade(alembic_config(engine), "0001")
    assert current_revision(engine) == "0001"
    # Written as Nabij 0.1 wrote it: only the columns the first schema has.
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO journals (name, partner_a, partner_b, timezone, created_at, "
            "last_opened_at, revision) VALUES ('Oud', 'A', 'B', 'Europe/Amsterdam', "
            "'2025-01-01 00:00:00', '2025-01-01 00:00:00', 1)"))
        journal_id = conn.execute(text("SELECT id FROM journals")).scalar_one()
        conn.execute(text(
            "INSERT INTO events (journal_id, occurred_at, partner, kind, intensity, note, "
            "context, created_at, updated_at, version) VALUES (:j, '2025-01-01 00:00:00', 0, "
            "'closeness', 3, 'van vroeger', '', '2025-01-01 00:00:00', "
            "'2025-01-01 00:00:00', 1)"), {"j": journal_id})
    upgrade_to_latest(engine)
    assert current_revision(engine) != "0001"
    store = Store(engine)
    [event] = store.list_events(journal_id)
    assert (event.note, event.kind, event.occurred_at) == \
        ("van vroeger", Kind.CLOSENESS, dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    assert store.list_phase_marks(journal_id) == []
    # And the upgraded journal takes new moments.
    store.add_event(journal_id, Event(dt.datetime(2025, 1, 2, tzinfo=dt.UTC), 1,
                                      Kind.DISTANCE, 2, "nieuw"))
    assert len(store.events_table(journal_id)) == 2
    engine.dispose()
