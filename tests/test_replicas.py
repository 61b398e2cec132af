"""Two app servers on one database, as deploy/ runs them (issue #20), on SQLite and PostgreSQL.

Each "server" here is an engine and a Store of its own, as each app process has: nothing
passes between them but the database. What one writes, the other's next read must show: the
journal's rows (through its in-memory snapshot, which follows the revision), unlock attempts
and locks, and shares. The browser-level check is tests/e2e/test_two_servers.py.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import secrets
from collections.abc import Iterator

import pytest

from nabij.model import Journal
from nabij.phases.four_phases import Phase
from nabij.phases.marks import PhaseMark
from nabij.security.attempts import AttemptPolicy
from nabij.storage import Store, open_engine
from nabij.storage.protection import Opened, Refused, create_protected_journal, open_journal
from nabij.storage.shares import coach_key, share_with, withdraw
from nabij.storage.snapshot import JournalSnapshot
from tests.test_storage import make_event

NAME, PASSPHRASE = "Twee Servers", "Zomeravond op het dak, twee stoelen 20"
NOW = dt.datetime(2026, 5, 1, 12, 0, tzinfo=dt.UTC)
POLICY = AttemptPolicy(free=1, lock_after=4, lock_minutes=15.0, max_delay_seconds=0.0)
COACH = "coach@example.org"


@pytest.fixture
def other_server(database_url, store) -> Iterator[Store]:
    """A second app process on the same database (the `store` fixture migrated it)."""
    engine = open_engine(database_url)
    yield Store(engine)
    engine.dispose()


def test_what_one_server_writes_the_other_servers_snapshot_shows_at_its_next_read(
        store, other_server, journal):
    first = store.add_event(journal.id, make_event(note="via een"))
    on_two = JournalSnapshot(other_server, journal.id)
    assert list(on_two.table()["note"]) == ["via een"]

    store.add_event(journal.id, make_event(note="later via een",
                                           occurred_at=make_event().occurred_at
                                           + dt.timedelta(hours=1)))
    store.update_event(journal.id, dataclasses.replace(first, note="bewerkt via een"))
    assert list(on_two.table()["note"]) == ["bewerkt via een", "later via een"]
    store.delete_event(journal.id, first.id)
    assert list(on_two.table()["note"]) == ["later via een"]
    assert other_server.revision(journal.id) == store.revision(journal.id)

    before = other_server.revision(journal.id)
    store.set_phase_mark(journal.id, PhaseMark(start=dt.date(2025, 3, 1), end=None,
                                               phase=Phase.BEGIN))
    # A mark moves the revision too: every cache keyed on it is refreshed on the other server.
    assert other_server.revision(journal.id) > before
    assert [mark.phase for mark in other_server.list_phase_marks(journal.id)] == \
        [Phase.BEGIN]
    assert on_two.full_loads == 1  # followed by what changed, not reloaded


def test_wrong_passphrases_on_two_servers_count_together_and_lock_at_the_same_limit(
        store, other_server):
    create_protected_journal(store, Journal(id=None, name=NAME, partners=("Anna", "Bram")),
                             PASSPHRASE)
    servers = [store, other_server]
    answers = [open_journal(servers[attempt % 2], NAME, f"fout {attempt}", policy=POLICY,
                            now=NOW) for attempt in range(POLICY.lock_after)]
    assert all(isinstance(answer, Refused) for answer in answers)
    assert [answer.locked_until for answer in answers[:-1]] == [None] * (POLICY.lock_after - 1)
    assert answers[-1].locked_until == NOW + dt.timedelta(minutes=POLICY.lock_minutes)
    for server in servers:  # locked on both, right passphrase or not
        assert open_journal(server, NAME, PASSPHRASE, policy=POLICY, now=NOW) == \
            Refused(locked_until=answers[-1].locked_until)

    after = NOW + dt.timedelta(minutes=POLICY.lock_minutes, seconds=1)
    assert isinstance(open_journal(other_server, NAME, PASSPHRASE, policy=POLICY, now=after),
                      Opened)
    # The success on one server cleared the count for both.
    again = [open_journal(servers[attempt % 2], NAME, "fout", policy=POLICY, now=after)
             for attempt in range(POLICY.lock_after - 1)]
    assert [answer.locked_until for answer in again] == [None] * (POLICY.lock_after - 1)


def test_a_share_made_or_withdrawn_on_one_server_holds_on_the_other(store, other_server):
    sharing_key = secrets.token_bytes(32)
    journal, cipher = create_protected_journal(
        store, Journal(id=None, name=NAME, partners=("Anna", "Bram")), PASSPHRASE)
    opened = store.with_keys({journal.id: cipher})
    share_with(opened, journal.id, COACH, cipher, sharing_key)
    assert coach_key(other_server, journal.id, COACH, sharing_key) is not None
    withdraw(opened, journal.id, COACH)
    with pytest.raises(LookupError):
        coach_key(other_server, journal.id, COACH, sharing_key)
