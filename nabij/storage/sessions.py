"""Check-ins, cycle maps and sessions of a journal in the database (tables of migration 0004),
and the day of the next session (a column of `journals`, migration 0009).

Every write runs in one transaction that also bumps the journal's revision, like every other
write to a journal, so caches keyed on the revision see it. Every query is scoped to a journal.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, insert, select, update

from nabij.model import BodySignal, Kind
from nabij.session.records import CheckIn, CycleMap, SessionNote
from nabij.storage.engine import reading
from nabij.storage.store import EventNotFound, Store, TextCodec, _now
from nabij.storage.tables import check_ins, cycle_maps, events, journals, row_label, sessions


class NotADistanceMoment(ValueError):
    """A cycle map belongs to a moment of distance; this moment is one of closeness."""


def _map_from_row(row, codec: TextCodec) -> CycleMap:
    def text(column: str) -> str:
        return codec.open(f"cycle_maps.{column}", row[column], row_label(row["event_id"]))

    return CycleMap(
        event_id=row["event_id"], triggered_by=text("triggered_by"),
        felt=(text("felt_0"), text("felt_1")), did=(text("did_0"), text("did_1")),
        body=tuple(BodySignal(code) if code else None  # type: ignore[arg-type]
                   for code in (row["body_0"], row["body_1"])))


class SessionStore:
    """The session records of the journals in one Store's database."""

    def __init__(self, store: Store):
        self.store = store
        self.engine = store.engine

    # Check-ins ------------------------------------------------------------------------------

    def check_ins(self, journal_id: int) -> list[CheckIn]:
        with reading(self.engine) as conn:
            self.store.codec(conn, journal_id)
            rows = conn.execute(select(check_ins).where(check_ins.c.journal_id == journal_id)
                                .order_by(check_ins.c.day, check_ins.c.partner)).mappings()
            return [CheckIn(day=row["day"], partner=row["partner"], score=row["score"])
                    for row in rows]

    def set_check_in(self, journal_id: int, check_in: CheckIn) -> None:
        """Store a check-in; one already there for that day and partner is replaced."""
        with self.engine.begin() as conn:
            self.store._bump_revision(conn, journal_id)
            self.store.codec(conn, journal_id)
            conn.execute(delete(check_ins).where(
                check_ins.c.journal_id == journal_id, check_ins.c.day == check_in.day,
                check_ins.c.partner == check_in.partner))
            conn.execute(insert(check_ins).values(
                journal_id=journal_id, day=check_in.day, partner=check_in.partner,
                score=check_in.score, created_at=_now()))

    def remove_check_in(self, journal_id: int, day: dt.date, partner: int) -> None:
        with self.engine.begin() as conn:
            self.store._bump_revision(conn, journal_id)
            self.store.codec(conn, journal_id)
            conn.execute(delete(check_ins).where(
                check_ins.c.journal_id == journal_id, check_ins.c.day == day,
                check_ins.c.partner == partner))

    # Cycle maps -----------------------------------------------------------------------------

    def cycle_maps(self, journal_id: int) -> dict[int, CycleMap]:
        """The maps of the journal's moments that are not deleted, by event id."""
        query = (select(cycle_maps).join(events, events.c.id == cycle_maps.c.event_id)
                 .where(cycle_maps.c.journal_id == journal_id, events.c.deleted_at.is_(None)))
        with reading(self.engine) as conn:
            codec = self.store.codec(conn, journal_id)
            return {row["event_id"]: _map_from_row(row, codec)
                    for row in conn.execute(query).mappings()}

    def save_cycle_map(self, journal_id: int, cycle_map: CycleMap) -> None:
        """Store the map of one distance moment of this journal, replacing an earlier one."""
        with self.engine.begin() as conn:
            kind = conn.execute(select(events.c.kind).where(
                events.c.journal_id == journal_id, events.c.id == cycle_map.event_id,
                events.c.deleted_at.is_(None))).scalar_one_or_none()
            if kind is None:
                raise EventNotFound(cycle_map.event_id)
            if kind != str(Kind.DISTANCE):
                raise NotADistanceMoment(cycle_map.event_id)
            self.store._bump_revision(conn, journal_id)
            codec = self.store.codec(conn, journal_id)

            def sealed(column: str, text: str) -> str:
                return codec.seal(f"cycle_maps.{column}", text, row_label(cycle_map.event_id))

            conn.execute(delete(cycle_maps).where(cycle_maps.c.journal_id == journal_id,
                                                  cycle_maps.c.event_id == cycle_map.event_id))
            conn.execute(insert(cycle_maps).values(
                event_id=cycle_map.event_id, journal_id=journal_id,
                triggered_by=sealed("triggered_by", cycle_map.triggered_by),
                felt_0=sealed("felt_0", cycle_map.felt[0]),
                felt_1=sealed("felt_1", cycle_map.felt[1]),
                did_0=sealed("did_0", cycle_map.did[0]), did_1=sealed("did_1", cycle_map.did[1]),
                body_0=str(cycle_map.body[0]) if cycle_map.body[0] else None,
                body_1=str(cycle_map.body[1]) if cycle_map.body[1] else None,
                updated_at=_now()))

    # Sessions -------------------------------------------------------------------------------

    def sessions(self, journal_id: int) -> list[SessionNote]:
        with reading(self.engine) as conn:
            codec = self.store.codec(conn, journal_id)
            rows = conn.execute(select(sessions).where(sessions.c.journal_id == journal_id)
                                .order_by(sessions.c.held_on)).mappings()
            return [SessionNote(held_on=row["held_on"],
                                next_step=codec.open("sessions.next_step", row["next_step"],
                                                     row_label(row["held_on"])))
                    for row in rows]

    def save_session(self, journal_id: int, note: SessionNote) -> None:
        """Record the session of a day with its next step; saving again that day replaces it."""
        with self.engine.begin() as conn:
            self.store._bump_revision(conn, journal_id)
            codec = self.store.codec(conn, journal_id)
            conn.execute(delete(sessions).where(sessions.c.journal_id == journal_id,
                                                sessions.c.held_on == note.held_on))
            conn.execute(insert(sessions).values(
                journal_id=journal_id, held_on=note.held_on,
                next_step=codec.seal("sessions.next_step", note.next_step,
                                     row_label(note.held_on)),
                updated_at=_now()))

    # The next session ----------------------------------------------------------------------

    def next_session(self, journal_id: int) -> dt.date | None:
        """The day the couple set for their next session; None when they set none."""
        with reading(self.engine) as conn:
            self.store.codec(conn, journal_id)
            return conn.execute(select(journals.c.next_session_on).where(
                journals.c.id == journal_id)).scalar_one_or_none()

    def set_next_session(self, journal_id: int, day: dt.date | None) -> None:
        """Set (or with None, clear) the day of the next session."""
        with self.engine.begin() as conn:
            self.store._bump_revision(conn, journal_id)
            self.store.codec(conn, journal_id)
            conn.execute(update(journals).where(journals.c.id == journal_id)
                         .values(next_session_on=day))
