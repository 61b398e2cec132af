"""From a table of cells to events: which column is which, whose name is whose, and what is new.

The steps of an import, each a plain function the interface and the command line share:

1. `guess_mapping` finds the columns by their header (Dutch or English, any case); where it
   cannot, the user says which column is which.
2. `partner_names` and `suggest_partner_map` match the names in the file to the journal's two
   partners (forgiving case); where they differ, the user confirms the match.
3. `read_events` judges every row with `nabij.model.validate_event` and lists every problem
   with its line, column and a message key, so a person can fix a file in one go.
4. `plan_import` leaves out what the journal already has and what the file repeats, so
   importing the same file twice adds nothing the second time.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from nabij.io.files import RawTable
from nabij.io.problems import RowProblem, UnreadableFile
from nabij.io.spreadsheet_cells import unescape_cell
from nabij.model import (
    DEFAULT_TIMEZONE,
    Event,
    EventInput,
    InvalidInput,
    Journal,
    Problem,
    validate_event,
)

FIELDS = ("timestamp", "time", "partner", "kind", "intensity", "note", "body", "context",
          "visibility")
REQUIRED_FIELDS = ("timestamp", "partner", "kind", "intensity")

# Header names people use, after `normalise_header` (lower case, single spaces).
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "timestamp": ("timestamp", "tijdstip", "datum en tijd", "datum tijd", "datumtijd",
                  "datum/tijd", "date and time", "date time", "datetime", "date/time",
                  "occurred at", "wanneer", "when", "datum", "date", "dag", "day"),
    "time": ("tijd", "time", "uur", "hour"),
    "partner": ("partner", "wie", "who", "naam", "name", "persoon", "person"),
    "kind": ("kind", "soort", "type", "nabijheid of afstand", "closeness or distance",
             "wat", "what"),
    "intensity": ("intensity", "intensiteit", "sterkte", "hoe sterk", "strength", "niveau",
                  "level", "score"),
    "note": ("note", "notitie", "notities", "notes", "opmerking", "opmerkingen", "comment",
             "comments", "toelichting", "beschrijving", "description", "tekst", "text"),
    "body": ("body", "lichaam", "lichaamssignaal", "body signal"),
    "context": ("context", "situatie", "situation"),
    "visibility": ("visibility", "zichtbaarheid", "zichtbaar voor", "visible to",
                   "wie mag dit zien", "who may see this", "gedeeld met", "shared with"),
}

# A visibility as people write it in Dutch, to its code; the codes themselves pass as they are.
VISIBILITY_WORDS = {"privé": "private", "prive": "private"}

# The model's field names, and which column of the mapping each one was read from.
_FIELD_OF_PROBLEM = {"occurred_at": "timestamp", "partner": "partner", "kind": "kind",
                     "intensity": "intensity", "note": "note", "body": "body",
                     "context": "context", "visibility": "visibility"}

_DAY_FIRST = re.compile(
    r"^(?P<day>\d{1,2})[-/.](?P<month>\d{1,2})[-/.](?P<year>\d{4})"
    r"(?:[ T,]+(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:[:.](?P<second>\d{2}))?)?$")
_YEAR_FIRST = re.compile(
    r"^(?P<year>\d{4})[/.](?P<month>\d{1,2})[/.](?P<day>\d{1,2})"
    r"(?:[ T,]+(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:[:.](?P<second>\d{2}))?)?$")
_TIME = re.compile(r"^(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:[:.](?P<second>\d{2}))?$")
_WHOLE_NUMBER = re.compile(r"^\s*(\d+)(?:[.,]0+)?\s*$")

ColumnMapping = dict[str, int | None]


# --- 1. columns ---------------------------------------------------------------------------------

def normalise_header(name: str) -> str:
    cleaned = re.sub(r"[_\-]+", " ", name.strip().lstrip("\ufeff").casefold())
    return re.sub(r"\s+", " ", cleaned).strip()


def guess_mapping(header: list[str]) -> ColumnMapping:
    """Each field's column index found by its header name, or None where no name fits."""
    names = [normalise_header(name) for name in header]
    mapping: ColumnMapping = dict.fromkeys(FIELDS)
    used: set[int] = set()
    for field_name in FIELDS:
        for alias in HEADER_ALIASES[field_name]:
            found = next((index for index, name in enumerate(names)
                          if name == alias and index not in used), None)
            if found is not None:
                mapping[field_name] = found
                used.add(found)
                break
    if mapping["timestamp"] is None and mapping["time"] is not None:
        # A lone "tijd"/"time" column is the moment itself.
        mapping["timestamp"], mapping["time"] = mapping["time"], None
    return mapping


