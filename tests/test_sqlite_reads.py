"""On SQLite a read takes no write lock: one long read never stalls another session's write."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from sqlalchemy import event

from nabij.model import Event, Journal, Kind
from nabij.storage import Store, open_engine, upgrade_to_latest
from nabij.storage.backup import backup_journal

# A write from elsewhere gives up almost at once: it succeeds only if nothing holds the lock.
TINY_BUSY_TIMEOUT_S = 0.01


@pytest.fixture
def sqlite_store(sqlite_url):
    engine = open_engine(sqlite_url)
    upgrade_to_latest(engine)
    yield Store(engine)
    engine.dispose()


def _write_from_another_connection(path: str) -> None:
    other = sqlite3.connect(path, timeout=TINY_BUSY_TIMEOUT_S, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE journals SET name = name || '!'")
        other.execute("COMMIT")
    finally:
        other.close()


@pytest.mark.parametrize("read", [
    lambda store, journal_id: store.list_events(journal_id),
    lambda store, journal_id: store.list_journals(),
    lambda store, journal_id: store.events_table(journal_id),
    lambda store, journal_id: backup_journal(store, journal_id),
], ids=["list_events", "list_journals", "events_table", "backup"])
def test_a_write_elsewhere_succeeds_while_a_read_is_open(sqlite_store, sqlite_url, read):
    journal = sqlite_store.create_journal(Journal(id=None, name="Wij", partners=("Anna", "Bram")))
    sqlite_store.add_event(journal.id, Event(occurred_at=dt.datetime(2025, 3, 4, tzinfo=dt.UTC),
                                             partner=0, kind=Kind.CLOSENESS, intensity=3))
    path = sqlite_url.removeprefix("sqlite:///")
    written: list[str] = []

    def in_the_middle_of_the_read(conn, cursor, statement, *_args) -> None:
        # Runs inside the read's transaction, after its first query: the read is open.
        if not written and statement.lstrip().upper().startswith("SELECT"):
            _write_from_another_connection(path)
            written.append(statement)

    event.listen(sqlite_store.engine, "after_cursor_execute", in_the_middle_of_the_read)
    try:
        read(sqlite_store, journal.id)
    finally:
        event.remove(sqlite_store.engine, "after_cursor_execute", in_the_middle_of_the_read)
    assert written
    assert sqlite_store.get_journal(journal.id).name == "Wij!"


def test_a_write_still_takes_the_lock_at_once(sqlite_store, sqlite_url):
    """Writes begin IMMEDIATE, so a second writer waits its turn instead of deadlocking."""
    path = sqlite_url.removeprefix("sqlite:///")
    refused: list[Exception] = []

    def while_writing(conn, cursor, statement, *_args) -> None:
        if not refused and statement.lstrip().upper().startswith("INSERT"):
            try:
                _write_from_another_connection(path)
            except sqlite3.OperationalError as error:
                refused.append(error)

    event.listen(sqlite_store.engine, "after_cursor_execute", while_writing)
    try:
        sqlite_store.create_journal(Journal(id=None, name="Wij", partners=("Anna", "Bram")))
    finally:
        event.remove(sqlite_store.engine, "after_cursor_execute", while_writing)
    assert refused and "locked" in str(refused[0])
