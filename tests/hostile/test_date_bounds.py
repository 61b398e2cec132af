"""Moments are kept only from 1900-01-01 up to one year after today, wherever they come from:
the model (with an injected today), an imported file, `python -m nabij check`, a backup, and
the log form. A moment in year 1 and one in 9999 once made 3.65 million balance rows."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nabij.i18n import Messages
from nabij.io.canonical_csv import UnreadableFile
from nabij.io.files import read_table
from nabij.io.importing import guess_mapping, journal_from_file, read_events
from nabij.model import (
    EARLIEST_DAY,
    EventInput,
    InvalidInput,
    Journal,
    day_in_range,
    latest_day,
    validate_event,
)
from nabij.storage.backup import backup_json, parse_backup, restore_journal
from tests.test_check_cli import check

JOURNAL = Journal(id=None, name="Wij", partners=("Anna", "Bram"), timezone="Europe/Amsterdam")
TODAY = dt.date(2026, 3, 10)


def moment_on(day: dt.date | str, today: dt.date = TODAY) -> object:
    """The validated event, or the InvalidInput it raised."""
    try:
        return validate_event(EventInput(occurred_at=day, partner="Anna", kind="closeness",
                                         intensity=3), JOURNAL, today)
    except InvalidInput as invalid:
        return invalid


def refusal_keys(outcome: object) -> list[str]:
    return [p.key for p in outcome.problems] if isinstance(outcome, InvalidInput) else []


@pytest.mark.parametrize(("day", "kept"), [
    (dt.date(1899, 12, 31), False),
    (dt.date(1900, 1, 1), True),
    (TODAY, True),
    (dt.date(2027, 3, 10), True),   # one year after today
    (dt.date(2027, 3, 11), False),
    (dt.date(9999, 12, 31), False),
    (dt.date(1, 1, 2), False),
])
def test_the_edges_of_the_range(day, kept):
    outcome = moment_on(day)
    assert refusal_keys(outcome) == ([] if kept else ["error.timestamp_out_of_range"])


def test_the_refusal_names_the_date_and_the_range_in_both_languages():
    [problem] = moment_on(dt.date(9999, 1, 1)).problems
    assert problem.field == "occurred_at"
    assert problem.params == {"value": "01-01-9999", "min": "01-01-1900", "max": "10-03-2027"}
    assert "01-01-9999" in Messages("nl")(problem.key, **problem.params)
    assert "outside" in Messages("en")(problem.key, **problem.params)
    assert "buiten" in Messages("nl")(problem.key, **problem.params)


def test_the_day_is_judged_in_the_journals_zone():
    # 31 December 1899, 23:55 UTC is already 1 January 1900 in Amsterdam (then UTC+0:19).
    late = dt.datetime(1899, 12, 31, 23, 55, tzinfo=dt.UTC)
    assert refusal_keys(moment_on(late)) == []


def test_a_leap_day_today_allows_up_to_the_28th_next_year():
    assert latest_day(dt.date(2028, 2, 29)) == dt.date(2029, 2, 28)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.dates(min_value=dt.date(1, 1, 2), max_value=dt.date(9999, 12, 30)),
       st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)))
def test_any_day_is_kept_exactly_when_it_lies_in_the_range(day, today):
    outcome = moment_on(day.isoformat() + "T12:00", today)
    assert (refusal_keys(outcome) == []) == (EARLIEST_DAY <= day <= latest_day(today))
    assert day_in_range(day, today) == (EARLIEST_DAY <= day <= latest_day(today))


FAR_DATES_CSV = ("tijdstip;partner;soort;intensiteit\n"
                 "04-03-2025 21:15;Anna;nabijheid;4\n"
                 "1850-05-01 10:00;Bram;afstand;2\n"
                 "05-03-2025 08:00;Bram;afstand;2\n"
                 "9999-01-01 10:00;Anna;nabijheid;3\n")


def test_an_import_refuses_far_dates_by_line():
    table = read_table(FAR_DATES_CSV.encode(), "dagboek.csv")
    mapping = guess_mapping(table.header)
    result = read_events(table, mapping, journal_from_file(table, mapping))
    assert [(p.line, p.key) for p in result.problems] == [
        (3, "error.timestamp_out_of_range"), (5, "error.timestamp_out_of_range")]
    assert [line for line, _ in result.rows] == [2, 4]


def test_check_refuses_far_dates_naming_the_lines(tmp_path):
    path = tmp_path / "dagboek.csv"
    path.write_text(FAR_DATES_CSV, encoding="utf-8")
    result = check(path, "--lang", "en")
    assert result.returncode == 1, result
    lines = result.stdout.splitlines()
    assert [line.split(":")[0] for line in lines] == ["line 3", "line 5"]
    assert "01-05-1850" in lines[0] and "01-01-9999" in lines[1]
    assert all("outside what Nabij keeps" in line for line in lines)


def test_a_backup_with_a_moment_in_9999_is_refused_and_nothing_is_restored(store, journal):
    store.add_event(journal.id, moment_on(dt.date(2025, 3, 4)))
    backup = json.loads(backup_json(store, journal.id))
    events = backup["tables"]["events"]
    at = events["columns"].index("occurred_at")
    events["rows"][0][at] = "9999-01-01T10:00:00+00:00"
    before = store.list_journals()
    with pytest.raises(UnreadableFile) as refused:
        restore_journal(store, parse_backup(json.dumps(backup).encode()), "Terug")
    assert refused.value.key == "data_backup.date_out_of_range"
    assert refused.value.params["number"] == 1
    assert refused.value.params["value"] == "01-01-9999"
    assert store.list_journals() == before
