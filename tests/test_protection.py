"""Journals with a passphrase, on SQLite and PostgreSQL (issue #9).

What is checked here is what a person relies on: a copy of the database alone does not show
what they wrote; without the key no page can read or change the journal; one journal's ids and
key never reach another; wrong passphrases slow down and lock per name, known or not; changing
the passphrase retires the old one; tampering shows as unreadable; backups are readable copies
without the secrets of this installation; and no log line holds a passphrase or a note.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import datetime as dt
import json
import logging
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import Engine, insert, text
from sqlalchemy import event as sqlalchemy_event

from nabij.io.problems import UnreadableFile
from nabij.model import Event, InvalidInput, Journal, Kind, Problem
from nabij.phases.four_phases import Phase
from nabij.phases.marks import PhaseMark
from nabij.security.attempts import AttemptPolicy
from nabij.security.cipher import PREFIX, ROW_PREFIX, FieldCipher, is_sealed, wrap_key
from nabij.security.passphrase import MAX_CHARS
from nabij.session.records import CheckIn, CycleMap, SessionNote
from nabij.storage import EventNotFound, Store, open_engine, protection, upgrade_to_latest
from nabij.storage.backup import backup_journal, backup_json, parse_backup, restore_journal
from nabij.storage.bulk import add_new_events
from nabij.storage.protection import (
    JournalLocked,
    Opened,
    Refused,
    create_protected_journal,
    open_journal,
    restore_protected,
    set_passphrase,
)
from nabij.storage.sessions import SessionStore
from nabij.storage.store import UNREADABLE_NAME, UNREADABLE_TEXT, coach_key_of
from nabij.storage.tables import journal_shares
from tests.conftest import fresh_postgres_database
from tests.security_helpers import (
    copy_sqlite_files,
    database_rows,
    database_text,
    parse_phc,
    sealed_column_values,
)

NAME = "Ons Dagboek"
PASSPHRASE = "Lange zomeravond aan zee, café 🌊"
NEW_PASSPHRASE = "Winterochtend met mist ❄ en thee"
WRONG = "Lange zomeravond aan zee, cafe"
NOW = dt.datetime(2025, 3, 10, 12, 0, tzinfo=dt.UTC)
WHEN = dt.datetime(2025, 3, 4, 21, 15, tzinfo=dt.UTC)
DAY = dt.date(2025, 3, 4)
# Three wrong answers lock: cheap enough to reach with Argon2 in a test.
POLICY = AttemptPolicy(free=1, lock_after=3, lock_minutes=10, max_delay_seconds=2.0)

# Every piece of free text carries a word in capitals that appears nowhere else, so a search for
# it finds the text even when only part of it leaked.
NOTES = ("ZEBRAPAD: hij sloeg de deur dicht en ik bleef alleen achter",
         "VUURTOREN - ze kwam terug met thee en we praatten",
         "OCHTENDKOFFIE stil naast elkaar, haar hand op mijn schouder")
CONTEXTS = ("werk, KOFFIEMOLEN", "schoonfamilie, PAARDENBLOEM", "")
CYCLE = {"triggered_by": "AARDBEIENTAART bleef onaangeroerd staan",
         "felt": ("ZANDKASTEEL: bang om alleen te zijn", "REGENBOOG: boos en moe"),
         "did": ("TROMPETTER: trok zich terug", "PIANOSTEMMER: ging erachteraan")}
NEXT_STEP = "WINDMOLEN: elke avond tien minuten samen wandelen"
COACH_EMAIL = "coach.KOEKOEKSKLOK@example.org"
PARTNERS = ("Annelies KLAPROOS", "Bram SNEEUWKLOKJE")
MARKERS = ("ZEBRAPAD", "VUURTOREN", "OCHTENDKOFFIE", "KOFFIEMOLEN", "PAARDENBLOEM",
           "AARDBEIENTAART", "ZANDKASTEEL", "REGENBOOG", "TROMPETTER", "PIANOSTEMMER",
           "WINDMOLEN", "KLAPROOS", "SNEEUWKLOKJE")
FREE_TEXTS = (*NOTES, *(c for c in CONTEXTS if c), CYCLE["triggered_by"], *CYCLE["felt"],
              *CYCLE["did"], NEXT_STEP)
SECRETS = (*FREE_TEXTS, *PARTNERS, *MARKERS)


def new_journal(name: str = NAME) -> Journal:
    return Journal(id=None, name=name, partners=PARTNERS, timezone="Europe/Amsterdam")


def moment(note: str = "", context: str = "", kind: Kind = Kind.DISTANCE, hours: int = 0,
           partner: int = 0) -> Event:
    return Event(occurred_at=WHEN + dt.timedelta(hours=hours), partner=partner, kind=kind,
                 intensity=3, note=note, context=context)


@dataclass(frozen=True)
class Filled:
    events: list[Event]
    cycle_map: CycleMap
    session: SessionNote


def fill(store: Store, journal_id: int) -> Filled:
    """Moments with notes and contexts, a cycle map, a session, a check-in and a phase mark."""
    kinds = (Kind.DISTANCE, Kind.CLOSENESS, Kind.CLOSENESS)
    saved = [store.add_event(journal_id, moment(note, context, kind, hours=i, partner=i % 2))
             for i, (kind, note, context) in enumerate(zip(kinds, NOTES, CONTEXTS, strict=True))]
    records = SessionStore(store)
    cycle_map = CycleMap(event_id=saved[0].id, **CYCLE)
    records.save_cycle_map(journal_id, cycle_map)
    session = SessionNote(DAY, NEXT_STEP)
    records.save_session(journal_id, session)
    records.set_check_in(journal_id, CheckIn(DAY, 0, 5))
    store.set_phase_mark(journal_id, PhaseMark(start=DAY, phase=Phase.CRISIS))
    return Filled(saved, cycle_map, session)


def content(event: Event) -> tuple:
    """What a person wrote and chose, without the version counter."""
    return (event.id, event.occurred_at, event.partner, event.kind, event.intensity,
            event.note, event.body, event.context, event.visibility)


def assert_reads_back(store: Store, journal_id: int, filled: Filled) -> None:
    assert [content(e) for e in store.list_events(journal_id)] == \
        [content(e) for e in filled.events]
    first = filled.events[0]
    assert content(store.get_event(journal_id, first.id)) == content(first)
    table = store.events_table(journal_id)
    assert list(table["note"]) == [e.note for e in filled.events]
    assert list(table["context"]) == [e.context for e in filled.events]
    records = SessionStore(store)
    assert records.cycle_maps(journal_id) == {filled.cycle_map.event_id: filled.cycle_map}
    assert records.sessions(journal_id) == [filled.session]


def leaked(haystack: str | bytes, secrets: tuple[str, ...] = SECRETS) -> list[str]:
    if isinstance(haystack, bytes):
        return [s for s in secrets if s.encode("utf-8") in haystack]
    return [s for s in secrets if s in haystack]


def journal_row(engine: Engine, journal_id: int):
    with engine.connect() as conn:
        return conn.execute(text("SELECT passphrase_hash, key_salt FROM journals WHERE id = :j"),
                            {"j": journal_id}).one()


def column_of(place: tuple[str, str, str]) -> str:
    table, _, column = place
    return f"{table}.{column}"


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


@pytest.fixture
def protected(store) -> tuple[Journal, FieldCipher]:
    return create_protected_journal(store, new_journal(), PASSPHRASE)


# --- without the key, nothing ---------------------------------------------------------------------

@dataclass(frozen=True)
class World:
    """One database with two protected journals, A (filled) and B, shared by the tests that
    only try what must be refused (each checks that nothing changed)."""

    engine: Engine
    a: Journal
    cipher_a: FieldCipher
    b: Journal
    cipher_b: FieldCipher
    filled: Filled
    deleted_id: int
    mark_id: int


@contextlib.contextmanager
def _database(kind: str, tmp_path_factory) -> Iterator[str]:
    """A new, migrated database of its own for a module-scoped fixture."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp(kind) / 'nabij.sqlite3'}"
    else:
        with fresh_postgres_database() as url:
            yield url


