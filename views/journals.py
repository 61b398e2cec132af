"""Journals: create a couple's journal, open one, and keep it private."""

import streamlit as st

from components.journal.choice import open_journal_id, switch_to, visible_journals
from components.journal.database import get_store
from components.journal.source import current_journal
from components.journals.create_form import journal_form
from components.journals.personal_passphrase import personal_passphrase_section
from components.journals.privacy_settings import passphrase_section, sharing_section
from components.language import current_messages
from components.privacy.access import passphrase_required
from components.privacy.coach import shared_journals_section
from components.privacy.unlock_form import open_by_name_form, unlock_screen
from components.reminders.download import reminder_section
from nabij.journal_choice import journal_label
from nabij.model import DEFAULT_TIMEZONE
from nabij.storage import JournalLocked
from nabij.text_safety import escape_markdown

msg = current_messages()
store = get_store()

st.title(msg("journals.title"))
st.caption(msg("journals.intro"))
if passphrase_required():
    st.info(msg("privacy.shared_deployment"), icon=":material/shield_lock:")
    open_by_name_form(msg)
journal_form(store, msg)

shared_journals_section(msg)

st.subheader(msg("journals.list_heading"))
journals = visible_journals()
if not journals:
    st.info(msg("journals.none_yet"))
for journal in journals:
    with st.container(border=True, key=f"journal_{journal.id}"):
        name_column, button_column = st.columns([3, 1], vertical_alignment="center")
        name_column.text(journal_label(journal, msg))
        try:
            name_column.caption(msg("journals.events_count",
                                    count=store.count_events(journal.id)))
        except JournalLocked:
            name_column.caption(msg("privacy.locked_caption"))
        if open_journal_id() == journal.id and store.is_open(journal.id):
            button_column.button(msg("journals.is_open"), key=f"open_{journal.id}",
                                 disabled=True)
        else:
            button_column.button(msg("journals.open"), key=f"open_{journal.id}",
                                 on_click=switch_to, args=(journal.id,))

choice = open_journal_id()
reminder_zone = DEFAULT_TIMEZONE
if isinstance(choice, int) and not store.is_open(choice):
    locked = next((journal for journal in journals if journal.id == choice), None)
    if locked is not None:
        unlock_screen(locked, msg, as_page=False)
elif isinstance(choice, int):
    opened = current_journal(msg)
    st.subheader(msg("privacy.heading", name=escape_markdown(opened.journal.name)))
    passphrase_section(opened, msg)
    personal_passphrase_section(opened, msg)
    sharing_section(opened, msg)
    reminder_zone = opened.journal.timezone

# A reminder needs only the open journal's time zone, never its content.
reminder_section(msg, reminder_zone)
