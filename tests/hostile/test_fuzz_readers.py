"""Property-based fuzzing of the three readers of files people hand Nabij: CSV, .xlsx and a
JSON backup. 2,000+ generated files per run in total (derandomized, so every run and CI try
the same ones), each answered by rows read or a message, never an uncaught exception.

The files are made to be nearly right, where the bugs hide: real headers in Dutch and English,
dates in many shapes, names, kinds and strengths, mixed with junk, odd encodings, cells of
every Excel type, rows far down a sheet, and backups with values swapped for anything JSON can
hold. The answers go through the public entry points (tests/hostile/fuzz_answers.py)."""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nabij.model import Event, Journal, Kind
from nabij.storage import Store, open_engine, upgrade_to_latest
from nabij.storage.backup import backup_json
from tests.hostile.fuzz_answers import answer_backup, answer_data_file, backup_bytes

CSV_FILES = 1_000
XLSX_FILES = 300
BACKUP_FILES = 500
RESTORED_BACKUPS = 250
assert CSV_FILES + XLSX_FILES + BACKUP_FILES + RESTORED_BACKUPS >= 2_000


def one_in(draw, count: int) -> bool:
    """True about once in `count` draws. (Hypothesis favours small integers, so
    `integers(0, n) == 0` would be true far more often than 1 in n+1.)"""
    return draw(st.sampled_from([False] * (count - 1) + [True]))


def fixed(examples: int) -> settings:
    """The same files on every run: derandomized, no example database, no deadline."""
    return settings(max_examples=examples, derandomize=True, database=None, deadline=None,
                    suppress_health_check=list(HealthCheck))


HEADERS = ["tijdstip", "datum", "tijd", "partner", "wie", "soort", "intensiteit", "sterkte",
           "notitie", "lichaam", "context", "zichtbaarheid", "timestamp", "date", "time", "kind",
           "intensity", "note", "body", "visibility", "id", "", "extra", "Tijdstip "]
CELLS = st.one_of(
    st.sampled_from(["04-03-2025 21:15", "2025-03-04T21:15", "2025-03-04", "4/3/2025",
                     "31-02-2025", "0001-01-01", "9999-12-31T23:59", "1899-12-31", "21:15",
                     "2025-03-04T21:15:00+14:00", "25:61", "Anna", "bram", "ANNA ", "Cas", "",
                     "nabijheid", "afstand", "closeness", "distance", "ruzie", "1", "3", "5",
                     "0", "6", "4.0", "٣", "²", "calm", "alarm", "shutdown", "private",
                     "partner", "coach", "werk;familie", "a,b", '"', '""', "\r", "\n", "\ufeff",
                     "=1+1", "<b>x</b>", "x" * 2100]),
    st.text(max_size=30),
)


# A complete header in either language, which most generated files start from.
COMPLETE = (["tijdstip", "partner", "soort", "intensiteit", "notitie", "lichaam", "context"],
            ["timestamp", "partner", "kind", "intensity", "note", "body", "context",
             "visibility"],
            ["datum", "tijd", "wie", "soort", "sterkte"])
PLAUSIBLE = {"tijdstip": st.sampled_from(["04-03-2025 21:15", "2025-03-04T21:15", "1899-12-31",
                                          "9999-01-01 10:00", "31-02-2025", "2025-03-04",
                                          "4-3-2025 9:05", "2025-03-04T21:15:00Z"]),
             "partner": st.sampled_from(["Anna", "bram", "Cas", "", " ANNA", "Dirk"]),
             "soort": st.sampled_from(["nabijheid", "afstand", "closeness", "Distance", "x"]),
             "intensiteit": st.sampled_from(["1", "3", "5", "0", "6", "4.0", "", "drie"])}
PLAUSIBLE |= {"timestamp": PLAUSIBLE["tijdstip"], "datum": PLAUSIBLE["tijdstip"],
              "wie": PLAUSIBLE["partner"], "kind": PLAUSIBLE["soort"],
              "intensity": PLAUSIBLE["intensiteit"], "sterkte": PLAUSIBLE["intensiteit"]}