def _build_world(url: str) -> Iterator[World]:
    engine = open_engine(url)
    upgrade_to_latest(engine)
    store = Store(engine)
    try:
        a, cipher_a = create_protected_journal(store, new_journal("Journal A"), PASSPHRASE)
        b, cipher_b = create_protected_journal(store, new_journal("Journal B"), NEW_PASSPHRASE)
        keyed = store.with_keys({a.id: cipher_a, b.id: cipher_b})
        filled = fill(keyed, a.id)
        fill(keyed, b.id)
        gone = keyed.add_event(a.id, moment("WEGGEGOOID", hours=9))
        keyed.delete_event(a.id, gone.id)
        [mark] = keyed.list_phase_marks(a.id)
        assert mark.id is not None
        with engine.begin() as conn:  # shared with a coach: a row only this installation has
            conn.execute(insert(journal_shares).values(
                journal_id=a.id, coach_email=COACH_EMAIL,
                wrapped_key=wrap_key(bytes(32), cipher_a.key, "share"), created_at=NOW))
        yield World(engine, a, cipher_a, b, cipher_b, filled, gone.id, mark.id)
    finally:
        engine.dispose()


@pytest.fixture(scope="module",
                params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def world(request, tmp_path_factory) -> Iterator[World]:
    with _database(request.param, tmp_path_factory) as url:
        yield from _build_world(url)


def _new(note: str = "NIEUW: mag er niet in") -> Event:
    return moment(note, "nieuw", Kind.CLOSENESS, hours=30)


OPERATIONS: dict[str, Callable[[Store, World], object]] = {
    "list_events": lambda s, w: s.list_events(w.a.id),
    "events_table": lambda s, w: s.events_table(w.a.id),
    "events_table since a revision": lambda s, w: s.events_table(w.a.id, since_revision=0),
    "get_event": lambda s, w: s.get_event(w.a.id, w.filled.events[0].id),
    "count_events": lambda s, w: s.count_events(w.a.id),
    "add_event": lambda s, w: s.add_event(w.a.id, _new()),
    "add_events": lambda s, w: s.add_events(w.a.id, [_new(), _new("NOG EEN")]),
    "add_new_events (import)": lambda s, w: add_new_events(s, w.a.id, [_new()]),
    "update_event": lambda s, w: s.update_event(
        w.a.id, dataclasses.replace(w.filled.events[1], note="OVERSCHREVEN")),
    "delete_event": lambda s, w: s.delete_event(w.a.id, w.filled.events[1].id),
    "restore_event": lambda s, w: s.restore_event(w.a.id, w.deleted_id),
    "list_phase_marks": lambda s, w: s.list_phase_marks(w.a.id),
    "set_phase_mark": lambda s, w: s.set_phase_mark(
        w.a.id, PhaseMark(start=DAY + dt.timedelta(days=3), phase=Phase.TURNING_POINT)),
    "set_phase_marks": lambda s, w: s.set_phase_marks(
        w.a.id, [PhaseMark(start=DAY + dt.timedelta(days=5), phase=Phase.BEGIN)]),
    "delete_phase_mark": lambda s, w: s.delete_phase_mark(w.a.id, w.mark_id),
    "move_phase_mark": lambda s, w: s.move_phase_mark(w.a.id, w.mark_id,
                                                      DAY + dt.timedelta(days=7)),
    "restore_phase_mark": lambda s, w: s.restore_phase_mark(
        w.a.id, PhaseMark(start=DAY + dt.timedelta(days=9), phase=Phase.MIDDLE)),
    "check_ins": lambda s, w: SessionStore(s).check_ins(w.a.id),
    "set_check_in": lambda s, w: SessionStore(s).set_check_in(w.a.id, CheckIn(DAY, 1, 2)),
    "remove_check_in": lambda s, w: SessionStore(s).remove_check_in(w.a.id, DAY, 0),
    "cycle_maps": lambda s, w: SessionStore(s).cycle_maps(w.a.id),
    "save_cycle_map": lambda s, w: SessionStore(s).save_cycle_map(
        w.a.id, CycleMap(w.filled.events[0].id, triggered_by="OVERSCHREVEN")),
    "sessions": lambda s, w: SessionStore(s).sessions(w.a.id),
    "save_session": lambda s, w: SessionStore(s).save_session(
        w.a.id, SessionNote(DAY + dt.timedelta(days=1), "OVERSCHREVEN")),
    "backup_journal": lambda s, w: backup_journal(s, w.a.id),
    "backup_json": lambda s, w: backup_json(s, w.a.id),
    "set_passphrase": lambda s, w: set_passphrase(s, w.a.id, "een heel andere wachtzin"),
}
READS = ("list_events", "events_table", "events_table since a revision", "get_event",
         "count_events", "list_phase_marks", "check_ins", "cycle_maps", "sessions",
         "backup_journal", "backup_json")

WITHOUT_THE_KEY: dict[str, Callable[[World], dict[int, FieldCipher]]] = {
    "no key": lambda w: {},
    "only another journal's key": lambda w: {w.b.id: w.cipher_b},
    "another journal's key filed under this one": lambda w: {w.a.id: w.cipher_b},
}


@pytest.mark.parametrize("keys", WITHOUT_THE_KEY)
@pytest.mark.parametrize("operation", OPERATIONS)
def test_without_its_key_every_journal_operation_is_refused_and_changes_nothing(
        world, operation, keys):
    locked = Store(world.engine).with_keys(WITHOUT_THE_KEY[keys](world))
    before = database_rows(world.engine)
    with pytest.raises(JournalLocked):
        OPERATIONS[operation](locked, world)
    assert database_rows(world.engine) == before


def test_with_its_key_the_same_reads_work(world):
    keyed = Store(world.engine).with_keys({world.a.id: world.cipher_a})
    before = database_rows(world.engine)
    for operation in READS:
        OPERATIONS[operation](keyed, world)
    assert_reads_back(keyed, world.a.id, world.filled)
    assert database_rows(world.engine) == before


@pytest.mark.parametrize("keys", WITHOUT_THE_KEY)
def test_a_store_says_whether_it_can_open_a_journal(world, keys):
    assert Store(world.engine).with_keys(WITHOUT_THE_KEY[keys](world)).is_open(world.a.id) \
        is False
    assert Store(world.engine).with_keys({world.a.id: world.cipher_a}).is_open(world.a.id)


def test_a_journals_key_opens_that_journal_only(world):
    only_a = Store(world.engine).with_keys({world.a.id: world.cipher_a})
    assert [e.note for e in only_a.list_events(world.a.id)] == list(NOTES)
    with pytest.raises(JournalLocked):
        only_a.list_events(world.b.id)
    # Not even used directly, past the Store: A's key opens none of B's stored text.
    for place, value in sealed_column_values(world.engine, world.b.id).items():
        if value:
            assert world.cipher_a.open(column_of(place), value, place[1]) is None
            assert world.cipher_b.open(column_of(place), value, place[1]) is not None
    both = only_a.with_keys({world.a.id: world.cipher_a, world.b.id: world.cipher_b})
    assert [e.note for e in both.list_events(world.b.id)] == list(NOTES)


# --- a copy of the database -----------------------------------------------------------------------

def test_a_copy_of_the_database_does_not_reveal_the_free_text(world, tmp_path):
    a, cipher = world.a, world.cipher_a
    keyed = Store(world.engine).with_keys({a.id: cipher})
    assert_reads_back(keyed, a.id, world.filled)
    assert keyed.events_table(a.id, since_revision=0)["note"].tolist() == \
        [*NOTES, "WEGGEGOOID"]

    stored = sealed_column_values(world.engine, a.id)
    assert len(stored) == 4 * 2 + 5 + 1  # four moments, one cycle map, one session
    assert all(is_sealed(value) for value in stored.values() if value != "")
    assert sorted(place[2] for place, value in stored.items() if value == "") == \
        ["context", "context"]  # the third moment's and the deleted one's: nothing to hide
    secrets = (*SECRETS, "WEGGEGOOID", PASSPHRASE, NEW_PASSPHRASE, cipher.key.hex(),
               world.cipher_b.key.hex(), base64.b64encode(cipher.key).decode())
    assert leaked(database_text(world.engine), secrets) == []

    if not is_sqlite(world.engine):
        return
    data = copy_sqlite_files(world.engine, tmp_path / "copy")
    assert leaked(data, secrets) == []
    assert cipher.key not in data and world.cipher_b.key not in data
    copy = open_engine(f"sqlite:///{tmp_path / 'copy' / 'nabij.sqlite3'}")
    try:
        with pytest.raises(JournalLocked):
            Store(copy).list_events(a.id)
        opened = open_journal(Store(copy), a.name, PASSPHRASE)
        assert isinstance(opened, Opened)
        assert_reads_back(Store(copy).with_keys({a.id: opened.cipher}), a.id, world.filled)
    finally:
        copy.dispose()


def test_the_stored_hash_is_argon2id_and_says_nothing_about_the_key(world):
    for journal, cipher in ((world.a, world.cipher_a), (world.b, world.cipher_b)):
        row = journal_row(world.engine, journal.id)
        phc = parse_phc(row.passphrase_hash)
        assert phc.variant == "argon2id"
        assert phc.memory_kib >= 19456 and phc.time_cost >= 2 and phc.parallelism >= 1
        # The key comes from the passphrase with another salt than the hash: with the same
        # salt and cost the two would be one and the same value.
        assert base64.b64decode(row.key_salt) != phc.salt
        assert cipher.key != phc.digest
        assert cipher.salt == row.key_salt
    assert world.cipher_a.salt != world.cipher_b.salt


# --- isolation between journals -----------------------------------------------------------------

def test_one_journals_event_ids_reach_nothing_in_another_journal(store, protected):
    a, cipher = protected
    b = store.create_journal(new_journal("Journal B"))
    keyed = store.with_keys({a.id: cipher})
    a_events = keyed.add_events(a.id, [moment("A een", kind=Kind.CLOSENESS),
                                       moment("A twee", kind=Kind.DISTANCE, hours=1)])
    b_events = keyed.add_events(b.id, [moment("B een", kind=Kind.DISTANCE, hours=2),
                                       moment("B twee", kind=Kind.CLOSENESS, hours=3)])
    keyed.delete_event(b.id, b_events[1].id)  # an id that only restore_event would reach
    keyed.delete_event(a.id, a_events[0].id)
    before = database_rows(store.engine)

    for journal_id, foreign in ((a.id, b_events), (b.id, a_events)):
        for other in foreign:
            with pytest.raises(EventNotFound):
                keyed.get_event(journal_id, other.id)
            with pytest.raises(EventNotFound):
                keyed.update_event(journal_id, dataclasses.replace(other, note="OVERGENOMEN"))
            with pytest.raises(EventNotFound):
                keyed.delete_event(journal_id, other.id)
            with pytest.raises(EventNotFound):
                keyed.restore_event(journal_id, other.id)
    with pytest.raises(EventNotFound):
        SessionStore(keyed).save_cycle_map(a.id, CycleMap(b_events[0].id, "OVERGENOMEN"))
    with pytest.raises(EventNotFound):
        SessionStore(keyed).save_cycle_map(b.id, CycleMap(a_events[1].id, "OVERGENOMEN"))
    assert database_rows(store.engine) == before

    assert [e.id for e in keyed.list_events(a.id)] == [a_events[1].id]
    assert list(keyed.events_table(a.id)["id"]) == [a_events[1].id]
    assert set(keyed.events_table(a.id, since_revision=0)["id"]) == {e.id for e in a_events}
    assert [e.id for e in keyed.list_events(b.id)] == [b_events[0].id]
    assert set(keyed.events_table(b.id, since_revision=0)["id"]) == {e.id for e in b_events}
    assert keyed.count_events(a.id) == keyed.count_events(b.id) == 1


# --- opening with the passphrase ------------------------------------------------------------------

def test_the_right_passphrase_opens_the_journal_by_name_ignoring_case_and_spaces(store,
                                                                                  protected):
    journal, cipher = protected
    saved = store.with_keys({journal.id: cipher}).add_event(journal.id, moment(NOTES[0]))
    # Typed differently: other case, extra spaces, and the é as e + combining accent.
    opened = open_journal(store, "  ons   DAGBOEK ", unicodedata.normalize("NFD", PASSPHRASE),
                          now=NOW)
    assert isinstance(opened, Opened)
    assert (opened.journal.id, opened.journal.name, opened.journal.protected) == \
        (journal.id, NAME, True)
    assert (opened.cipher.journal_id, opened.cipher.key, opened.cipher.salt) == \
        (journal.id, cipher.key, cipher.salt)
    keyed = store.with_keys({journal.id: opened.cipher})
    assert keyed.get_event(journal.id, saved.id).note == NOTES[0]
    # Narrowed to one journal id, the name and passphrase open that journal only.
    assert isinstance(open_journal(store, NAME, PASSPHRASE, journal_id=journal.id + 1000,
                                   now=NOW), Refused)


def test_a_journal_name_typed_with_a_decomposed_accent_opens_it(store):
    """Passphrases and attempt counting (name_key) both treat é and e + accent alike; finding
    the journal by its name should too."""
    journal, _ = create_protected_journal(store, new_journal("Caf\u00e9 Samen"), PASSPHRASE)
    opened = open_journal(store, "Cafe\u0301 samen", PASSPHRASE, now=NOW)
    assert isinstance(opened, Opened)
    assert opened.journal.id == journal.id


def test_wrong_passphrase_unknown_name_and_unprotected_name_are_refused_alike_and_locked_alike(
        store, protected):
    store.create_journal(new_journal("Zonder wachtzin"))
    tries = {"wrong passphrase": (NAME, WRONG), "unknown name": ("Bestaat niet", PASSPHRASE),
             "journal without passphrase": ("Zonder wachtzin", PASSPHRASE)}
    answers = {label: [open_journal(store, name, passphrase, policy=POLICY, now=NOW)
                       for _ in range(POLICY.lock_after)]
               for label, (name, passphrase) in tries.items()}
    expected = [Refused(wait_seconds=POLICY.delay_after(n),
                        locked_until=POLICY.locked_until(n, NOW))
                for n in range(1, POLICY.lock_after + 1)]
    assert answers == {label: expected for label in tries}
    until = expected[-1].locked_until
    assert until is not None and expected[-1].wait_seconds > 0
    # Locked: the right passphrase of the real journal gets the same answer as anything else.
    later = NOW + dt.timedelta(minutes=1)
    assert {label: open_journal(store, name, PASSPHRASE, policy=POLICY, now=later)
            for label, (name, _) in tries.items()} == \
        {label: Refused(locked_until=until) for label in tries}
    # Once the lock has passed, counting does not start over: one more try, and a wrong one
    # locks the name again for twice as long, for a name that exists or not.
    after = until + dt.timedelta(seconds=1)
    relocked = {label: open_journal(store, name, WRONG, policy=POLICY, now=after)
                for label, (name, _) in tries.items()}
    twice = after + dt.timedelta(minutes=2 * POLICY.lock_minutes)
    assert relocked == {label: Refused(wait_seconds=POLICY.delay_after(POLICY.lock_after + 1),
                                       locked_until=twice) for label in tries}


def test_a_locked_name_refuses_the_right_passphrase_until_the_lock_has_passed(store, protected):
    journal, _ = protected
    for _ in range(POLICY.lock_after):
        last = open_journal(store, NAME, WRONG, policy=POLICY, now=NOW)
    until = NOW + dt.timedelta(minutes=POLICY.lock_minutes)
    assert last == Refused(wait_seconds=POLICY.delay_after(POLICY.lock_after),
                           locked_until=until)
    for when, typed_name in ((NOW + dt.timedelta(minutes=1), NAME),
                             (until - dt.timedelta(seconds=1), " ons dagboek ")):
        assert open_journal(store, typed_name, PASSPHRASE, policy=POLICY, now=when) == \
            Refused(locked_until=until)
    # The lock belongs to that name only.
    other = open_journal(store, "Ander dagboek", WRONG, policy=POLICY, now=NOW)
    assert other == Refused(wait_seconds=POLICY.delay_after(1))
    opened = open_journal(store, NAME, PASSPHRASE, policy=POLICY,
                          now=until + dt.timedelta(seconds=1))
    assert isinstance(opened, Opened) and opened.journal.id == journal.id


def test_opening_successfully_forgets_earlier_mistakes(store, protected):
    for _ in range(POLICY.lock_after - 1):
        open_journal(store, NAME, WRONG, policy=POLICY, now=NOW)
    assert isinstance(open_journal(store, NAME, PASSPHRASE, policy=POLICY, now=NOW), Opened)
    again = [open_journal(store, NAME, WRONG, policy=POLICY, now=NOW)
             for _ in range(POLICY.lock_after - 1)]
    assert again == [Refused(wait_seconds=POLICY.delay_after(n))
                     for n in range(1, POLICY.lock_after)]


def test_an_empty_or_too_long_passphrase_is_invalid_and_counts_nothing(store, protected):
    strict = AttemptPolicy(free=0, lock_after=1, lock_minutes=10)  # one counted failure locks
    for typed in ("", "x" * (MAX_CHARS + 1), None, "", "y" * (MAX_CHARS + 1)):
        with pytest.raises(InvalidInput):
            open_journal(store, NAME, typed, policy=strict, now=NOW)
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM unlock_attempts")).scalar_one() == 0
    assert isinstance(open_journal(store, NAME, PASSPHRASE, policy=strict, now=NOW), Opened)


# --- setting and changing the passphrase ----------------------------------------------------------

def test_changing_the_passphrase_reseals_everything_and_retires_the_old_key(store, protected):
    journal, old = protected
    keyed_old = store.with_keys({journal.id: old})
    filled = fill(keyed_old, journal.id)
    before = sealed_column_values(store.engine, journal.id)
    row_before = journal_row(store.engine, journal.id)

    new = set_passphrase(keyed_old, journal.id, NEW_PASSPHRASE)

    after = sealed_column_values(store.engine, journal.id)
    assert after.keys() == before.keys()
    for place, value in before.items():
        if value == "":
            assert after[place] == ""
            continue
        assert after[place] != value and is_sealed(after[place])
        assert old.open(column_of(place), after[place], place[1]) is None
        assert new.open(column_of(place), after[place], place[1]) == \
            old.open(column_of(place), value, place[1])
    row_after = journal_row(store.engine, journal.id)
    assert row_after.passphrase_hash != row_before.passphrase_hash
    assert row_after.key_salt != row_before.key_salt == old.salt
    assert new.key != old.key and new.salt == row_after.key_salt
    names = partner_columns(store.engine, journal.id)
    assert opened_partners(old, names, store.engine) == (None, None)
    assert opened_partners(new, names, store.engine) == PARTNERS

    for read in (keyed_old.list_events, keyed_old.events_table,
                 SessionStore(keyed_old).sessions, SessionStore(keyed_old).cycle_maps):
        with pytest.raises(JournalLocked):
            read(journal.id)
    unchanged = database_rows(store.engine)
    with pytest.raises(JournalLocked):
        keyed_old.add_event(journal.id, _new())
    with pytest.raises(JournalLocked):
        set_passphrase(keyed_old, journal.id, "een derde wachtzin")
    assert database_rows(store.engine) == unchanged
    assert_reads_back(store.with_keys({journal.id: new}), journal.id, filled)

    assert isinstance(open_journal(store, NAME, PASSPHRASE, now=NOW), Refused)
    opened = open_journal(store, NAME, NEW_PASSPHRASE, now=NOW)
    assert isinstance(opened, Opened) and opened.cipher.key == new.key


def test_a_passphrase_on_a_journal_with_moments_seals_what_was_there(store):
    journal = store.create_journal(new_journal())
    filled = fill(store, journal.id)
    assert leaked(database_text(store.engine)) == list(SECRETS)  # plain until now
    assert not store.get_journal(journal.id).protected

    cipher = set_passphrase(store, journal.id, PASSPHRASE)

    stored = sealed_column_values(store.engine, journal.id)
    assert all(is_sealed(value) for value in stored.values() if value != "")
    assert leaked(database_text(store.engine)) == []
    assert store.get_journal(journal.id).protected
    with pytest.raises(JournalLocked):
        store.list_events(journal.id)
    assert_reads_back(store.with_keys({journal.id: cipher}), journal.id, filled)
    assert store.with_keys({journal.id: cipher}).get_journal(journal.id).partners == PARTNERS


def _secure_delete_off(dbapi_connection, _record) -> None:
    dbapi_connection.execute("PRAGMA secure_delete=OFF")


def test_text_written_before_the_passphrase_is_not_left_behind_in_the_sqlite_file(
        sqlite_url, tmp_path):
    """SQLite keeps deleted and overwritten bytes in free space unless secure_delete is on,
    and that is off by default: only some builds (Debian's, for one) turn it on at compile
    time. Here each connection starts as on such a default build; the connect hook Nabij's
    open_engine installs runs after it, so if Nabij asks for secure_delete, it is used."""
    engine = open_engine(sqlite_url)
    sqlalchemy_event.listen(engine, "connect", _secure_delete_off, insert=True)
    try:
        upgrade_to_latest(engine)
        store = Store(engine)
        journal = store.create_journal(new_journal())
        fill(store, journal.id)
        store.add_events(journal.id, [moment(f"{NOTES[0]} #{n}", CONTEXTS[0], hours=n)
                                      for n in range(3, 30)])
        set_passphrase(store, journal.id, PASSPHRASE)
        assert leaked(database_text(engine)) == []  # what SQL sees is sealed
        data = copy_sqlite_files(engine, tmp_path / "copy")
    finally:
        engine.dispose()
    assert leaked(data) == []


def test_a_failure_half_way_through_setting_a_passphrase_changes_nothing(store, journal,
                                                                        monkeypatch):
    filled = fill(store, journal.id)
    before = database_rows(store.engine)

    def fail(_passphrase: str) -> str:
        raise RuntimeError("disk full")

    monkeypatch.setattr(protection, "hash_passphrase", fail)  # after the text was re-sealed
    with pytest.raises(RuntimeError):
        set_passphrase(store, journal.id, PASSPHRASE)
    assert database_rows(store.engine) == before
    assert_reads_back(store, journal.id, filled)
    with pytest.raises(RuntimeError):
        create_protected_journal(store, new_journal("Nieuw dagboek"), PASSPHRASE)
    assert [j.id for j in store.list_journals()] == [journal.id]


# --- tampering ------------------------------------------------------------------------------------

def tamper(engine: Engine, table: str, column: str, where: str, value: int) -> None:
    """Change one character inside a sealed value, as someone editing the database would."""
    with engine.begin() as conn:
        stored = conn.execute(text(f"SELECT {column} FROM {table} WHERE {where} = :v"),
                              {"v": value}).scalar_one()
        assert is_sealed(stored)
        at = len(PREFIX) + 2
        changed = stored[:at] + ("B" if stored[at] == "A" else "A") + stored[at + 1:]
        conn.execute(text(f"UPDATE {table} SET {column} = :s WHERE {where} = :v"),
                     {"s": changed, "v": value})


def test_a_changed_sealed_value_reads_as_unreadable_and_the_rest_still_reads(store, protected):
    journal, cipher = protected
    unreadable = "⚠ niet leesbaar"
    keyed = store.with_keys({journal.id: cipher}, unreadable=unreadable)
    filled = fill(keyed, journal.id)
    first = filled.events[0]
    tamper(store.engine, "events", "note", "id", first.id)
    tamper(store.engine, "events", "context", "id", first.id)
    tamper(store.engine, "cycle_maps", "felt_1", "event_id", first.id)
    tamper(store.engine, "sessions", "next_step", "journal_id", journal.id)

    damaged = keyed.get_event(journal.id, first.id)
    assert (damaged.note, damaged.context) == (unreadable, "")
    assert store.with_keys({journal.id: cipher}).get_event(journal.id, first.id).note == \
        UNREADABLE_TEXT
    for intact in filled.events[1:]:
        assert content(keyed.get_event(journal.id, intact.id)) == content(intact)
    assert [e.note for e in keyed.list_events(journal.id)] == [unreadable, *NOTES[1:]]
    table = keyed.events_table(journal.id)
    assert list(table["note"]) == [unreadable, *NOTES[1:]]
    assert list(table["context"]) == ["", *CONTEXTS[1:]]
    since = keyed.events_table(journal.id, since_revision=0)
    assert list(since["note"]) == [unreadable, *NOTES[1:]]
    records = SessionStore(keyed)
    assert records.cycle_maps(journal.id)[first.id] == dataclasses.replace(
        filled.cycle_map, felt=(CYCLE["felt"][0], unreadable))
    assert records.sessions(journal.id) == [SessionNote(DAY, unreadable)]


def test_a_sealed_note_moved_into_another_column_is_left_out(store, protected):
    journal, cipher = protected
    keyed = store.with_keys({journal.id: cipher}, unreadable="X")
    first = keyed.add_event(journal.id, moment(NOTES[0], CONTEXTS[0]))
    second = keyed.add_event(journal.id, moment(NOTES[1], CONTEXTS[1], hours=1))
    # The first moment's sealed note, copied into the second one's context and the session.
    with store.engine.begin() as conn:
        note = conn.execute(text("SELECT note FROM events WHERE id = :i"),
                            {"i": first.id}).scalar_one()
        conn.execute(text("UPDATE events SET context = :n WHERE id = :i"),
                     {"n": note, "i": second.id})
    SessionStore(keyed).save_session(journal.id, SessionNote(DAY, "iets"))
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE sessions SET next_step = :n WHERE journal_id = :j"),
                     {"n": note, "j": journal.id})
    moved = keyed.get_event(journal.id, second.id)
    assert (moved.note, moved.context) == (NOTES[1], "")
    assert SessionStore(keyed).sessions(journal.id) == [SessionNote(DAY, "X")]
    assert keyed.get_event(journal.id, first.id).note == NOTES[0]


