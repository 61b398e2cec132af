"""Who is using this browser: one of the partners, or both together on a shared screen.

Saying who you are sets the partner new moments are logged for. A partner with a passphrase
of their own opens their private moments here; until then (and for "together") nobody's
private moments are in view. Only their author's key opens them (nabij.storage.partner_keys),
so this choice decides nothing about who may read what: the keys do.
"""

from __future__ import annotations

import streamlit as st

from components.journal.choice import open_journal_id
from components.journal.database import get_store
from components.privacy.access import (
    has_said_who,
    personal_keys,
    remember_personal_key,
    set_me,
    who_am_i,
)
from components.privacy.unlock_form import wait_out
from nabij.i18n import Messages
from nabij.model import InvalidInput, Journal
from nabij.storage import JournalNotFound
from nabij.storage.partner_keys import partners_with_keys
from nabij.storage.protection import Refused, open_own_key
from nabij.text_safety import escape_markdown

TOGETHER = "together"
_WIDGET = "who_am_i"
_ERROR = "who_am_i_error"


def _chosen(widget: str) -> None:
    """on_change of either "who am I" choice (sidebar or page): a partner, or together."""
    journal_id = st.session_state.get("who_am_i_journal")
    choice = st.session_state.get(widget)
    if isinstance(journal_id, int):
        set_me(journal_id, choice if choice in (0, 1) else None)


def _who(journal: Journal, msg: Messages):
    return lambda slot: (msg("personal.together") if slot == TOGETHER
                         else escape_markdown(journal.partners[slot]))


def _open_personal(journal: Journal, slot: int, msg: Messages) -> None:
    """Form callback: open this partner's private moments with their own passphrase.

    Counted and slowed down like the journal's own unlock (nabij.storage.protection)."""
    typed = st.session_state.get("personal_passphrase") or ""
    st.session_state["personal_passphrase"] = ""
    name = escape_markdown(journal.partners[slot])
    try:
        result = open_own_key(get_store(), journal.id, slot, typed)
    except InvalidInput:  # empty or too long: the same answer as a wrong one
        st.session_state[_ERROR] = msg("personal.refused", name=name)
        return
    if isinstance(result, Refused):
        problem = wait_out(result, "personal_passphrase", "personal.refused")
        st.session_state[_ERROR] = msg(problem.key, name=name, **problem.params)
        return
    st.session_state.pop(_ERROR, None)
    remember_personal_key(journal.id, result)


def identity_prompt(journal: Journal, msg: Messages) -> None:
    """Above the log form, until someone in this browser said who they are: the same choice
    as in the sidebar, where a phone shows it without opening the menu."""
    if journal.id is None or has_said_who(journal.id):
        return
    st.session_state["who_am_i_journal"] = journal.id
    with st.container(border=True, key="who_am_i_prompt"):
        st.segmented_control(msg("personal.who_am_i"), [0, 1, TOGETHER], key="who_am_i_page",
                             help=msg("personal.who_am_i_help"), format_func=_who(journal, msg),
                             on_change=_chosen, args=("who_am_i_page",))


def identity_section(msg: Messages) -> None:
    """Sidebar: who are you (for an own, open journal), and your private moments' key."""
    journal_id = open_journal_id()
    if not isinstance(journal_id, int) or isinstance(journal_id, bool):
        return
    store = get_store()
    try:
        journal = store.get_journal(journal_id)  # one query: locked says it does not open
    except JournalNotFound:
        return
    if journal.locked:
        return
    me = who_am_i(journal_id)
    st.session_state["who_am_i_journal"] = journal_id
    st.session_state[_WIDGET] = TOGETHER if me is None else me
    st.segmented_control(msg("personal.who_am_i"), [0, 1, TOGETHER], key=_WIDGET,
                         required=True, help=msg("personal.who_am_i_help"),
                         format_func=_who(journal, msg), on_change=_chosen, args=(_WIDGET,))
    if me is None:
        return
    key = personal_keys().get(journal_id)
    if key is not None and key.partner == me:
        st.caption(msg("personal.opened"))
        return
    if me not in partners_with_keys(store, journal_id):
        st.caption(msg("personal.none_yet", name=escape_markdown(journal.partners[me])))
        return
    with st.form("personal_open", border=False):
        st.text_input(msg("personal.passphrase"), type="password", key="personal_passphrase")
        st.form_submit_button(msg("personal.open_button"), on_click=_open_personal,
                              args=(journal, me, msg))
    error = st.session_state.pop(_ERROR, None)
    if error:
        st.error(error, icon=":material/lock:")
