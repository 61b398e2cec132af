"""Writing a journal as canonical CSV that is safe to open in a spreadsheet.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and, in some, a tab or a
carriage return) as a formula. A note like `=HYPERLINK(...)` must never do that, so such a cell
is written with a single quote in front, which spreadsheets show as text. Reading a file back
(`nabij.io.importing`) removes exactly that quote again, so export and import round-trip.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable

from nabij.io.canonical_csv import COLUMNS
from nabij.model import Event, Journal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def needs_neutralising(cell: str) -> bool:
    """True for a cell a spreadsheet could run, also after quotes it would hide."""
    return cell.lstrip(QUOTE).startswith(FORMULA_STARTS)


def neutralise_cell(cell: str) -> str:
    """The cell with a single quote in front when a spreadsheet could run it as a formula.

    A cell that already starts with quotes before a formula character gets one more, so that
    `unescape_cell` can always take exactly one away.
    """
    return QUOTE + cell if needs_neutralising(cell) else cell


def unescape_cell(cell: str) -> str:
    """Undo `neutralise_cell`: unescape_cell(neutralise_cell(x)) == x for every text x."""
    if cell.startswith(QUOTE) and needs_neutralising(cell[1:]):
        return cell[1:]
    return cell


def format_moment(moment: dt.datetime, journal: Journal) -> str:
    """ISO 8601 in the journal's zone with its offset: minutes only when that is exact."""
    local = moment.astimezone(journal.zone)
    if local.second == 0 and local.microsecond == 0:
        return local.isoformat(timespec="minutes")
    return local.isoformat()


def event_row(event: Event, journal: Journal) -> list[str]:
    values = [format_moment(event.occurred_at, journal), journal.partners[event.partner],
              str(event.kind), str(event.intensity), event.note,
              str(event.body) if event.body else "", event.context]
    return [neutralise_cell(value) for value in values]


def events_to_csv(events: Iterable[Event], journal: Journal) -> str:
    """The canonical CSV (header `timestamp,partner,kind,intensity,note,body,context`)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for event in sorted(events, key=lambda item: (item.occurred_at, item.id or 0)):
        writer.writerow(event_row(event, journal))
    return out.getvalue()


def events_to_csv_bytes(events: Iterable[Event], journal: Journal) -> bytes:
    """UTF-8 with a byte order mark, so that Excel shows é and ë right; Nabij reads it back."""
    return events_to_csv(events, journal).encode("utf-8-sig")