def swap(engine: Engine, table: str, column: str, where: str, first: object,
         second: object) -> None:
    """Swap two rows' stored values of one column, as someone editing the database would."""
    with engine.begin() as conn:
        read = text(f"SELECT {column} FROM {table} WHERE {where} = :v")
        a = conn.execute(read, {"v": first}).scalar_one()
        b = conn.execute(read, {"v": second}).scalar_one()
        assert is_sealed(a) and is_sealed(b)
        write = text(f"UPDATE {table} SET {column} = :s WHERE {where} = :v")
        conn.execute(write, {"s": b, "v": first})
        conn.execute(write, {"s": a, "v": second})


def test_notes_swapped_between_moments_read_as_unreadable_not_as_each_other(store, protected):
    journal, cipher = protected
    keyed = store.with_keys({journal.id: cipher}, unreadable="X")
    filled = fill(keyed, journal.id)
    first, second, third = filled.events
    swap(store.engine, "events", "note", "id", first.id, second.id)
    swap(store.engine, "events", "context", "id", first.id, second.id)
    assert [(e.note, e.context) for e in keyed.list_events(journal.id)] == \
        [("X", ""), ("X", ""), (NOTES[2], CONTEXTS[2])]
    table = keyed.events_table(journal.id)
    assert list(table["note"]) == ["X", "X", NOTES[2]]
    assert keyed.get_event(journal.id, third.id).note == NOTES[2]


