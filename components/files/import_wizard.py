"""Importing moments from a file: upload, which column is which, who is who, preview, confirm.

Every decision is made by `nabij.io` (reading, mapping, partner matching, what is new) and
`nabij.storage.bulk` (adding in one transaction), and the preview's words by
`nabij.io.import_preview`; this module only shows the steps. Nothing is
stored before the confirm button, and then everything shown as "will be added" lands at once.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TypeVar

import streamlit as st

from components.journal.choice import switch_to, visible_journals
from components.privacy.locked_elsewhere import guard_locked
from nabij.i18n import Messages
from nabij.io.files import MAX_FILE_MB, RawTable
from nabij.io.import_preview import (
    NO_COLUMN,
    Preview,
    ambiguous_dates_text,
    build_preview,
    column_label,
    events_without_time,
    load_table,
    new_rows_frame,
    no_time_text,
    plan_notes,
    problems_frame,
    unreadable_message,
)
from nabij.io.importing import (
    FIELDS,
    guess_mapping,
    missing_fields,
    partner_map_is_certain,
    partner_names,
    read_events,
    suggest_partner_map,
)
from nabij.io.problems import UnreadableFile
from nabij.journal_choice import journal_label
from nabij.journal_source import JournalSource
from nabij.model import Journal
from nabij.storage import JournalNotFound, Store
from nabij.storage.bulk import add_new_events
from nabij.text_safety import escape_markdown

FILE_TYPES = ["csv", "txt", "tsv", "xlsx"]
MAX_PARTNER_CHOICES = 10
_ROUND = "data_import_round"
_NOTICE = "data_import_notice"
_TABLE = "data_import_table"
_READ = "data_import_read"
T = TypeVar("T")


def _remembered(slot: str, key: object, compute: Callable[[], T]) -> T:
    """What `compute` gave last time for the same `key`, kept in session state under `slot`:
    reading a file and judging its 100,000 rows take seconds, and every click reruns."""
    cached = st.session_state.get(slot)
    if cached is None or cached[0] != key:
        cached = st.session_state[slot] = (key, compute())
    return cached[1]


def _choice(place, label: str, options: list[int], key: str, start: int | None,
            format_func: Callable[[int], str]) -> int | None:
    """A column or partner chosen from `options`, NO_COLUMN being "none" (then None). It
    starts at `start` once; the key names the file, so another file starts afresh."""
    st.session_state.setdefault(key, NO_COLUMN if start is None else start)
    chosen = place.selectbox(label, options, key=key, format_func=format_func)
    return None if chosen == NO_COLUMN else chosen


# --- the steps ------------------------------------------------------------------------------------

def _import_target(opened: JournalSource, store: Store, msg: Messages) -> Journal | None:
    """The open journal; on the demo, one of the user's own journals (or none yet)."""
    if not opened.is_demo:
        return opened.journal
    st.info(msg("data_import.target_demo"), icon=":material/info:")
    own = [journal for journal in visible_journals() if store.is_open(journal.id)]
    if not own:
        st.caption(msg("data_import.no_own_journal"))
        st.page_link("views/journals.py", label=msg("data_import.create_journal"),
                     icon=":material/add_circle:")
        return None
    names = {journal.id: journal_label(journal, msg) for journal in own}
    if st.session_state.get("data_import_target") not in names:
        st.session_state["data_import_target"] = own[0].id
    choice = st.selectbox(msg("data_import.target"), list(names), key="data_import_target",
                          format_func=names.__getitem__)
    return next(journal for journal in own if journal.id == choice)


def _uploaded_table(file, msg: Messages) -> RawTable | None:
    table = _remembered(_TABLE, file.file_id, lambda: load_table(file.getvalue(), file.name))
    if isinstance(table, UnreadableFile):
        st.error(unreadable_message(table, msg), icon=":material/error:")
        return None
    for note in table.notes:
        st.info(msg(note), icon=":material/info:")
    return table


def _mapping_step(table: RawTable, file_id: str, msg: Messages) -> dict[str, int | None]:
    """Which column is which: guessed from the header, shown to change where it is wrong."""
    guessed = guess_mapping(table.header)
    missing = missing_fields(guessed)
    options = [NO_COLUMN, *range(len(table.header))]
    mapping: dict[str, int | None] = {}
    with st.expander(msg("data_import.map_heading"), expanded=bool(missing),
                     icon=":material/view_column:"):
        if missing:
            st.warning(msg("data_import.map_needed"))
        columns = st.columns(2)
        label = partial(column_label, table.header, msg=msg)
        for number, field_name in enumerate(FIELDS):
            mapping[field_name] = _choice(columns[number % 2],
                                          msg(f"data_import.field_{field_name}"), options,
                                          f"data_map_{field_name}_{file_id}",
                                          guessed.get(field_name), label)
    return mapping


