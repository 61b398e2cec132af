"""Passphrases on journals: set or change one, open a journal with it, count wrong attempts.

Setting or changing a passphrase re-seals every piece of the journal's free text with the new
key in one transaction: afterwards only the new passphrase opens it, and a failure half-way
leaves everything as it was.
"""

from __future__ import annotations

import base64
import datetime as dt
import secrets
import sqlite3
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, case, delete, or_, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from nabij.model import Journal, Problem
from nabij.security.attempts import DEFAULT_POLICY, AttemptPolicy, lock_wait, name_key
from nabij.security.cipher import PREFIX, FieldCipher, is_sealed, wrap_key
from nabij.security.passphrase import (
    KEY_BYTES,
    check_typed,
    derive_key,
    hash_passphrase,
    new_salt,
    spend_decoy_time,
    verify_passphrase,
)
from nabij.storage.backup import restore_journal
from nabij.storage.engine import reading
from nabij.storage.partner_keys import open_personal_key
from nabij.storage.private_moments import PersonalKey
from nabij.storage.shares import rewrap_in
from nabij.storage.store import (
    COACH_SALT,
    JournalLocked,
    JournalNotFound,
    Store,
    TextCodec,
    _now,
    coach_key_context,
    insert_journal,
    read_journal_row,
    write_partners,
    write_sealed,
)
from nabij.storage.tables import (
    SEALED_COLUMNS,
    SEALED_JOURNAL_COLUMNS,
    journals,
    label_of,
    metadata,
    unlock_attempts,
)


def _cipher(journal_id: int, passphrase: str, salt: str) -> FieldCipher:
    key = derive_key(passphrase, base64.b64decode(salt))
    return FieldCipher(journal_id=journal_id, key=key, salt=salt)


def set_passphrase(store: Store, journal_id: int, passphrase: str,
                   sharing_key: bytes | None = None) -> FieldCipher:
    """Give the journal a (new) passphrase and re-seal its free text; returns the new key.

    `store` must be able to open the journal now (no passphrase yet, or its current key):
    otherwise JournalLocked and nothing changes. `passphrase` is assumed already checked
    (nabij.security.passphrase.check_new). Coaches it is shared with get the new key sealed
    with `sharing_key`; without it their shares stop opening until the couple shares again.
    """
    with store.engine.begin() as conn:
        Store._bump_revision(conn, journal_id)  # locks the journal's row first
        old = store.codec(conn, journal_id)
        new = _protect_in(conn, journal_id, passphrase, old)
        cipher = new.cipher
        assert cipher is not None and new.coach is not None
        if old.coach is None:  # the coach key is new: coaches it is shared with get it
            rewrap_in(conn, journal_id, new.coach, sharing_key)
    _drop_old_copies(store)
    return cipher


def _drop_old_copies(store: Store) -> None:
    """SQLite: fold the write-ahead log back into the file and empty it, so the unsealed
    pages it held are gone (best effort: a busy reader just leaves it for later)."""
    if store.engine.dialect.name != "sqlite":
        return
    raw = store.engine.raw_connection()  # outside any transaction, which a checkpoint needs
    try:
        raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.OperationalError:
        pass
    finally:
        raw.close()


def _protect_in(conn: Connection, journal_id: int, passphrase: str, old: TextCodec | None,
                ) -> TextCodec:
    """Seal the journal's text with a new key from `passphrase`, inside `conn`'s transaction.

    The coach key stays the one the journal has (re-wrapped with the new key), so shares
    with coaches keep opening; a journal without one gets one. `old` None: the journal has
    no rows yet (a restore seals its rows as it writes them).
    """
    salt = base64.b64encode(new_salt()).decode("ascii")
    new = _cipher(journal_id, passphrase, salt)
    coach = old.coach if old is not None and old.coach is not None else FieldCipher(
        journal_id=journal_id, key=secrets.token_bytes(KEY_BYTES), salt=COACH_SALT)
    codec = TextCodec(new, coach=coach)
    if old is not None:
        _reseal(conn, journal_id, old, codec)
    conn.execute(update(journals).where(journals.c.id == journal_id).values(
        passphrase_hash=hash_passphrase(passphrase), key_salt=salt,
        coach_key_wrapped=wrap_key(new.key, coach.key, coach_key_context(journal_id))))
    return codec