def test_a_cycle_map_or_next_step_moved_to_another_row_reads_as_unreadable(store, protected):
    journal, cipher = protected
    keyed = store.with_keys({journal.id: cipher}, unreadable="X")
    filled = fill(keyed, journal.id)
    records = SessionStore(keyed)
    other = keyed.add_event(journal.id, moment("nog een afstand", hours=5))
    records.save_cycle_map(journal.id, CycleMap(event_id=other.id, triggered_by="ANDERE KAART"))
    later = DAY + dt.timedelta(days=7)
    records.save_session(journal.id, SessionNote(later, "ANDERE STAP"))

    swap(store.engine, "cycle_maps", "triggered_by", "event_id", filled.events[0].id, other.id)
    with store.engine.begin() as conn:
        ids = conn.execute(text("SELECT id FROM sessions WHERE journal_id = :j ORDER BY held_on"),
                           {"j": journal.id}).scalars().all()
    swap(store.engine, "sessions", "next_step", "id", ids[0], ids[1])

    maps = records.cycle_maps(journal.id)
    assert maps[filled.events[0].id].triggered_by == "X"
    assert maps[other.id].triggered_by == "X"
    assert maps[filled.events[0].id].felt == CYCLE["felt"]  # the rest of the map still reads
    assert records.sessions(journal.id) == [SessionNote(DAY, "X"), SessionNote(later, "X")]