def missing_fields(mapping: Mapping[str, int | None]) -> list[str]:
    return [name for name in REQUIRED_FIELDS if mapping.get(name) is None]


def ignored_columns(header: list[str], mapping: Mapping[str, int | None]) -> list[str]:
    used = {index for index in mapping.values() if index is not None}
    return [name or f"#{index + 1}" for index, name in enumerate(header) if index not in used]


def column_label(header: list[str], index: int | None) -> str:
    if index is None:
        return ""
    name = header[index] if index < len(header) else ""
    return name or f"#{index + 1}"


# --- 2. partners ----------------------------------------------------------------------------------

def _text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return unescape_cell(str(cell))


def partner_names(table: RawTable, mapping: Mapping[str, int | None]) -> list[str]:
    """The distinct partner names in the file (case-insensitively), in order of appearance."""
    column = mapping.get("partner")
    if column is None:
        return []
    seen: dict[str, str] = {}
    for row in table.rows:
        name = _text(row.get(column)).strip()
        if name:
            seen.setdefault(name.casefold(), name)
    return list(seen.values())


def suggest_partner_map(names: Iterable[str], journal: Journal) -> dict[str, int | None]:
    """A slot for each name in the file: the partner of that name, else a free slot in order.

    Keys are the names case-folded. A name given None is left out (its rows are listed as
    problems). `partner_map_is_certain` says whether the user needs to confirm it.
    """
    suggestion: dict[str, int | None] = {}
    unmatched: list[str] = []
    for name in names:
        slot = journal.partner_slot(name)
        suggestion[name.casefold()] = slot
        if slot is None:
            unmatched.append(name.casefold())
    free = [slot for slot in (0, 1) if slot not in suggestion.values()]
    for key, slot in zip(unmatched, free, strict=False):
        suggestion[key] = slot
    return suggestion


def partner_map_is_certain(names: Iterable[str], journal: Journal) -> bool:
    """True when every name in the file is one of the journal's partners."""
    return all(journal.partner_slot(name) is not None for name in names)


def journal_from_file(table: RawTable, mapping: Mapping[str, int | None],
                      timezone: str = DEFAULT_TIMEZONE) -> Journal:
    """A journal for checking a file on its own: its partners are the file's first two names."""
    names: list[str] = []
    column = mapping.get("partner")
    for row in table.rows:
        name = _text(row.get(column)).strip() if column is not None else ""
        if name and name.casefold() not in (known.casefold() for known in names):
            if len(names) == 2:
                raise UnreadableFile("error.file_too_many_partners", line=row.line,
                                     value=name[:40])
            names.append(name)
    while len(names) < 2:
        names.append(f"\x00{len(names)}")  # a name no cell can match
    return Journal(id=None, name="", partners=(names[0], names[1]), timezone=timezone)


# --- 3. rows ------------------------------------------------------------------------------------

def _match_datetime(match: re.Match[str]) -> dt.datetime | dt.date:
    parts = match.groupdict()
    day = dt.date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
    if parts["hour"] is None:
        return day
    return dt.datetime.combine(day, dt.time(int(parts["hour"]), int(parts["minute"]),
                                            int(parts["second"] or 0)))


def read_moment_text(text: str) -> dt.datetime | dt.date:
    """A date or date-time as people write it: ISO 8601, or day first (`04-03-2025 21:15`).

    Dutch (and most European) files put the day first; a file with the month first is read
    wrongly only where the day is 12 or less, and refused elsewhere. Raises ValueError.
    """
    text = text.strip()
    if not text:
        raise ValueError("empty")
    for pattern in (_DAY_FIRST, _YEAR_FIRST):
        match = pattern.match(text)
        if match:
            return _match_datetime(match)
    iso = text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text
    moment = dt.datetime.fromisoformat(iso)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return moment.date()
    return moment