def restore_protected(store: Store, backup: Mapping[str, Any], name: str | None,
                      passphrase: str) -> tuple[Journal, FieldCipher]:
    """Restore a backup into a new journal that has `passphrase` from the start."""
    codecs: list[TextCodec] = []

    def protect(conn: Connection, journal_id: int) -> TextCodec:
        codecs.append(_protect_in(conn, journal_id, passphrase, None))
        return codecs[-1]

    journal = restore_journal(store, backup, name, protect=protect)
    cipher = codecs[0].cipher
    assert cipher is not None
    return journal, cipher


def _reseal(conn: Connection, journal_id: int, old: TextCodec, new: TextCodec) -> None:
    """Every sealed text of the journal, opened with `old` and sealed with `new` (bound to its
    row), written back with one statement per table. Text that `old` cannot open is carried
    over unchanged, never replaced by the placeholder or an empty tag."""
    stored_names = conn.execute(select(*(journals.c[name] for name in SEALED_JOURNAL_COLUMNS))
                                .where(journals.c.id == journal_id)).one()
    name_a, name_b = (old.reopen_name(column, stored)
                      for column, stored in zip(SEALED_JOURNAL_COLUMNS, stored_names, strict=True))
    write_partners(conn, journal_id, new, (name_a, name_b))
    for table_name, columns in SEALED_COLUMNS.items():
        table = metadata.tables[table_name]
        key = next(iter(table.primary_key.columns))
        rows = conn.execute(select(table).where(table.c.journal_id == journal_id)
                            ).mappings().all()
        texts = []
        for row in rows:
            label = label_of(table_name, row)
            texts.append((row[key.name], label, {
                name: old.reopen(f"{table_name}.{name}", row[name], label) for name in columns}))
        write_sealed(conn, table, new, texts)


def create_protected_journal(store: Store, journal: Journal,
                             passphrase: str) -> tuple[Journal, FieldCipher]:
    """A new journal that has a passphrase from its first moment; returns it with its key.

    One transaction: the row is written with empty names, then its key is made (the key is
    bound to the id) and the names are written sealed, so they are never stored readable.
    """
    with store.engine.begin() as conn:
        journal_id = insert_journal(conn, journal, ("", ""))
        codec = _protect_in(conn, journal_id, passphrase, None)
        write_partners(conn, journal_id, codec, journal.partners)
    cipher = codec.cipher
    assert cipher is not None
    return Journal(id=journal_id, name=journal.name, partners=journal.partners,
                   timezone=journal.timezone, protected=True), cipher


# --- opening ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Opened:
    journal: Journal
    cipher: FieldCipher


@dataclass(frozen=True)
class Refused:
    """Wrong name or passphrase (never said which), or locked for a while after too many."""

    wait_seconds: float = 0.0
    locked_until: dt.datetime | None = None


def refusal_problem(refused: Refused, field_name: str, wrong_key: str,
                    now: dt.datetime) -> Problem:
    """What a refusal tells: `wrong_key` for every mistake alike, or how long the name stays
    locked (in minutes, or hours)."""
    if refused.locked_until is None:
        return Problem(field_name, wrong_key)
    key, count = lock_wait(refused.locked_until, now)
    return Problem(field_name, key, {"count": count})


