"""Free text sealed with AES-GCM, so a copy of the database alone does not reveal it.

Each value gets its own random 96-bit nonce. The associated data names the journal, the column
("events.note") and the row (the moment's id, say), so a sealed note copied into another
journal, column or moment does not open: it is reported as unreadable, like any other
tampering. Values sealed before rows were named ("nabij:v1:") still open; every new seal and
every passphrase change writes the row-bound form ("nabij:v2:").
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

PREFIX = "nabij:v1:"  # bound to journal and column only (the partners' names, and older text)
ROW_PREFIX = "nabij:v2:"  # bound to journal, column and row
NONCE_BYTES = 12


@dataclass(frozen=True)
class FieldCipher:
    """Seals and opens the free text of one journal with that journal's key.

    The key is left out of repr, so a traceback or a log line never shows it.
    """

    journal_id: int
    key: bytes = field(repr=False)
    # The stored salt the key was derived with: a key from before a passphrase change has
    # another salt, and the Store refuses it instead of sealing with a key nobody can derive.
    salt: str = ""

    @property
    def fingerprint(self) -> str:
        """Names the key in cache keys without revealing it."""
        return hmac.new(self.key, b"nabij key fingerprint", hashlib.sha256).hexdigest()[:16]

    def _associated(self, column: str, row: str | None) -> bytes:
        bound = f"nabij:{self.journal_id}:{column}"
        return (bound if row is None else f"{bound}:{row}").encode()

    def seal(self, column: str, text: str, row: str | None = None) -> str:
        """The stored form of `text`; empty text stays empty (nothing to hide).

        `row` names the row the text belongs to (see nabij.storage.tables.SEALED_ROW_KEYS).
        """
        if text == "":
            return ""
        nonce = secrets.token_bytes(NONCE_BYTES)
        sealed = AESGCM(self.key).encrypt(nonce, text.encode("utf-8"),
                                          self._associated(column, row))
        prefix = PREFIX if row is None else ROW_PREFIX
        return prefix + base64.urlsafe_b64encode(nonce + sealed).decode("ascii")

    def open(self, column: str, stored: str | None, row: str | None = None) -> str | None:
        """The text, or None when it cannot be read (changed, moved, or never sealed)."""
        if stored is None or stored == "":
            return ""
        if stored.startswith(ROW_PREFIX):
            if row is None:
                return None
            body, associated = stored[len(ROW_PREFIX):], self._associated(column, row)
        elif stored.startswith(PREFIX):
            body, associated = stored[len(PREFIX):], self._associated(column, None)
        else:
            return None
        try:
            raw = base64.urlsafe_b64decode(body.encode("ascii"))
            text = AESGCM(self.key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], associated)
            return text.decode("utf-8")
        except (InvalidTag, ValueError, binascii.Error, UnicodeError):
            return None


def is_sealed(stored: str | None) -> bool:
    return bool(stored) and stored.startswith((PREFIX, ROW_PREFIX))  # type: ignore[union-attr]


def wrap_key(wrapping_key: bytes, key: bytes, context: str) -> str:
    """`key` sealed with `wrapping_key` (to share a journal with a coach)."""
    nonce = secrets.token_bytes(NONCE_BYTES)
    sealed = AESGCM(wrapping_key).encrypt(nonce, key, context.encode("utf-8"))
    return base64.urlsafe_b64encode(nonce + sealed).decode("ascii")


def unwrap_key(wrapping_key: bytes, wrapped: str, context: str) -> bytes | None:
    try:
        raw = base64.urlsafe_b64decode(wrapped.encode("ascii"))
        return AESGCM(wrapping_key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:],
                                            context.encode("utf-8"))
    except (InvalidTag, ValueError, binascii.Error):
        return None


def sharing_key(secret: str) -> bytes:
    """The key that seals journal keys for coaches, from a deployment secret (HKDF-SHA256)."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=b"nabij coach sharing v1").derive(secret.encode("utf-8"))