def _read_time(cell: object) -> dt.time | None:
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if isinstance(cell, dt.datetime):
        return cell.time()
    if isinstance(cell, dt.time):
        return cell
    match = _TIME.match(str(cell).strip())
    if not match:
        raise ValueError("not a time")
    return dt.time(int(match["hour"]), int(match["minute"]), int(match["second"] or 0))


def read_moment(cell: object, time_cell: object = None) -> dt.datetime:
    """A cell (text or an Excel date) plus an optional time cell, as a datetime.

    Naive results are in the journal's zone (validate_event attaches it). Raises ValueError.
    """
    return read_moment_and_time(cell, time_cell)[0]


def read_moment_and_time(cell: object, time_cell: object = None) -> tuple[dt.datetime, bool]:
    """`read_moment`, and whether the file gave a time at all (else the moment is at 00:00)."""
    if isinstance(cell, dt.datetime):
        moment: dt.datetime | dt.date = cell
    elif isinstance(cell, dt.date):
        moment = cell
    elif isinstance(cell, str):
        moment = read_moment_text(cell)
    else:
        raise ValueError("not a date")
    time = _read_time(time_cell)
    if time is not None:
        day = moment.date() if isinstance(moment, dt.datetime) else moment
        if isinstance(moment, dt.datetime) and moment.time() != dt.time():
            raise ValueError("two times")
        tz = moment.tzinfo if isinstance(moment, dt.datetime) else None
        return dt.datetime.combine(day, time, tzinfo=tz), True
    if isinstance(moment, dt.datetime):
        return moment, True
    return dt.datetime.combine(moment, dt.time()), False


@dataclass(frozen=True)
class AmbiguousDate:
    """A date like 03/04/2025 that reads as 3 April (day first, as read) or 4 March."""

    line: int
    value: str
    day_first: dt.date
    month_first: dt.date


def date_order(text: str) -> str | None:
    """What a day-first-looking date says about the file's order.

    "day" when only the first number can be a day (above 12), "either" when both numbers
    fit as a month and give different dates, None otherwise. (A second number above 12 is
    refused as a month anyway: that row is listed as a problem.)
    """
    match = _DAY_FIRST.match(text.strip())
    if match is None:
        return None
    first, second = int(match["day"]), int(match["month"])
    if first > 12 >= second:
        return "day"
    if first <= 12 and second <= 12 and first != second:
        return "either"
    return None


def _ambiguous(line: int, text: str) -> AmbiguousDate:
    match = _DAY_FIRST.match(text.strip())
    assert match is not None
    year, first, second = int(match["year"]), int(match["day"]), int(match["month"])
    return AmbiguousDate(line, text[:40], dt.date(year, second, first),
                         dt.date(year, first, second))


def _intensity(cell: object) -> object:
    if isinstance(cell, str):
        match = _WHOLE_NUMBER.match(cell)
        return match.group(1) if match else cell
    return cell


def _visibility(cell: object) -> str:
    """The code for a visibility cell; empty (or no column) means the journal's default."""
    text = _text(cell).strip()
    return VISIBILITY_WORDS.get(text.casefold(), text)


@dataclass
class ReadEvents:
    """Every readable row as (line, event), and every problem of the other rows."""

    rows: list[tuple[int, Event]] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    # Read rows whose date could be month first too, when no row of the file shows that
    # the day comes first; the preview asks the user to check them.
    ambiguous_dates: list[AmbiguousDate] = field(default_factory=list)
    # Read rows that gave a date without a time: they are placed at 00:00 of that day.
    lines_without_time: list[int] = field(default_factory=list)

    @property
    def events(self) -> list[Event]:
        return [event for _, event in self.rows]

    @property
    def bad_lines(self) -> list[int]:
        return sorted({problem.line for problem in self.problems})


