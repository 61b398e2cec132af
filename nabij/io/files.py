"""Turning the bytes of a file someone has into a table of cells, or a clear refusal.

People's files are messy: comma or semicolon, UTF-8 with or without a byte order mark, Windows
line ends, an old Windows encoding, or an Excel workbook. This module only finds the rows and
columns; what the columns mean is decided in `nabij.io.importing`. Anything that cannot be a
table (empty, binary, too big, an unknown encoding) raises `UnreadableFile` with a message key,
never a traceback.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from nabij.io.problems import UnreadableFile

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILE_MB = MAX_FILE_BYTES // (1024 * 1024)
MAX_ROWS = 100_000
# The last sheet row read: room for a header and blank rows. Bounded by ROW NUMBER, because a
# sheet whose one cell sits at row 1,000,000 makes openpyxl yield every empty row before it.
MAX_SHEET_ROW = MAX_ROWS + 1_000
MAX_COLUMNS = 100
# An .xlsx is a zip: a few kilobytes can unpack to gigabytes. Refuse before unpacking.
MAX_XLSX_UNPACKED_BYTES = 200 * 1024 * 1024
DELIMITERS = (",", ";", "\t")

_XLSX_SUFFIXES = (".xlsx", ".xlsm")
_SNIFF_BYTES = 8192
_BINARY_MAGIC = {
    b"%PDF": "data_file.binary",
    b"\x89PNG": "data_file.binary",
    b"\xff\xd8\xff": "data_file.binary",
    b"GIF8": "data_file.binary",
    b"\xd0\xcf\x11\xe0": "data_file.old_excel",  # .xls and other old Office files
}

Cell = object  # str from CSV; str, int, float, datetime, date or time from Excel; None if empty


@dataclass(frozen=True)
class Row:
    """One row of the file: `line` is where a person finds it (text line or sheet row)."""

    line: int
    cells: tuple[Cell, ...]

    def get(self, column: int | None) -> Cell:
        if column is None or column >= len(self.cells):
            return None
        return self.cells[column]


@dataclass
class RawTable:
    """A file as header and rows, with how it was read (for the preview's notes)."""

    header: list[str]
    rows: list[Row] = field(default_factory=list)
    file_kind: str = "csv"  # "csv" or "xlsx"
    encoding: str = "utf-8"
    delimiter: str = ","
    notes: list[str] = field(default_factory=list)  # message keys, e.g. data_file.cp1252


def megabytes(size: int) -> int:
    """Whole megabytes, rounded up: a file just over the limit never reads as "10 MB"."""
    return -(-size // (1024 * 1024))


def read_table(data: bytes, name: str = "") -> RawTable:
    """Read a CSV (any of DELIMITERS) or .xlsx file given as bytes.

    Raises UnreadableFile for a file that is empty, too big, binary, in an unknown encoding,
    without a header, or with too many rows.
    """
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableFile("data_file.too_large", max_mb=MAX_FILE_MB,
                             size_mb=megabytes(len(data)))
    if not data.strip():
        raise UnreadableFile("error.file_empty")
    if data.startswith(b"PK\x03\x04") or name.lower().endswith(_XLSX_SUFFIXES):
        return read_xlsx(data)
    for magic, key in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise UnreadableFile(key)
    text, encoding = decode_text(data)
    return read_csv_table(text, encoding)


def read_path(path: Path | str) -> RawTable:
    """`read_table` for a file on disk, with the size checked before reading it all."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UnreadableFile("data_file.too_large", max_mb=MAX_FILE_MB,
                                 size_mb=megabytes(size))
        data = path.read_bytes()
    except OSError as error:
        raise UnreadableFile("error.file_unreadable", reason=error.strerror or str(error)) \
            from error
    return read_table(data, path.name)


def looks_binary(data: bytes) -> bool:
    """Many control characters near the start: not text in any 8-bit encoding."""
    sample = data[:_SNIFF_BYTES]
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    return controls > max(8, len(sample) // 20)


def decode_text(data: bytes) -> tuple[str, str]:
    """The text and the encoding used: UTF-8 (with or without BOM), else Windows-1252.

    A NUL byte means binary (no text format Nabij reads has one). Valid UTF-8 is text.
    Windows-1252 is what Excel on a Dutch Windows writes as "CSV"; it decodes almost any
    byte, so before falling back to it a file full of control characters is refused as
    binary, and a note tells the user what was assumed.
    """
    if b"\x00" in data:
        raise UnreadableFile("data_file.binary")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError as error:
            raise UnreadableFile("data_file.encoding") from error
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if looks_binary(data):
        raise UnreadableFile("data_file.binary")
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as error:
        raise UnreadableFile("data_file.encoding") from error


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first line into the most columns (comma on a tie)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    best, best_count = ",", 1
    for delimiter in DELIMITERS:
        count = len(next(csv.reader([first], delimiter=delimiter), []))
        if count > best_count:
            best, best_count = delimiter, count
    return best


def read_csv_table(text: str, encoding: str = "utf-8") -> RawTable:
    if text.startswith("\ufeff"):
        text = text[1:]
    delimiter = sniff_delimiter(text)
    # strict: a quote left open is reported, instead of swallowing the rest of the file.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    rows: list[Row] = []
    start = 1
    try:
        for cells in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header = _header(cells)
                continue
            if len(rows) >= MAX_ROWS:
                raise UnreadableFile("data_file.too_many_rows", max=MAX_ROWS)
            rows.append(Row(line, tuple(cells)))
    except csv.Error as error:
        raise UnreadableFile("data_file.csv_broken", line=start) from error
    if header is None:
        raise UnreadableFile("error.file_empty")
    notes = ["data_file.cp1252"] if encoding == "cp1252" else []
    return RawTable(header=header, rows=rows, file_kind="csv", encoding=encoding,
                    delimiter=delimiter, notes=notes)


def _header(cells: list[Cell] | tuple[Cell, ...]) -> list[str]:
    if len(cells) > MAX_COLUMNS:
        raise UnreadableFile("data_file.too_many_columns", max=MAX_COLUMNS)
    names = ["" if cell is None else str(cell).strip().lstrip("\ufeff") for cell in cells]
    while names and not names[-1]:
        names.pop()
    return names


def read_xlsx(data: bytes) -> RawTable:
    """The first sheet of an Excel workbook; cells keep their types (dates stay dates)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            if "xl/workbook.xml" not in archive.namelist():
                raise UnreadableFile("data_file.not_xlsx")
    except zipfile.BadZipFile as error:
        raise UnreadableFile("data_file.not_xlsx") from error
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise UnreadableFile("data_file.too_large", max_mb=MAX_FILE_MB,
                             size_mb=megabytes(unpacked))

    import openpyxl  # imported here: only Excel imports pay for it

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged workbook
        raise UnreadableFile("data_file.not_xlsx") from error
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise UnreadableFile("error.file_empty")
        header: list[str] | None = None
        rows: list[Row] = []
        # max_row also stops openpyxl from filling empty rows up to a (forged) dimension.
        numbered = enumerate(sheet.iter_rows(max_row=MAX_SHEET_ROW + 1, max_col=MAX_COLUMNS + 1,
                                             values_only=True), start=1)
        for number, values in numbered:
            if number > MAX_SHEET_ROW:
                raise UnreadableFile("data_file.too_many_rows", max=MAX_ROWS)
            if values.count(None) == len(values):  # openpyxl's filler for a missing row: cheap
                continue
            cells = _without_trailing_empties(tuple(_excel_cell(value) for value in values))
            if not any(cell not in (None, "") for cell in cells):
                continue
            if header is None:
                header = _header(cells)
                continue
            if len(rows) >= MAX_ROWS:
                raise UnreadableFile("data_file.too_many_rows", max=MAX_ROWS)
            rows.append(Row(number, cells))
    finally:
        workbook.close()
    if header is None:
        raise UnreadableFile("error.file_empty")
    return RawTable(header=header, rows=rows, file_kind="xlsx", encoding="", delimiter="")


def _without_trailing_empties(cells: tuple[Cell, ...]) -> tuple[Cell, ...]:
    """A sheet row as wide as its last filled cell: openpyxl pads every row to `max_col`."""
    end = len(cells)
    while end and cells[end - 1] is None:
        end -= 1
    return cells[:end]


def _excel_cell(value: object) -> Cell:
    if isinstance(value, (str, dt.datetime, dt.date, dt.time, int, float)) or value is None:
        return value
    return str(value)
