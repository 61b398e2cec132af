"""Journals: create a couple's journal, or open another one."""

import streamlit as st

from components.journal_form import journal_form
from components.journal_picker import open_journal_id, switch_to
from components.language import current_messages
from components.store import get_store

msg = current_messages()
store = get_store()

st.title(msg("journals.title"))
st.caption(msg("journals.intro"))
journal_form(store, msg)

st.subheader(msg("journals.list_heading"))
journals = store.list_journals()
if not journals:
    st.info(msg("journals.none_yet"))
for journal in journals:
    with st.container(border=True, key=f"journal_{journal.id}"):
        name_column, button_column = st.columns([3, 1], vertical_alignment="center")
        name_column.text(msg("picker.journal_option", name=journal.name, a=journal.partners[0],
                             b=journal.partners[1]))
        name_column.caption(msg("journals.events_count", count=store.count_events(journal.id)))
        if open_journal_id() == journal.id:
            button_column.button(msg("journals.is_open"), key=f"open_{journal.id}",
                                 disabled=True)
        else:
            button_column.button(msg("journals.open"), key=f"open_{journal.id}",
                                 on_click=switch_to, args=(journal.id,))
