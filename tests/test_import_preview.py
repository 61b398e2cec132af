"""The import preview in words: what the wizard shows before anything is stored."""

from __future__ import annotations

from nabij.i18n import Messages
from nabij.io.files import RawTable, read_table
from nabij.io.import_preview import (
    LISTED_LINES,
    NO_COLUMN,
    PREVIEW_ROWS,
    ambiguous_dates_text,
    build_preview,
    column_label,
    events_without_time,
    listed_lines,
    load_table,
    new_rows_frame,
    no_time_text,
    plan_notes,
    problems_frame,
    unreadable_message,
)
from nabij.io.importing import guess_mapping, plan_import, read_events
from nabij.io.problems import UnreadableFile
from nabij.model import Journal

EN = Messages("en")
JOURNAL = Journal(id=1, name="Wij", partners=("Anna", "Bram"), timezone="Europe/Amsterdam")


def read_text(text: str, journal):
    table = read_table(text.encode(), "file.csv")
    mapping = guess_mapping(table.header)
    return table, mapping, read_events(table, mapping, journal, None)


def test_a_long_list_of_lines_is_cut_with_how_many_more():
    assert listed_lines([3, 4], EN) == "3, 4"
    lines = list(range(1, LISTED_LINES + 4))
    text = listed_lines(lines, EN)
    assert text.startswith(", ".join(str(line) for line in range(1, LISTED_LINES + 1)) + " ")
    assert text.endswith("and 3 more")
    assert str(LISTED_LINES + 1) not in text.split(" and ")[0].split(", ")


def test_a_column_is_offered_by_number_and_header_and_none_by_its_own_words():
    header = ["wanneer", ""]
    assert column_label(header, 0, EN) == "Column 1: wanneer"
    assert column_label(header, 1, EN) == "Column 2: …"
    assert column_label(header, NO_COLUMN, EN) == EN("data_import.map_none")


def test_a_file_that_is_no_table_comes_back_as_its_reason():
    refused = load_table(b"\x00\x01\x02", "dagboek.pdf")
    assert isinstance(refused, UnreadableFile)
    assert unreadable_message(refused, EN).strip()
    assert isinstance(load_table(b"when,who\n", "file.csv"), RawTable)


def test_notes_say_what_is_left_out_and_which_columns_are_unused(store, journal):
    text = ("tijdstip,partner,soort,intensiteit,stemming\n"
            "2025-03-04 21:15,Anna,nabijheid,4,blij\n2025-03-04 21:15,Anna,nabijheid,4,blij\n")
    table, mapping, read = read_text(text, journal)
    preview = build_preview(table, mapping, journal, None, store)
    assert len(preview.plan.new) == 1
    notes = plan_notes(preview.plan, table, mapping, EN)
    assert any("stemming" in note for note in notes)
    assert len(notes) == 2  # the repeated row and the unused column, nothing else
    store.add_event(journal.id, preview.plan.new[0])
    again = build_preview(table, mapping, journal, None, store, read)
    assert again.plan.new == [] and again.plan.already_present == 1


def test_rows_without_a_time_show_their_day_only():
    text = ("datum,tijd,wie,soort,sterkte\n2025-03-04,,Anna,nabijheid,3\n"
            "2025-03-05,21:15,Bram,afstand,2\n")
    _, _, read = read_text(text, JOURNAL)
    untimed = events_without_time(read)
    assert untimed == frozenset({read.events[0]})
    assert "2" in no_time_text(read, EN)
    preview_rows = new_rows_frame(plan_import(read.events, []), JOURNAL, EN,
                                  untimed)
    when = preview_rows[EN("data_import.col_when")].tolist()
    assert EN("data_import.no_time_given") in when[0]
    assert EN("data_import.no_time_given") not in when[1]
    assert preview_rows[EN("data_import.col_partner")].tolist() == ["Anna", "Bram"]


def test_the_preview_table_stops_at_its_row_limit():
    rows = "".join(f"2025-03-04 10:{minute % 60:02d}:{minute // 60:02d},Anna,nabijheid,3\n"
                   for minute in range(PREVIEW_ROWS + 5))
    _, _, read = read_text("tijdstip,partner,soort,intensiteit\n" + rows, JOURNAL)
    frame = new_rows_frame(plan_import(read.events, []), JOURNAL, EN)
    assert len(read.events) == PREVIEW_ROWS + 5 and len(frame) == PREVIEW_ROWS


def test_problems_and_ambiguous_dates_name_their_lines():
    text = ("datum,wie,soort,sterkte\n03/04/2025,Anna,nabijheid,3\n"
            "04-04-2025,Anna,ruzie,3\n")
    _, _, read = read_text(text, JOURNAL)
    problems = problems_frame(read, EN)
    assert problems[EN("data_import.col_line")].tolist() == [3]
    warning = ambiguous_dates_text(read, EN)
    assert "03/04/2025" in warning and warning.count("\n- ") == 1
