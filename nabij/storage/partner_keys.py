"""Each partner's own key: set it with a personal passphrase, open it, change the passphrase.

The key itself is random and never changes; the personal passphrase only wraps it (Argon2id
with a salt of its own, then AES-GCM). So changing a personal passphrase re-wraps one key and
touches no moment, and the journal's passphrase (which opens what the couple shares) never
opens a private moment. Whether a wrong personal passphrase was typed is known by the wrap not
opening: no separate hash is stored.
"""

from __future__ import annotations

import base64
import secrets

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection

from nabij.model import Event, Visibility
from nabij.security.cipher import FieldCipher, unwrap_key, wrap_key
from nabij.security.passphrase import KEY_BYTES, derive_key, new_salt
from nabij.storage.private_moments import PersonalKey, placeholder_values, seal_private
from nabij.storage.store import Store, _now, event_from_row
from nabij.storage.tables import events, partner_keys

# Personal keys are not bound to a journal id (see private_moments): a restored backup keeps
# opening with the same passphrase. The salt field names the slot for cache keys.
PERSONAL_JOURNAL = 0


def _context(partner: int) -> str:
    return f"nabij-personal-key:{partner}"


def _as_key(partner: int, key: bytes) -> PersonalKey:
    return PersonalKey(partner, FieldCipher(journal_id=PERSONAL_JOURNAL, key=key,
                                            salt=f"personal:{partner}"))


def partners_with_keys(store: Store, journal_id: int) -> frozenset[int]:
    """The partner slots of this journal that have a personal passphrase."""
    with store.engine.connect() as conn:
        return frozenset(conn.execute(select(partner_keys.c.partner).where(
            partner_keys.c.journal_id == journal_id)).scalars())


def open_personal_key(store: Store, journal_id: int, partner: int,
                      passphrase: str) -> PersonalKey | None:
    """The partner's key, or None for a wrong passphrase or a partner without one."""
    with store.engine.connect() as conn:
        row = conn.execute(select(partner_keys.c.kdf_salt, partner_keys.c.wrapped_key).where(
            partner_keys.c.journal_id == journal_id, partner_keys.c.partner == partner)).first()
    if row is None:
        return None
    wrapping = derive_key(passphrase, base64.b64decode(row.kdf_salt))
    key = unwrap_key(wrapping, row.wrapped_key, _context(partner))
    return None if key is None else _as_key(partner, key)


def _wrapped(key: bytes, partner: int, passphrase: str) -> dict[str, str]:
    salt = new_salt()
    wrapping = derive_key(passphrase, salt)
    return {"kdf_salt": base64.b64encode(salt).decode("ascii"),
            "wrapped_key": wrap_key(wrapping, key, _context(partner))}


def set_personal_passphrase(store: Store, journal_id: int, partner: int, passphrase: str,
                            current: PersonalKey | None = None) -> PersonalKey:
    """Give a partner a personal passphrase, or change it (`current` is their open key).

    The first time, in one transaction: a new key, and every moment this partner marked
    private before (readable to whoever opened the journal until now) sealed with it. A
    change only re-wraps the same key. `store` must be able to open the journal.
    `passphrase` is assumed checked (nabij.security.passphrase.check_new).
    """
    with store.engine.begin() as conn:
        revision = Store._bump_revision(conn, journal_id)  # locks the journal's row first
        exists = conn.execute(select(partner_keys.c.partner).where(
            partner_keys.c.journal_id == journal_id,
            partner_keys.c.partner == partner)).first() is not None
        if exists:
            if current is None or current.partner != partner:
                raise PermissionError("the current personal key is needed to change it")
            conn.execute(update(partner_keys).where(
                partner_keys.c.journal_id == journal_id, partner_keys.c.partner == partner,
            ).values(**_wrapped(current.cipher.key, partner, passphrase)))
            return current
        personal = _as_key(partner, secrets.token_bytes(KEY_BYTES))
        conn.execute(insert(partner_keys).values(
            journal_id=journal_id, partner=partner, created_at=_now(),
            **_wrapped(personal.cipher.key, partner, passphrase)))
        _seal_earlier_private(conn, store, journal_id, personal, revision)
    return personal


def _seal_earlier_private(conn: Connection, store: Store, journal_id: int,
                          personal: PersonalKey, revision: int) -> None:
    """Moments this partner marked private before they had a key: sealed with it now (deleted
    ones too, so an undo never brings back a readable one)."""
    codec = store.codec(conn, journal_id)
    rows = conn.execute(select(events).where(
        events.c.journal_id == journal_id, events.c.partner == personal.partner,
        events.c.visibility == str(Visibility.PRIVATE),
        events.c.private_payload.is_(None))).mappings().all()
    for row in rows:
        event: Event = event_from_row(row, codec)
        conn.execute(update(events).where(events.c.id == row["id"]).values(
            private_payload=seal_private(personal.cipher, event), changed_revision=revision,
            **placeholder_values()))


def unsealed_private_counts(store: Store, journal_id: int) -> dict[int, int]:
    """Per partner, the live moments marked private before that partner had a key of their
    own: still readable to whoever opens the journal, until they set one."""
    with store.engine.connect() as conn:
        store.codec(conn, journal_id)
        rows = conn.execute(select(events.c.partner, func.count()).where(
            events.c.journal_id == journal_id, events.c.deleted_at.is_(None),
            events.c.visibility == str(Visibility.PRIVATE),
            events.c.private_payload.is_(None)).group_by(events.c.partner)).all()
    return {int(partner): int(count) for partner, count in rows}
