"""A tiny .xlsx whose one cell sits far down the sheet is refused, not read row by row."""

from __future__ import annotations

import io

import openpyxl

from nabij.io.canonical_csv import UnreadableFile
from nabij.io.files import MAX_ROWS, MAX_SHEET_ROW, read_table
from tests.test_check_cli import check

FAR_ROW = 1_000_000


def far_down_workbook(row: int = FAR_ROW) -> bytes:
    """Header at row 1, the only moment at `row`: a few kilobytes on disk."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Tijdstip", "Partner", "Soort", "Intensiteit"])
    for column, value in enumerate(["04-03-2025 21:15", "Anna", "nabijheid", 4], start=1):
        sheet.cell(row=row, column=column, value=value)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_the_file_is_small():
    assert len(far_down_workbook()) < 10_000


def test_a_moment_beyond_the_last_sheet_row_is_refused_by_row_number():
    try:
        read_table(far_down_workbook(), "far.xlsx")
    except UnreadableFile as refused:
        assert refused.key == "data_file.too_many_rows"
        assert refused.params == {"max": MAX_ROWS}
    else:
        raise AssertionError("a moment at row 1,000,000 was read")


def test_a_moment_on_the_last_sheet_row_read_is_still_read():
    table = read_table(far_down_workbook(MAX_SHEET_ROW), "far.xlsx")
    assert [row.line for row in table.rows] == [MAX_SHEET_ROW]
    assert table.rows[0].cells == ("04-03-2025 21:15", "Anna", "nabijheid", 4)


def test_check_refuses_the_far_down_workbook(tmp_path):
    path = tmp_path / "far.xlsx"
    path.write_bytes(far_down_workbook())
    result = check(path)
    assert result.returncode == 2, result
    assert str(MAX_ROWS) in result.stderr and "rows" in result.stderr
