"""Nothing logged is lost: many writers at once, a writer killed in the middle of writing, and
text that a re-seal cannot open.

Both run on SQLite and PostgreSQL (`database_url`). Each writer has its own engine and Store,
as separate browser sessions (or separate app processes) have.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time

from sqlalchemy import text

from nabij.config import PROJECT_ROOT
from nabij.model import Event, Journal, Kind
from nabij.security.cipher import PREFIX, ROW_PREFIX
from nabij.storage import Store, open_engine, upgrade_to_latest
from nabij.storage.protection import (
    Opened,
    create_protected_journal,
    open_journal,
    set_passphrase,
)
from nabij.storage.tables import row_label
from tests.security_helpers import database_rows, sealed_column_values
from tests.test_protection import (
    DAY,
    NAME,
    NEW_PASSPHRASE,
    NOTES,
    NOW,
    PASSPHRASE,
    fill,
    new_journal,
    partner_columns,
    seal_without_rows,
    tamper,
)

WRITERS = 20
EVENTS_EACH = 100
START = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)


def _writer(url: str, journal_id: int, writer: int, barrier: threading.Barrier,
            errors: list[BaseException]) -> None:
    engine = open_engine(url)
    try:
        store = Store(engine)
        barrier.wait()
        for number in range(EVENTS_EACH):
            store.add_event(journal_id, Event(
                occurred_at=START + dt.timedelta(minutes=writer * EVENTS_EACH + number),
                partner=writer % 2, kind=Kind.CLOSENESS if number % 2 else Kind.DISTANCE,
                intensity=1 + number % 5, note=f"writer {writer} moment {number}"))
    except BaseException as error:  # reported by the test, not lost in a thread
        errors.append(error)
    finally:
        engine.dispose()


def test_twenty_writers_at_once_lose_nothing(store, journal, database_url):
    barrier = threading.Barrier(WRITERS)
    errors: list[BaseException] = []
    threads = [threading.Thread(target=_writer, args=(database_url, journal.id, writer, barrier,
                                                      errors))
               for writer in range(WRITERS)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(240)
    elapsed = time.monotonic() - started

    assert errors == []
    assert not any(thread.is_alive() for thread in threads)
    events = store.list_events(journal.id)
    assert len(events) == WRITERS * EVENTS_EACH
    assert {event.note for event in events} == {
        f"writer {writer} moment {number}"
        for writer in range(WRITERS) for number in range(EVENTS_EACH)}
    # Every write bumped the revision exactly once: no lost update there either.
    assert store.revision(journal.id) == WRITERS * EVENTS_EACH
    print(f"\n{database_url.split(':')[0]}: {len(events)} of {WRITERS * EVENTS_EACH} events "
          f"from {WRITERS} writers in {elapsed:.1f}s")


# The writer that gets killed: adds moments one by one, printing each id once it is committed.
CRASH_WRITER = textwrap.dedent("""
    import datetime as dt, sys
    from nabij.model import Event, Kind
    from nabij.storage import Store, open_engine
    url, journal_id, first = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    store = Store(open_engine(url))
    start = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    for number in range(first, first + 100_000):
        saved = store.add_event(journal_id, Event(
            occurred_at=start + dt.timedelta(minutes=number), partner=number % 2,
            kind=Kind.CLOSENESS, intensity=3, note=f"moment {number} " + "x" * 500))
        print(saved.id, flush=True)
