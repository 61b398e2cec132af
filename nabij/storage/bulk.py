"""Adding an import's events in one transaction, leaving out what the journal already has.

What the journal "already has" includes the moments someone deleted: importing the same file
again must not bring back a moment that was removed on purpose.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.engine import Connection

from nabij.io.importing import KnownEvents, event_identity, plan_import
from nabij.model import Event
from nabij.storage.store import Store, TextCodec, _now, event_from_row, insert_events
from nabij.storage.tables import events


@dataclass(frozen=True)
class ImportOutcome:
    added: list[Event]
    already_present: int
    repeated_in_file: int
    deleted_before: int = 0


def _known_events(conn: Connection, codec: TextCodec, journal_id: int) -> KnownEvents:
    rows = conn.execute(select(events).where(events.c.journal_id == journal_id)).mappings()
    known = KnownEvents()
    for row in rows:
        event = event_from_row(row, codec)  # another partner's private moment: not known here
        if event is not None:
            (known.live if row["deleted_at"] is None else known.deleted).append(event)
    return known


def known_events(store: Store, journal_id: int) -> KnownEvents:
    """The journal's live and deleted moments, for the preview of an import."""
    with store.engine.connect() as conn:
        return _known_events(conn, store.codec(conn, journal_id), journal_id)


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
        plan = plan_import(batch, _known_events(conn, codec, journal_id))
        added: list[Event] = []
        if plan.new:
            new_ids = insert_events(conn, journal_id, plan.new, codec, revision, now)
            added = [event.with_id(new_id) for event, new_id in zip(plan.new, new_ids,
                                                                    strict=True)]
    return ImportOutcome(added=added, already_present=plan.already_present,
                         repeated_in_file=plan.repeated_in_file,
                         deleted_before=plan.deleted_before)


__all__ = ["ImportOutcome", "add_new_events", "event_identity", "known_events"]
