"""Export as CSV, a backup as JSON, and restoring a backup into a new journal.

Downloads are built only when clicked (the button gets a callable), so a large journal costs
nothing on the page's other reruns.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from components.journal.choice import switch_to
from components.privacy.access import passphrase_required, remember_key
from nabij.i18n import Messages
from nabij.io.export import export_csv, file_stem
from nabij.io.import_preview import unreadable_message
from nabij.io.problems import UnreadableFile
from nabij.journal_source import JournalSource
from nabij.model import InvalidInput
from nabij.security.passphrase import check_optional_new
from nabij.storage import Store
from nabij.storage.backup import (
    MAX_BACKUP_BYTES,
    backup_json,
    parse_backup,
    restore_journal,
    restore_name_problem,
    summarise_backup,
    summary_text,
)
from nabij.storage.protection import restore_protected
from nabij.text_safety import escape_markdown, markdown_params

MAX_BACKUP_MB = MAX_BACKUP_BYTES // (1024 * 1024)
_ROUND = "data_restore_round"
_NOTICE = "data_restore_notice"


def export_section(opened: JournalSource, store: Store, msg: Messages) -> None:
    st.subheader(msg("data_export.heading"))
    st.caption(msg("data_export.intro"))
    if opened.events.empty:
        st.info(msg("data_export.empty"))
        return
    st.download_button(msg("data_export.download_csv"),
                       data=partial(export_csv, opened, None if opened.is_demo else store,
                                    msg.language),
                       file_name=f"{file_stem(opened.journal)}.csv", mime="text/csv",
                       icon=":material/download:", on_click="ignore", key="data_export_csv")


def backup_section(opened: JournalSource, store: Store, msg: Messages) -> None:
    st.subheader(msg("data_backup.heading"))
    if opened.is_demo:
        st.caption(msg("data_backup.demo"))
    else:
        st.caption(msg("data_backup.intro"))
        st.download_button(msg("data_backup.download"),
                           data=partial(backup_json, store, opened.journal.id),
                           file_name=f"{file_stem(opened.journal)}.nabij.json",
                           mime="application/json", icon=":material/download:",
                           on_click="ignore", key="data_backup_json")
    restore_section(store, msg)


def _restore(store: Store, backup: dict, msg: Messages) -> None:
    state = st.session_state
    name = state.get("data_restore_name")
    problem = restore_name_problem(backup, name)
    if problem is not None:
        state[_NOTICE] = ("error", msg(problem.key, **markdown_params(problem.params)))
        return
    typed, repeated = state.get("data_restore_passphrase"), state.get("data_restore_repeat")
    state["data_restore_passphrase"] = state["data_restore_repeat"] = ""  # never kept
    try:
        passphrase = check_optional_new(typed, repeated, passphrase_required())
    except InvalidInput as invalid:
        problem = invalid.problems[0]
        state[_NOTICE] = ("error", msg(problem.key, **markdown_params(problem.params)))
        return
    try:
        if passphrase is None:
            journal = restore_journal(store, backup, name=name)
        else:
            journal, cipher = restore_protected(store, backup, name, passphrase)
            remember_key(cipher)
    except UnreadableFile as error:
        state[_NOTICE] = ("error", unreadable_message(error, msg))
        return
    state[_NOTICE] = ("success", msg("data_backup.restored", name=escape_markdown(journal.name),
                                     events=summarise_backup(backup).events))
    state[_ROUND] = state.get(_ROUND, 0) + 1
    state.pop("data_restore_name", None)
    switch_to(journal.id)


def _notice() -> None:
    notice = st.session_state.pop(_NOTICE, None)
    if notice is not None:
        level, text = notice
        (st.error if level == "error" else st.success)(text)


def restore_section(store: Store, msg: Messages) -> None:
    st.subheader(msg("data_backup.restore_heading"))
    _notice()
    st.caption(msg("data_backup.restore_intro"))
    file = st.file_uploader(msg("data_backup.restore_upload", max_mb=MAX_BACKUP_MB),
                            type=["json"], max_upload_size=MAX_BACKUP_MB,
                            key=f"data_restore_file_{st.session_state.get(_ROUND, 0)}")
    if file is None:
        return
    try:
        backup = parse_backup(file.getvalue())
    except UnreadableFile as error:
        st.error(unreadable_message(error, msg), icon=":material/error:")
        return
    summary = summarise_backup(backup)
    st.info(summary_text(summary, msg), icon=":material/inventory_2:")
    if st.session_state.get("data_restore_for") != file.file_id:
        st.session_state["data_restore_for"] = file.file_id
        st.session_state["data_restore_name"] = summary.name
    st.text_input(msg("data_backup.restore_name"), key="data_restore_name")
    st.caption(msg("privacy.new_journal_required" if passphrase_required()
                   else "privacy.new_journal_optional"))
    first, second = st.columns(2)
    first.text_input(msg("privacy.new"), type="password", key="data_restore_passphrase",
                     help=msg("privacy.new_help"))
    second.text_input(msg("privacy.repeat"), type="password", key="data_restore_repeat")
    st.button(msg("data_backup.restore_button"), type="primary", key="data_restore_confirm",
              icon=":material/restore:", on_click=_restore, args=(store, backup, msg))
