"""Journal: log a moment, and edit or delete the latest ones.

The log form comes first, preset as the last moment logged: in the moment, Save is the only
tap left. Who is using this browser is asked below it until they said so (the form then
becomes theirs).
"""

import streamlit as st

from components.demo_banner import demo_banner
from components.journal.database import get_store
from components.journal.source import current_journal
from components.language import current_messages
from components.moments.moment_form import event_form, stop_editing
from components.moments.moment_list import event_list, events_notice
from components.privacy.access import held, who_am_i
from components.privacy.identity import identity_prompt
from nabij.insights.context import used_tags
from nabij.moment_presets import last_logged
from nabij.storage import EventNotFound
from nabij.storage.partner_keys import partners_with_keys
from nabij.text_safety import escape_markdown

msg = current_messages()
opened = current_journal(msg)
journal, events = opened.journal, opened.events

st.title(f"{msg('nav.journal')}: {escape_markdown(journal.name)}")
demo_banner(opened, msg)

if opened.is_demo:
    if not opened.is_coach_view:
        st.caption(msg("demo.read_only"))
    event_list(events, journal, None, msg)
else:
    store = get_store()
    events_notice(store, journal, msg)
    editing_id = st.session_state.get("editing_event")
    editing = None
    if editing_id is not None:
        try:
            editing = store.get_event(journal.id, editing_id)
        except EventNotFound:
            stop_editing()
            st.error(msg("events.gone"))
    me = who_am_i(journal.id)
    event_form(journal, store, msg, editing, used_tags(events["context"]), me=me,
               can_keep_private=held().own_key_open(journal.id),
               preset=last_logged(events, me))
    # Below the form, not above: on a phone Save must stay in view on a fresh visit.
    identity_prompt(journal, msg)
    event_list(events, journal, store, msg, partners_with_keys(store, journal.id))