def seal_without_rows(engine: Engine, cipher: FieldCipher, journal_id: int,
                      filled: Filled) -> None:
    """Store the moments' text and the next step as an earlier version did: sealed to the
    journal and column only ("nabij:v1:")."""
    with engine.begin() as conn:
        for event in filled.events:
            conn.execute(text("UPDATE events SET note = :n, context = :c WHERE id = :i"),
                         {"n": cipher.seal("events.note", event.note),
                          "c": cipher.seal("events.context", event.context), "i": event.id})
        conn.execute(text("UPDATE sessions SET next_step = :n WHERE journal_id = :j"),
                     {"n": cipher.seal("sessions.next_step", NEXT_STEP), "j": journal_id})
    older = [v for v in sealed_column_values(engine, journal_id).values() if v]
    assert sum(v.startswith(PREFIX) for v in older) == 6  # three notes, two contexts, a step


def test_text_sealed_before_rows_were_named_reads_and_a_new_passphrase_binds_it(store,
                                                                                protected):
    """Journals protected before row binding hold values sealed to journal and column only:
    they still read, and a passphrase change writes every one of them bound to its row."""
    journal, cipher = protected
    keyed = store.with_keys({journal.id: cipher})
    filled = fill(keyed, journal.id)
    seal_without_rows(store.engine, cipher, journal.id, filled)
    assert_reads_back(keyed, journal.id, filled)

    new = set_passphrase(keyed, journal.id, NEW_PASSPHRASE)
    stored = sealed_column_values(store.engine, journal.id)
    assert all(value.startswith(ROW_PREFIX) for value in stored.values() if value)
    for place, value in stored.items():
        if value:
            assert new.open(column_of(place), value, place[1]) is not None
    assert_reads_back(store.with_keys({journal.id: new}), journal.id, filled)