""")

KILL_AFTER = (40, 173, 311)  # confirmed writes before each SIGKILL


def _write_until_killed(url: str, journal_id: int, first: int, kill_after: int) -> list[int]:
    child = subprocess.Popen([sys.executable, "-c", CRASH_WRITER, url, str(journal_id),
                              str(first)], cwd=PROJECT_ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, bufsize=1)
    confirmed: list[int] = []
    try:
        while len(confirmed) < kill_after:
            line = child.stdout.readline()
            if not line:
                raise AssertionError(f"the writer stopped early: {child.stderr.read()}")
            confirmed.append(int(line))
        os.kill(child.pid, signal.SIGKILL)  # no cleanup, no rollback, mid-write
        child.wait(30)
        # Lines printed between our last read and the kill were confirmed too.
        confirmed.extend(int(line) for line in child.stdout.read().split())
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(30)
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    return confirmed


def test_a_writer_killed_mid_write_loses_at_most_the_moment_being_written(database_url):
    engine = open_engine(database_url)
    upgrade_to_latest(engine)
    journal = Store(engine).create_journal(Journal(None, "Crash", ("Anna", "Bram")))
    engine.dispose()

    confirmed: list[int] = []
    for round_number, kill_after in enumerate(KILL_AFTER):
        confirmed += _write_until_killed(database_url, journal.id, round_number * 100_000,
                                         kill_after)

        engine = open_engine(database_url)  # as the app does when it starts again
        try:
            if engine.dialect.name == "sqlite":
                with engine.connect() as conn:
                    assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            store = Store(engine)
            stored = {event.id for event in store.list_events(journal.id)}
            assert set(confirmed) <= stored, "a confirmed moment was lost"
            # At most the one moment in flight was committed without its id being printed.
            assert len(stored) - len(confirmed) <= round_number + 1
            assert store.revision(journal.id) == len(stored)
        finally:
            engine.dispose()
    print(f"\n{database_url.split(':')[0]}: {len(confirmed)} confirmed over "
          f"{len(KILL_AFTER)} kills, {len(stored)} stored, all confirmed found")


# --- re-sealing: a passphrase change and the first-open upgrade -----------------------------------

def _damage_one_of_each(engine, journal_id: int, first_event: int) -> list[tuple[str, str, str]]:
    """Change a sealed note, context tag, cycle-map text, next step and partner name, as a
    damaged copy or a wrong edit of the database would; returns where."""
    tamper(engine, "events", "note", "id", first_event)
    tamper(engine, "events", "context", "id", first_event)
    tamper(engine, "cycle_maps", "felt_1", "event_id", first_event)
    tamper(engine, "sessions", "next_step", "journal_id", journal_id)
    tamper(engine, "journals", "partner_b", "id", journal_id)
    return [("events", row_label(first_event), "note"), ("events", row_label(first_event),
                                                         "context"),
            ("cycle_maps", row_label(first_event), "felt_1"),
            ("sessions", row_label(DAY), "next_step")]


def test_a_passphrase_change_carries_text_it_cannot_open_over_unchanged(store):
    journal, cipher = create_protected_journal(store, new_journal(), PASSPHRASE)
    keyed = store.with_keys({journal.id: cipher})
    filled = fill(keyed, journal.id)
    damaged = _damage_one_of_each(store.engine, journal.id, filled.events[0].id)
    before = sealed_column_values(store.engine, journal.id)
    partner_b = partner_columns(store.engine, journal.id)[1]

    new = set_passphrase(keyed, journal.id, NEW_PASSPHRASE)

    after = sealed_column_values(store.engine, journal.id)
    for place in damaged:
        assert after[place] == before[place], place
    assert partner_columns(store.engine, journal.id)[1] == partner_b
    for place, value in after.items():  # everything that did open is under the new key
        if value and place not in damaged:
            assert new.open(f"{place[0]}.{place[2]}", value, place[1]) is not None, place
    reopened = store.with_keys({journal.id: new}).list_events(journal.id)
    assert [e.note for e in reopened[1:]] == list(NOTES[1:])


def test_the_first_open_upgrade_carries_text_it_cannot_open_over_unchanged(store):
    journal, cipher = create_protected_journal(store, new_journal(), PASSPHRASE)
    filled = fill(store.with_keys({journal.id: cipher}), journal.id)
    seal_without_rows(store.engine, cipher, journal.id, filled)
    first = filled.events[0].id
    tamper(store.engine, "events", "note", "id", first)
    tamper(store.engine, "events", "context", "id", first)
    before = sealed_column_values(store.engine, journal.id)

    assert isinstance(open_journal(store, NAME, PASSPHRASE, now=NOW), Opened)

    after = sealed_column_values(store.engine, journal.id)
    for column in ("note", "context"):
        place = ("events", row_label(first), column)
        assert after[place] == before[place] and after[place].startswith(PREFIX)
    second = ("events", row_label(filled.events[1].id), "note")
    assert after[second].startswith(ROW_PREFIX)  # the rest was brought up to date
    # What is left cannot be brought up to date: the next opening does not try again.
    rows = database_rows(store.engine)
    assert isinstance(open_journal(store, NAME, PASSPHRASE, now=NOW), Opened)
    assert database_rows(store.engine) == rows


def test_an_edit_keeps_a_note_and_context_that_do_not_open(store):
    """Shown as the placeholder and as no tags, and left so: the stored text stays."""
    journal, cipher = create_protected_journal(store, new_journal(), PASSPHRASE)
    keyed = store.with_keys({journal.id: cipher})
    filled = fill(keyed, journal.id)
    first = filled.events[0]
    tamper(store.engine, "events", "note", "id", first.id)
    tamper(store.engine, "events", "context", "id", first.id)
    before = sealed_column_values(store.engine, journal.id)

    shown = keyed.get_event(journal.id, first.id)
    keyed.update_event(journal.id, dataclasses.replace(shown, intensity=5))

    after = sealed_column_values(store.engine, journal.id)
    for column in ("note", "context"):
        place = ("events", row_label(first.id), column)
        assert after[place] == before[place], column
    assert keyed.get_event(journal.id, first.id).intensity == 5
    # Written over on purpose, they are replaced as with any edit.
    edited = keyed.get_event(journal.id, first.id)
    keyed.update_event(journal.id, dataclasses.replace(edited, note="opnieuw", context="werk"))
    again = keyed.get_event(journal.id, first.id)
    assert (again.note, again.context) == ("opnieuw", "werk")
