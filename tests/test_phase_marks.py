"""Phases marked by hand: stored with the journal, and never written over by a suggestion."""

from __future__ import annotations

import datetime as dt

import pytest

from nabij.phases.four_phases import Phase
from nabij.phases.marks import PhaseMark, PhaseSpan, combine, marked_spans, phase_on
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


def test_marks_belong_to_one_journal(store, journal):
    from nabij.model import Journal

    other = store.create_journal(Journal(None, "Zij", ("C", "D")))
    store.set_phase_mark(other.id, PhaseMark(D(2025, 3, 1), Phase.BEGIN))
    assert store.list_phase_marks(journal.id) == []
    [mark] = store.list_phase_marks(other.id)
    with pytest.raises(LookupError):
        store.delete_phase_mark(journal.id, mark.id)


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
