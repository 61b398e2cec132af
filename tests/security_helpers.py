"""Shared bits of the privacy tests: random keys without Argon2, the PHC string taken apart, and
what the database holds as plain SQL (and the file on disk) sees it, with no Store in between."""

from __future__ import annotations

import base64
import re
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, inspect, select, text

from nabij.security.cipher import FieldCipher
from nabij.storage.partner_keys import open_personal_key, set_personal_passphrase
from nabij.storage.tables import SEALED_COLUMNS, SEALED_ROW_KEYS, metadata, row_label

PHC = re.compile(r"^\$(?P<variant>argon2(?:id|i|d))\$v=(?P<version>\d+)"
                 r"\$m=(?P<m>\d+),t=(?P<t>\d+),p=(?P<p>\d+)"
                 r"\$(?P<salt>[A-Za-z0-9+/]+)\$(?P<hash>[A-Za-z0-9+/]+)$")


@dataclass(frozen=True)
class Phc:
    variant: str
    version: int
    memory_kib: int
    time_cost: int
    parallelism: int
    salt: bytes
    digest: bytes


def _b64_unpadded(value: str) -> bytes:
    return base64.b64decode(value + "=" * (-len(value) % 4))


def parse_phc(stored: str) -> Phc:
    """The parts of an Argon2 PHC string; AssertionError when it is not one."""
    found = PHC.match(stored)
    assert found is not None, f"not an Argon2 PHC string: {stored[:20]}..."
    return Phc(variant=found["variant"], version=int(found["version"]),
               memory_kib=int(found["m"]), time_cost=int(found["t"]),
               parallelism=int(found["p"]), salt=_b64_unpadded(found["salt"]),
               digest=_b64_unpadded(found["hash"]))


def random_cipher(journal_id: int = 1, salt: str = "test-salt") -> FieldCipher:
    """A key as the Store uses it, but random: no Argon2, so property tests stay fast."""
    return FieldCipher(journal_id=journal_id, key=secrets.token_bytes(32), salt=salt)


def database_rows(engine: Engine) -> dict[str, list[tuple[str, ...]]]:
    """Every row of every table in the database, read with plain SQL, values as text."""
    names = sorted(inspect(engine).get_table_names())
    rows: dict[str, list[tuple[str, ...]]] = {}
    with engine.connect() as conn:
        for name in names:
            result = conn.execute(text(f'SELECT * FROM "{name}"'))
            rows[name] = sorted(tuple(str(value) for value in row) for row in result)
    return rows


def database_text(engine: Engine) -> str:
    """All of `database_rows` as one text, to search for what must not be there."""
    return "\n".join(f"{name}: {row!r}" for name, table_rows in database_rows(engine).items()
                     for row in table_rows)


def sealed_column_values(engine: Engine, journal_id: int) -> dict[tuple[str, str, str], str]:
    """The stored free text of one journal: (table, row label, column) -> value as stored.

    The row label is what the text is sealed to (nabij.storage.tables.SEALED_ROW_KEYS), so
    `cipher.open(f"{table}.{column}", value, label)` opens it.
    """
    values: dict[tuple[str, str, str], str] = {}
    with engine.connect() as conn:
        for table_name, columns in SEALED_COLUMNS.items():
            key = SEALED_ROW_KEYS[table_name]
            query = select(metadata.tables[table_name].c[key],
                           *(metadata.tables[table_name].c[c] for c in columns)).where(
                metadata.tables[table_name].c.journal_id == journal_id)
            for row in conn.execute(query):
                for column, value in zip(columns, row[1:], strict=True):
                    values[(table_name, row_label(row[0]), column)] = value
    return values


def copy_sqlite_files(engine: Engine, destination: Path) -> bytes:
    """Close every connection, copy the database file (and any -wal/-journal beside it) to
    `destination`, and return the bytes of all copied files together."""
    engine.dispose()
    source = Path(engine.url.database or "")
    destination.mkdir(parents=True, exist_ok=True)
    data = b""
    for path in sorted(source.parent.glob(source.name + "*")):
        copy = destination / path.name
        shutil.copyfile(path, copy)
        data += copy.read_bytes()
    assert data, f"no database file found at {source}"
    return data


PERSONAL_PASSPHRASE = "de eigen zin van partner {slot} in de test"


def private_writer(store, journal_id: int, partner: int):
    """`store` with this partner's own key for the journal (set up the first time), so it
    can log and read that partner's private moments."""
    passphrase = PERSONAL_PASSPHRASE.format(slot=partner)
    key = open_personal_key(store, journal_id, partner, passphrase)
    if key is None:
        key = set_personal_passphrase(store, journal_id, partner, passphrase)
    return store.with_personal(journal_id, key)
