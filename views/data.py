"""Data: import moments from a file, export them as CSV, back up and restore a journal."""

import streamlit as st

from components.files.export_and_backup import backup_section, export_section
from components.files.import_wizard import import_section
from components.journal.database import get_store
from components.journal.source import current_journal
from components.language import current_messages
from nabij.text_safety import escape_markdown

msg = current_messages()
opened = current_journal(msg)
if opened.is_coach_view:
    st.info(msg("coach.read_only"), icon=":material/visibility:")
    st.stop()
store = get_store()

st.title(f"{msg('data_page.title')}: {escape_markdown(opened.journal.name)}")
st.caption(msg("data_page.intro"))
if opened.is_demo:
    st.info(msg("data_page.demo_note"), icon=":material/visibility:")

import_tab, export_tab, backup_tab = st.tabs([msg("data_page.tab_import"),
                                              msg("data_page.tab_export"),
                                              msg("data_page.tab_backup")])
with import_tab:
    import_section(opened, store, msg)
with export_tab:
    export_section(opened, store, msg)
with backup_tab:
    backup_section(opened, store, msg)
