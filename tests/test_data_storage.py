"""Import, backup and restore against the database, on SQLite and PostgreSQL (`store` fixture)."""

from __future__ import annotations

import datetime as dt
import json
import threading
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Column, ForeignKey, Integer, MetaData, String, Table, insert, select

from nabij.i18n import Messages
from nabij.io.importing import plan_import
from nabij.io.problems import UnreadableFile
from nabij.model import BodySignal, Event, Journal, Kind
from nabij.phases.four_phases import Phase
from nabij.phases.marks import PhaseMark
from nabij.storage import Store, open_engine
from nabij.storage.backup import (
    BACKUP_VERSION,
    backup_journal,
    backup_json,
    journal_tables,
    parse_backup,
    restore_journal,
    restore_name_problem,
    summarise_backup,
    summary_text,
)
from nabij.storage.bulk import add_new_events, known_events
from nabij.storage.tables import metadata

WHEN = dt.datetime(2025, 3, 4, 20, 15, tzinfo=dt.UTC)


def event(minutes: int = 0, **changes) -> Event:
    values = {"occurred_at": WHEN + dt.timedelta(minutes=minutes), "partner": 0,
              "kind": Kind.CLOSENESS, "intensity": 4, "note": "samen"}
    values.update(changes)
    return Event(**values)


# --- importing ---------------------------------------------------------------------------------

def test_importing_the_same_events_twice_adds_nothing_the_second_time(store, journal):
    batch = [event(0), event(1, partner=1, note="b"), event(2, kind=Kind.DISTANCE)]
    first = add_new_events(store, journal.id, batch)
    second = add_new_events(store, journal.id, batch)
    assert (len(first.added), first.already_present) == (3, 0)
    assert (len(second.added), second.already_present) == (0, 3)
    assert store.count_events(journal.id) == 3
    assert [e.id for e in first.added] == [e.id for e in store.list_events(journal.id)]


def test_rows_repeated_in_the_file_land_once(store, journal):
    outcome = add_new_events(store, journal.id, [event(0), event(0), event(0, note="anders")])
    assert (len(outcome.added), outcome.repeated_in_file) == (2, 1)


def test_an_import_is_all_or_nothing(store, journal):
    store.add_event(journal.id, event(0))
    bad = event(5, intensity=9)  # past validation: the database's own check refuses it
    with pytest.raises(Exception):  # noqa: B017 - any database error will do
        add_new_events(store, journal.id, [event(1), event(2), bad])
    assert [e.occurred_at for e in store.list_events(journal.id)] == [WHEN]


def test_a_deleted_moment_stays_deleted_when_imported_again(store, journal):
    [saved, kept] = add_new_events(store, journal.id, [event(0), event(1)]).added
    store.delete_event(journal.id, saved.id)
    again = add_new_events(store, journal.id, [event(0), event(1), event(2)])
    assert (len(again.added), again.already_present, again.deleted_before) == (1, 1, 1)
    assert [e.id for e in store.list_events(journal.id)] == [kept.id, again.added[0].id]
    # The preview counts the same way before anything is written.
    plan = plan_import([event(0), event(1), event(3)], known_events(store, journal.id))
    assert (len(plan.new), plan.already_present, plan.deleted_before) == (1, 1, 1)
    # Restored by its own undo, it is live again and an import leaves it be.
    store.restore_event(journal.id, saved.id)
    assert add_new_events(store, journal.id, [event(0)]).already_present == 1


def test_two_sessions_importing_the_same_file_at_once_add_it_once(store, journal,
                                                                  database_url):
    batch = [event(minute, note=f"n{minute}") for minute in range(200)]
    outcomes = []
    barrier = threading.Barrier(2)

    def run() -> None:
        engine = open_engine(database_url)
        try:
            barrier.wait()
            outcomes.append(add_new_events(Store(engine), journal.id, batch))
        finally:
            engine.dispose()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(len(outcome.added) for outcome in outcomes) == [0, 200]
    assert store.count_events(journal.id) == 200


def test_import_stamps_the_revision_for_the_in_memory_refresh(store, journal):
    before = store.revision(journal.id)
    add_new_events(store, journal.id, [event(0), event(1)])
    assert store.revision(journal.id) == before + 1
    changed = store.events_table(journal.id, since_revision=before)
    assert len(changed) == 2


# --- backup and restore -------------------------------------------------------------------------