def _folded(name: str) -> str:
    """A name as compared: NFC, case and spacing ignored (as attempts are counted)."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def open_journal(store: Store, name: str, passphrase: str, *,
                 policy: AttemptPolicy = DEFAULT_POLICY, journal_id: int | None = None,
                 now: dt.datetime | None = None,
                 sharing_key: bytes | None = None) -> Opened | Refused:
    """Open the journal called `name` (or the one with `journal_id`) with its passphrase.

    `sharing_key` lets the first opening after an upgrade hand coaches the new coach key.

    Raises InvalidInput for an empty or too long passphrase (nothing is counted then). Only
    journals that have a passphrase can be opened this way; a name without one, a name that
    does not exist and a wrong passphrase get the same answer after the same work.

    The attempt is counted before the passphrase is checked, in one statement, so attempts
    at the same moment from many sessions each get their own number: no more than
    `policy.lock_after` of them are ever checked before the name locks.
    """
    typed = check_typed(passphrase)
    now = now or _now()
    attempts_key = name_key(name)
    attempt = _count_attempt(store, attempts_key, now, policy)
    if isinstance(attempt, dt.datetime):
        return Refused(locked_until=attempt)
    with store.engine.connect() as conn:
        query = select(journals).where(journals.c.passphrase_hash.is_not(None))
        if journal_id is not None:
            query = query.where(journals.c.id == journal_id)
        rows = [row for row in conn.execute(query).mappings()
                if _folded(row["name"]) == _folded(name)]
    for row in rows:
        if verify_passphrase(row["passphrase_hash"], typed):
            _forget_failures(store, attempts_key)
            cipher = _cipher(row["id"], typed, row["key_salt"])
            _update_old_seals(store, row["id"], cipher, sharing_key)
            return Opened(read_journal_row(row, cipher), cipher)
    if not rows:
        spend_decoy_time(typed)
    return Refused(wait_seconds=policy.delay_after(attempt),
                   locked_until=policy.locked_until(attempt, now))


def _update_old_seals(store: Store, journal_id: int, cipher: FieldCipher,
                      sharing_key: bytes | None = None) -> None:
    """Bring a journal protected by an earlier version up to date, once, in one transaction:
    partners' names stored readable (before migration 0007) and text sealed without its row
    ("nabij:v1:") are sealed again, bound to their rows; a journal without a coach key (before
    migration 0008) gets one, what it shares with the coach is sealed with it, and its shares
    hand coaches that key instead of the journal key (with `sharing_key`; without it the
    shares stop opening until the couple shares again). Needs the key, so it happens on the
    first opening with the passphrase."""
    with reading(store.engine) as conn:
        if not _has_old_seals(conn, journal_id, cipher):
            return
    with store.engine.begin() as conn:
        Store._bump_revision(conn, journal_id)  # locks the journal's row first
        salt = conn.execute(select(journals.c.key_salt)
                            .where(journals.c.id == journal_id)).scalar_one()
        if salt != cipher.salt:  # the passphrase changed meanwhile: that re-sealed it all
            return
        old = store.with_keys({journal_id: cipher}).codec(conn, journal_id)
        coach = old.coach or FieldCipher(journal_id=journal_id,
                                         key=secrets.token_bytes(KEY_BYTES), salt=COACH_SALT)
        _reseal(conn, journal_id, old, TextCodec(cipher, coach=coach))
        if old.coach is None:
            conn.execute(update(journals).where(journals.c.id == journal_id).values(
                coach_key_wrapped=wrap_key(cipher.key, coach.key,
                                           coach_key_context(journal_id))))
            rewrap_in(conn, journal_id, coach, sharing_key)
    _drop_old_copies(store)


def _has_old_seals(conn: Connection, journal_id: int, cipher: FieldCipher) -> bool:
    """Whether anything is left to bring up to date: no coach key yet, a readable name, or
    text sealed the old way that opens with `cipher`. Old text that does not open is carried
    over as it is, so it must not count, or every opening would start the upgrade again."""
    row = conn.execute(select(journals.c.coach_key_wrapped,
                              *(journals.c[name] for name in SEALED_JOURNAL_COLUMNS))
                       .where(journals.c.id == journal_id)).one()
    if row[0] is None or any(name and not is_sealed(name) for name in row[1:]):
        return True
    for table_name, columns in SEALED_COLUMNS.items():
        table = metadata.tables[table_name]
        unbound = or_(*(table.c[name].startswith(PREFIX, autoescape=True) for name in columns))
        rows = conn.execute(select(*(table.c[name] for name in columns))
                            .where(table.c.journal_id == journal_id, unbound))
        for row in rows:
            if any(value.startswith(PREFIX) and
                   cipher.open(f"{table_name}.{name}", value) is not None
                   for name, value in zip(columns, row, strict=True)):
                return True
    return False


def _forget_failures(store: Store, attempts_key: str) -> None:
    with store.engine.begin() as conn:
        conn.execute(delete(unlock_attempts).where(unlock_attempts.c.name_key == attempts_key))


def _count_attempt(store: Store, attempts_key: str, now: dt.datetime,
                   policy: AttemptPolicy) -> int | dt.datetime:
    """Count one attempt for this name before its passphrase is checked.

    Returns the attempt's number since the last success, or the end of the lock when the name
    is locked now (then nothing is counted and nothing may be checked). One upsert both reads
    and raises the count (INSERT ... ON CONFLICT DO UPDATE ... RETURNING, on SQLite and
    PostgreSQL alike), and the lock this attempt earns is written in the same transaction,
    which holds the row: a parallel attempt sees the new count and the lock, never the old
    ones. A lock that ran out does not start the count over (nabij.security.attempts).
    """
    table = unlock_attempts
    locked_now = and_(table.c.locked_until.is_not(None), table.c.locked_until > now)
    upsert = _dialect_insert(store)(table).values(
        name_key=attempts_key, failures=1, last_failed_at=now, locked_until=None)
    upsert = upsert.on_conflict_do_update(
        index_elements=[table.c.name_key],
        set_={"failures": case((locked_now, table.c.failures), else_=table.c.failures + 1),
              "last_failed_at": now},
    ).returning(table.c.failures, table.c.locked_until)
    with store.engine.begin() as conn:
        failures, locked_until = conn.execute(upsert).one()
        if locked_until is not None and locked_until > now:
            return locked_until
        earned = policy.locked_until(failures, now)
        if earned is not None:
            conn.execute(update(table).where(table.c.name_key == attempts_key)
                         .values(locked_until=earned))
    return failures


def _dialect_insert(store: Store) -> Callable[..., Any]:
    """INSERT with ON CONFLICT for the database in use (the two Nabij runs on)."""
    name = store.engine.dialect.name
    if name == "sqlite":
        return sqlite_insert
    if name == "postgresql":
        return postgresql_insert
    raise RuntimeError(f"unlock attempts need SQLite or PostgreSQL, not {name}")


__all__ = ["JournalLocked", "JournalNotFound", "Opened", "Refused", "create_protected_journal",
           "open_journal", "restore_protected", "set_passphrase"]


def open_own_key(store: Store, journal_id: int, partner: int, passphrase: str, *,
                 policy: AttemptPolicy = DEFAULT_POLICY,
                 now: dt.datetime | None = None) -> PersonalKey | Refused:
    """A partner's own key from their own passphrase, counted like any unlock attempt.

    The other partner has the journal open and time on their hands: without the same
    slowing down and locks, guessing an own passphrase would be free. Counted per journal
    and partner, before the passphrase is checked. InvalidInput for an empty or too long one.
    """
    typed = check_typed(passphrase)
    now = now or _now()
    attempts_key = name_key(f"own passphrase {journal_id}:{partner}")
    attempt = _count_attempt(store, attempts_key, now, policy)
    if isinstance(attempt, dt.datetime):
        return Refused(locked_until=attempt)
    key = open_personal_key(store, journal_id, partner, typed)
    if key is not None:
        _forget_failures(store, attempts_key)
        return key
    return Refused(wait_seconds=policy.delay_after(attempt),
                   locked_until=policy.locked_until(attempt, now))
