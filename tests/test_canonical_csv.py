"""Reading the canonical CSV format: every bad row named by its line, nothing guessed."""

from __future__ import annotations

import pytest

from nabij.io.canonical_csv import read_csv_file, read_csv_text
from nabij.io.problems import UnreadableFile
from nabij.model import Journal, Kind

HEADER = "timestamp,partner,kind,intensity,note\n"


def test_reads_rows_and_takes_partners_from_the_file():
    result = read_csv_text(HEADER + "2025-03-04T21:15,Anna,closeness,4,Fijn\n"
                                    "2025-03-05,Bram,afstand,2,\"Moe, stil\"\n")
    assert result.partners == ("Anna", "Bram")
    assert [(e.partner, e.kind, e.intensity, e.note) for e in result.events] == \
        [(0, Kind.CLOSENESS, 4, "Fijn"), (1, Kind.DISTANCE, 2, "Moe, stil")]
    assert result.problems == []


def test_optional_body_and_context_columns():
    text = ("timestamp,partner,kind,intensity,note,body,context\n"
            "2025-03-04T21:15+01:00,Anna,nabijheid,5,,calm,work;home\n")
    [event] = read_csv_text(text).events
    assert (str(event.body), event.context) == ("calm", "work;home")


def test_bad_rows_are_listed_with_line_numbers_and_left_out():
    text = HEADER + ("2025-03-04T21:15,Anna,closeness,4,ok\n"
                     "2025-13-01,Anna,closeness,4,bad date\n"
                     "2025-03-06,Anna,closeness,7,bad intensity\n"
                     "\n"
                     "2025-03-07,Anna,ruzie,2,bad kind\n")
    result = read_csv_text(text)
    assert len(result.events) == 1
    assert [(row.line, row.key) for row in result.problems] == [
        (3, "data_row.timestamp"), (4, "error.intensity_range"),
        (6, "error.kind_unknown")]


def test_line_numbers_count_physical_lines_of_multiline_notes():
    text = HEADER + '2025-03-04,Anna,closeness,4,"twee\nregels"\n2025-03-05,Anna,x,4,\n'
    assert [row.line for row in read_csv_text(text).problems] == [4]


def test_unknown_partner_for_a_given_journal():
    journal = Journal(1, "Wij", ("Anna", "Bram"))
    result = read_csv_text(HEADER + "2025-03-04,Cas,closeness,4,\n", journal)
    assert [row.key for row in result.problems] == ["error.partner_unknown"]


def test_a_third_partner_makes_the_file_unreadable():
    text = HEADER + ("2025-03-04,A,closeness,4,\n2025-03-04,B,closeness,4,\n"
                     "2025-03-04,C,distance,1,\n")
    with pytest.raises(UnreadableFile) as caught:
        read_csv_text(text)
    assert (caught.value.key, caught.value.line) == ("error.file_too_many_partners", 4)


def test_missing_columns_and_empty_file():
    with pytest.raises(UnreadableFile) as caught:
        read_csv_text("timestamp,partner\n2025-03-04,A\n")
    assert caught.value.key == "error.file_missing_columns"
    assert caught.value.params["columns"] == "kind, intensity, note"
    with pytest.raises(UnreadableFile) as caught:
        read_csv_text("")
    assert caught.value.key == "error.file_empty"


def test_bom_and_header_case_are_tolerated():
    result = read_csv_text("\ufeffTimestamp,Partner,Kind,Intensity,Note\n"
                           "2025-03-04,A,closeness,1,\n")
    assert len(result.events) == 1


def test_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes((HEADER + "2025-03-04,Zoë,closeness,1,café\n").encode("latin-1"))
    with pytest.raises(UnreadableFile) as caught:
        read_csv_file(path)
    assert caught.value.key == "error.file_encoding"


def test_missing_file(tmp_path):
    with pytest.raises(UnreadableFile) as caught:
        read_csv_file(tmp_path / "nope.csv")
    assert caught.value.key == "error.file_unreadable"
