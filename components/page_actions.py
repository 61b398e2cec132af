"""What is one tap away on every page, also on a phone: log a moment, lock, help.

On a phone Streamlit folds the page links into the sidebar, which covers most of a 390 px
screen; what someone needs in the moment (log, lock, help) therefore sits in a row above
every page instead. After a page change or a language switch the sidebar closes on a narrow
screen, so the page chosen is what shows. Streamlit closes it by itself after a page link in
a browser that says it is a phone; this also covers the others and the language switch.
"""

from __future__ import annotations

import streamlit as st

from components.help_link import help_link
from components.journal.choice import open_journal_id
from components.journal.database import get_store
from components.page_script import page_script
from components.privacy.lock import lock_button
from nabij.i18n import Messages
from nabij.storage import JournalNotFound

_SHOWN = "page_actions_shown"  # (page, language) of the last full run
_CLOSINGS = "page_actions_closings"


def _log_link(msg: Messages, journal_page: st.Page, current: st.Page) -> None:
    """Only for a journal of one's own that is open (the demo and a coach's view are
    read-only, a locked journal's form would only ask for the passphrase), and not on the
    Journal page itself, where the form is already at the top."""
    choice = open_journal_id()
    if isinstance(choice, bool) or not isinstance(choice, int):
        return
    if current.url_path == journal_page.url_path or not _unlocked(choice):
        return
    st.page_link(journal_page, label=msg("actions.log"), icon=":material/add_circle:",
                 help=msg("actions.log_help"), query_params={"lang": msg.language})


def _unlocked(journal_id: int) -> bool:
    try:
        return get_store().is_open(journal_id)
    except JournalNotFound:  # deleted elsewhere: the page below says so
        return False


def page_actions(msg: Messages, journal_page: st.Page, current: st.Page) -> None:
    """The row above every page: log a moment, lock (with keys held), help."""
    with st.container(horizontal=True, vertical_alignment="center", gap="small",
                      key="page_actions"):
        _log_link(msg, journal_page, current)
        lock_button(msg)
        help_link(msg, current.url_path)


def close_sidebar_after_a_choice(current: st.Page, language: str) -> None:
    """On a narrow screen, close the sidebar once the page or the language changed."""
    shown = (current.url_path, language)
    previous = st.session_state.get(_SHOWN)
    st.session_state[_SHOWN] = shown
    if previous is not None and previous != shown:
        # Number each closing: a language switch right after a page change gives the same
        # script text, which Streamlit would not run again.
        count = st.session_state.get(_CLOSINGS, 0) + 1
        st.session_state[_CLOSINGS] = count
        page_script("close_sidebar", count)
