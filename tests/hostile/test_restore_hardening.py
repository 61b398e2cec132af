"""A restore takes nothing on trust: every column of a backup is checked before anything is
written, on SQLite and PostgreSQL, and whatever is wrong is a "damaged backup" message, never
an uncaught error and never a journal that breaks later."""

from __future__ import annotations

import copy
import json

import pytest

from nabij.io.canonical_csv import UnreadableFile
from nabij.model import (
    EventInput,
    InvalidInput,
    is_known_timezone,
    validate_event,
    validate_journal,
)
from nabij.storage.backup import backup_json, parse_backup, restore_journal
from tests.test_protection import fill, moment

DEPTH = 200_000


def test_deeply_nested_json_is_a_damaged_backup_not_a_recursion_error():
    for data in (b"[" * DEPTH + b"]" * DEPTH, b'{"a":' * DEPTH + b"1" + b"}" * DEPTH):
        with pytest.raises(UnreadableFile) as refused:
            parse_backup(data)
        assert refused.value.key == "data_backup.damaged"


@pytest.fixture
def backup(store, journal) -> dict:
    """A backup of a journal with a moment of each kind, a cycle map, a session, a check-in and
    a phase mark, as JSON values."""
    fill(store, journal.id)
    return json.loads(backup_json(store, journal.id))


def set_cell(backup: dict, table: str, column: str, value: object, row: int = 0) -> dict:
    changed = copy.deepcopy(backup)
    content = changed["tables"][table]
    content["rows"][row][content["columns"].index(column)] = value
    return changed


def restore_refused(store, backup: dict) -> UnreadableFile:
    before = [journal.id for journal in store.list_journals()]
    with pytest.raises(UnreadableFile) as refused:
        restore_journal(store, parse_backup(json.dumps(backup).encode()), "Terug")
    assert [journal.id for journal in store.list_journals()] == before  # nothing restored
    return refused.value


def test_the_untouched_backup_restores(store, backup):
    restored = restore_journal(store, parse_backup(json.dumps(backup).encode()), "Terug")
    assert len(store.list_events(restored.id)) == 3


@pytest.mark.parametrize("revision", [2**31 - 1, 2**31, 2**63, -1, True, "12", 1.5])
def test_a_revision_out_of_range_is_refused(store, backup, revision):
    changed = copy.deepcopy(backup)
    changed["journal"]["revision"] = revision
    assert restore_refused(store, changed).key == "data_backup.damaged"


def test_a_large_revision_that_is_accepted_still_leaves_room_for_writes(store, backup):
    from nabij.storage.backup import MAX_RESTORED_COUNT

    changed = copy.deepcopy(backup)
    changed["journal"]["revision"] = MAX_RESTORED_COUNT
    restored = restore_journal(store, parse_backup(json.dumps(changed).encode()), "Terug")
    store.add_event(restored.id, moment("daarna", hours=40))  # revision + 1 fits
    assert store.revision(restored.id) == MAX_RESTORED_COUNT + 1


@pytest.mark.parametrize(("table", "column", "value"), [
    ("cycle_maps", "triggered_by", ["geen", "tekst"]),
    ("cycle_maps", "felt_0", "x" * 501),
    ("cycle_maps", "did_1", 42),
    ("cycle_maps", "body_0", "panic"),
    ("cycle_maps", "triggered_by", "met \x00 erin"),
    ("sessions", "next_step", {"stap": 1}),
    ("sessions", "next_step", "x" * 501),
    ("sessions", "next_step", "nul \x00 teken"),
    ("check_ins", "score", 99),
    ("check_ins", "partner", 7),
    ("check_ins", "day", 20250304),
    ("phase_marks", "phase", "storm"),
    ("phase_marks", "start_day", "2025-13-45"),
    ("events", "visibility", "everyone"),
    ("events", "version", 2**31 - 1),
    ("events", "version", -3),
    ("events", "changed_revision", 2**40),
    ("events", "intensity", True),
    ("events", "context", "werk;\x00familie"),
    ("events", "note", "nul \x00 teken"),
    ("events", "kind", None),
    ("events", "created_at", 5),
])
def test_every_column_is_checked(store, backup, table, column, value):
    refused = restore_refused(store, set_cell(backup, table, column, value))
    assert refused.key == "data_backup.damaged"


@pytest.mark.parametrize("column", ["name", "partner_a", "partner_b"])
def test_a_nul_in_a_name_is_refused(store, backup, column):
    changed = copy.deepcopy(backup)
    changed["journal"][column] = "An\x00na"
    with pytest.raises(UnreadableFile) as refused:
        restore_journal(store, parse_backup(json.dumps(changed).encode()))
    assert refused.value.key == "data_backup.damaged"


def test_a_nul_in_a_context_or_a_name_is_refused_by_the_model():
    journal = validate_journal("Wij", "Anna", "Bram")
    with pytest.raises(InvalidInput) as refused:
        validate_event(EventInput(occurred_at="2025-03-04T21:15", partner="Anna",
                                  kind="distance", intensity=3, context="werk\x00"), journal)
    assert [p.key for p in refused.value.problems] == ["error.context_invalid_chars"]
    with pytest.raises(InvalidInput) as refused:
        validate_journal("Wij\x00", "An\x00na", "Bram")
    assert [p.key for p in refused.value.problems] == ["error.name_invalid_chars"] * 2


@pytest.mark.parametrize("zone", ["0" * 300, "Europe/" + "x" * 250, "../../../etc/passwd", 12])
def test_a_strange_time_zone_is_a_damaged_backup(store, backup, zone):
    """Found by the fuzzer: a 300-character zone name raised OSError in the zone lookup."""
    changed = copy.deepcopy(backup)
    changed["journal"]["timezone"] = zone
    assert restore_refused(store, changed).key == "data_backup.damaged"


def test_a_too_long_zone_name_is_simply_unknown():
    assert not is_known_timezone("0" * 300)
    assert is_known_timezone("Europe/Amsterdam") and is_known_timezone("UTC")
