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
from components.privacy.access import held, remember_personal_key, who_am_i
from components.privacy.unlock_form import show_refusal, wait_out
from nabij.i18n import Messages
from nabij.model import InvalidInput, Journal
from nabij.security.session_keys import TOGETHER, WHO_CHOICES
from nabij.storage import JournalNotFound
from nabij.storage.partner_keys import partners_with_keys
from nabij.storage.protection import Refused, open_own_key
from nabij.text_safety import escape_markdown

_WIDGET = "who_am_i"
_ERROR = "who_am_i_error"


def _chosen(widget: str, journal_id: int) -> None:
    """on_change of either "who am I" choice (sidebar or page): a partner, or together."""
    held().set_me(journal_id, st.session_state.get(widget))


def _who_am_i_choice(journal: Journal, msg: Messages, key: str, required: bool = False) -> None:
    """The same choice in the sidebar and above the log form: a partner, or together."""
    st.segmented_control(msg("personal.who_am_i"), WHO_CHOICES, key=key, required=required,
                         help=msg("personal.who_am_i_help"), on_change=_chosen,
                         args=(key, journal.id),
                         format_func=lambda slot: (msg("personal.together") if slot == TOGETHER
                                                   else escape_markdown(journal.partners[slot])))


def _open_personal(journal: Journal, slot: int, msg: Messages) -> None:
    """Form callback: open this partner's private moments with their own passphrase.

    Counted and slowed down like the journal's own unlock (nabij.storage.protection)."""
    typed = st.session_state.get("personal_passphrase") or ""
    st.session_state["personal_passphrase"] = ""
    try:
        result = open_own_key(get_store(), journal.id, slot, typed)
    except InvalidInput:  # empty or too long: the same answer as a wrong one, not counted
        result = Refused()
    if isinstance(result, Refused):
        problem = wait_out(result, "personal_passphrase", "personal.refused")
        name = escape_markdown(journal.partners[slot])
        st.session_state[_ERROR] = msg(problem.key, name=name, **problem.params)
        return
    st.session_state.pop(_ERROR, None)
    remember_personal_key(journal.id, result)


def identity_prompt(journal: Journal, msg: Messages) -> None:
    """Above the log form, until someone in this browser said who they are: the same choice
    as in the sidebar, where a phone shows it without opening the menu."""
    if journal.id is None or held().has_said_who(journal.id):
        return
    with st.container(border=True, key="who_am_i_prompt"):
        _who_am_i_choice(journal, msg, "who_am_i_page")


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
    st.session_state[_WIDGET] = TOGETHER if me is None else me
    _who_am_i_choice(journal, msg, _WIDGET, required=True)
    if me is None:
        return
    if held().own_key_open(journal_id):
        st.caption(msg("personal.opened"))
        return
    if me not in partners_with_keys(store, journal_id):
        st.caption(msg("personal.none_yet", name=escape_markdown(journal.partners[me])))
        return
    with st.form("personal_open", border=False):
        st.text_input(msg("personal.passphrase"), type="password", key="personal_passphrase")
        st.form_submit_button(msg("personal.open_button"), on_click=_open_personal,
                              args=(journal, me, msg))
    show_refusal(_ERROR)
