"""What the import wizard shows before anything is stored: the preview of a file, in words.

The wizard (components/files/import_wizard.py) only lays these out. Everything here is plain
data and text in the user's language, so the rules of the preview (how many line numbers a
warning lists, which rows have no time, which notes the preview carries) are tested without
Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from nabij.i18n import Messages
from nabij.io.files import RawTable, read_table
from nabij.io.importing import ImportPlan, ReadEvents, ignored_columns, plan_import, read_events
from nabij.io.problems import UnreadableFile
from nabij.model import Event, Journal
from nabij.storage import Store
from nabij.storage.bulk import known_events
from nabij.text_safety import escape_markdown, markdown_params

PREVIEW_ROWS = 200
LISTED_LINES = 10
NO_COLUMN = -1  # the wizard's "none" option, where a column or a partner is chosen


@dataclass(frozen=True)
class Preview:
    """What confirming would do: the readable rows, the problems, and what is new."""

    read: ReadEvents
    plan: ImportPlan


def unreadable_message(error: UnreadableFile, msg: Messages) -> str:
    reason = msg(error.key, **markdown_params(error.params))
    if error.line:
        return msg("data_import.unreadable_line", line=error.line, reason=reason)
    return msg("data_import.unreadable", reason=reason)


def column_label(header: list[str], index: int, msg: Messages) -> str:
    """A column as the wizard offers it: its number and header (which may be empty)."""
    if index == NO_COLUMN:
        return msg("data_import.map_none")
    return msg("data_import.map_column", number=index + 1, name=header[index] or "…")


def load_table(data: bytes, name: str) -> RawTable | UnreadableFile:
    """The file as a table, or the reason it cannot be one (never an exception)."""
    try:
        return read_table(data, name)
    except UnreadableFile as error:
        return error


def build_preview(table: RawTable, mapping: dict[str, int | None], journal: Journal,
                  partner_map: dict[str, int | None] | None, store: Store,
                  read: ReadEvents | None = None) -> Preview:
    if read is None:
        read = read_events(table, mapping, journal, partner_map)
    return Preview(read=read, plan=plan_import(read.events, known_events(store, journal.id)))


def plan_notes(plan: ImportPlan, table: RawTable, mapping: dict[str, int | None],
               msg: Messages) -> list[str]:
    """The small print under the preview: what is left out, and why."""
    notes = []
    if plan.already_present:
        notes.append(msg("data_import.already_present", count=plan.already_present))
    if plan.repeated_in_file:
        notes.append(msg("data_import.repeated", count=plan.repeated_in_file))
    if plan.deleted_before:
        notes.append(msg("data_import.deleted_before", count=plan.deleted_before))
    unused = ignored_columns(table.header, mapping)
    if unused:
        notes.append(msg("data_import.ignored",
                         columns=", ".join(escape_markdown(name) for name in unused)))
    return notes


def problems_frame(read: ReadEvents, msg: Messages) -> pd.DataFrame:
    return pd.DataFrame({
        msg("data_import.col_line"): [problem.line for problem in read.problems],
        msg("data_import.col_column"): [problem.column for problem in read.problems],
        msg("data_import.col_reason"): [msg(problem.key, **problem.params)
                                        for problem in read.problems],
    })


def events_without_time(read: ReadEvents) -> frozenset[Event]:
    """The events read from a line that gave a day but no time (shown as a day only)."""
    untimed = set(read.lines_without_time)
    return frozenset(event for line, event in read.rows if line in untimed)


def new_rows_frame(plan: ImportPlan, journal: Journal, msg: Messages,
                   without_time: frozenset[Event] = frozenset()) -> pd.DataFrame:
    shown = plan.new[:PREVIEW_ROWS]

    def when(event: Event) -> str:
        if event in without_time:
            day = event.occurred_at.astimezone(journal.zone).date()
            return f"{msg.date(day)} ({msg('data_import.no_time_given')})"
        return msg.datetime(event.occurred_at, journal.zone)

    return pd.DataFrame({
        msg("data_import.col_when"): [when(event) for event in shown],
        msg("data_import.col_partner"): [journal.partners[event.partner] for event in shown],
        msg("data_import.col_kind"): [msg(f"kind.{event.kind}") for event in shown],
        msg("data_import.col_intensity"): [event.intensity for event in shown],
        msg("data_import.col_note"): [event.note for event in shown],
    })


def listed_lines(lines: list[int], msg: Messages) -> str:
    """At most LISTED_LINES line numbers, then how many more: a warning stays readable."""
    text = ", ".join(str(line) for line in lines[:LISTED_LINES])
    more = len(lines) - LISTED_LINES
    return f"{text} {msg('data_import.and_more', count=more)}" if more > 0 else text


def ambiguous_dates_text(read: ReadEvents, msg: Messages) -> str:
    """The warning for dates that read two ways: each line with both of its readings."""
    items = [msg("data_import.ambiguous_row", line=date.line, value=escape_markdown(date.value),
                 day_first=msg.date(date.day_first), month_first=msg.date(date.month_first))
             for date in read.ambiguous_dates[:LISTED_LINES]]
    more = len(read.ambiguous_dates) - LISTED_LINES
    if more > 0:
        items.append(msg("data_import.and_more", count=more))
    heading = msg("data_import.ambiguous_dates", count=len(read.ambiguous_dates))
    return heading + "\n\n" + "\n".join(f"- {item}" for item in items)


def no_time_text(read: ReadEvents, msg: Messages) -> str:
    """The note for rows with a day but no time, with the lines they stand on."""
    return msg("data_import.no_time", count=len(read.lines_without_time),
               lines=listed_lines(read.lines_without_time, msg))