def comparable(backup: dict, tables_metadata: MetaData = metadata) -> dict:
    """A backup with every row id replaced by its position, so two journals can be compared."""
    positions: dict[str, dict] = {}
    for table in journal_tables(tables_metadata):
        content = backup["tables"].get(table.name, {"columns": [], "rows": []})
        if "id" in content["columns"]:
            index = content["columns"].index("id")
            positions[table.name] = {row[index]: n for n, row in enumerate(content["rows"])}
    result = {"journal": dict(backup["journal"]), "tables": {}}
    for table in journal_tables(tables_metadata):
        content = backup["tables"].get(table.name, {"columns": [], "rows": []})
        rows = []
        for row in content["rows"]:
            values = {}
            for name, value in zip(content["columns"], row, strict=True):
                column = table.c[name]
                targets = [fk.column.table.name for fk in column.foreign_keys]
                if name == "id":
                    value = positions[table.name][value]
                elif targets and targets[0] in positions and value is not None:
                    value = positions[targets[0]][value]
                values[name] = value
            rows.append(values)
        result["tables"][table.name] = rows
    return result


def fill(store: Store, journal: Journal, events: list[Event], deleted: set[int],
         edited: set[int], marks: list[PhaseMark]) -> None:
    saved = store.add_events(journal.id, events)
    for index in sorted(edited):
        if index < len(saved):
            store.update_event(journal.id, replace(saved[index], note=saved[index].note + "!",
                                                   intensity=1))
    for index in sorted(deleted):
        if index < len(saved):
            store.delete_event(journal.id, saved[index].id)
    store.set_phase_marks(journal.id, marks)


texts = st.text(max_size=60).filter(lambda text: "\x00" not in text)
names = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20) \
    .map(str.strip).filter(bool)
events_strategy = st.builds(
    Event,
    # Within the days Nabij keeps (nabij.model.EARLIEST_DAY to a year after today).
    occurred_at=st.datetimes(min_value=dt.datetime(1971, 1, 1), max_value=dt.datetime(2025, 12, 31),
                             timezones=st.just(dt.UTC)),
    partner=st.sampled_from([0, 1]), kind=st.sampled_from(list(Kind)),
    intensity=st.integers(1, 5), note=texts, body=st.sampled_from([None, *BodySignal]),
    context=texts.map(str.strip))
marks_strategy = st.lists(
    st.builds(PhaseMark, start=st.dates(dt.date(2000, 1, 1), dt.date(2030, 1, 1)),
              end=st.none(), phase=st.sampled_from(list(Phase))),
    max_size=4, unique_by=lambda mark: mark.start)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(name=names, partners=st.tuples(names, names).filter(
           lambda pair: pair[0].casefold() != pair[1].casefold()),
       zone=st.sampled_from(["Europe/Amsterdam", "UTC", "Pacific/Chatham"]),
       events=st.lists(events_strategy, max_size=15),
       deleted=st.sets(st.integers(0, 14), max_size=5),
       edited=st.sets(st.integers(0, 14), max_size=5), marks=marks_strategy)
def test_backup_then_restore_gives_back_exactly_the_same_journal(
        store, name, partners, zone, events, deleted, edited, marks):
    original = store.create_journal(Journal(None, name, partners, zone))
    fill(store, original, events, deleted, edited, marks)
    data = backup_json(store, original.id)

    restored = restore_journal(store, parse_backup(data))

    assert restored.id != original.id
    assert (restored.name, restored.partners, restored.timezone) == (name, partners, zone)
    assert comparable(backup_journal(store, restored.id)) == comparable(json.loads(data))
    strip = [replace(e, id=None) for e in store.list_events(original.id)]
    assert [replace(e, id=None) for e in store.list_events(restored.id)] == strip
    assert [replace(m, id=None) for m in store.list_phase_marks(restored.id)] == \
        [replace(m, id=None) for m in store.list_phase_marks(original.id)]


def test_backup_holds_settings_deleted_events_versions_and_marks(store, journal):
    fill(store, journal, [event(0), event(1), event(2)], deleted={1}, edited={2},
         marks=[PhaseMark(start=dt.date(2025, 3, 1), phase=Phase.BEGIN)])
    backup = parse_backup(backup_json(store, journal.id))
    assert backup["format_version"] == BACKUP_VERSION
    assert backup["journal"]["name"] == "Wij" and backup["journal"]["timezone"] == \
        "Europe/Amsterdam"
    summary = summarise_backup(backup)
    assert (summary.events, summary.deleted_events, summary.phase_marks) == (2, 1, 1)
    # Counts after a colon: "1 deleted moments" read wrong, and every count can be 1.
    assert summary_text(summary, Messages("en")) == (
        "Journal 'Wij' of Anna and Bram. Moments: 2; deleted moments: 1; marked phases: 1.")
    events_table = backup["tables"]["events"]
    versions = [row[events_table["columns"].index("version")] for row in events_table["rows"]]
    assert versions == [1, 2, 2]
    # Restored: the deleted one is still deleted, and its undo still works.
    restored = restore_journal(store, backup, name="Terug")
    assert restored.name == "Terug" and store.count_events(restored.id) == 2
    again = backup_journal(store, restored.id)["tables"]["events"]
    columns = again["columns"]
    [deleted_id] = [row[columns.index("id")] for row in again["rows"]
                    if row[columns.index("deleted_at")] is not None]
    store.restore_event(restored.id, deleted_id)
    assert store.count_events(restored.id) == 3