def read_events(table: RawTable, mapping: Mapping[str, int | None], journal: Journal,
                partner_map: Mapping[str, int | None] | None = None) -> ReadEvents:
    """Judge every row; `partner_map` (case-folded name → slot) overrides matching by name."""
    missing = missing_fields(mapping)
    if missing:
        raise UnreadableFile("error.file_missing_columns", line=1, columns=", ".join(missing))
    result = ReadEvents()
    day_first_shown = False
    for row in table.rows:
        problems: list[RowProblem] = []
        has_time = True

        def column_of(field_name: str) -> str:
            return column_label(table.header, mapping.get(field_name))

        stamp_cell = row.get(mapping["timestamp"])
        stamp_text = _text(stamp_cell).strip()
        order = date_order(stamp_text) if isinstance(stamp_cell, str) else None
        day_first_shown = day_first_shown or order == "day"
        moment: object = stamp_cell
        try:
            moment, has_time = read_moment_and_time(
                stamp_cell if not isinstance(stamp_cell, str) else stamp_text,
                row.get(mapping.get("time")))
        except (ValueError, TypeError, OverflowError):
            key = "data_row.timestamp_empty" if not stamp_text else "data_row.timestamp"
            problems.append(RowProblem(row.line, column_of("timestamp"), key,
                                       {"value": stamp_text[:40]}))
            moment = None

        partner: object = _text(row.get(mapping["partner"])).strip()
        if partner_map is not None and partner:
            slot = partner_map.get(str(partner).casefold())
            partner = slot if slot is not None else partner

        raw = EventInput(
            occurred_at=moment if moment is not None else dt.datetime(2000, 1, 1),
            partner=partner,
            kind=_text(row.get(mapping["kind"])),
            intensity=_intensity(row.get(mapping["intensity"])),
            note=_text(row.get(mapping.get("note"))),
            body=_text(row.get(mapping.get("body"))),
            context=_text(row.get(mapping.get("context"))),
            visibility=_visibility(row.get(mapping.get("visibility"))))
        try:
            event = validate_event(raw, journal)
        except InvalidInput as invalid:
            problems.extend(_row_problem(row.line, problem, column_of)
                            for problem in invalid.problems)
            event = None
        if problems:
            result.problems.extend(problems)
        elif event is not None:
            result.rows.append((row.line, event))
            if order == "either":
                result.ambiguous_dates.append(_ambiguous(row.line, stamp_text))
            if not has_time:
                result.lines_without_time.append(row.line)
    if day_first_shown:
        result.ambiguous_dates = []
    return result


def _row_problem(line: int, problem: Problem, column_of) -> RowProblem:
    return RowProblem(line, column_of(_FIELD_OF_PROBLEM.get(problem.field, problem.field)),
                      problem.key, dict(problem.params))


# --- 4. what is new ----------------------------------------------------------------------------

def event_identity(event: Event) -> tuple:
    """What makes two moments the same for an import: instant, partner, kind, intensity, note."""
    return (event.occurred_at.astimezone(dt.UTC), event.partner, str(event.kind),
            event.intensity, event.note)


@dataclass
class KnownEvents:
    """What a journal has: its live moments, and the ones someone deleted (never revived)."""

    live: list[Event] = field(default_factory=list)
    deleted: list[Event] = field(default_factory=list)


@dataclass
class ImportPlan:
    new: list[Event]
    already_present: int
    repeated_in_file: int
    deleted_before: int = 0


def plan_import(events: Iterable[Event], existing: Iterable[Event] | KnownEvents) -> ImportPlan:
    """The events the journal does not have yet, each once; a deleted moment stays deleted."""
    known = existing if isinstance(existing, KnownEvents) else KnownEvents(live=list(existing))
    live = {event_identity(event) for event in known.live}
    deleted = {event_identity(event) for event in known.deleted} - live
    seen: set[tuple] = set()
    plan = ImportPlan(new=[], already_present=0, repeated_in_file=0)
    for event in events:
        identity = event_identity(event)
        if identity in seen:
            plan.repeated_in_file += 1
        elif identity in live:
            plan.already_present += 1
        elif identity in deleted:
            plan.deleted_before += 1
        else:
            plan.new.append(event)
        seen.add(identity)
    return plan