def test_the_first_opening_binds_text_sealed_before_rows_were_named(store, protected):
    journal, cipher = protected
    filled = fill(store.with_keys({journal.id: cipher}), journal.id)
    seal_without_rows(store.engine, cipher, journal.id, filled)
    # What the row binding is for: notes sealed the old way can be swapped unnoticed.
    swap(store.engine, "events", "note", "id", filled.events[1].id, filled.events[2].id)
    assert [e.note for e in store.with_keys({journal.id: cipher}).list_events(journal.id)] == \
        [NOTES[0], NOTES[2], NOTES[1]]
    swap(store.engine, "events", "note", "id", filled.events[1].id, filled.events[2].id)

    opened = open_journal(store, NAME, PASSPHRASE, now=NOW)

    assert isinstance(opened, Opened)
    stored = sealed_column_values(store.engine, journal.id)
    assert all(value.startswith(ROW_PREFIX) for value in stored.values() if value)
    keyed = store.with_keys({journal.id: opened.cipher}, unreadable="X")
    assert_reads_back(keyed, journal.id, filled)
    swap(store.engine, "events", "note", "id", filled.events[1].id, filled.events[2].id)
    assert [e.note for e in keyed.list_events(journal.id)] == [NOTES[0], "X", "X"]
    before = database_rows(store.engine)
    assert isinstance(open_journal(store, NAME, PASSPHRASE, now=NOW), Opened)
    assert database_rows(store.engine) == before  # once only: nothing left to bring up to date


def test_an_import_into_a_protected_journal_is_sealed_to_each_new_moment(store, protected):
    journal, cipher = protected
    keyed = store.with_keys({journal.id: cipher})
    outcome = add_new_events(keyed, journal.id, [moment(NOTES[0], CONTEXTS[0]),
                                                 moment(NOTES[1], CONTEXTS[1], hours=1)])
    stored = sealed_column_values(store.engine, journal.id)
    for event in outcome.added:
        value = stored[("events", str(event.id), "note")]
        assert value.startswith(ROW_PREFIX)
        assert cipher.open("events.note", value, str(event.id)) == event.note
    assert leaked(database_text(store.engine)) == []
    again = add_new_events(keyed, journal.id, [moment(NOTES[0], CONTEXTS[0])])
    assert again.added == [] and again.already_present == 1  # read back to compare


# --- the partners' names ------------------------------------------------------------------------

def partner_columns(engine: Engine, journal_id: int) -> tuple[str, str]:
    """The two names as stored, read with plain SQL."""
    with engine.connect() as conn:
        row = conn.execute(text("SELECT partner_a, partner_b FROM journals WHERE id = :j"),
                           {"j": journal_id}).one()
    return row[0], row[1]


def opened_partners(cipher: FieldCipher, stored: tuple[str, str], engine: Engine) -> tuple:
    """The names as this key opens them: through the coach key it unwraps (the names are
    sealed with it, so a coach sees them too); None where the key opens nothing."""
    with engine.connect() as conn:
        wrapped = conn.execute(text("SELECT coach_key_wrapped FROM journals WHERE id = :j"),
                               {"j": cipher.journal_id}).scalar_one()
    coach = coach_key_of(cipher.journal_id, cipher, wrapped)
    if coach is None:
        return (None, None)
    return (coach.open("journals.partner_a", stored[0]),
            coach.open("journals.partner_b", stored[1]))


@pytest.mark.parametrize("keys", WITHOUT_THE_KEY)
def test_without_its_key_a_journal_shows_its_name_but_not_its_partners(world, keys):
    stored = partner_columns(world.engine, world.a.id)
    assert all(is_sealed(value) for value in stored)
    assert opened_partners(world.cipher_a, stored, world.engine) == PARTNERS
    assert opened_partners(world.cipher_b, stored, world.engine) == (None, None)

    seen = Store(world.engine).with_keys(WITHOUT_THE_KEY[keys](world))
    for journal in (seen.get_journal(world.a.id),
                    next(j for j in seen.list_journals() if j.id == world.a.id)):
        assert (journal.name, journal.partners) == ("Journal A", ("", ""))
        assert journal.locked and journal.protected

    keyed = Store(world.engine).with_keys({world.a.id: world.cipher_a})
    journal = keyed.get_journal(world.a.id)
    assert journal.partners == PARTNERS and not journal.locked
    assert keyed.get_journal(world.b.id).partners == ("", "")  # only A's key is held


def test_opening_with_the_passphrase_gives_the_partners_names(store, protected):
    journal, _ = protected
    opened = open_journal(store, NAME, PASSPHRASE, now=NOW)
    assert isinstance(opened, Opened) and opened.journal.id == journal.id
    assert opened.journal.partners == PARTNERS and not opened.journal.locked