def test_restore_never_overwrites_and_can_be_done_twice(store, journal):
    fill(store, journal, [event(0)], set(), set(), [])
    data = parse_backup(backup_json(store, journal.id))
    first = restore_journal(store, data)
    second = restore_journal(store, data)
    assert len({journal.id, first.id, second.id}) == 3
    assert [store.count_events(j) for j in (journal.id, first.id, second.id)] == [1, 1, 1]


def test_a_table_added_later_is_backed_up_and_restored_without_changing_the_code(store,
                                                                               journal):
    """Another issue may add a table with a journal_id: the backup must include it unasked."""
    extended = MetaData(naming_convention=metadata.naming_convention)
    for table in metadata.sorted_tables:
        table.to_metadata(extended)
    tags = Table("event_tags_test", extended,
                 Column("id", Integer, primary_key=True),
                 Column("journal_id", Integer, ForeignKey("journals.id"), nullable=False),
                 Column("event_id", Integer, ForeignKey("events.id"), nullable=False),
                 Column("tag", String(40), nullable=False))
    tags.create(store.engine)
    saved = store.add_events(journal.id, [event(0), event(1, note="b")])
    with store.engine.begin() as conn:
        conn.execute(insert(tags), [{"journal_id": journal.id, "event_id": saved[1].id,
                                     "tag": "ruzie"}])

    backup = parse_backup(backup_json(store, journal.id, extended), extended)
    assert backup["tables"]["event_tags_test"]["rows"]
    restored = restore_journal(store, backup, metadata=extended)

    with store.engine.connect() as conn:
        [(event_id, tag)] = conn.execute(select(tags.c.event_id, tags.c.tag).where(
            tags.c.journal_id == restored.id)).all()
    assert tag == "ruzie"
    assert store.get_event(restored.id, event_id).note == "b"  # points at the restored copy
    assert comparable(backup_journal(store, restored.id, extended), extended) == \
        comparable(backup, extended)


def _count_journals(store: Store) -> int:
    return len(store.list_journals())


@pytest.mark.parametrize(("change", "key"), [
    (lambda b: b.update(format="something-else"), "data_backup.not_a_backup"),
    (lambda b: b.update(format_version=BACKUP_VERSION + 1), "data_backup.newer_version"),
    (lambda b: b["tables"].update(secrets={"columns": [], "rows": []}),
     "data_backup.unknown_table"),
    (lambda b: b["tables"]["events"]["columns"].append("hacked"), "data_backup.damaged"),
    (lambda b: b["tables"]["events"]["rows"][0].__setitem__(
        b["tables"]["events"]["columns"].index("intensity"), 9), "data_backup.damaged"),
    (lambda b: b["tables"]["events"]["rows"][-1].__setitem__(
        b["tables"]["events"]["columns"].index("note"), "x" * 3000), "data_backup.damaged"),
    (lambda b: b["journal"].update(partner_b=b["journal"]["partner_a"]), "data_backup.damaged"),
    (lambda b: b["tables"]["events"]["rows"][0].__setitem__(
        b["tables"]["events"]["columns"].index("version"), "one"), "data_backup.damaged"),
])
def test_a_damaged_backup_is_refused_whole(store, journal, change, key):
    fill(store, journal, [event(0), event(1)], set(), set(),
         [PhaseMark(start=dt.date(2025, 3, 1), phase=Phase.BEGIN)])
    backup = json.loads(backup_json(store, journal.id))
    change(backup)
    before = _count_journals(store)
    with pytest.raises(UnreadableFile) as refused:
        restore_journal(store, parse_backup(json.dumps(backup).encode()))
    assert refused.value.key == key
    assert _count_journals(store) == before


@pytest.mark.parametrize("data", [b"", b"not json", b"[1, 2]", b"{\"format\": 1}",
                                  "{}".encode("utf-16")])
def test_what_is_not_a_backup_is_said_so(data):
    with pytest.raises(UnreadableFile):
        parse_backup(data)


def test_only_the_typed_name_of_a_restore_is_judged_before_restoring(store, journal):
    data = parse_backup(backup_json(store, journal.id))
    assert restore_name_problem(data, "Wij, terug") is None
    assert restore_name_problem(data, "   ").field == "name"
    broken = {**data, "journal": {**data["journal"], "timezone": "Mars/Olympus"}}
    assert restore_name_problem(broken, "Wij, terug") is None  # the backup's own: restore says
