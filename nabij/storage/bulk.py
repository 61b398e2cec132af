"""Adding an import's events in one transaction, leaving out what the journal already has."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select

from nabij.io.importing import event_identity, plan_import
from nabij.model import Event, Kind
from nabij.storage.store import Store, _now, insert_events
from nabij.storage.tables import event_row_label, events


@dataclass(frozen=True)
class ImportOutcome:
    added: list[Event]
    already_present: int
    repeated_in_file: int


def add_new_events(store: Store, journal_id: int, new_events: Iterable[Event]) -> ImportOutcome:
    """Add the events the journal does not have yet: all of them, or (on any error) none.

    The journal's row is updated first, which locks it until the commit (PostgreSQL) or holds
    the write lock (SQLite, BEGIN IMMEDIATE): two imports of the same file at the same moment
    run one after the other, and the second one finds the first one's events.
    """
    batch = list(new_events)
    now = _now()
    with store.engine.begin() as conn:
        revision = Store._bump_revision(conn, journal_id)
        codec = store.codec(conn, journal_id)
        existing = conn.execute(select(
            events.c.id, events.c.occurred_at, events.c.partner, events.c.kind,
            events.c.intensity, events.c.note, events.c.visibility).where(
                events.c.journal_id == journal_id, events.c.deleted_at.is_(None)))
        present = [Event(occurred_at=row.occurred_at, partner=row.partner, kind=Kind(row.kind),
                         intensity=row.intensity,
                         note=codec.open("events.note", row.note,
                                         event_row_label(row.id, row.visibility)))
                   for row in existing]
        plan = plan_import(batch, present)
        added: list[Event] = []
        if plan.new:
            new_ids = insert_events(conn, journal_id, plan.new, codec, revision, now)
            added = [event.with_id(new_id) for event, new_id in zip(plan.new, new_ids,
                                                                    strict=True)]
    return ImportOutcome(added=added, already_present=plan.already_present,
                         repeated_in_file=plan.repeated_in_file)


__all__ = ["ImportOutcome", "add_new_events", "event_identity"]
