"""Free text sealed with AES-GCM, so a copy of the database alone does not reveal it.

Each value gets its own random 96-bit nonce. The associated data names the journal and the
column ("events.note"), so a sealed note copied into another journal or another column does
not open: it is reported as unreadable, like any other tampering.
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

PREFIX = "nabij:v1:"
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

    def _associated(self, column: str) -> bytes:
        return f"nabij:{self.journal_id}:{column}".encode()

    def seal(self, column: str, text: str) -> str:
        """The stored form of `text`; empty text stays empty (nothing to hide)."""
        if text == "":
            return ""
        nonce = secrets.token_bytes(NONCE_BYTES)
        sealed = AESGCM(self.key).encrypt(nonce, text.encode("utf-8"), self._associated(column))
        return PREFIX + base64.urlsafe_b64encode(nonce + sealed).decode("ascii")

    def open(self, column: str, stored: str | None) -> str | None:
        """The text, or None when it cannot be read (changed, moved, or never sealed)."""
        if stored is None or stored == "":
            return ""
        if not stored.startswith(PREFIX):
            return None
        try:
            raw = base64.urlsafe_b64decode(stored[len(PREFIX):].encode("ascii"))
            text = AESGCM(self.key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:],
                                            self._associated(column))
            return text.decode("utf-8")
        except (InvalidTag, ValueError, binascii.Error, UnicodeError):
            return None


def is_sealed(stored: str | None) -> bool:
    return bool(stored) and stored.startswith(PREFIX)  # type: ignore[union-attr]


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
