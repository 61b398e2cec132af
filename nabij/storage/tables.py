"""The database tables. Changing them needs an Alembic migration in storage/migrations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)


class UTCDateTime(TypeDecorator):
    """Stores aware datetimes as naive UTC and gives them back aware.

    SQLite has no time zones and PostgreSQL's `timestamp` has none either: keeping UTC by
    convention makes the stored moment unambiguous on both, summer time included.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


metadata = MetaData(naming_convention={
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

journals = Table(
    "journals", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(80), nullable=False),
    # Sealed with the journal's key when it has a passphrase (SEALED_JOURNAL_COLUMNS). SQLite
    # does not enforce lengths; PostgreSQL needs TEXT for the sealed form (migration 0007).
    # The 60-character limit is the domain's (nabij.model.validate_journal).
    Column("partner_a", String(60).with_variant(Text(), "postgresql"), nullable=False),
    Column("partner_b", String(60).with_variant(Text(), "postgresql"), nullable=False),
    Column("timezone", String(64), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("last_opened_at", UTCDateTime, nullable=False),
    # Bumped by every write to the journal's events: a cheap key for caches, read each rerun.
    Column("revision", Integer, nullable=False, server_default="0"),
    # Set when the journal has a passphrase (migration 0005): its Argon2id hash, and the salt
    # of the key its free text is sealed with (nabij.security). Both empty: no passphrase.
    Column("passphrase_hash", String(200), nullable=True),
    Column("key_salt", String(64), nullable=True),
    # The coach key (migration 0008): random, wrapped with the journal key. What a couple
    # shares with their coach is sealed with it, and a share hands a coach this key only.
    Column("coach_key_wrapped", Text, nullable=True),
    # The local day of the couple's next session, if they set one (migration 0009): what a
    # coach's practice overview shows. A date only, like a session's `held_on`.
    Column("next_session_on", Date, nullable=True),
)

events = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True),
    Column("journal_id", Integer, ForeignKey("journals.id", ondelete="RESTRICT"),
           nullable=False),
    Column("occurred_at", UTCDateTime, nullable=False),
    Column("partner", SmallInteger, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("intensity", SmallInteger, nullable=False),
    Column("body", String(16), nullable=True),
    Column("note", Text, nullable=False, server_default=""),
    Column("context", Text, nullable=False, server_default=""),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    # Deleting only marks the row, so a delete can be undone and nothing is lost by a slip.
    Column("deleted_at", UTCDateTime, nullable=True),
    # Raised by every edit: an edit made on an older version is refused, not applied.
    Column("version", Integer, nullable=False, server_default="1"),
    # The journal revision of the row's last write: "what changed since revision N" is one
    # indexed query, exact whatever the clocks of the processes writing.
    Column("changed_revision", Integer, nullable=False, server_default="0"),
    # Who may see the moment and its note (nabij.model.Visibility); migration 0004.
    Column("visibility", String(8), nullable=False, server_default="partner"),
    # A private moment's kind, strength, body, note and context sealed with its author's own
    # key (nabij.storage.private_moments); its plain columns then hold placeholders. Empty
    # for every other moment, and for private ones from before personal keys (migration 0008).
    Column("private_payload", Text, nullable=True),
    CheckConstraint("partner IN (0, 1)", name="partner_slot"),
    CheckConstraint("intensity BETWEEN 1 AND 5", name="intensity_range"),
    CheckConstraint("kind IN ('closeness', 'distance')", name="kind_code"),
    CheckConstraint("body IS NULL OR body IN ('calm', 'alarm', 'shutdown')", name="body_code"),
    CheckConstraint("visibility IN ('private', 'partner', 'coach')", name="visibility_code"),
    Index("ix_events_journal_time", "journal_id", "occurred_at"),
    Index("ix_events_journal_changed", "journal_id", "changed_revision"),
    # Counting a journal's live moments reads only this index (migration 0006): the snapshot
    # checks that count after every write, and the Journals page shows it per journal.
    Index("ix_events_journal_deleted", "journal_id", "deleted_at"),
    # The few sealed moments (migration 0010): the count of what a reader may see subtracts
    # the ones they may not open without reading every row.
    Index("ix_events_journal_sealed", "journal_id", "deleted_at",
          sqlite_where=text("private_payload IS NOT NULL"),
          postgresql_where=text("private_payload IS NOT NULL")),
)

phase_marks = Table(
    "phase_marks", metadata,
    Column("id", Integer, primary_key=True),
    Column("journal_id", Integer, ForeignKey("journals.id", ondelete="RESTRICT"),
           nullable=False),
    # Local calendar days of the journal: a phase is a matter of days, not of instants.
    Column("start_day", Date, nullable=False),
    # Empty: the phase lasts until the next mark. Set: an accepted suggestion's own end.
    Column("end_day", Date, nullable=True),
    Column("phase", String(16), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    CheckConstraint("phase IN ('begin', 'middle', 'crisis', 'turning_point')",
                    name="phase_code"),
    CheckConstraint("end_day IS NULL OR end_day >= start_day", name="end_after_start"),
    UniqueConstraint("journal_id", "start_day", name="uq_phase_marks_journal_day"),
)

# Sessions together (migration 0004): check-ins, cycle maps and the sessions themselves.
# Text columns hold at most nabij.session.records.TEXT_MAX_CHARS characters (the domain's
# limit; the columns are TEXT since 0005 so sealed text fits).

check_ins = Table(
    "check_ins", metadata,
    Column("id", Integer, primary_key=True),
    Column("journal_id", Integer, ForeignKey("journals.id", ondelete="RESTRICT"),
           nullable=False),
    # The journal's local calendar day: one check-in per partner and day, a new one replaces it.
    Column("day", Date, nullable=False),
    Column("partner", SmallInteger, nullable=False),
    # Inclusion of Other in the Self: 1 (two circles apart) to 7 (almost one).
    Column("score", SmallInteger, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    CheckConstraint("partner IN (0, 1)", name="partner_slot"),
    CheckConstraint("score BETWEEN 1 AND 7", name="score_range"),
    UniqueConstraint("journal_id", "day", "partner", name="uq_check_ins_journal_day_partner"),
)

cycle_maps = Table(
    "cycle_maps", metadata,
    # One map per distance moment: the event's id is the key.
    Column("event_id", Integer, ForeignKey("events.id", ondelete="RESTRICT"), primary_key=True),
    Column("journal_id", Integer, ForeignKey("journals.id", ondelete="RESTRICT"),
           nullable=False),
    Column("triggered_by", Text, nullable=False, server_default=""),
    Column("felt_0", Text, nullable=False, server_default=""),
    Column("felt_1", Text, nullable=False, server_default=""),
    Column("did_0", Text, nullable=False, server_default=""),
    Column("did_1", Text, nullable=False, server_default=""),
    Column("body_0", String(16), nullable=True),
    Column("body_1", String(16), nullable=True),
    Column("updated_at", UTCDateTime, nullable=False),
    CheckConstraint("body_0 IS NULL OR body_0 IN ('calm', 'alarm', 'shutdown')",
                    name="body_0_code"),
    CheckConstraint("body_1 IS NULL OR body_1 IN ('calm', 'alarm', 'shutdown')",
                    name="body_1_code"),
    Index("ix_cycle_maps_journal", "journal_id"),
)

sessions = Table(
    "sessions", metadata,
    Column("id", Integer, primary_key=True),
    Column("journal_id", Integer, ForeignKey("journals.id", ondelete="RESTRICT"),
           nullable=False),
    # The local day the couple sat together; "since the last session" starts there.
    Column("held_on", Date, nullable=False),
    # The one small next step agreed together.
    Column("next_step", Text, nullable=False, server_default=""),
    Column("updated_at", UTCDateTime, nullable=False),
    UniqueConstraint("journal_id", "held_on", name="uq_sessions_journal_day"),
)

# Privacy (migration 0005). Attempts are counted per typed name (nabij.security.attempts), with
# no link to a journal: a name that matches nothing is counted the same way.
unlock_attempts = Table(
    "unlock_attempts", metadata,
    Column("name_key", String(64), primary_key=True),
    Column("failures", Integer, nullable=False, server_default="0"),
    Column("locked_until", UTCDateTime, nullable=True),
    Column("last_failed_at", UTCDateTime, nullable=False),
)

# A couple shares their journal with a coach's sign-in address; deleting the row withdraws it.
# `wrapped_key` is the journal key sealed with the deployment's sharing secret, so the coach
# can read what is shared without knowing the passphrase (empty for a journal without one).
journal_shares = Table(
    "journal_shares", metadata,
    Column("id", Integer, primary_key=True),
    Column("journal_id", Integer, ForeignKey("journals.id", ondelete="RESTRICT"),
           nullable=False),
    Column("coach_email", String(320), nullable=False),
    Column("wrapped_key", Text, nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("journal_id", "coach_email", name="uq_journal_shares_journal_coach"),
    Index("ix_journal_shares_coach_email", "coach_email"),
)

# Each partner's own key (migration 0008): random, wrapped with a key derived from their
# personal passphrase (Argon2id with `kdf_salt`), so changing that passphrase re-wraps the key
# and touches no moment. Only the partner who knows it can open their private moments.
partner_keys = Table(
    "partner_keys", metadata,
    Column("journal_id", Integer, ForeignKey("journals.id", ondelete="RESTRICT"),
           primary_key=True),
    Column("partner", SmallInteger, primary_key=True),
    Column("kdf_salt", String(64), nullable=False),
    Column("wrapped_key", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    CheckConstraint("partner IN (0, 1)", name="partner_slot"),
)

# The journal's own columns sealed with its key (nabij.storage.store.write_partners). The
# journal's name is not: it is what a couple types to open it, like a user name.
SEALED_JOURNAL_COLUMNS: tuple[str, str] = ("partner_a", "partner_b")

# Columns holding free text a person wrote: sealed with the journal's key when it has a
# passphrase (nabij.storage.store.TextCodec). Backups hold them readable.
SEALED_COLUMNS: dict[str, tuple[str, ...]] = {
    "events": ("note", "context"),
    "cycle_maps": ("triggered_by", "felt_0", "felt_1", "did_0", "did_1"),
    "sessions": ("next_step",),
}
# The column naming the row a sealed text belongs to, part of what it is sealed with: a note
# moved to another moment (or a next step to another day) no longer opens. Stable for the
# row's life: ids are never reused, and a session's day is its identity.
SEALED_ROW_KEYS: dict[str, str] = {"events": "id", "cycle_maps": "event_id",
                                   "sessions": "held_on"}


# A moment shared with the coach is sealed with the coach key, and its row label says so: the
# scope is part of what it is sealed with, so changing a moment's visibility in the database
# makes its text unreadable instead of showing it to a wider audience.
COACH_SCOPE = "@coach"


def event_row_label(event_id: object, visibility: object) -> str:
    """The row label of a moment's sealed text: its id, plus its scope when for the coach."""
    label = row_label(event_id)
    return label + COACH_SCOPE if str(visibility) == "coach" else label


def label_of(table: str, values: Mapping[str, object]) -> str:
    """The row label of any sealed row, from its values (a moment's visibility included)."""
    if table == "events":
        return event_row_label(values["id"], values.get("visibility"))
    return row_label(values[SEALED_ROW_KEYS[table]])


def row_label(value: object) -> str:
    """A row key's value as it enters the seal: ids as digits, days as ISO dates."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
