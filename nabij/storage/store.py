"""Reading and writing journals and events. Every query is scoped to one journal.

Each write runs in its own transaction and bumps the journal's revision in that same
transaction, so a cache keyed on the revision can never show a state that was not committed.

A journal with a passphrase has its free text sealed (nabij.security.cipher). A Store holds
the keys of the journals its user has opened (`with_keys`); reading or writing a protected
journal without its key raises JournalLocked, so no page can reach it by mistake.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from sqlalchemy import (
    Engine,
    String,
    Table,
    bindparam,
    delete,
    func,
    insert,
    or_,
    select,
    type_coerce,
    update,
)
from sqlalchemy.engine import Connection, RowMapping

from nabij.model import BodySignal, Event, InvalidInput, Journal, Kind, Problem, Visibility
from nabij.phases.four_phases import Phase
from nabij.phases.marks import PhaseMark, moved_mark, restorable_mark
from nabij.security.cipher import FieldCipher, is_sealed, unwrap_key
from nabij.storage.engine import reading
from nabij.storage.private_moments import (
    PersonalKey,
    placeholder_values,
    read_private,
    seal_private,
)
from nabij.storage.tables import (
    COACH_SCOPE,
    SEALED_JOURNAL_COLUMNS,
    event_row_label,
    events,
    journals,
    phase_marks,
)

# What a sealed text that no longer opens (changed or moved in the database) reads as, unless
# the Store is given the words in its user's language.
UNREADABLE_TEXT = "⚠ (unreadable)"
# A partner name that no longer opens: short, as it stands in labels and chart legends.
UNREADABLE_NAME = "⚠"


class JournalNotFound(LookupError):
    """The journal does not exist (or is not reachable from here)."""


class EventNotFound(LookupError):
    """The event does not exist in this journal, or was deleted."""


class StaleEdit(RuntimeError):
    """The event changed since it was read: the edit is refused rather than overwriting."""


class JournalLocked(PermissionError):
    """The journal has a passphrase and this Store holds no (current) key for it."""


class PrivateKeyNeeded(InvalidInput):
    """A moment kept private needs its author's own key, open on this device: without it,
    "only me" would be a promise the database does not keep."""

    def __init__(self) -> None:
        super().__init__([Problem("visibility", "personal.needs_key")])


@dataclass(frozen=True)
class TextCodec:
    """Seals and opens one journal's free text, or passes it through when it has no key.

    Three scopes, three keys. `cipher` is the journal key (the couple's passphrase gives it):
    what the partners share. `coach` is the coach key: what is shared with the coach, and the
    partners' names; the couple opens it with the journal key, a coach gets only this one
    (`coach_only`). `personal` is the own key of the partner using this device: it alone
    opens (and writes) their private moments (nabij.storage.private_moments).
    """

    cipher: FieldCipher | None = None
    unreadable: str = UNREADABLE_TEXT
    personal: PersonalKey | None = None
    coach: FieldCipher | None = None
    coach_only: bool = False

    @property
    def protected(self) -> bool:
        return self.cipher is not None or self.coach is not None

    def _scoped(self, row: str | None) -> tuple[FieldCipher | None, str | None]:
        """The key and row label for a row: a row for the coach (COACH_SCOPE) takes the
        coach key; in a journal from before coach keys it was sealed with the journal key."""
        couple = None if self.coach_only else self.cipher
        if row is not None and row.endswith(COACH_SCOPE):
            if self.coach is not None:
                return self.coach, row
            return couple, row.removesuffix(COACH_SCOPE)
        return couple, row

    def seal(self, column: str, text: str, row: str | None = None) -> str:
        if not self.protected:
            return text
        cipher, label = self._scoped(row)
        if cipher is None:
            raise JournalLocked(None)
        return cipher.seal(column, text, label)

    def open(self, column: str, stored: str, row: str | None = None) -> str:
        if not self.protected:
            return stored
        cipher, label = self._scoped(row)
        text = None if cipher is None else cipher.open(column, stored, label)
        if text is not None:
            return text
        # A context that does not open is left out (it only feeds tags); anything a person
        # reads says plainly that it cannot be read.
        return "" if column == "events.context" else self.unreadable

    def reopen(self, column: str, stored: str, row: str | None = None) -> str | AsStored:
        """The text to seal again under a new key, or `AsStored` when it does not open.

        Text stored readable in a protected journal (from before it was sealed) is text: it
        gets sealed like the rest.
        """
        if not self.protected or not is_sealed(stored):
            return stored
        cipher, label = self._scoped(row)
        text = None if cipher is None else cipher.open(column, stored, label)
        return AsStored(stored) if text is None else text

    def reopen_name(self, column: str, stored: str) -> str | AsStored:
        """A partner's name to seal again, or `AsStored` when it does not open."""
        name = self.open_name(column, stored)
        return AsStored(stored) if name == UNREADABLE_NAME and is_sealed(stored) else name

    def seal_name(self, column: str, name: str) -> str:
        """A partner's name: with the coach key where the journal has one (a coach sees the
        names of the couple they work with), else with the journal key."""
        key = self.coach or (None if self.coach_only else self.cipher)
        return name if key is None else key.seal(f"journals.{column}", name)

    def open_name(self, column: str, stored: str) -> str:
        """A partner's name as stored. Journals protected before names were sealed (migration
        0007) still hold them readable; opening such a journal seals them (protection.py)."""
        if not self.protected or not is_sealed(stored):
            return stored
        for key in (self.coach, None if self.coach_only else self.cipher):
            name = None if key is None else key.open(f"journals.{column}", stored)
            if name is not None:
                return name
        return UNREADABLE_NAME


PLAIN = TextCodec()


@dataclass(frozen=True)
class AsStored:
    """Sealed text that does not open with the key at hand, carried over exactly as stored.

    Re-sealing (a passphrase change, the first-open upgrade) must never seal the placeholder
    "(unreadable)" or an empty tag in its place: that would destroy what someone with the
    right key, or a repaired copy, could still read.
    """

    stored: str


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


COACH_SALT = "coach"  # marks a FieldCipher that is a coach key (nabij.storage.shares)


def coach_key_of(journal_id: int, cipher: FieldCipher, wrapped: str | None) -> FieldCipher | None:
    """The coach key, unwrapped with the journal key; None where the journal has none yet."""
    if wrapped is None:
        return None
    key = unwrap_key(cipher.key, wrapped, coach_key_context(journal_id))
    return None if key is None else FieldCipher(journal_id=journal_id, key=key, salt=COACH_SALT)


def coach_key_context(journal_id: int) -> str:
    return f"nabij-coach-key:{journal_id}"


def journal_codec(row: Mapping[str, object], cipher: FieldCipher | None,
                  unreadable: str = UNREADABLE_TEXT,
                  personal: PersonalKey | None = None) -> TextCodec | None:
    """How this reader opens the journal on `row` (a journals row), or None: locked.

    `cipher` is the key the reader holds: the journal key (it must be the current one), a
    coach key (salt COACH_SALT), or nothing.
    """
    if row["passphrase_hash"] is None:
        return PLAIN if personal is None else TextCodec(personal=personal)
    if cipher is None:
        return None
    if cipher.salt == COACH_SALT:
        if row["coach_key_wrapped"] is None:
            return None
        return TextCodec(None, unreadable, None, cipher, coach_only=True)
    if cipher.salt != row["key_salt"]:  # a key from before the passphrase changed
        return None
    coach = coach_key_of(int(row["id"]), cipher, row["coach_key_wrapped"])  # type: ignore[arg-type]
    return TextCodec(cipher, unreadable, personal, coach)


def read_journal_row(row: RowMapping, cipher: FieldCipher | None = None) -> Journal:
    """A journal as this reader may see it.

    A journal with a passphrase keeps its partners' names sealed: without a key that opens
    it they are left empty and the journal is `locked` (pages show its name only).
    """
    protected = row["passphrase_hash"] is not None
    codec = journal_codec(row, cipher)
    if codec is None:
        return Journal(id=row["id"], name=row["name"], partners=("", ""),
                       timezone=row["timezone"], protected=True, locked=True)
    partners = (codec.open_name("partner_a", row["partner_a"]),
                codec.open_name("partner_b", row["partner_b"]))
    return Journal(id=row["id"], name=row["name"], partners=partners,
                   timezone=row["timezone"], protected=protected)


def _stored(codec: TextCodec, column: str, text: str | AsStored, row: str | None = None) -> str:
    return text.stored if isinstance(text, AsStored) else codec.seal(column, text, row)


def write_partners(conn: Connection, journal_id: int, codec: TextCodec,
                   partners: tuple[str | AsStored, str | AsStored]) -> None:
    """Store the partners' names on the journal's row, sealed with `codec`'s key if any."""
    conn.execute(update(journals).where(journals.c.id == journal_id).values(
        {column: name.stored if isinstance(name, AsStored) else codec.seal_name(column, name)
         for column, name in zip(SEALED_JOURNAL_COLUMNS, partners, strict=True)}))


def write_sealed(conn: Connection, table: Table, codec: TextCodec,
                 texts: Iterable[tuple[object, str, Mapping[str, str | AsStored]]]) -> None:
    """Seal each row's text bound to that row and write it, one statement for all rows.

    `texts` holds (primary key, row label, {column: readable text}) for every row, each row
    with the same columns (nabij.storage.tables.SEALED_ROW_KEYS names what the label is).
    An `AsStored` text is written as it is.
    """
    changes = [{"row_id": key, **{f"sealed_{column}": _stored(codec, f"{table.name}.{column}",
                                                              text, label)
                                  for column, text in row_texts.items()}}
               for key, label, row_texts in texts]
    if not changes:
        return
    columns = [name.removeprefix("sealed_") for name in changes[0] if name != "row_id"]
    primary_key = next(iter(table.primary_key.columns))
    conn.execute(update(table).where(primary_key == bindparam("row_id"))
                 .values({column: bindparam(f"sealed_{column}") for column in columns}),
                 changes)


def event_from_row(row: RowMapping, codec: TextCodec) -> Event | None:
    """The moment as this reader may see it; None for a private moment that is not theirs
    (or whose sealed content was moved or changed, which reads the same)."""
    label = event_row_label(row["id"], row["visibility"])
    payload = row.get("private_payload")
    if payload is not None:
        content = (read_private(codec.personal, payload, row["partner"], row["occurred_at"])
                   if row["visibility"] == str(Visibility.PRIVATE) else None)
        if content is None:
            return None
        return Event(occurred_at=row["occurred_at"], partner=row["partner"], kind=content.kind,
                     intensity=content.intensity, note=content.note, body=content.body,
                     context=content.context, id=row["id"], version=row["version"],
                     visibility=Visibility.PRIVATE)
    return Event(occurred_at=row["occurred_at"], partner=row["partner"], kind=Kind(row["kind"]),
                 intensity=row["intensity"], note=codec.open("events.note", row["note"], label),
                 body=BodySignal(row["body"]) if row["body"] else None,
                 context=codec.open("events.context", row["context"], label), id=row["id"],
                 version=row["version"], visibility=Visibility(row["visibility"]))


def _event_values(event: Event, codec: TextCodec, row_id: int | None,
                  unsealed_private: bool = False) -> dict[str, object]:
    """The row's values. Sealed text is bound to the row's id: for a new row (`row_id` None)
    the text is left empty here and written by `write_sealed` once the id exists.

    A private moment is sealed whole with its author's key (PrivateKeyNeeded without it);
    only a restore of a backup from before personal keys may write one readable
    (`unsealed_private`), to be sealed when its author sets a personal passphrase.
    """
    if event.visibility == Visibility.PRIVATE:
        personal = codec.personal
        if personal is not None and personal.partner == event.partner:
            return {"occurred_at": event.occurred_at, "partner": event.partner,
                    "private_payload": seal_private(personal.cipher, event),
                    **placeholder_values()}
        if not unsealed_private:
            raise PrivateKeyNeeded()
    values: dict[str, object] = {
        "occurred_at": event.occurred_at, "partner": event.partner, "kind": str(event.kind),
        "intensity": event.intensity, "body": str(event.body) if event.body else None,
        "visibility": str(event.visibility), "note": event.note, "context": event.context,
        "private_payload": None}
    if codec.protected:
        if row_id is None:
            values.update(note="", context="")
        else:
            label = event_row_label(row_id, event.visibility)
            values.update(note=codec.seal("events.note", event.note, label),
                          context=codec.seal("events.context", event.context, label))
    return values


def _readable_by(codec: TextCodec):
    """SQL: the rows whose content this reader may see (everything but sealed private moments
    of someone else, or sealed content under a visibility that is not private)."""
    unsealed = events.c.private_payload.is_(None)
    if codec.personal is None:
        return unsealed
    return or_(unsealed, (events.c.visibility == str(Visibility.PRIVATE))
               & (events.c.partner == codec.personal.partner))


def _open_private_rows(table: pd.DataFrame, codec: TextCodec) -> pd.DataFrame:
    """Fill in the private moments this reader's own key opens; leave out the rest (in a
    table of changes they count as deleted, so a copy in memory drops them too)."""
    payload = table.pop("private_payload")
    sealed = np.flatnonzero(payload.notna().to_numpy())
    if not len(sealed):
        return table
    hidden = np.zeros(len(table), dtype=bool)
    columns = {name: table[name].to_numpy(dtype=object).copy()
               for name in ("kind", "intensity", "body", "note", "context")}
    visibility = table["visibility"].to_numpy(dtype=object)
    partner = table["partner"].to_numpy()
    when = table["occurred_at"]
    stored = payload.to_numpy(dtype=object)
    for position in sealed:
        content = None
        if visibility[position] == str(Visibility.PRIVATE):
            content = read_private(codec.personal, stored[position], int(partner[position]),
                                   when.iat[position].to_pydatetime())
        if content is None:
            hidden[position] = True
            continue
        columns["kind"][position] = str(content.kind)
        columns["intensity"][position] = content.intensity
        columns["body"][position] = str(content.body) if content.body else None
        columns["note"][position] = content.note
        columns["context"][position] = content.context
    table = table.assign(**columns).astype({"intensity": "int64"})
    if "deleted" in table:
        table["deleted"] = table["deleted"].astype(bool) | hidden
        return table
    return table[~hidden].reset_index(drop=True)


def _unreadable_left_alone(conn: Connection, codec: TextCodec, event: Event) -> dict[str, str]:
    """The stored note and context that do not open and that the edit left as it was shown
    (the placeholder, or no tags): kept exactly as stored instead of sealing what was shown.

    Editing the strength of a moment whose note was damaged must not make the damage final.
    """
    if not codec.protected:
        return {}
    stored = conn.execute(select(events.c.note, events.c.context, events.c.visibility).where(
        events.c.id == event.id)).mappings().first()
    if stored is None:
        return {}
    label = event_row_label(event.id, stored["visibility"])
    kept: dict[str, str] = {}
    for column, edited in (("note", event.note), ("context", event.context)):
        carried = codec.reopen(f"events.{column}", stored[column], label)
        if isinstance(carried, AsStored) and \
                edited == codec.open(f"events.{column}", stored[column], label):
            kept[column] = carried.stored
    return kept


_JOURNAL_COLUMNS = [journals.c.id, journals.c.name, journals.c.partner_a, journals.c.partner_b,
                    journals.c.timezone, journals.c.passphrase_hash, journals.c.key_salt,
                    journals.c.coach_key_wrapped]


def insert_journal(conn: Connection, journal: Journal, partners: tuple[str, str]) -> int:
    """Add the journal's row inside `conn`'s transaction; returns its id.

    `partners` are the names as stored: a protected journal's are written once its key exists
    (its id is part of what they are sealed with), as placeholders here.
    """
    now = _now()
    return conn.execute(insert(journals).values(
        name=journal.name, partner_a=partners[0], partner_b=partners[1],
        timezone=journal.timezone, created_at=now, last_opened_at=now, revision=0,
    ).returning(journals.c.id)).scalar_one()


def insert_events(conn: Connection, journal_id: int, batch: list[Event], codec: TextCodec,
                  revision: int, now: dt.datetime, unsealed_private: bool = False) -> list[int]:
    """Insert the events inside `conn`'s transaction; returns their new ids in order."""
    rows = [{"journal_id": journal_id, "created_at": now, "updated_at": now, "version": 1,
             "changed_revision": revision,
             **_event_values(event, codec, None, unsealed_private)}
            for event in batch]
    # One statement for the whole batch (SQLAlchemy's "insertmanyvalues"), ids returned in
    # the order given: an import of thousands stays a single round.
    new_ids = list(conn.execute(
        insert(events).returning(events.c.id, sort_by_parameter_order=True), rows,
    ).scalars().all())
    if codec.protected:
        # Sealed text is bound to its row's id, known only now: written in the same
        # transaction, so the placeholders are never seen.
        write_sealed(conn, events, codec, [
            (new_id, event_row_label(new_id, event.visibility),
             {"note": event.note, "context": event.context})
            for event, new_id, row in zip(batch, new_ids, rows, strict=True)
            if (event.note or event.context) and row["private_payload"] is None])
    return new_ids


class Store:
    """The journals and events in one database. Thread-safe: it holds the engine and keys.

    `keys` are the journals this Store's user has opened with their passphrase; one Store
    per process holds none, and each session works through `with_keys` of its own.
    """

    def __init__(self, engine: Engine, keys: Mapping[int, FieldCipher] | None = None,
                 unreadable: str = UNREADABLE_TEXT,
                 personal: Mapping[int, PersonalKey] | None = None):
        self.engine = engine
        self._keys: Mapping[int, FieldCipher] = dict(keys or {})
        self._unreadable = unreadable
        self._personal: Mapping[int, PersonalKey] = dict(personal or {})

    def with_keys(self, keys: Mapping[int, FieldCipher], unreadable: str = UNREADABLE_TEXT,
                  personal: Mapping[int, PersonalKey] | None = None) -> Store:
        """The same database, opened with these journal keys and, per journal, the personal
        key of the partner on this device (cheap: shares the engine)."""
        return Store(self.engine, keys, unreadable, personal)

    def with_personal(self, journal_id: int, key: PersonalKey) -> Store:
        """The same Store, with this partner's own key for one journal as well."""
        return Store(self.engine, self._keys, self._unreadable,
                     {**self._personal, journal_id: key})

    def codec(self, conn: Connection, journal_id: int) -> TextCodec:
        """How this journal's free text is stored; JournalLocked if its key is missing (or
        was made before the passphrase changed: open again)."""
        row = conn.execute(select(journals.c.id, journals.c.passphrase_hash,
                                  journals.c.key_salt, journals.c.coach_key_wrapped).where(
            journals.c.id == journal_id)).mappings().first()
        if row is None:
            raise JournalNotFound(journal_id)
        codec = journal_codec(row, self._keys.get(journal_id), self._unreadable,
                              self._personal.get(journal_id))
        if codec is None:
            raise JournalLocked(journal_id)
        return codec

    def journal_from_row(self, row: RowMapping) -> Journal:
        """A journals row as a Journal, its partners' names opened when this Store may."""
        return read_journal_row(row, self._keys.get(row["id"]))

    def is_open(self, journal_id: int) -> bool:
        """Whether this Store may read the journal (no passphrase, or its current key)."""
        try:
            with reading(self.engine) as conn:
                self.codec(conn, journal_id)
        except JournalLocked:
            return False
        return True

    # Journals -----------------------------------------------------------------------------

    def create_journal(self, journal: Journal) -> Journal:
        """A new journal without a passphrase (nabij.storage.protection makes protected ones)."""
        with self.engine.begin() as conn:
            new_id = insert_journal(conn, journal, journal.partners)
        return Journal(id=new_id, name=journal.name, partners=journal.partners,
                       timezone=journal.timezone)

    def list_journals(self) -> list[Journal]:
        """All journals, the most recently opened first."""
        with reading(self.engine) as conn:
            rows = conn.execute(select(*_JOURNAL_COLUMNS).order_by(
                journals.c.last_opened_at.desc(), journals.c.id.desc())).mappings()
            return [self.journal_from_row(row) for row in rows]

    def get_journal(self, journal_id: int) -> Journal:
        with reading(self.engine) as conn:
            row = conn.execute(select(*_JOURNAL_COLUMNS).where(journals.c.id == journal_id)
                               ).mappings().first()
        if row is None:
            raise JournalNotFound(journal_id)
        return self.journal_from_row(row)

    def mark_opened(self, journal_id: int) -> None:
        """Remember the journal as the last one used, so the app opens it next time."""
        with self.engine.begin() as conn:
            conn.execute(update(journals).where(journals.c.id == journal_id)
                         .values(last_opened_at=_now()))

    def revision(self, journal_id: int) -> int:
        """A number that changes whenever the journal's events change."""
        with reading(self.engine) as conn:
            value = conn.execute(select(journals.c.revision)
                                 .where(journals.c.id == journal_id)).scalar_one_or_none()
        if value is None:
            raise JournalNotFound(journal_id)
        return value

    # Events -------------------------------------------------------------------------------

    def add_event(self, journal_id: int, event: Event) -> Event:
        return self.add_events(journal_id, [event])[0]

    def add_events(self, journal_id: int, new_events: Iterable[Event]) -> list[Event]:
        """Add several events in one transaction: all of them land, or none does."""
        batch = list(new_events)
        if not batch:
            return []
        now = _now()
        with self.engine.begin() as conn:
            revision = self._bump_revision(conn, journal_id)
            codec = self.codec(conn, journal_id)
            new_ids = insert_events(conn, journal_id, batch, codec, revision, now)
        return [event.with_id(new_id, version=1) for event, new_id in zip(batch, new_ids,
                                                                           strict=True)]

    def get_event(self, journal_id: int, event_id: int) -> Event:
        with reading(self.engine) as conn:
            codec = self.codec(conn, journal_id)
            row = conn.execute(select(events).where(
                events.c.journal_id == journal_id, events.c.id == event_id,
                events.c.deleted_at.is_(None))).mappings().first()
        event = None if row is None else event_from_row(row, codec)
        if event is None:
            raise EventNotFound(event_id)
        return event

    def list_events(self, journal_id: int) -> list[Event]:
        """The journal's events in time order (deleted ones left out)."""
        with reading(self.engine) as conn:
            codec = self.codec(conn, journal_id)
            rows = conn.execute(select(events).where(
                events.c.journal_id == journal_id, events.c.deleted_at.is_(None),
            ).order_by(events.c.occurred_at, events.c.id)).mappings()
            found = (event_from_row(row, codec) for row in rows)
            return [event for event in found if event is not None]

    def events_table(self, journal_id: int, since_revision: int | None = None) -> pd.DataFrame:
        """The journal's events as columns, in time order, `occurred_at` aware UTC.

        The fast path for charts: no Event object per row, and timestamps parsed in one
        vectorised step (SQLite hands them over as text). With `since_revision`, only the
        rows written after that journal revision, deleted ones included (`deleted` says so),
        for refreshing a copy in memory.
        """
        columns = [events.c.id, type_coerce(events.c.occurred_at, String).label("occurred_at"),
                   events.c.partner, events.c.kind, events.c.intensity, events.c.body,
                   events.c.note, events.c.context, events.c.visibility,
                   events.c.private_payload]
        query = select(*columns).where(events.c.journal_id == journal_id)
        if since_revision is None:
            query = query.where(events.c.deleted_at.is_(None))
        else:
            query = query.add_columns(events.c.deleted_at.is_not(None).label("deleted")).where(
                events.c.changed_revision > since_revision)
        with reading(self.engine) as conn:
            codec = self.codec(conn, journal_id)
            result = conn.execute(query.order_by(events.c.occurred_at, events.c.id))
            table = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
        if codec.protected:
            labels = [event_row_label(event_id, visibility)
                      for event_id, visibility in zip(table["id"], table["visibility"],
                                                      strict=True)]
            for column in ("note", "context"):
                table[column] = [codec.open(f"events.{column}", value, label)
                                 for value, label in zip(table[column], labels, strict=True)]
        table["occurred_at"] = pd.to_datetime(table["occurred_at"], format="ISO8601", utc=True)
        table = _open_private_rows(table, codec)
        # Always pandas' string type: an all-empty column would stay Python objects, and a
        # merge of such rows into the snapshot would turn the whole column into objects,
        # which every comparison on it then pays for.
        table["body"] = table["body"].fillna("").astype("str")
        if "deleted" in table:
            table["deleted"] = table["deleted"].astype(bool)
        return table

    def count_events(self, journal_id: int) -> int:
        """The live moments this reader may see: another partner's private ones not counted."""
        live = (events.c.journal_id == journal_id, events.c.deleted_at.is_(None))
        with reading(self.engine) as conn:
            codec = self.codec(conn, journal_id)
            # Two indexed counts (migration 0010) rather than one that reads every row: all
            # live moments, less the sealed ones this reader may not open.
            total = conn.execute(select(func.count()).select_from(events).where(*live))
            hidden = conn.execute(select(func.count()).select_from(events).where(
                *live, events.c.private_payload.is_not(None), ~_readable_by(codec)))
            return total.scalar_one() - hidden.scalar_one()

    def update_event(self, journal_id: int, event: Event) -> Event:
        """Replace an event's values; refused with StaleEdit if someone changed it meanwhile."""
        if event.id is None:
            raise EventNotFound(None)
        with self.engine.begin() as conn:
            revision = self._bump_revision(conn, journal_id)
            codec = self.codec(conn, journal_id)
            result = conn.execute(update(events).where(
                events.c.journal_id == journal_id, events.c.id == event.id,
                events.c.deleted_at.is_(None), events.c.version == event.version,
            ).values({**_event_values(event, codec, event.id),
                      **_unreadable_left_alone(conn, codec, event),
                      "updated_at": _now(), "version": event.version + 1,
                      "changed_revision": revision}))
            if result.rowcount != 1:
                self._raise_missing_or_stale(conn, journal_id, event.id)
        return event.with_id(event.id, version=event.version + 1)

    def share_moments(self, journal_id: int, event_ids: Iterable[int], visibility: Visibility,
                      ) -> list[int]:
        """Move moments between "the two of us" and "with the coach", in one transaction;
        returns the ids that changed. Their text is sealed again for its new audience (the
        coach key, or the journal key). Private moments are never moved this way: only their
        author, editing one, can share it."""
        if visibility not in (Visibility.PARTNER, Visibility.COACH):
            raise ValueError(visibility)
        wanted = {int(event_id) for event_id in event_ids}
        if not wanted:
            return []
        with self.engine.begin() as conn:
            revision = self._bump_revision(conn, journal_id)
            codec = self.codec(conn, journal_id)
            rows = conn.execute(select(events).where(
                events.c.journal_id == journal_id, events.c.id.in_(wanted),
                events.c.deleted_at.is_(None), events.c.private_payload.is_(None),
                events.c.visibility.in_([str(Visibility.PARTNER), str(Visibility.COACH)]),
                events.c.visibility != str(visibility))).mappings().all()
            changed = []
            for row in rows:
                event = event_from_row(row, codec)
                if event is None or codec.unreadable in (event.note, event.context):
                    continue  # text that does not open is never sealed again as a placeholder
                moved = dataclasses.replace(event, visibility=visibility)
                conn.execute(update(events).where(events.c.id == row["id"]).values(
                    updated_at=_now(), version=events.c.version + 1, changed_revision=revision,
                    **_event_values(moved, codec, row["id"])))
                changed.append(int(row["id"]))
        return changed

    def delete_event(self, journal_id: int, event_id: int) -> None:
        """Mark the event deleted; `restore_event` undoes it."""
        self._set_deleted(journal_id, event_id, _now())

    def restore_event(self, journal_id: int, event_id: int) -> None:
        self._set_deleted(journal_id, event_id, None)

    def _set_deleted(self, journal_id: int, event_id: int, when: dt.datetime | None) -> None:
        with self.engine.begin() as conn:
            revision = self._bump_revision(conn, journal_id)
            self.codec(conn, journal_id)
            result = conn.execute(update(events).where(
                events.c.journal_id == journal_id, events.c.id == event_id,
            ).values(deleted_at=when, updated_at=_now(), version=events.c.version + 1,
                     changed_revision=revision))
            if result.rowcount != 1:
                raise EventNotFound(event_id)

    @staticmethod
    def _bump_revision(conn: Connection, journal_id: int) -> int:
        """Raise the journal's revision inside the caller's transaction; returns the new one."""
        revision = conn.execute(update(journals).where(journals.c.id == journal_id)
                                .values(revision=journals.c.revision + 1)
                                .returning(journals.c.revision)).scalar_one_or_none()
        if revision is None:
            raise JournalNotFound(journal_id)
        return revision

    @staticmethod
    def _raise_missing_or_stale(conn: Connection, journal_id: int, event_id: int) -> None:
        exists = conn.execute(select(events.c.id).where(
            events.c.journal_id == journal_id, events.c.id == event_id,
            events.c.deleted_at.is_(None))).first()
        if exists is None:
            raise EventNotFound(event_id)
        raise StaleEdit(event_id)

    # Phase marks -----------------------------------------------------------------------------

    def list_phase_marks(self, journal_id: int) -> list[PhaseMark]:
        with reading(self.engine) as conn:
            self.codec(conn, journal_id)
            return self._phase_marks(conn, journal_id)

    @staticmethod
    def _phase_marks(conn: Connection, journal_id: int) -> list[PhaseMark]:
        rows = conn.execute(select(phase_marks).where(
            phase_marks.c.journal_id == journal_id).order_by(phase_marks.c.start_day)
        ).mappings()
        return [PhaseMark(start=row["start_day"], end=row["end_day"],
                          phase=Phase(row["phase"]), id=row["id"]) for row in rows]

    def move_phase_mark(self, journal_id: int, mark_id: int, start: dt.date) -> PhaseMark:
        """Give a mark another first day; MarkRefused where that would overwrite another mark.

        LookupError when the mark is gone (removed in another tab).
        """
        with self.engine.begin() as conn:
            self._bump_revision(conn, journal_id)
            self.codec(conn, journal_id)
            marks = self._phase_marks(conn, journal_id)
            mark = next((mark for mark in marks if mark.id == mark_id), None)
            if mark is None:
                raise LookupError(mark_id)
            moved = moved_mark(mark, start, marks)
            conn.execute(update(phase_marks).where(phase_marks.c.id == mark_id)
                         .values(start_day=moved.start))
        return moved

    def restore_phase_mark(self, journal_id: int, mark: PhaseMark) -> PhaseMark:
        """Put a removed mark back (undo); MarkRefused if a newer mark now starts that day."""
        with self.engine.begin() as conn:
            self._bump_revision(conn, journal_id)
            self.codec(conn, journal_id)
            restored = restorable_mark(mark, self._phase_marks(conn, journal_id))
            new_id = conn.execute(insert(phase_marks).values(
                journal_id=journal_id, start_day=restored.start, end_day=restored.end,
                phase=str(restored.phase), created_at=_now()).returning(phase_marks.c.id)
            ).scalar_one()
        return replace(restored, id=new_id)

    def set_phase_mark(self, journal_id: int, mark: PhaseMark) -> None:
        """Mark a phase from a day on; a mark on the same day is replaced (an edit)."""
        self.set_phase_marks(journal_id, [mark])

    def set_phase_marks(self, journal_id: int, marks: Iterable[PhaseMark]) -> None:
        """Set several marks at once (accepting a whole suggestion): all land or none."""
        with self.engine.begin() as conn:
            self._bump_revision(conn, journal_id)
            self.codec(conn, journal_id)
            for mark in marks:
                conn.execute(delete(phase_marks).where(
                    phase_marks.c.journal_id == journal_id,
                    phase_marks.c.start_day == mark.start))
                conn.execute(insert(phase_marks).values(
                    journal_id=journal_id, start_day=mark.start, end_day=mark.end,
                    phase=str(mark.phase), created_at=_now()))

    def delete_phase_mark(self, journal_id: int, mark_id: int) -> PhaseMark:
        """Remove a mark and return it as it was, so that `restore_phase_mark` can undo it."""
        with self.engine.begin() as conn:
            self.codec(conn, journal_id)
            removed = next((mark for mark in self._phase_marks(conn, journal_id)
                            if mark.id == mark_id), None)
            result = conn.execute(delete(phase_marks).where(
                phase_marks.c.journal_id == journal_id, phase_marks.c.id == mark_id))
            if result.rowcount != 1 or removed is None:
                raise LookupError(mark_id)
            self._bump_revision(conn, journal_id)
        return removed