def _partner_step(table: RawTable, mapping: dict[str, int | None], journal: Journal,
                  file_id: str, msg: Messages) -> dict[str, int | None]:
    """Who is who: asked only when the names in the file are not the journal's partners."""
    names = partner_names(table, mapping)
    suggestion = suggest_partner_map(names, journal)
    if partner_map_is_certain(names, journal):
        return suggestion
    st.subheader(msg("data_import.partners_heading"))
    a, b = (escape_markdown(name) for name in journal.partners)
    st.warning(msg("data_import.partners_needed", a=a, b=b), icon=":material/group:")
    if len(names) > MAX_PARTNER_CHOICES:
        st.warning(msg("data_import.too_many_names", count=len(names),
                       shown=MAX_PARTNER_CHOICES))
    labels = {0: journal.partners[0], 1: journal.partners[1],
              NO_COLUMN: msg("data_import.partner_skip")}
    partner_map: dict[str, int | None] = {}
    for index, name in enumerate(names[:MAX_PARTNER_CHOICES]):
        partner_map[name.casefold()] = _choice(
            st, msg("data_import.partner_for", name=escape_markdown(name)), [0, 1, NO_COLUMN],
            f"data_partner_{file_id}_{index}", suggestion.get(name.casefold()),
            labels.__getitem__)
    return partner_map


def _preview_step(preview: Preview, table: RawTable, mapping: dict[str, int | None],
                  journal: Journal, msg: Messages) -> None:
    st.subheader(msg("data_import.preview_heading"))
    plan, read = preview.plan, preview.read
    if plan.new:
        st.success(msg("data_import.preview_new", count=len(plan.new)),
                   icon=":material/playlist_add:")
    else:
        st.info(msg("data_import.preview_nothing_new"))
    for note in plan_notes(plan, table, mapping, msg):
        st.caption(note)
    if read.problems:
        st.warning(msg("data_import.bad_rows", count=len(read.bad_lines)),
                   icon=":material/warning:")
        st.dataframe(problems_frame(read, msg), hide_index=True, key="data_import_problems")
    if read.ambiguous_dates:
        st.warning(ambiguous_dates_text(read, msg), icon=":material/event:")
    if read.lines_without_time:
        st.info(no_time_text(read, msg), icon=":material/schedule:")
    if plan.new:
        st.caption(msg("data_import.new_rows"))
        st.dataframe(new_rows_frame(plan, journal, msg, events_without_time(read)),
                     hide_index=True,
                     key="data_import_new_rows")


@guard_locked
def _confirm(store: Store, journal: Journal, preview: Preview, switch: bool,
             msg: Messages) -> None:
    state = st.session_state
    try:
        # All readable rows: the store leaves out, in the same transaction, whatever is
        # present by now (another tab may have imported the same file meanwhile).
        outcome = add_new_events(store, journal.id, preview.read.events)
    except JournalNotFound:
        state[_NOTICE] = ("error", msg("data_import.journal_gone"))
        return
    state[_NOTICE] = ("success", msg("data_import.done", name=escape_markdown(journal.name),
                                     added=len(outcome.added),
                                     present=outcome.already_present))
    state[_ROUND] = state.get(_ROUND, 0) + 1
    state.pop(_TABLE, None)
    state.pop(_READ, None)
    if switch:
        switch_to(journal.id)


def _notice(msg: Messages) -> None:
    level, text = st.session_state.pop(_NOTICE, (None, ""))
    if level == "error":
        st.error(text)
    if level != "success":
        return
    st.success(text, icon=":material/check_circle:")
    links = st.columns(2)
    links[0].page_link("views/journal.py", label=msg("data_import.to_journal"),
                       icon=":material/edit_note:")
    links[1].page_link("views/cycle.py", label=msg("data_import.to_cycle"),
                       icon=":material/timeline:")


def import_section(opened: JournalSource, store: Store, msg: Messages) -> None:
    st.subheader(msg("data_import.heading"))
    _notice(msg)
    st.caption(msg("data_import.intro"))
    journal = _import_target(opened, store, msg)
    if journal is None:
        return
    file = st.file_uploader(msg("data_import.upload", max_mb=MAX_FILE_MB), type=FILE_TYPES,
                            key=f"data_import_file_{st.session_state.get(_ROUND, 0)}",
                            max_upload_size=MAX_FILE_MB)
    if file is None:
        st.caption(msg("data_import.formats"))
        return
    table = _uploaded_table(file, msg)
    if table is None:
        return
    mapping = _mapping_step(table, file.file_id, msg)
    if missing_fields(mapping):
        return
    partner_map = _partner_step(table, mapping, journal, file.file_id, msg)
    read = _remembered(_READ, (file.file_id, journal, tuple(mapping.items()),
                               tuple(sorted(partner_map.items()))),
                       lambda: read_events(table, mapping, journal, partner_map))
    preview = build_preview(table, mapping, journal, partner_map, store, read)
    _preview_step(preview, table, mapping, journal, msg)
    count = len(preview.plan.new)
    st.button(msg("data_import.confirm", count=count), type="primary", key="data_import_confirm",
              disabled=count == 0, icon=":material/upload:", on_click=_confirm,
              args=(store, journal, preview, opened.is_demo, msg))