@st.composite
def csv_files(draw) -> tuple[bytes, str]:
    if one_in(draw, 20):  # sometimes plain junk
        return draw(st.binary(max_size=400)), draw(st.sampled_from(["x.csv", "x.txt", ""]))
    delimiter = draw(st.sampled_from([",", ";", ";", "\t", "|"]))
    if not one_in(draw, 5):
        header = list(draw(st.sampled_from(COMPLETE)))
        header = draw(st.permutations(header))[:len(header) - draw(st.integers(0, 1))]
        header += draw(st.lists(st.sampled_from(HEADERS), max_size=2))
    else:
        header = draw(st.lists(st.sampled_from(HEADERS), min_size=0, max_size=9))
    rows = draw(st.lists(st.lists(CELLS, max_size=10), max_size=12))
    for cells in rows:  # most cells fit their column
        for index, name in enumerate(header[:len(cells)]):
            if name in PLAUSIBLE and not one_in(draw, 4):
                cells[index] = draw(PLAUSIBLE[name])
    lines = []
    for cells in [header, *rows]:
        quoted = [f'"{cell}"' if draw(st.booleans()) else cell for cell in cells]
        lines.append(delimiter.join(quoted))
    text = draw(st.sampled_from(["\n", "\r\n", "\r"])).join(lines)
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    data = text.encode(encoding, errors="replace")
    if one_in(draw, 8):  # a byte changed somewhere
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1:]
    return data, "dagboek.csv"


@fixed(CSV_FILES)
@given(csv_files())
def test_any_csv_file_is_rows_or_a_message(file):
    data, name = file
    assert answer_data_file(data, name)[0] in ("rows", "message")


EXCEL_CELLS = st.one_of(
    CELLS, st.integers(-10**12, 10**12), st.floats(allow_nan=True, allow_infinity=False),
    st.booleans(), st.none(),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(9999, 1, 1)),
    st.dates(min_value=dt.date(1900, 3, 1)), st.times())


@st.composite
def xlsx_files(draw) -> tuple[bytes, str]:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    header = draw(st.lists(st.sampled_from(HEADERS), max_size=9))
    first = draw(st.integers(1, 3))
    for column, value in enumerate(header, start=1):
        sheet.cell(row=first, column=column, value=value)
    rows = draw(st.lists(st.lists(EXCEL_CELLS, max_size=9), max_size=8))
    row_number = first
    for cells in rows:
        row_number += draw(st.sampled_from([1, 1, 1, 2, 50, 100_500, 1_000_000]))
        row_number = min(row_number, 1_048_576)
        for column, value in enumerate(cells, start=draw(st.sampled_from([1, 1, 2, 120]))):
            if isinstance(value, str):
                value = "".join(ch for ch in value if ch >= " " or ch in "\t\n\r")
            # openpyxl refuses some values (so would Excel): such a cell stays empty.
            with contextlib.suppress(ValueError, TypeError):
                sheet.cell(row=row_number, column=column, value=value)
    out = io.BytesIO()
    workbook.save(out)
    data = out.getvalue()
    cut = draw(st.sampled_from([None, None, None, 0.5, 0.95]))
    if cut is not None:  # a download broken off
        data = data[:int(len(data) * cut)]
    return data, draw(st.sampled_from(["dagboek.xlsx", "dagboek.xlsm", "dagboek.csv"]))


@fixed(XLSX_FILES)
@given(xlsx_files())
def test_any_xlsx_file_is_rows_or_a_message(file):
    data, name = file
    assert answer_data_file(data, name)[0] in ("rows", "message")


# --- JSON backups ---------------------------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70),
              st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=20),
              st.sampled_from(["2025-03-04T21:15:00+00:00", "2025-03-04", "9999-12-31",
                               "closeness", "distance", "calm", "storm", "partner", "coach",
                               "crisis", "a\x00b", "x" * 600, "nabij:v2:AAAA"])),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=8)


