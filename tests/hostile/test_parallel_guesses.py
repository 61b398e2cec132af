"""Many sessions guessing one journal's passphrase at the same moment (issue #18).

Each wrong guess is counted before its passphrase is checked, in one statement: twenty guesses
fired together from twenty threads (as twenty browser sessions would) get no more than the
limit of Argon2 checks between them, and the journal is locked at the end, on SQLite and on
PostgreSQL. Threads wait on a barrier, never on the clock; the time each guess gives is fixed.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest

from nabij.model import Journal
from nabij.security.attempts import DEFAULT_POLICY
from nabij.storage import protection
from nabij.storage.protection import Opened, Refused, create_protected_journal, open_journal

NAME = "Ons Dagboek"
PASSPHRASE = "Lange zomeravond aan zee, café 🌊"
NOW = dt.datetime(2025, 3, 10, 12, 0, tzinfo=dt.UTC)
GUESSES = 20


class Counted:
    """A stand-in for an Argon2 check that counts how often it ran (from any thread)."""

    def __init__(self, real: Callable[..., bool]) -> None:
        self.real = real
        self.calls = 0
        self._lock = threading.Lock()

    def __call__(self, *args: object) -> bool:
        with self._lock:
            self.calls += 1
        return self.real(*args)


@pytest.fixture
def checks(monkeypatch) -> Counted:
    """Every passphrase check of open_journal, the decoy for unknown names included."""
    counted = Counted(protection.verify_passphrase)
    monkeypatch.setattr(protection, "verify_passphrase", counted)
    decoy = Counted(protection.spend_decoy_time)
    monkeypatch.setattr(protection, "spend_decoy_time", decoy)
    counted.decoy = decoy  # type: ignore[attr-defined]
    return counted


def guess_together(store, name: str, now: dt.datetime) -> list[Opened | Refused]:
    start = threading.Barrier(GUESSES)

    def guess(number: int) -> Opened | Refused:
        start.wait()
        return open_journal(store, name, f"een verkeerde gok nummer {number}", now=now)

    with ThreadPoolExecutor(max_workers=GUESSES) as pool:
        return list(pool.map(guess, range(GUESSES)))


def test_twenty_parallel_wrong_guesses_check_no_more_than_the_limit_and_lock(store, checks):
    journal, _ = create_protected_journal(
        store, Journal(id=None, name=NAME, partners=("Anna", "Bram"), timezone="Europe/Amsterdam"),
        PASSPHRASE)
    answers = guess_together(store, NAME, NOW)

    limit = DEFAULT_POLICY.lock_after
    assert checks.calls == limit  # a guess beyond the limit never reached Argon2
    assert all(isinstance(answer, Refused) for answer in answers)
    until = NOW + dt.timedelta(minutes=DEFAULT_POLICY.lock_minutes)
    # The guesses before the limit are told "wrong"; the one at the limit and all after it
    # are told the name is locked.
    assert sorted(str(answer.locked_until) for answer in answers) == \
        sorted([str(None)] * (limit - 1) + [str(until)] * (GUESSES - limit + 1))
    # Locked: the right passphrase is refused too, without being checked.
    assert open_journal(store, NAME, PASSPHRASE, now=NOW + dt.timedelta(minutes=1)) == \
        Refused(locked_until=until)
    assert checks.calls == limit

    # After the lock, twenty more at once: one is checked, and it locks twice as long.
    after = until + dt.timedelta(seconds=1)
    again = guess_together(store, NAME, after)
    assert checks.calls == limit + 1
    longer = after + dt.timedelta(minutes=2 * DEFAULT_POLICY.lock_minutes)
    assert {answer.locked_until for answer in again} == {longer}

    # Once that lock has passed too, the right passphrase opens the journal.
    opened = open_journal(store, NAME, PASSPHRASE, now=longer + dt.timedelta(seconds=1))
    assert isinstance(opened, Opened) and opened.journal.id == journal.id


def test_twenty_parallel_guesses_at_a_name_that_does_not_exist_lock_it_alike(store, checks):
    answers = guess_together(store, "Bestaat niet", NOW)
    assert checks.decoy.calls == DEFAULT_POLICY.lock_after  # type: ignore[attr-defined]
    assert checks.calls == 0
    until = NOW + dt.timedelta(minutes=DEFAULT_POLICY.lock_minutes)
    assert sum(answer.locked_until == until for answer in answers) == \
        GUESSES - DEFAULT_POLICY.lock_after + 1
