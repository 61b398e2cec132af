"""Writing a journal as canonical CSV that is safe to open in a spreadsheet.

Every cell goes through `nabij.io.spreadsheet_cells.neutralise_cell`, so a note like
`=HYPERLINK(...)` is never run as a formula; the import removes exactly that quote again, so
export and import round-trip.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable

from nabij.demo import demo_journal
from nabij.io.canonical_csv import COLUMNS
from nabij.io.spreadsheet_cells import neutralise_cell
from nabij.journal_source import JournalSource
from nabij.model import Event, Journal
from nabij.storage import Store


def format_moment(moment: dt.datetime, journal: Journal) -> str:
    """ISO 8601 in the journal's zone with its offset: minutes only when that is exact."""
    local = moment.astimezone(journal.zone)
    if local.second == 0 and local.microsecond == 0:
        return local.isoformat(timespec="minutes")
    return local.isoformat()


def event_row(event: Event, journal: Journal) -> list[str]:
    values = [format_moment(event.occurred_at, journal), journal.partners[event.partner],
              str(event.kind), str(event.intensity), event.note,
              str(event.body) if event.body else "", event.context, str(event.visibility)]
    return [neutralise_cell(value) for value in values]


def events_to_csv(events: Iterable[Event], journal: Journal) -> str:
    """The canonical CSV (`timestamp,partner,kind,intensity,note,body,context,visibility`)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for event in sorted(events, key=lambda item: (item.occurred_at, item.id or 0)):
        writer.writerow(event_row(event, journal))
    return out.getvalue()


def events_to_csv_bytes(events: Iterable[Event], journal: Journal) -> bytes:
    """UTF-8 with a byte order mark, so that Excel shows é and ë right; Nabij reads it back."""
    return events_to_csv(events, journal).encode("utf-8-sig")


def file_stem(journal: Journal, today: dt.date | None = None) -> str:
    """`nabij-<journal name>-<date>`: letters and digits only, so every system accepts it."""
    safe = "".join(ch if ch.isalnum() else "-" for ch in journal.name).strip("-").lower()
    return f"nabij-{safe or 'journal'}-{(today or dt.date.today()).isoformat()}"


def export_csv(opened: JournalSource, store: Store | None, language: str) -> bytes:
    """The open journal's live moments (the demo's from its file) as canonical CSV bytes."""
    journal = opened.journal
    if opened.is_demo:
        events = demo_journal(language, journal.name).events
    else:
        assert store is not None
        events = store.list_events(journal.id)
    return events_to_csv_bytes(events, journal)
