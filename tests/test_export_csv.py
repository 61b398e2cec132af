"""CSV export: the canonical format, safe in a spreadsheet, and read back exactly by the import."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nabij.io.canonical_csv import COLUMNS, read_csv_text
from nabij.io.export import events_to_csv, events_to_csv_bytes, file_stem
from nabij.io.files import read_table
from nabij.io.importing import guess_mapping, read_events
from nabij.io.spreadsheet_cells import FORMULA_STARTS, neutralise_cell, unescape_cell
from nabij.model import (
    CONTEXT_MAX_CHARS,
    NOTE_MAX_CHARS,
    BodySignal,
    Event,
    Journal,
    Kind,
    Visibility,
)

JOURNAL = Journal(id=1, name="Wij", partners=("Anna", "Bram"), timezone="Europe/Amsterdam")
WHEN = dt.datetime(2025, 3, 4, 20, 15, tzinfo=dt.UTC)


def cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.mark.parametrize(("cell", "written"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+31 6 1234", "'+31 6 1234"),
    ("-boos", "'-boos"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tgetabd", "'\tgetabd"),
    ("\rterug", "'\rterug"),
    ("'=al gequote", "''=al gequote"),
    ("gewoon = tekst", "gewoon = tekst"),
    ("'gewoon", "'gewoon"),
    ("", ""),
])
def test_cells_a_spreadsheet_could_run_get_a_quote(cell, written):
    assert neutralise_cell(cell) == written
    assert unescape_cell(written) == cell


def test_export_is_canonical_and_neutralises_notes_and_names():
    journal = Journal(id=1, name="Wij", partners=("=Anna", "Bram"), timezone="Europe/Amsterdam")
    events = [Event(WHEN, 0, Kind.CLOSENESS, 4, "=cmd|' /C calc'!A0", BodySignal.CALM, "thuis",
                    id=1),
              Event(WHEN + dt.timedelta(seconds=30), 1, Kind.DISTANCE, 2, "Moe,\nstil", id=2)]
    text = events_to_csv(events, journal)
    rows = cells(text)
    assert rows[0] == list(COLUMNS)
    assert rows[1] == ["2025-03-04T21:15+01:00", "'=Anna", "closeness", "4",
                       "'=cmd|' /C calc'!A0", "calm", "thuis", "partner"]
    assert rows[2] == ["2025-03-04T21:15:30+01:00", "Bram", "distance", "2", "Moe,\nstil", "",
                       "", "partner"]
    assert all(not cell.startswith(FORMULA_STARTS) for row in rows for cell in row)
    # The canonical reader (the demo and `phases`) is the import's reader: quotes come off.
    assert [event.note for event in read_csv_text(text).events] == \
        ["=cmd|' /C calc'!A0", "Moe,\nstil"]


def test_export_bytes_carry_a_bom_for_excel():
    data = events_to_csv_bytes([Event(WHEN, 0, Kind.CLOSENESS, 4, "Zoë", id=1)], JOURNAL)
    assert data.startswith(b"\xef\xbb\xbf") and "Zoë".encode() in data


@given(st.text())
def test_no_neutralised_cell_can_start_a_formula(text):
    written = neutralise_cell(text)
    assert not written.startswith(FORMULA_STARTS)
    assert unescape_cell(written) == text


# Events as the app can hold them: any instant, either partner, any text the model accepts.
texts = st.text(max_size=200).filter(lambda value: "\x00" not in value)
events = st.builds(
    Event,
    # Within the days Nabij keeps (nabij.model.EARLIEST_DAY to a year after today).
    occurred_at=st.datetimes(min_value=dt.datetime(1971, 1, 1), max_value=dt.datetime(2025, 12, 31),
                             timezones=st.just(dt.UTC)),
    partner=st.sampled_from([0, 1]),
    kind=st.sampled_from(list(Kind)),
    intensity=st.integers(1, 5),
    note=texts.map(lambda note: note[:NOTE_MAX_CHARS]),
    body=st.sampled_from([None, *BodySignal]),
    context=texts.map(lambda context: context.strip()[:CONTEXT_MAX_CHARS]),
    visibility=st.sampled_from(list(Visibility)),
)
partner_names = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1,
                        max_size=20).map(str.strip).filter(bool)


@settings(max_examples=150, deadline=None)
@given(batch=st.lists(events, max_size=12), names=st.tuples(partner_names, partner_names)
       .filter(lambda pair: pair[0].casefold() != pair[1].casefold()),
       zone=st.sampled_from(["Europe/Amsterdam", "UTC", "America/St_Johns", "Asia/Kathmandu"]))
def test_export_then_import_gives_back_the_same_events(batch, names, zone):
    journal = Journal(id=1, name="Wij", partners=names, timezone=zone)
    data = events_to_csv_bytes(batch, journal)
    table = read_table(data, "export.csv")
    result = read_events(table, guess_mapping(table.header), journal)
    assert result.problems == []
    expected = sorted(batch, key=lambda event: event.occurred_at)
    assert [(e.occurred_at, e.partner, e.kind, e.intensity, e.note, e.body, e.context,
             e.visibility) for e in result.events] == \
        [(e.occurred_at, e.partner, e.kind, e.intensity, e.note, e.body, e.context,
          e.visibility) for e in expected]


def test_file_names_keep_letters_and_digits_of_the_journal_name():
    assert file_stem(Journal(1, "Wij, voorjaar *26*", ("A", "B")), dt.date(2026, 3, 1)) == \
        "nabij-wij--voorjaar--26-2026-03-01"
    assert file_stem(Journal(1, "***", ("A", "B")), dt.date(2026, 3, 1)) == \
        "nabij-journal-2026-03-01"
