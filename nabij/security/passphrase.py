"""Journal passphrases: checking what was typed, hashing it, and deriving the notes key.

Argon2id for both, with argon2-cffi's RFC 9106 "low memory" profile (64 MiB, 3 passes,
4 lanes), which is above OWASP's minimum (19 MiB, 2 passes, 1 lane). The verification hash and
the encryption key use different salts, so the stored hash says nothing about the key. Every
run holds one of a few process-wide slots (nabij.security.argon2_slots), so a burst of
attempts queues instead of taking 64 MiB each at once.
"""

from __future__ import annotations

import secrets
import unicodedata

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from argon2.low_level import hash_secret_raw

from nabij.model import InvalidInput, Problem
from nabij.security.argon2_slots import argon2_slot
from nabij.security.strength import weakness

TIME_COST = 3
MEMORY_KIB = 64 * 1024
PARALLELISM = 4
KEY_BYTES = 32
SALT_BYTES = 16
MIN_CHARS = 8
# Long enough for any sentence someone remembers; short enough that hashing it stays cheap.
MAX_CHARS = 1024

_HASHER = PasswordHasher(time_cost=TIME_COST, memory_cost=MEMORY_KIB, parallelism=PARALLELISM,
                         hash_len=32, salt_len=SALT_BYTES, type=Type.ID)


def normalise(passphrase: str) -> str:
    """NFC, so "é" typed as one character or as e + accent is the same passphrase."""
    return unicodedata.normalize("NFC", passphrase)


def check_typed(passphrase: object) -> str:
    """A passphrase typed to open a journal: not empty and not absurdly long."""
    if not isinstance(passphrase, str) or passphrase == "":
        raise InvalidInput([Problem("passphrase", "passphrase.empty")])
    if len(passphrase) > MAX_CHARS:
        raise InvalidInput([Problem("passphrase", "passphrase.too_long", {"max": MAX_CHARS})])
    return normalise(passphrase)


def check_new(passphrase: object, repeated: object) -> str:
    """A passphrase being chosen: also long enough, not easy to guess, and typed the same twice.

    Easy to guess means on a list of common passphrases or below zxcvbn's strength floor
    (nabij.security.strength): whoever has a copy of the database tries those first.
    """
    chosen = check_typed(passphrase)
    if len(chosen) < MIN_CHARS:
        raise InvalidInput([Problem("passphrase", "passphrase.too_short", {"min": MIN_CHARS})])
    weak = weakness(chosen)
    if weak is not None:
        raise InvalidInput([Problem("passphrase", weak)])
    if not isinstance(repeated, str) or normalise(repeated) != chosen:
        raise InvalidInput([Problem("repeat", "passphrase.mismatch")])
    return chosen


def check_optional_new(passphrase: object, repeated: object, required: bool) -> str | None:
    """A new journal's passphrase: None where none is typed and none is required (at home
    only), else as `check_new` judges it."""
    if not passphrase and not repeated and not required:
        return None
    return check_new(passphrase, repeated)


def hash_passphrase(passphrase: str) -> str:
    """The PHC string ($argon2id$v=19$m=...,t=...,p=...$salt$hash) to store."""
    with argon2_slot():
        return _HASHER.hash(normalise(passphrase))


def verify_passphrase(stored_hash: str, passphrase: str) -> bool:
    try:
        with argon2_slot():
            return _HASHER.verify(stored_hash, normalise(passphrase))
    except (VerificationError, InvalidHashError):
        return False


# Verified against when a name matches no journal, so a wrong name costs the same time as a
# wrong passphrase and the answer's timing does not tell whether the name exists.
_DECOY_HASH = _HASHER.hash(secrets.token_urlsafe(16))


def spend_decoy_time(passphrase: str) -> None:
    verify_passphrase(_DECOY_HASH, passphrase)


def new_salt() -> bytes:
    return secrets.token_bytes(SALT_BYTES)


def derive_key(passphrase: str, salt: bytes) -> bytes:
    """The 256-bit key for the journal's notes, from the passphrase and the journal's salt."""
    with argon2_slot():
        return hash_secret_raw(normalise(passphrase).encode("utf-8"), salt, time_cost=TIME_COST,
                               memory_cost=MEMORY_KIB, parallelism=PARALLELISM,
                               hash_len=KEY_BYTES, type=Type.ID)
