"""The store on SQLite and PostgreSQL: nothing logged is lost, nothing leaks between journals."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import inspect, text

from nabij.model import BodySignal, Event, Journal, Kind
from nabij.storage import EventNotFound, JournalNotFound, StaleEdit, Store, open_engine
from nabij.storage.migrate import current_revision, latest_revision

WHEN = dt.datetime(2025, 3, 4, 21, 15, tzinfo=dt.UTC)


def make_event(**changes) -> Event:
    values = {"occurred_at": WHEN, "partner": 0, "kind": Kind.CLOSENESS, "intensity": 4,
              "note": "Samen gekookt", "body": BodySignal.CALM, "context": "home"}
    values.update(changes)
    return Event(**values)


def test_added_event_comes_back_with_every_field(store: Store, journal: Journal):
    saved = store.add_event(journal.id, make_event())
    [loaded] = store.list_events(journal.id)
    assert loaded == saved
    assert loaded.occurred_at == WHEN and loaded.occurred_at.tzinfo is not None
    assert (loaded.partner, loaded.kind, loaded.intensity, loaded.body, loaded.note) == \
        (0, Kind.CLOSENESS, 4, BodySignal.CALM, "Samen gekookt")


def test_moment_is_stored_in_utc_whatever_zone_it_was_given_in(store, journal):
    amsterdam = dt.datetime(2025, 7, 1, 23, 30, tzinfo=journal.zone)
    store.add_event(journal.id, make_event(occurred_at=amsterdam))
    [loaded] = store.list_events(journal.id)
    assert loaded.occurred_at == amsterdam
    assert loaded.occurred_at.utcoffset() == dt.timedelta(0)
    assert loaded.occurred_at.hour == 21  # CEST is UTC+2


def test_events_come_back_in_time_order(store, journal):
    for hour in (20, 8, 14):
        store.add_event(journal.id, make_event(occurred_at=WHEN.replace(hour=hour)))
    hours = [event.occurred_at.hour for event in store.list_events(journal.id)]
    assert hours == [8, 14, 20]


def test_journals_do_not_see_each_others_events(store, journal):
    other = store.create_journal(Journal(None, "Zij", ("Cas", "Dewi")))
    mine = store.add_event(journal.id, make_event(note="van ons"))
    store.add_event(other.id, make_event(note="van hen"))
    assert [event.note for event in store.list_events(journal.id)] == ["van ons"]
    with pytest.raises(EventNotFound):
        store.get_event(other.id, mine.id)
    with pytest.raises(EventNotFound):
        store.delete_event(other.id, mine.id)
    with pytest.raises(EventNotFound):
        store.update_event(other.id, mine)
    assert store.list_events(journal.id) == [mine]


def test_update_changes_values_and_raises_version(store, journal):
    saved = store.add_event(journal.id, make_event())
    edited = store.update_event(journal.id, Event(
        occurred_at=WHEN, partner=1, kind=Kind.DISTANCE, intensity=2, note="anders",
        id=saved.id, version=saved.version))
    assert edited.version == saved.version + 1
    assert store.get_event(journal.id, saved.id) == edited


def test_edit_on_stale_version_is_refused_and_changes_nothing(store, journal):
    saved = store.add_event(journal.id, make_event())
    first = store.update_event(journal.id, make_event(note="eerste", id=saved.id,
                                                      version=saved.version))
    with pytest.raises(StaleEdit):
        store.update_event(journal.id, make_event(note="tweede", id=saved.id,
                                                  version=saved.version))
    assert store.get_event(journal.id, saved.id) == first


def test_delete_hides_and_restore_brings_back(store, journal):
    saved = store.add_event(journal.id, make_event())
    store.delete_event(journal.id, saved.id)
    assert store.list_events(journal.id) == []
    assert store.count_events(journal.id) == 0
    with pytest.raises(EventNotFound):
        store.get_event(journal.id, saved.id)
    store.restore_event(journal.id, saved.id)
    [back] = store.list_events(journal.id)
    assert (back.id, back.note) == (saved.id, saved.note)


def test_every_write_bumps_the_revision(store, journal):
    seen = [store.revision(journal.id)]
    saved = store.add_event(journal.id, make_event())
    seen.append(store.revision(journal.id))
    saved = store.update_event(journal.id, make_event(note="x", id=saved.id,
                                                      version=saved.version))
    seen.append(store.revision(journal.id))
    store.delete_event(journal.id, saved.id)
    seen.append(store.revision(journal.id))
    store.restore_event(journal.id, saved.id)
    seen.append(store.revision(journal.id))
    assert seen == sorted(set(seen)) and len(seen) == 5


def test_adding_several_is_all_or_nothing(store, journal):
    good = make_event()
    bad = make_event(intensity=9)  # the database's own check refuses it
    with pytest.raises(Exception):  # noqa: B017 - any database error will do
        store.add_events(journal.id, [good, bad])
    assert store.list_events(journal.id) == []


def test_database_refuses_values_outside_the_model(store, journal):
    with pytest.raises(Exception):  # noqa: B017
        store.add_event(journal.id, make_event(partner=2))
    assert store.count_events(journal.id) == 0


def test_last_opened_journal_comes_first(store, journal):
    other = store.create_journal(Journal(None, "Zij", ("Cas", "Dewi")))
    assert store.list_journals()[0].id == other.id
    store.mark_opened(journal.id)
    assert [j.id for j in store.list_journals()] == [journal.id, other.id]


def test_unknown_journal_is_reported(store):
    with pytest.raises(JournalNotFound):
        store.get_journal(404)
    with pytest.raises(JournalNotFound):
        store.add_event(404, make_event())


def test_data_survives_a_new_engine_and_repeated_migrations(database_url):
    """A restart of the app opens a new engine and runs the migrations again."""
    from nabij.storage import upgrade_to_latest

    engine = open_engine(database_url)
    upgrade_to_latest(engine)
    first = Store(engine)
    journal = first.create_journal(Journal(None, "Wij", ("Anna", "Bram")))
    saved = first.add_event(journal.id, make_event())
    engine.dispose()

    engine = open_engine(database_url)
    upgrade_to_latest(engine)
    assert current_revision(engine) == latest_revision()
    assert Store(engine).list_events(journal.id) == [saved]
    engine.dispose()


def test_migrations_build_exactly_the_tables_the_code_expects(database_url):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from nabij.storage import upgrade_to_latest
    from nabij.storage.tables import metadata

    engine = open_engine(database_url)
    upgrade_to_latest(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    engine.dispose()
    assert diff == []


def test_sqlite_runs_with_wal_busy_timeout_and_foreign_keys(sqlite_url):
    engine = open_engine(sqlite_url)
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 1000
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()


def test_sqlite_file_and_its_folder_are_created(tmp_path):
    path = tmp_path / "nested" / "nabij.sqlite3"
    engine = open_engine(f"sqlite:///{path}")
    from nabij.storage import upgrade_to_latest

    upgrade_to_latest(engine)
    assert path.exists()
    assert {"journals", "events"} <= set(inspect(engine).get_table_names())
    engine.dispose()


notes = st.text(max_size=2000).filter(lambda note: "\x00" not in note)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(note=notes)
def test_any_unicode_note_round_trips_unchanged(store, journal, note):
    saved = store.add_event(journal.id, make_event(note=note))
    assert store.get_event(journal.id, saved.id).note == note


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(moment=st.datetimes(min_value=dt.datetime(1970, 1, 2), max_value=dt.datetime(2200, 1, 1),
                           timezones=st.timezones()))
def test_any_aware_moment_round_trips_to_the_microsecond(store, journal, moment):
    saved = store.add_event(journal.id, make_event(occurred_at=moment))
    # Compare instants: PEP 495 makes == across zones False for times in a DST gap or fold.
    loaded = store.get_event(journal.id, saved.id).occurred_at
    assert loaded.timestamp() == moment.timestamp()


def test_events_table_matches_the_events_one_by_one(store, journal):
    from nabij.frames import events_frame, frame_from_table

    for hour, note in ((20, "a"), (8, "b <i>"), (14, "")):
        store.add_event(journal.id, make_event(occurred_at=WHEN.replace(hour=hour), note=note,
                                               body=None if hour == 14 else BodySignal.ALARM))
    deleted = store.add_event(journal.id, make_event(note="weg"))
    store.delete_event(journal.id, deleted.id)
    fast = frame_from_table(store.events_table(journal.id), journal)
    slow = events_frame(store.list_events(journal.id), journal)
    assert fast.to_dict("list") == slow.to_dict("list")
    assert str(fast["occurred_at"].dt.tz) == "Europe/Amsterdam"


def test_snapshot_follows_adds_edits_deletes_and_restores_incrementally(store, journal):
    from dataclasses import replace

    from nabij.storage.snapshot import JournalSnapshot

    first = store.add_event(journal.id, make_event(note="een"))
    snapshot = JournalSnapshot(store, journal.id)
    assert list(snapshot.table()["note"]) == ["een"]
    second = store.add_event(journal.id, make_event(note="twee",
                                                    occurred_at=WHEN.replace(hour=8)))
    assert list(snapshot.table()["note"]) == ["twee", "een"]  # in time order
    store.update_event(journal.id, replace(first, note="één"))
    store.delete_event(journal.id, second.id)
    assert list(snapshot.table()["note"]) == ["één"]
    store.restore_event(journal.id, second.id)
    table = snapshot.table()
    assert list(table["note"]) == ["twee", "één"]
    assert (snapshot.full_loads, snapshot.incremental_loads) == (1, 3)
    full = store.events_table(journal.id)[list(table.columns)]
    assert table.to_dict("list") == full.to_dict("list")


def test_snapshot_matches_a_full_read_after_appends_moves_and_deletes(store, journal):
    """Moments added after the last one are appended without sorting again; anything else
    (an earlier moment, an edit moving one, a delete) must still end up in time order."""
    from dataclasses import replace

    from nabij.storage.snapshot import JournalSnapshot

    def at(hour: int) -> dt.datetime:
        return WHEN + dt.timedelta(hours=hour)

    first = store.add_event(journal.id, make_event(note="0", occurred_at=at(0)))
    snapshot = JournalSnapshot(store, journal.id)
    snapshot.table()
    added = [first]

    def check() -> None:
        table = snapshot.table()
        full = store.events_table(journal.id)[list(table.columns)]
        assert table.to_dict("list") == full.to_dict("list")
        assert list(table.index) == list(range(len(table)))

    for hour in (1, 2, 2):  # in order, one at the same time as the last (ids break the tie)
        added.append(store.add_event(journal.id, make_event(note=f"{hour}",
                                                            occurred_at=at(hour))))
        check()
    store.add_events(journal.id, [make_event(note="5", occurred_at=at(5)),
                                  make_event(note="4", occurred_at=at(4))])
    check()
    added.append(store.add_event(journal.id, make_event(note="early", occurred_at=at(-3))))
    check()
    store.update_event(journal.id, replace(added[1], occurred_at=at(9)))  # moved to the end
    check()
    store.update_event(journal.id, replace(added[2], occurred_at=at(-9)))  # moved to the start
    check()
    store.delete_event(journal.id, added[3].id)
    check()
    store.update_event(journal.id, replace(first, note="zelfde tijd"))  # same time, new text
    check()
    assert snapshot.full_loads == 1


def test_snapshot_reloads_when_rows_change_behind_the_stores_back(store, journal):
    from sqlalchemy import insert

    from nabij.storage.snapshot import JournalSnapshot
    from nabij.storage.tables import events, journals

    store.add_event(journal.id, make_event(note="een"))
    snapshot = JournalSnapshot(store, journal.id)
    snapshot.table()
    # A row added by hand (an operator's SQL) that skipped the revision stamp:
    with store.engine.begin() as conn:
        conn.execute(insert(events).values(
            journal_id=journal.id, occurred_at=WHEN, partner=1, kind="distance", intensity=2,
            note="met de hand", created_at=WHEN, updated_at=WHEN))
        conn.execute(journals.update().values(revision=journals.c.revision + 1))
    assert sorted(snapshot.table()["note"]) == ["een", "met de hand"]
    assert snapshot.full_loads == 2