@contextlib.contextmanager
def sent_parameters(engine: Engine) -> Iterator[list[str]]:
    """Every parameter sent to the database while inside, as text."""
    sent: list[str] = []

    def keep(_conn, _cursor, _statement, parameters, _context, _many) -> None:
        sent.append(repr(parameters))

    sqlalchemy_event.listen(engine, "before_cursor_execute", keep)
    try:
        yield sent
    finally:
        sqlalchemy_event.remove(engine, "before_cursor_execute", keep)


def test_a_new_protected_journal_never_sends_its_partners_names_readable(store):
    """Not even for a moment: PostgreSQL keeps old row versions until a vacuum, so a name
    written readable and sealed afterwards would linger in the files."""
    with sent_parameters(store.engine) as sent:
        journal, cipher = create_protected_journal(store, new_journal(), PASSPHRASE)
    stored = partner_columns(store.engine, journal.id)
    assert any(stored[0] in s for s in sent)  # the names' writes were seen, sealed
    assert leaked("\n".join(sent)) == []
    assert journal.partners == PARTNERS
    assert opened_partners(cipher, stored, store.engine) == PARTNERS


def test_a_journal_protected_before_names_were_sealed_gets_them_sealed_when_opened(
        store, protected):
    """Journals protected before migration 0007 hold their names readable; the migration
    cannot seal them (that needs the passphrase), the first opening does."""
    journal, cipher = protected
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE journals SET partner_a = :a, partner_b = :b WHERE id = :j"),
                     {"a": PARTNERS[0], "b": PARTNERS[1], "j": journal.id})
    assert store.with_keys({journal.id: cipher}).get_journal(journal.id).partners == PARTNERS
    assert store.get_journal(journal.id).partners == ("", "")

    assert isinstance(open_journal(store, NAME, WRONG, now=NOW), Refused)
    assert partner_columns(store.engine, journal.id) == PARTNERS  # a wrong one changes nothing
    opened = open_journal(store, NAME, PASSPHRASE, now=NOW)

    assert isinstance(opened, Opened) and opened.journal.partners == PARTNERS
    stored = partner_columns(store.engine, journal.id)
    assert all(is_sealed(value) for value in stored)
    assert opened_partners(cipher, stored, store.engine) == PARTNERS
    assert leaked(database_text(store.engine)) == []


def test_a_changed_or_swapped_partner_name_reads_as_a_warning_sign(store, protected):
    journal, cipher = protected
    keyed = store.with_keys({journal.id: cipher})
    tamper(store.engine, "journals", "partner_b", "id", journal.id)
    assert keyed.get_journal(journal.id).partners == (PARTNERS[0], UNREADABLE_NAME)

    first, second = partner_columns(store.engine, journal.id)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE journals SET partner_a = :b, partner_b = :a WHERE id = :j"),
                     {"a": first, "b": second, "j": journal.id})
    assert keyed.get_journal(journal.id).partners == (UNREADABLE_NAME, UNREADABLE_NAME)
    assert keyed.list_events(journal.id) == []  # the rest of the journal still opens


# --- backups ------------------------------------------------------------------------------------

def test_a_backup_of_a_protected_journal_is_readable_and_holds_no_local_secrets(world):
    a, cipher = world.a, world.cipher_a
    row = journal_row(world.engine, a.id)
    with world.engine.connect() as conn:  # the share the backup must leave out is there
        assert conn.execute(text("SELECT coach_email FROM journal_shares WHERE journal_id = :j"),
                            {"j": a.id}).scalar_one() == COACH_EMAIL

    data = backup_json(Store(world.engine).with_keys({a.id: cipher}), a.id)
    written = data.decode("utf-8")
    backup = json.loads(written)
    assert leaked(written) == list(SECRETS)  # every piece of free text, readable
    assert "WEGGEGOOID" in written  # the deleted moment too, so an undo works after a restore
    assert PREFIX not in written  # nothing left sealed
    assert "passphrase_hash" not in backup["journal"] and "key_salt" not in backup["journal"]
    assert row.passphrase_hash not in written and row.key_salt not in written
    assert base64.b64encode(parse_phc(row.passphrase_hash).digest).decode()[:40] not in written
    assert "journal_shares" not in backup["tables"]
    assert "KOEKOEKSKLOK" not in written
    assert cipher.key.hex() not in written and base64.b64encode(cipher.key).decode() not in written


def _written_content(store: Store, journal_id: int) -> tuple:
    """A journal's free text in time order, without ids (they differ after a restore)."""
    records = SessionStore(store)
    maps = [(m.triggered_by, m.felt, m.did, m.body)
            for m in records.cycle_maps(journal_id).values()]
    return ([(e.occurred_at, e.partner, e.kind, e.intensity, e.note, e.context)
             for e in store.list_events(journal_id)], maps, records.sessions(journal_id),
            records.check_ins(journal_id))


def test_restore_protected_gives_a_new_sealed_journal_and_a_plain_restore_an_open_one(
        store, protected):
    journal, cipher = protected
    keyed = store.with_keys({journal.id: cipher})
    fill(keyed, journal.id)
    original = _written_content(keyed, journal.id)
    data = backup_json(keyed, journal.id)

    restored, restored_cipher = restore_protected(store, parse_backup(data), "Hersteld",
                                                  NEW_PASSPHRASE)
    assert restored.protected and restored.id != journal.id
    assert store.get_journal(restored.id).protected
    stored = sealed_column_values(store.engine, restored.id)
    assert len(stored) == len(sealed_column_values(store.engine, journal.id))
    assert all(is_sealed(value) for value in stored.values() if value != "")
    assert leaked("\n".join(stored.values())) == []
    assert all(restored_cipher.open(column_of(place), value, place[1]) not in (None, "")
               for place, value in stored.items() if value)  # bound to the new rows
    assert opened_partners(restored_cipher, partner_columns(store.engine, restored.id),
                           store.engine) == \
        PARTNERS
    assert store.with_keys({restored.id: restored_cipher}).get_journal(restored.id).partners \
        == PARTNERS
    with pytest.raises(JournalLocked):
        store.list_events(restored.id)
    with pytest.raises(JournalLocked):
        store.with_keys({journal.id: cipher}).list_events(restored.id)
    assert _written_content(store.with_keys({restored.id: restored_cipher}), restored.id) == \
        original
    opened = open_journal(store, "hersteld", NEW_PASSPHRASE, now=NOW)
    assert isinstance(opened, Opened) and opened.cipher.key == restored_cipher.key

    plain = restore_journal(store, parse_backup(data), "Gewone kopie")
    assert not plain.protected and not store.get_journal(plain.id).protected
    assert partner_columns(store.engine, plain.id) == PARTNERS
    assert _written_content(Store(store.engine), plain.id) == original
    plain_stored = sealed_column_values(store.engine, plain.id)
    assert not any(is_sealed(value) for value in plain_stored.values())
    assert sorted(v for v in plain_stored.values() if v) == sorted(FREE_TEXTS)


def _without_column(data: bytes, table: str, column: str) -> dict:
    """A backup edited by hand: one column left out of one table."""
    backup = json.loads(data)
    columns = backup["tables"][table]["columns"]
    at = columns.index(column)
    backup["tables"][table]["columns"] = columns[:at] + columns[at + 1:]
    backup["tables"][table]["rows"] = [row[:at] + row[at + 1:]
                                       for row in backup["tables"][table]["rows"]]
    return backup


