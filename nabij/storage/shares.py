"""Journals shared with a coach: the couple shares with a sign-in address and can withdraw.

The coach never learns the passphrase. Sharing seals the journal's coach key (what the couple
shares with the coach is sealed with it, nothing else) with the deployment's sharing key
(nabij.security.cipher.sharing_key, from a secret that is not in the database), so a copy of
the database alone still opens nothing. Withdrawing deletes the row and with it
the only copy of the key the coach could use.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from nabij.model import InvalidInput, Journal, Problem
from nabij.security.cipher import FieldCipher, unwrap_key, wrap_key
from nabij.storage.engine import reading
from nabij.storage.store import COACH_SALT, JournalLocked, Store, _now
from nabij.storage.tables import journal_shares, journals

MAX_EMAIL_CHARS = 320


def normalise_email(email: object) -> str:
    """A sign-in address as compared: trimmed and lower case; InvalidInput if not one."""
    if not isinstance(email, str):
        raise InvalidInput([Problem("email", "share.email_invalid")])
    cleaned = email.strip().lower()
    local, _, domain = cleaned.partition("@")
    if (not local or "." not in domain or len(cleaned) > MAX_EMAIL_CHARS
            or any(char.isspace() for char in cleaned)):
        raise InvalidInput([Problem("email", "share.email_invalid")])
    return cleaned


def _context(journal_id: int, email: str) -> str:
    return f"nabij-share:{journal_id}:{email}"


def share_with(store: Store, journal_id: int, email: str, cipher: FieldCipher | None,
               sharing_key: bytes) -> None:
    """Share the journal with `email` (again: refreshes the key). Needs the journal open."""
    coach = normalise_email(email)
    with store.engine.begin() as conn:
        codec = store.codec(conn, journal_id)  # JournalLocked unless this Store may open it
        if codec.cipher is not None and codec.cipher != cipher:
            raise JournalLocked(journal_id)
        # The coach gets the coach key only: what the couple shares with the coach, never
        # what is for the two of them (the journal key) or private (each partner's own key).
        wrapped = (wrap_key(sharing_key, codec.coach.key, _context(journal_id, coach))
                   if codec.coach is not None else None)
        conn.execute(delete(journal_shares).where(journal_shares.c.journal_id == journal_id,
                                                  journal_shares.c.coach_email == coach))
        conn.execute(insert(journal_shares).values(journal_id=journal_id, coach_email=coach,
                                                   wrapped_key=wrapped, created_at=_now()))


def withdraw(store: Store, journal_id: int, email: str) -> None:
    with store.engine.begin() as conn:
        store.codec(conn, journal_id)
        conn.execute(delete(journal_shares).where(journal_shares.c.journal_id == journal_id,
                                                  journal_shares.c.coach_email == email))


def shared_with(store: Store, journal_id: int) -> list[str]:
    """The coaches' addresses this journal is shared with."""
    with reading(store.engine) as conn:
        store.codec(conn, journal_id)
        return list(conn.execute(select(journal_shares.c.coach_email).where(
            journal_shares.c.journal_id == journal_id).order_by(journal_shares.c.coach_email)
        ).scalars())


def coach_shares(store: Store, email: str) -> dict[int, dt.datetime]:
    """Each journal shared with `email`, and when it was (last) shared: one query for a whole
    practice rather than one per couple. Sharing bumps no revision, so a caller reads this
    fresh on every view and never caches it."""
    coach = email.strip().lower()
    query = (select(journal_shares.c.journal_id, journal_shares.c.created_at)
             .join(journals, journals.c.id == journal_shares.c.journal_id)
             .where(journal_shares.c.coach_email == coach).order_by(journals.c.name))
    with reading(store.engine) as conn:
        return {row.journal_id: row.created_at for row in conn.execute(query)}


def journals_shared_with_coach(store: Store, email: str) -> list[Journal]:
    coach = email.strip().lower()
    query = (select(journals).join(journal_shares, journal_shares.c.journal_id == journals.c.id)
             .where(journal_shares.c.coach_email == coach).order_by(journals.c.name))
    with reading(store.engine) as conn:
        return [store.journal_from_row(row) for row in conn.execute(query).mappings()]


def coach_key(store: Store, journal_id: int, email: str,
              sharing_key: bytes) -> FieldCipher | None:
    """The journal's key for a coach it is shared with; LookupError when it is not shared.

    None for a journal without a passphrase. JournalLocked when the share no longer opens
    (the passphrase changed on a deployment without the sharing secret, or it was tampered).
    """
    coach = email.strip().lower()
    with reading(store.engine) as conn:
        row = conn.execute(select(journal_shares.c.wrapped_key, journals.c.passphrase_hash,
                                  journals.c.coach_key_wrapped)
                           .join(journals, journals.c.id == journal_shares.c.journal_id)
                           .where(journal_shares.c.journal_id == journal_id,
                                  journal_shares.c.coach_email == coach)).first()
    if row is None:
        raise LookupError(journal_id)
    if row.passphrase_hash is None:
        return None
    if row.coach_key_wrapped is None:  # shared before coach keys: opens after the couple does
        raise JournalLocked(journal_id)
    key = unwrap_key(sharing_key, row.wrapped_key or "", _context(journal_id, coach))
    if key is None:
        raise JournalLocked(journal_id)
    return FieldCipher(journal_id=journal_id, key=key, salt=COACH_SALT)


def coach_view(store: Store, journal_id: int, email: str | None,
               sharing_key: bytes | None) -> tuple[Journal, FieldCipher | None]:
    """A shared journal as its coach reads it (read-only), and the key the share wraps.

    `email` is the signed-in coach's verified address and `sharing_key` the deployment's;
    without either nothing is shared. LookupError where the journal is not shared with the
    coach, JournalLocked where the share no longer opens (see `coach_key`).
    """
    if email is None or sharing_key is None:
        raise LookupError(journal_id)
    cipher = coach_key(store, journal_id, email, sharing_key)
    # Read with the shared key itself: it opens the partners' names even where the session
    # also holds an older key of its own for this journal.
    reader = store if cipher is None else store.with_keys({journal_id: cipher})
    return replace(reader.get_journal(journal_id), read_only=True, locked=False), cipher


def rewrap_in(conn: Connection, journal_id: int, cipher: FieldCipher,
              sharing_key: bytes | None) -> None:
    """When the journal gets a (new) coach key: give every coach it, or (without the sharing
    key) clear theirs, so a share never holds a key that no longer fits."""
    rows = conn.execute(select(journal_shares.c.id, journal_shares.c.coach_email).where(
        journal_shares.c.journal_id == journal_id)).all()
    for share_id, coach in rows:
        wrapped = (wrap_key(sharing_key, cipher.key, _context(journal_id, coach))
                   if sharing_key is not None else None)
        conn.execute(update(journal_shares).where(journal_shares.c.id == share_id)
                     .values(wrapped_key=wrapped))


__all__ = ["coach_key", "journals_shared_with_coach", "normalise_email",
           "rewrap_in", "share_with", "shared_with", "withdraw"]
