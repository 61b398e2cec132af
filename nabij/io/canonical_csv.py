"""The canonical CSV journal format, shared by the demo, import and the command line.

Header `timestamp,partner,kind,intensity,note`, optionally `body` and `context`. Reading never
stops at the first bad row: every row is judged, so a person can fix a file in one go.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from nabij.model import (
    DEFAULT_TIMEZONE,
    Event,
    EventInput,
    InvalidInput,
    Journal,
    Problem,
    validate_event,
)

REQUIRED_COLUMNS = ("timestamp", "partner", "kind", "intensity", "note")
OPTIONAL_COLUMNS = ("body", "context")
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS


class UnreadableFile(ValueError):
    """The file as a whole cannot be read (encoding, missing columns, too many partners)."""

    def __init__(self, key: str, line: int | None = None, **params: object):
        super().__init__(key if line is None else f"line {line}: {key}")
        self.key = key
        self.line = line
        self.params = params


@dataclass(frozen=True)
class RowProblem:
    line: int
    problem: Problem


@dataclass
class CsvReadResult:
    events: list[Event] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    partners: tuple[str, str] = ("", "")


def read_csv_text(text: str, journal: Journal | None = None) -> CsvReadResult:
    """Read canonical CSV text. Without a journal the partners are taken from the file.

    Raises UnreadableFile when the file as a whole is wrong; bad single rows are listed in
    `problems` with their line numbers and left out of `events`.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    if not header:
        raise UnreadableFile("error.file_empty")
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise UnreadableFile("error.file_missing_columns", line=1, columns=", ".join(missing))
    reader.fieldnames = header

    rows: list[tuple[int, dict[str, str]]] = []
    for row in reader:
        if not any((value or "").strip() for key, value in row.items() if key is not None):
            continue  # blank line
        rows.append((reader.line_num, row))

    if journal is None:
        journal = Journal(id=None, name="", partners=_partners_in(rows),
                          timezone=DEFAULT_TIMEZONE)
    result = CsvReadResult(partners=journal.partners)
    for line, row in rows:
        raw = EventInput(occurred_at=row.get("timestamp"), partner=row.get("partner"),
                         kind=row.get("kind"), intensity=row.get("intensity"),
                         note=row.get("note") or "", body=row.get("body"),
                         context=row.get("context") or "")
        try:
            result.events.append(validate_event(raw, journal))
        except InvalidInput as invalid:
            result.problems.extend(RowProblem(line, problem) for problem in invalid.problems)
    return result


def _partners_in(rows: list[tuple[int, dict[str, str]]]) -> tuple[str, str]:
    names: list[str] = []
    for line, row in rows:
        name = (row.get("partner") or "").strip()
        if name and name.casefold() not in (known.casefold() for known in names):
            if len(names) == 2:
                raise UnreadableFile("error.file_too_many_partners", line=line, value=name[:40])
            names.append(name)
    while len(names) < 2:
        names.append("")
    return names[0], names[1]


def read_csv_file(path: Path | str, journal: Journal | None = None) -> CsvReadResult:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableFile("error.file_encoding") from error
    except OSError as error:
        raise UnreadableFile("error.file_unreadable", reason=error.strerror or str(error)) \
            from error
    return read_csv_text(text, journal)