def test_a_protected_restore_of_moments_without_their_old_ids_keeps_their_text(store,
                                                                               protected):
    """Without old ids the moments still get new ones, and their text is sealed to those
    (it was written as empty placeholders first, so a slip here would empty every note)."""
    journal, cipher = protected
    keyed = store.with_keys({journal.id: cipher})
    fill(keyed, journal.id)
    backup = _without_column(backup_json(keyed, journal.id), "events", "id")
    backup["tables"]["cycle_maps"]["rows"] = []  # they point at the old ids
    restored, key = restore_protected(store, parse_backup(json.dumps(backup).encode()),
                                      "Zonder nummers", NEW_PASSPHRASE)
    reread = store.with_keys({restored.id: key})
    assert [(e.note, e.context) for e in reread.list_events(restored.id)] == \
        list(zip(NOTES, CONTEXTS, strict=True))
    assert leaked(database_text(store.engine)) == []


def test_a_protected_restore_of_a_session_without_its_day_is_refused_as_damaged(store,
                                                                                protected):
    journal, cipher = protected
    keyed = store.with_keys({journal.id: cipher})
    fill(keyed, journal.id)
    data = json.dumps(_without_column(backup_json(keyed, journal.id), "sessions", "held_on"))
    before = database_rows(store.engine)
    for restore in (lambda b: restore_journal(store, b, "Kapot"),
                    lambda b: restore_protected(store, b, "Kapot", NEW_PASSPHRASE)):
        with pytest.raises(UnreadableFile) as caught:
            restore(parse_backup(data.encode()))
        assert caught.value.key == "data_backup.damaged"
    assert database_rows(store.engine) == before


# --- logs ---------------------------------------------------------------------------------------

def logged_text(record: logging.LogRecord) -> str:
    parts = [str(record.msg), repr(record.args)]
    with contextlib.suppress(TypeError, ValueError):
        parts.append(record.getMessage())
    if record.exc_text:
        parts.append(record.exc_text)
    return "\n".join(parts)


@dataclass(frozen=True)
class LoggedFlow:
    records: list[logging.LogRecord]
    old: FieldCipher
    new: FieldCipher
    hashes: list[str]


class _Keep(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _protect_open_write_and_change(store: Store) -> tuple[FieldCipher, FieldCipher, list[str]]:
    """Everything that handles a passphrase or a note, once; returns the keys and the stored
    passphrase hashes seen along the way."""
    journal, cipher = create_protected_journal(store, new_journal(), PASSPHRASE)
    hashes = [journal_row(store.engine, journal.id).passphrase_hash]
    assert isinstance(open_journal(store, NAME, PASSPHRASE), Opened)
    assert isinstance(open_journal(store, NAME, WRONG), Refused)
    keyed = store.with_keys({journal.id: cipher})
    keyed.add_event(journal.id, moment(NOTES[0], CONTEXTS[0]))
    assert keyed.list_events(journal.id)[0].note == NOTES[0]
    new = set_passphrase(keyed, journal.id, NEW_PASSPHRASE)
    hashes.append(journal_row(store.engine, journal.id).passphrase_hash)
    assert store.with_keys({journal.id: new}).list_events(journal.id)[0].note == NOTES[0]
    return cipher, new, hashes


@pytest.fixture(scope="module",
                params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def logged(request, tmp_path_factory) -> Iterator[LoggedFlow]:
    """The flow above run once per database with every logger at DEBUG, SQLAlchemy's engine
    (statements, parameters and rows) included, on an engine made by open_engine."""
    with _database(request.param, tmp_path_factory) as url:
        engine = open_engine(url)
        upgrade_to_latest(engine)
        keep, root, sql = _Keep(), logging.getLogger(), logging.getLogger("sqlalchemy.engine")
        levels = (root.level, sql.level)
        root.addHandler(keep)
        root.setLevel(logging.DEBUG)
        sql.setLevel(logging.DEBUG)
        try:
            old, new, hashes = _protect_open_write_and_change(Store(engine))
        finally:
            root.removeHandler(keep)
            root.setLevel(levels[0])
            sql.setLevel(levels[1])
            engine.dispose()
        yield LoggedFlow(keep.records, old, new, hashes)


def _assert_sql_was_logged(records: list[logging.LogRecord]) -> None:
    # Otherwise the searches below would pass because nothing was logged at all.
    assert any(record.name.startswith("sqlalchemy.engine") and "INSERT INTO events" in
               record.getMessage() for record in records)
    assert any(record.name.startswith("sqlalchemy.engine") and "UPDATE journals" in
               record.getMessage() for record in records)


def test_logs_never_hold_a_passphrase_a_key_or_a_note(logged):
    _assert_sql_was_logged(logged.records)
    forbidden = {"passphrase": PASSPHRASE, "new passphrase": NEW_PASSPHRASE,
                 "wrong passphrase": WRONG, "passphrase words": "zomeravond",
                 "new passphrase words": "Winterochtend", "note": NOTES[0],
                 "note marker": MARKERS[0], "context": CONTEXTS[0],
                 "old key": logged.old.key.hex(), "new key": logged.new.key.hex(),
                 "old key base64": base64.b64encode(logged.old.key).decode()[:40],
                 "new key base64": base64.b64encode(logged.new.key).decode()[:40]}
    leaks = sorted({(label, record.name) for record in logged.records
                    for label, secret in forbidden.items() if secret in logged_text(record)})
    assert leaks == []


@pytest.mark.parametrize("level", [
    pytest.param(logging.INFO, id="statements and parameters (echo=True)"),
    pytest.param(logging.DEBUG, id="result rows too (echo='debug')"),
])
def test_logs_never_hold_the_stored_passphrase_hash(logged, level):
    """The hash lets anyone with the logs try passphrases offline. SQLAlchemy logs statement
    parameters at INFO (hidden with create_engine(hide_parameters=True)) and every result row
    at DEBUG (which hide_parameters does not cover)."""
    _assert_sql_was_logged(logged.records)
    digests = [base64.b64encode(parse_phc(h).digest).decode().rstrip("=")
               for h in logged.hashes]
    leaks = sorted({(n, record.name, record.getMessage()[:70]) for record in logged.records
                    if record.levelno >= level
                    for n, digest in enumerate(digests) if digest in logged_text(record)})
    assert leaks == []


def test_a_refusal_says_the_same_for_every_mistake_or_how_long_the_lock_lasts():
    now = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
    wrong = protection.refusal_problem(protection.Refused(wait_seconds=2.0), "current",
                                       "privacy.current_wrong", now)
    assert (wrong.field, wrong.key, wrong.params) == ("current", "privacy.current_wrong", {})
    locked = protection.Refused(locked_until=now + dt.timedelta(minutes=14, seconds=1))
    problem = protection.refusal_problem(locked, "current", "privacy.current_wrong", now)
    assert (problem.key, problem.params) == ("privacy.locked_out", {"count": 15})
    hours = protection.Refused(locked_until=now + dt.timedelta(hours=5))
    assert protection.refusal_problem(hours, "x", "y", now).key == "privacy.locked_out_hours"


def test_problems_of_one_check_can_be_shown_at_another_field():
    invalid = InvalidInput([Problem("passphrase", "error.a", {"n": 1}), Problem("repeat", "b")])
    moved = invalid.under("current")
    assert [(p.field, p.key, p.params) for p in moved.problems] == [
        ("current", "error.a", {"n": 1}), ("current", "b", {})]
