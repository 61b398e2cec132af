"""Session storage on SQLite and PostgreSQL: visibility of moments, check-ins, cycle maps and
sessions, each scoped to its journal and bumping the journal's revision (migration 0004)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import insert, select, text, update
from sqlalchemy.exc import IntegrityError

from nabij.model import BodySignal, Event, Journal, Kind, Visibility
from nabij.session.records import CheckIn, CycleMap, SessionNote
from nabij.storage import EventNotFound, JournalLocked, JournalNotFound, Store, open_engine
from nabij.storage.protection import create_protected_journal
from nabij.storage.sessions import NotADistanceMoment, SessionStore
from nabij.storage.tables import check_ins, events
from tests.security_helpers import private_writer

WHEN = dt.datetime(2025, 3, 4, 21, 15, tzinfo=dt.UTC)
DAY = dt.date(2025, 3, 4)


def make_event(**changes) -> Event:
    values = {"occurred_at": WHEN, "partner": 0, "kind": Kind.DISTANCE, "intensity": 4,
              "note": "Deur dicht"}
    values.update(changes)
    return Event(**values)


@pytest.fixture
def sessions(store: Store) -> SessionStore:
    return SessionStore(store)


def test_visibility_round_trips_through_every_way_of_reading(store, journal):
    store = private_writer(store, journal.id, make_event().partner)
    saved = [store.add_event(journal.id, make_event(visibility=visibility, note=str(visibility)))
             for visibility in Visibility]
    assert [event.visibility for event in store.list_events(journal.id)] == list(Visibility)
    assert store.get_event(journal.id, saved[0].id).visibility is Visibility.PRIVATE
    assert list(store.events_table(journal.id)["visibility"]) == ["private", "partner", "coach"]
    store.update_event(journal.id, dataclasses.replace(saved[0], visibility=Visibility.COACH))
    assert store.get_event(journal.id, saved[0].id).visibility is Visibility.COACH


def test_an_event_without_visibility_is_shared_with_the_partner(store, journal):
    assert store.add_event(journal.id, make_event()).visibility is Visibility.PARTNER
    with store.engine.begin() as conn:  # a row written without the column (older code, SQL)
        conn.execute(insert(events).values(
            journal_id=journal.id, occurred_at=WHEN, partner=1, kind="closeness", intensity=2,
            created_at=WHEN, updated_at=WHEN))
    assert {event.visibility for event in store.list_events(journal.id)} == {Visibility.PARTNER}


def test_database_refuses_an_unknown_visibility(store, journal):
    saved = store.add_event(journal.id, make_event())
    with pytest.raises(IntegrityError), store.engine.begin() as conn:
        conn.execute(update(events).where(events.c.id == saved.id).values(visibility="all"))


def test_check_in_is_replaced_per_day_and_partner_and_removable(sessions, store, journal):
    sessions.set_check_in(journal.id, CheckIn(DAY, 0, 3))
    sessions.set_check_in(journal.id, CheckIn(DAY, 1, 6))
    sessions.set_check_in(journal.id, CheckIn(DAY, 0, 5))
    sessions.set_check_in(journal.id, CheckIn(DAY - dt.timedelta(days=7), 0, 2))
    assert sessions.check_ins(journal.id) == [CheckIn(DAY - dt.timedelta(days=7), 0, 2),
                                              CheckIn(DAY, 0, 5), CheckIn(DAY, 1, 6)]
    sessions.remove_check_in(journal.id, DAY, 1)
    assert CheckIn(DAY, 1, 6) not in sessions.check_ins(journal.id)


def test_every_session_write_bumps_the_journal_revision(sessions, store, journal):
    event = store.add_event(journal.id, make_event())
    writes = [lambda: sessions.set_check_in(journal.id, CheckIn(DAY, 0, 3)),
              lambda: sessions.remove_check_in(journal.id, DAY, 0),
              lambda: sessions.save_cycle_map(journal.id, CycleMap(event.id, "rekening")),
              lambda: sessions.save_session(journal.id, SessionNote(DAY, "wandelen")),
              lambda: sessions.set_next_session(journal.id, DAY)]
    for write in writes:
        before = store.revision(journal.id)
        write()
        assert store.revision(journal.id) == before + 1


def test_records_stay_in_their_journal(sessions, store, journal):
    other = store.create_journal(Journal(None, "Zij", ("Cas", "Dewi")))
    event = store.add_event(journal.id, make_event())
    sessions.set_check_in(journal.id, CheckIn(DAY, 0, 3))
    sessions.save_cycle_map(journal.id, CycleMap(event.id, "rekening"))
    sessions.save_session(journal.id, SessionNote(DAY, "wandelen"))
    assert sessions.check_ins(other.id) == []
    assert sessions.cycle_maps(other.id) == {}
    assert sessions.sessions(other.id) == []
    with pytest.raises(EventNotFound):  # a map for another journal's moment
        sessions.save_cycle_map(other.id, CycleMap(event.id, "niet van ons"))
    with pytest.raises(JournalNotFound):
        sessions.set_check_in(9999, CheckIn(DAY, 0, 3))


def test_the_next_session_day_is_set_replaced_and_cleared_per_journal(sessions, store, journal):
    other = store.create_journal(Journal(None, "Zij", ("Cas", "Dewi")))
    assert sessions.next_session(journal.id) is None
    sessions.set_next_session(journal.id, DAY)
    sessions.set_next_session(journal.id, DAY + dt.timedelta(days=14))
    assert sessions.next_session(journal.id) == DAY + dt.timedelta(days=14)
    assert sessions.next_session(other.id) is None
    sessions.set_next_session(journal.id, None)
    assert sessions.next_session(journal.id) is None
    with pytest.raises(JournalNotFound):
        sessions.next_session(9999)


def test_a_locked_journal_neither_gives_nor_takes_its_next_session(store):
    journal, cipher = create_protected_journal(
        store, Journal(None, "Dicht", ("Anna", "Bram"), "Europe/Amsterdam"), "een lange wachtzin")
    SessionStore(store.with_keys({journal.id: cipher})).set_next_session(journal.id, DAY)
    with pytest.raises(JournalLocked):
        SessionStore(store).next_session(journal.id)
    with pytest.raises(JournalLocked):
        SessionStore(store).set_next_session(journal.id, None)
    assert SessionStore(store.with_keys({journal.id: cipher})).next_session(journal.id) == DAY


def test_cycle_map_round_trips_and_is_replaced(sessions, store, journal):
    event = store.add_event(journal.id, make_event())
    text_500 = "é" * 500
    first = CycleMap(event.id, text_500, felt=("bang", "onder druk"), did=("vroeg", "liep weg"),
                     body=(BodySignal.ALARM, BodySignal.SHUTDOWN))
    sessions.save_cycle_map(journal.id, first)
    assert sessions.cycle_maps(journal.id) == {event.id: first}
    second = CycleMap(event.id, "de rekening", felt=("", ""), body=(None, BodySignal.CALM))
    sessions.save_cycle_map(journal.id, second)
    assert sessions.cycle_maps(journal.id) == {event.id: second}


def test_cycle_map_needs_a_distance_moment_that_is_not_deleted(sessions, store, journal):
    closeness = store.add_event(journal.id, make_event(kind=Kind.CLOSENESS))
    with pytest.raises(NotADistanceMoment):
        sessions.save_cycle_map(journal.id, CycleMap(closeness.id, "x"))
    distance = store.add_event(journal.id, make_event())
    sessions.save_cycle_map(journal.id, CycleMap(distance.id, "x"))
    store.delete_event(journal.id, distance.id)
    assert sessions.cycle_maps(journal.id) == {}
    with pytest.raises(EventNotFound):
        sessions.save_cycle_map(journal.id, CycleMap(distance.id, "y"))
    store.restore_event(journal.id, distance.id)
    assert sessions.cycle_maps(journal.id)[distance.id].triggered_by == "x"


def test_sessions_come_back_in_day_order_one_per_day(sessions, journal):
    sessions.save_session(journal.id, SessionNote(DAY, "wandelen"))
    sessions.save_session(journal.id, SessionNote(DAY - dt.timedelta(days=14), "koken"))
    sessions.save_session(journal.id, SessionNote(DAY, "samen wandelen"))
    assert sessions.sessions(journal.id) == [SessionNote(DAY - dt.timedelta(days=14), "koken"),
                                             SessionNote(DAY, "samen wandelen")]


def test_database_refuses_scores_outside_the_scale(store, journal):
    for score in (0, 8):
        with pytest.raises(IntegrityError), store.engine.begin() as conn:
            conn.execute(insert(check_ins).values(journal_id=journal.id, day=DAY, partner=0,
                                                  score=score, created_at=WHEN))


def test_upgrade_from_0003_keeps_events_shared_with_the_partner(database_url):
    from alembic import command

    from nabij.storage.migrate import alembic_config, current_revision, latest_revision

    engine = open_engine(database_url)
    config = alembic_config(engine)
    command.upgrade(config, "0003")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO journals (name, partner_a, partner_b, timezone, "
                          "created_at, last_opened_at, revision) VALUES ('Oud', 'A', 'B', "
                          "'Europe/Amsterdam', :now, :now, 0)"), {"now": WHEN.replace(tzinfo=None)})
        journal_id = conn.execute(text("SELECT id FROM journals")).scalar_one()
        conn.execute(text("INSERT INTO events (journal_id, occurred_at, partner, kind, "
                          "intensity, note, context, created_at, updated_at, version, "
                          "changed_revision) VALUES (:j, :now, 0, 'distance', 3, 'oud', '', "
                          ":now, :now, 1, 0)"), {"j": journal_id,
                                                 "now": WHEN.replace(tzinfo=None)})
    command.upgrade(config, "head")
    assert current_revision(engine) == latest_revision() == "0010"
    [event] = Store(engine).list_events(journal_id)
    assert (event.note, event.visibility) == ("oud", Visibility.PARTNER)
    command.downgrade(config, "0003")
    with engine.connect() as conn:
        assert conn.execute(select(text("count(*)")).select_from(text("events"))).scalar() == 1
    command.upgrade(config, "head")
    engine.dispose()


def test_a_backup_carries_the_session_records_into_a_restored_journal(sessions, store, journal):
    from nabij.storage.backup import backup_json, parse_backup, restore_journal

    store.add_event(journal.id, make_event(kind=Kind.CLOSENESS))  # ids differ after restore
    event = store.add_event(journal.id, make_event(visibility=Visibility.COACH))
    sessions.set_check_in(journal.id, CheckIn(DAY, 1, 4))
    sessions.save_cycle_map(journal.id, CycleMap(event.id, "rekening", felt=("bang", "")))
    sessions.save_session(journal.id, SessionNote(DAY, "wandelen"))
    restored = restore_journal(store, parse_backup(backup_json(store, journal.id)),
                               name="Teruggezet")
    [copy] = [item for item in store.list_events(restored.id) if item.kind is Kind.DISTANCE]
    assert copy.visibility is Visibility.COACH
    assert sessions.check_ins(restored.id) == [CheckIn(DAY, 1, 4)]
    assert sessions.cycle_maps(restored.id) == {copy.id: CycleMap(copy.id, "rekening",
                                                                  felt=("bang", ""))}
    assert sessions.sessions(restored.id) == [SessionNote(DAY, "wandelen")]


def test_a_backup_carries_the_next_session_day(sessions, store, journal):
    from nabij.storage.backup import backup_json, parse_backup, restore_journal

    sessions.set_next_session(journal.id, DAY)
    restored = restore_journal(store, parse_backup(backup_json(store, journal.id)),
                               name="Teruggezet")
    assert sessions.next_session(restored.id) == DAY
