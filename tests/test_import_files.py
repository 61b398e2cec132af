"""Reading the files people have: every shape of CSV, Excel, and clear refusals for the rest."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nabij.i18n import Messages
from nabij.io.files import MAX_FILE_BYTES, MAX_ROWS, read_path, read_table, sniff_delimiter
from nabij.io.importing import (
    AmbiguousDate,
    guess_mapping,
    ignored_columns,
    journal_from_file,
    missing_fields,
    partner_map_is_certain,
    partner_names,
    plan_import,
    read_events,
    read_moment,
    suggest_partner_map,
)
from nabij.io.problems import UnreadableFile
from nabij.model import DEFAULT_VISIBILITY, Event, Journal, Kind, Visibility

JOURNAL = Journal(id=1, name="Wij", partners=("Anna", "Bram"), timezone="Europe/Amsterdam")
AMSTERDAM = JOURNAL.zone

# The messiest file: BOM, semicolons, Windows line ends, Dutch headers in odd case, Dutch
# dates, partner names in other case, a quoted note with a semicolon and a line break, an
# extra column, a blank line, a repeated row, and three bad rows.
MESSY = ("\ufeffTijdstip;Partner;Soort;Intensiteit;Notitie;Stemming\r\n"
         "04-03-2025 21:15;anna;Nabijheid;4;Samen gekookt;blij\r\n"
         "5-3-2025 08:00;BRAM;afstand;2;\"Stil; moe\r\nnog steeds\";\r\n"
         "\r\n"
         "31-02-2025 08:00;Bram;afstand;9;;\r\n"
         "06-03-2025 22:30;Bram;ruzie;3;;\r\n"
         "5-3-2025 08:00;BRAM;afstand;2;\"Stil; moe\r\nnog steeds\";\r\n"
         "07-03-2025;Cas;nabijheid;1;;\r\n")


def read(text_or_bytes, journal: Journal = JOURNAL, name: str = "file.csv", partner_map=None):
    data = text_or_bytes.encode("utf-8") if isinstance(text_or_bytes, str) else text_or_bytes
    table = read_table(data, name)
    mapping = guess_mapping(table.header)
    return table, mapping, read_events(table, mapping, journal, partner_map)


def local(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=AMSTERDAM).astimezone(dt.UTC)


# --- the messy file ------------------------------------------------------------------------------

def test_messy_semicolon_file_with_dutch_headers_is_read_row_by_row():
    table, mapping, result = read(MESSY.encode("utf-8"))
    assert (table.delimiter, table.encoding) == (";", "utf-8-sig")
    assert missing_fields(mapping) == []
    assert ignored_columns(table.header, mapping) == ["Stemming"]
    assert [(line, e.occurred_at, e.partner, e.kind, e.intensity, e.note)
            for line, e in result.rows] == [
        (2, local(2025, 3, 4, 21, 15), 0, Kind.CLOSENESS, 4, "Samen gekookt"),
        (3, local(2025, 3, 5, 8, 0), 1, Kind.DISTANCE, 2, "Stil; moe\r\nnog steeds"),
        (8, local(2025, 3, 5, 8, 0), 1, Kind.DISTANCE, 2, "Stil; moe\r\nnog steeds"),
    ]
    # Every bad row with its line (a quoted line break counts), the file's column and a reason.
    assert [(p.line, p.column, p.key) for p in result.problems] == [
        (6, "Tijdstip", "data_row.timestamp"),
        (6, "Intensiteit", "error.intensity_range"),
        (7, "Soort", "error.kind_unknown"),
        (10, "Partner", "error.partner_unknown"),
    ]
    assert result.bad_lines == [6, 7, 10]


def test_problems_read_in_both_languages():
    _, _, result = read(MESSY)
    [timestamp] = [p for p in result.problems if p.key == "data_row.timestamp"]
    assert "'31-02-2025 08:00'" in Messages("nl")(timestamp.key, **timestamp.params)
    assert "cannot be read" in Messages("en")(timestamp.key, **timestamp.params)
    [partner] = [p for p in result.problems if p.key == "error.partner_unknown"]
    assert Messages("nl")(partner.key, **partner.params) == \
        "'Cas' hoort niet bij dit dagboek. Kies Anna of Bram."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_any_delimiter_encoding_and_line_end(encoding, newline, delimiter):
    rows = [["tijdstip", "partner", "soort", "intensiteit", "notitie"],
            ["04-03-2025 21:15", "Anna", "nabijheid", "4", "Café"],
            ["2025-03-05T08:00", "Bram", "afstand", "2", ""]]
    text = newline.join(delimiter.join(row) for row in rows) + newline
    table, _, result = read(text.encode(encoding))
    assert table.delimiter == delimiter
    assert result.problems == []
    assert [event.note for event in result.events] == ["Café", ""]


def test_canonical_file_reads_as_before():
    text = ("timestamp,partner,kind,intensity,note,body,context\n"
            "2025-03-04T21:15+01:00,Anna,closeness,5,,calm,work\n")
    _, mapping, result = read(text)
    [event] = result.events
    assert (str(event.body), event.context, event.occurred_at) == \
        ("calm", "work", local(2025, 3, 4, 21, 15))
    assert mapping["body"] == 5 and mapping["context"] == 6


def test_windows_1252_file_is_read_with_a_note():
    text = "datum;wie;soort;sterkte;opmerking\n04-03-2025 21:15;Anna;nabijheid;3;Zoë's café\n"
    table, _, result = read(text.encode("cp1252"))
    assert table.encoding == "cp1252" and table.notes == ["data_file.cp1252"]
    assert [event.note for event in result.events] == ["Zoë's café"]


def test_other_apps_headers_are_left_for_the_user_to_map():
    text = "Moment,Persoon,Gevoel,Cijfer\n04-03-2025 21:15,Anna,nabijheid,3\n"
    table = read_table(text.encode())
    mapping = guess_mapping(table.header)
    assert set(missing_fields(mapping)) == {"timestamp", "kind", "intensity"}
    chosen = {**mapping, "timestamp": 0, "kind": 2, "intensity": 3}
    result = read_events(table, chosen, JOURNAL)
    assert [(e.partner, e.intensity) for e in result.events] == [(0, 3)]


def test_date_and_time_in_separate_columns():
    text = "datum,tijd,wie,soort,sterkte\n04-03-2025,21:15,Anna,nabijheid,3\n" \
           "2025-03-05,8.05,Bram,afstand,2\n"
    _, mapping, result = read(text)
    assert mapping["time"] == 1
    assert [e.occurred_at for e in result.events] == [local(2025, 3, 4, 21, 15),
                                                      local(2025, 3, 5, 8, 5)]


@pytest.mark.parametrize(("text", "expected"), [
    ("04-03-2025 21:15", dt.datetime(2025, 3, 4, 21, 15)),
    ("4-3-2025 9:05", dt.datetime(2025, 3, 4, 9, 5)),
    ("04/03/2025 21:15:30", dt.datetime(2025, 3, 4, 21, 15, 30)),
    ("04.03.2025", dt.datetime(2025, 3, 4)),
    ("2025-03-04 21:15", dt.datetime(2025, 3, 4, 21, 15)),
    ("2025/03/04 21.15", dt.datetime(2025, 3, 4, 21, 15)),
    ("2025-03-04T21:15:00+01:00", dt.datetime(2025, 3, 4, 21, 15,
                                              tzinfo=dt.timezone(dt.timedelta(hours=1)))),
    ("2025-03-04T20:15Z", dt.datetime(2025, 3, 4, 20, 15, tzinfo=dt.UTC)),
])
def test_dates_as_people_write_them(text, expected):
    assert read_moment(text) == expected


@pytest.mark.parametrize("text", ["31-02-2025", "13-13-2025 10:00", "gisteren", "04-03-25",
                                  "2025-03-04 25:00"])
def test_unreadable_dates_are_refused(text):
    with pytest.raises(ValueError):
        read_moment(text)


def test_dates_that_read_both_ways_are_named_with_both_readings():
    text = ("datum,wie,soort,sterkte\n03/04/2025 21:15,Anna,nabijheid,3\n"
            "04-04-2025,Anna,nabijheid,3\n05.06.2025,Bram,afstand,2\n"
            "2025-07-08,Bram,afstand,2\n")
    _, _, result = read(text)
    assert result.ambiguous_dates == [
        AmbiguousDate(2, "03/04/2025 21:15", dt.date(2025, 4, 3), dt.date(2025, 3, 4)),
        AmbiguousDate(4, "05.06.2025", dt.date(2025, 6, 5), dt.date(2025, 5, 6))]
    # Read day first all the same: the warning changes nothing by itself.
    assert result.events[0].occurred_at == local(2025, 4, 3, 21, 15)


@settings(max_examples=100, deadline=None)
@given(day=st.integers(1, 12), month=st.integers(1, 12), year=st.integers(1990, 2025),
       separator=st.sampled_from("-/."), deciding_day=st.none() | st.integers(13, 28))
def test_every_day_and_month_up_to_12_is_named_unless_a_row_decides(day, month, year,
                                                                     separator, deciding_day):
    text = f"{day:02d}{separator}{month:02d}{separator}{year}"
    rows = f"{text},Anna,nabijheid,3\n"
    if deciding_day is not None:
        rows += f"{deciding_day}{separator}{month}{separator}{year},Bram,afstand,2\n"
    _, _, result = read("datum,wie,soort,sterkte\n" + rows)
    assert result.events[0].occurred_at.astimezone(AMSTERDAM).date() == \
        dt.date(year, month, day)
    if deciding_day is not None or day == month:
        assert result.ambiguous_dates == []
    else:
        assert result.ambiguous_dates == [
            AmbiguousDate(2, text, dt.date(year, month, day), dt.date(year, day, month))]


@pytest.mark.parametrize("deciding_row", ["13-04-2025,Anna,nabijheid,3",
                                          "31-02-2025,Anna,nabijheid,3"])
def test_one_row_with_a_day_above_12_decides_the_whole_file(deciding_row):
    _, _, result = read(f"datum,wie,soort,sterkte\n03-04-2025,Anna,nabijheid,3\n"
                        f"{deciding_row}\n")
    assert result.ambiguous_dates == []


def test_excel_dates_are_never_ambiguous():
    data = xlsx_bytes([["Datum", "Wie", "Soort", "Sterkte"],
                       [dt.datetime(2025, 4, 3, 21, 15), "Anna", "nabijheid", 3]])
    _, _, result = read(data, name="dagboek.xlsx")
    assert len(result.events) == 1 and result.ambiguous_dates == []


def test_rows_with_a_date_but_no_time_are_listed():
    text = ("datum,tijd,wie,soort,sterkte\n2025-03-04,,Anna,nabijheid,3\n"
            "2025-03-05,21:15,Anna,nabijheid,3\n05-03-2025 08:00,,Bram,afstand,2\n"
            "13-03-2025,,Bram,afstand,2\n2025-03-06T00:00,,Bram,afstand,2\n")
    _, _, result = read(text)
    assert result.lines_without_time == [2, 5]
    assert result.events[0].occurred_at == local(2025, 3, 4, 0, 0)


def test_intensity_written_as_decimal_is_accepted():
    text = "tijdstip,partner,soort,intensiteit\n2025-03-04,Anna,nabijheid,\"4,0\"\n" \
           "2025-03-05,Anna,nabijheid,3.0\n2025-03-06,Anna,nabijheid,\"3,5\"\n"
    _, _, result = read(text)
    assert [e.intensity for e in result.events] == [4, 3]
    assert [(p.line, p.key) for p in result.problems] == [(4, "error.intensity_range")]


def test_cells_neutralised_by_an_export_come_back_as_written():
    text = "timestamp,partner,kind,intensity,note\n2025-03-04,Anna,closeness,4,'=1+1\n" \
           "2025-03-05,Anna,closeness,4,'ok\n"
    _, _, result = read(text)
    assert [e.note for e in result.events] == ["=1+1", "'ok"]


def test_visibility_column_is_read_and_a_missing_one_means_the_default():
    text = ("timestamp,partner,kind,intensity,note,zichtbaarheid\n"
            "2025-03-04,Anna,closeness,4,,private\n2025-03-05,Anna,closeness,4,,Privé\n"
            "2025-03-06,Anna,closeness,4,,coach\n2025-03-07,Anna,closeness,4,,\n"
            "2025-03-08,Anna,closeness,4,,iedereen\n")
    _, mapping, result = read(text)
    assert mapping["visibility"] == 5
    assert [e.visibility for e in result.events] == [
        Visibility.PRIVATE, Visibility.PRIVATE, Visibility.COACH, DEFAULT_VISIBILITY]
    assert [(p.line, p.column, p.key) for p in result.problems] == [
        (6, "zichtbaarheid", "error.visibility_unknown")]
    _, _, without = read("timestamp,partner,kind,intensity\n2025-03-04,Anna,closeness,4\n")
    assert [e.visibility for e in without.events] == [DEFAULT_VISIBILITY]


# --- partners ------------------------------------------------------------------------------------

def test_partner_names_match_case_insensitively_without_asking():
    table, mapping, _ = read("tijdstip,partner,soort,intensiteit\n"
                             "2025-03-04,ANNA,nabijheid,4\n2025-03-04,bram,afstand,2\n")
    names = partner_names(table, mapping)
    assert names == ["ANNA", "bram"]
    assert partner_map_is_certain(names, JOURNAL)
    assert suggest_partner_map(names, JOURNAL) == {"anna": 0, "bram": 1}


def test_other_names_get_a_suggested_match_that_the_user_confirms():
    text = "tijdstip,partner,soort,intensiteit\n2025-03-04,Sanne,nabijheid,4\n" \
           "2025-03-05,Daan,afstand,2\n2025-03-06,bram,afstand,1\n2025-03-07,Eva,afstand,1\n"
    table, mapping, unmapped = read(text)
    names = partner_names(table, mapping)
    assert not partner_map_is_certain(names, JOURNAL)
    assert suggest_partner_map(names, JOURNAL) == {"sanne": 0, "daan": None, "bram": 1,
                                                   "eva": None}
    assert [p.line for p in unmapped.problems] == [2, 3, 5]
    # The user says Daan is Anna and leaves Sanne's and Eva's rows out.
    chosen = {"sanne": None, "daan": 0, "bram": 1, "eva": None}
    result = read_events(table, mapping, JOURNAL, chosen)
    assert [(line, e.partner) for line, e in result.rows] == [(3, 0), (4, 1)]
    assert [(p.line, p.key) for p in result.problems] == [(2, "error.partner_unknown"),
                                                          (5, "error.partner_unknown")]


def test_checking_a_file_on_its_own_takes_the_partners_from_it():
    table = read_table(b"tijdstip,partner,soort,intensiteit\n2025-03-04,Sanne,nabijheid,4\n"
                       b"2025-03-05,daan,afstand,2\n2025-03-06,Eva,afstand,2\n")
    mapping = guess_mapping(table.header)
    with pytest.raises(UnreadableFile) as refused:
        journal_from_file(table, mapping)
    assert (refused.value.key, refused.value.line) == ("error.file_too_many_partners", 4)


# --- what is new ---------------------------------------------------------------------------------

def test_plan_leaves_out_what_is_present_and_what_the_file_repeats():
    moment = local(2025, 3, 4, 21, 15)
    a = Event(moment, 0, Kind.CLOSENESS, 4, "x")
    b = Event(moment, 1, Kind.CLOSENESS, 4, "x")
    a_in_other_zone = Event(moment.astimezone(AMSTERDAM), 0, Kind.CLOSENESS, 4, "x", id=7)
    plan = plan_import([a, b, b, Event(moment, 0, Kind.CLOSENESS, 4, "x ")], [a_in_other_zone])
    assert (len(plan.new), plan.already_present, plan.repeated_in_file) == (2, 1, 1)
    assert plan.new[0] == b


# --- Excel ---------------------------------------------------------------------------------------

def xlsx_bytes(rows: list[list[object]]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_excel_workbook_with_real_dates_and_numbers():
    data = xlsx_bytes([
        [],  # an empty first row, as people leave them
        ["Tijdstip", "Partner", "Soort", "Intensiteit", "Notitie"],
        [dt.datetime(2025, 3, 4, 21, 15), "Anna", "nabijheid", 4, "Fijn"],
        ["05-03-2025 08:00", "bram", "afstand", 2.0, None],
        [dt.date(2025, 3, 6), "Bram", "afstand", 8, 12],
    ])
    table, _, result = read(data, name="dagboek.xlsx")
    assert table.file_kind == "xlsx"
    assert [(line, e.occurred_at, e.intensity, e.note) for line, e in result.rows] == [
        (3, local(2025, 3, 4, 21, 15), 4, "Fijn"), (4, local(2025, 3, 5, 8, 0), 2, "")]
    assert [(p.line, p.column, p.key) for p in result.problems] == \
        [(5, "Intensiteit", "error.intensity_range")]


def test_excel_recognised_by_content_whatever_its_name():
    data = xlsx_bytes([["timestamp", "partner", "kind", "intensity"],
                       ["2025-03-04", "Anna", "closeness", 3]])
    assert read_table(data, "download").file_kind == "xlsx"


# --- refusals -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("data", "name", "key"), [
    (b"", "a.csv", "error.file_empty"),
    (b"  \r\n\r\n", "a.csv", "error.file_empty"),
    (b"\x00\x01\x02binary\x00", "a.csv", "data_file.binary"),
    (b"\x89PNG\r\n\x1a\nxxxx", "photo.csv", "data_file.binary"),
    (bytes(range(1, 9)) * 20 + b"\xff\xfe", "a.csv", "data_file.binary"),
    (b"%PDF-1.7 something", "a.csv", "data_file.binary"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old", "old.xls", "data_file.old_excel"),
    (b"PK\x03\x04 not really a zip", "a.xlsx", "data_file.not_xlsx"),
    (b"timestamp,partner\n\x81\x8d\x8f\x90\x9d\n", "a.csv", "data_file.encoding"),
    (b'a,b\n1,2\n"never closed,3\n4,5\n', "a.csv", "data_file.csv_broken"),
])
def test_files_that_are_not_tables_get_a_clear_reason(data, name, key):
    with pytest.raises(UnreadableFile) as refused:
        read_table(data, name)
    assert refused.value.key == key
    assert Messages("nl")(refused.value.key, **refused.value.params) != refused.value.key
    if key == "data_file.csv_broken":
        assert refused.value.line == 3  # where the open quote starts


def test_a_zip_that_is_not_a_workbook_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(UnreadableFile) as refused:
        read_table(out.getvalue(), "a.xlsx")
    assert refused.value.key == "data_file.not_xlsx"


def test_a_huge_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.csv"
    with open(path, "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(UnreadableFile) as refused:
        read_path(path)
    assert refused.value.key == "data_file.too_large"
    assert refused.value.params["max_mb"] == 10
    with pytest.raises(UnreadableFile):
        read_table(b"x" * (MAX_FILE_BYTES + 1))


def test_too_many_rows_is_refused():
    text = "timestamp,partner,kind,intensity\n" + "2025-03-04,A,closeness,3\n" * (MAX_ROWS + 1)
    with pytest.raises(UnreadableFile) as refused:
        read_table(text.encode())
    assert refused.value.key == "data_file.too_many_rows"


def test_missing_file_is_unreadable(tmp_path):
    with pytest.raises(UnreadableFile) as refused:
        read_path(tmp_path / "nope.csv")
    assert refused.value.key == "error.file_unreadable"


def test_delimiter_is_the_one_giving_most_columns():
    assert sniff_delimiter("a;b;c\n1;2,5;3\n") == ";"
    assert sniff_delimiter('"a,b";c\n') == ";"
    assert sniff_delimiter("a,b,c\n") == ","
    assert sniff_delimiter("single\n") == ","


def test_every_message_key_of_import_export_and_backup_is_in_both_languages():
    import re

    from nabij.config import PROJECT_ROOT
    from nabij.i18n import catalogue

    sources = ["nabij/io/files.py", "nabij/io/importing.py", "nabij/io/import_preview.py",
               "nabij/storage/backup.py",
               "components/files/import_wizard.py", "components/files/export_and_backup.py",
               "views/data.py"]
    used = {key for source in sources for key in re.findall(
        r'"((?:data_[a-z]+|error|nav_data)\.[a-z_]+)"', (PROJECT_ROOT / source).read_text())}
    used |= {f"data_import.field_{name}" for name in guess_mapping([])}
    assert len(used) > 40
    for language in ("nl", "en"):
        assert sorted(used - set(catalogue(language))) == [], language