def _template() -> dict:
    """A real backup of a small journal with a moment, edited and deleted ones, a mark."""
    engine = open_engine("sqlite://")
    upgrade_to_latest(engine)
    store = Store(engine)
    journal = store.create_journal(Journal(None, "Wij", ("Anna", "Bram")))
    start = dt.datetime(2025, 3, 4, 20, 0, tzinfo=dt.UTC)
    saved = [store.add_event(journal.id, Event(occurred_at=start + dt.timedelta(hours=hour),
                                                partner=hour % 2, kind=kind, intensity=3,
                                                note=f"moment {hour}", context="werk;familie"))
             for hour, kind in enumerate([Kind.CLOSENESS, Kind.DISTANCE, Kind.DISTANCE])]
    store.delete_event(journal.id, saved[2].id)
    data = json.loads(backup_json(store, journal.id))
    engine.dispose()
    return data


TEMPLATE = _template()


def _places(value: object, path: tuple = ()) -> list[tuple]:
    """Every path into the backup, to pick one to change."""
    found = [path]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _places(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += _places(inner, (*path, index))
    return found


PLACES = _places(TEMPLATE)


def _at(value, path: tuple):
    for step in path:
        value = value[step]
    return value


LEAVES = [path for path in PLACES if path and not isinstance(_at(TEMPLATE, path), (dict, list))]


def _near(value: object) -> st.SearchStrategy:
    """A value of the same kind as `value`, often at an edge: where a check can be missing."""
    if isinstance(value, bool) or value is None:
        return JSON_VALUES
    if isinstance(value, int):
        return st.one_of(st.sampled_from([0, 1, -1, 2**31 - 1, 2**31, 2**63, 7, 99]),
                         st.integers(-5, 10))
    if isinstance(value, str):
        return st.one_of(st.sampled_from(["", " ", "\x00", value + "\x00", value * 40,
                                          value[:-1], value.upper(), "2025-02-30", "9999-12-31",
                                          "1899-12-31T23:59:59+00:00"]),
                         st.text(max_size=12))
    return JSON_VALUES


@st.composite
def backups(draw) -> bytes:
    backup = copy.deepcopy(TEMPLATE)
    if not one_in(draw, 3):  # mostly one or two values changed in place
        for _ in range(draw(st.integers(0, 2))):
            path = draw(st.sampled_from(LEAVES))
            parent = _at(backup, path[:-1])
            parent[path[-1]] = draw(_near(parent[path[-1]]))
        return backup_bytes(backup)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(PLACES))
        parent = backup
        try:
            for step in path[:-1]:
                parent = parent[step]
            if not path:
                backup = draw(JSON_VALUES)
                break
            if one_in(draw, 6) and isinstance(parent, (dict, list)):
                del parent[path[-1]]
            else:
                parent[path[-1]] = draw(JSON_VALUES)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change took this place away
    data = backup_bytes(backup)
    tail = draw(st.sampled_from([None, None, None, None, None, None, "cut", "nest"]))
    if tail == "cut":
        data = data[:draw(st.integers(0, len(data)))]
    elif tail == "nest":
        depth = draw(st.sampled_from([10, 5_000, 100_000]))
        data = b"[" * depth + data + b"]" * depth
    return data


@fixed(BACKUP_FILES)
@given(backups())
def test_any_backup_is_read_or_a_message(data):
    assert answer_backup(data)[0] in ("summary", "message")


@pytest.fixture(scope="module")
def restore_store():
    engine = open_engine("sqlite://")
    upgrade_to_latest(engine)
    yield Store(engine)
    engine.dispose()


@fixed(RESTORED_BACKUPS)
@given(backups())
def test_any_backup_restores_or_is_a_message(restore_store, data):
    assert answer_backup(data, restore_store)[0] in ("restored", "message")
