"""The canonical CSV journal format: the columns export writes, read by the import's reader.

Header `timestamp,partner,kind,intensity,note`, optionally `body`, `context` and
`visibility` (without it, every moment gets the default: shared with the partner).
The demo, the command line and the tests read it through the same code as an upload
(`nabij.io.files` for the cells, `nabij.io.importing` for the events); only the columns are
fixed instead of guessed, and the file must be UTF-8. Every row is judged, so a person can
fix a file in one go.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from nabij.io.files import RawTable, read_csv_table, read_path
from nabij.io.importing import FIELDS, ColumnMapping, journal_from_file, read_events
from nabij.io.problems import RowProblem, UnreadableFile
from nabij.model import Event, Journal

REQUIRED_COLUMNS = ("timestamp", "partner", "kind", "intensity", "note")
OPTIONAL_COLUMNS = ("body", "context", "visibility")
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS


@dataclass
class CsvReadResult:
    events: list[Event] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    partners: tuple[str, str] = ("", "")


def canonical_mapping(header: list[str]) -> ColumnMapping:
    """Each field's column by its exact canonical name (any case); refuses a missing one."""
    names = [name.strip().casefold() for name in header]
    missing = [column for column in REQUIRED_COLUMNS if column not in names]
    if missing:
        raise UnreadableFile("error.file_missing_columns", line=1, columns=", ".join(missing))
    return {name: names.index(name) if name in COLUMNS and name in names else None
            for name in FIELDS}


def read_canonical(table: RawTable, journal: Journal | None = None) -> CsvReadResult:
    """Without a journal the partners are taken from the file (at most two)."""
    mapping = canonical_mapping(table.header)
    if journal is None:
        journal = journal_from_file(table, mapping)
    read = read_events(table, mapping, journal)
    # journal_from_file fills a missing partner with a name no cell can match: show it empty.
    a, b = ("" if name.startswith("\x00") else name for name in journal.partners)
    return CsvReadResult(events=read.events, problems=read.problems, partners=(a, b))


def read_csv_text(text: str, journal: Journal | None = None) -> CsvReadResult:
    """Read canonical CSV text; raises UnreadableFile when the file as a whole is wrong."""
    return read_canonical(read_csv_table(text), journal)


def read_csv_file(path: Path | str, journal: Journal | None = None) -> CsvReadResult:
    table = read_path(path)
    if table.encoding == "cp1252":
        raise UnreadableFile("error.file_encoding")
    return read_canonical(table, journal)
