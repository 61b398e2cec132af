"""Locking: a button on every page for a shared screen, and a lock that comes by itself.

The button sits in the row above every page (components/page_actions.py), not in the sidebar:
on a phone the sidebar is folded away, and locking must stay one tap away.

The idle lock counts full runs of the app as use (any click or typed value); a small fragment
checks the clock every so often, so a journal left open on a screen locks without anyone
touching it. Its own ticks are not use.
"""

from __future__ import annotations

import streamlit as st

from components.journal.choice import close_journal
from components.privacy.access import forget_keys, held, idle_too_long, note_activity
from components.privacy.locked_elsewhere import LOCK_NOTICE
from components.settings import idle_minutes
from nabij.i18n import Messages


def lock_now(reason_key: str = "privacy.locked") -> None:
    forget_keys()
    close_journal()
    st.session_state[LOCK_NOTICE] = reason_key


def expire_if_idle() -> None:
    """Called at the top of every full run, before anything is shown."""
    if held().holds_any() and idle_too_long(idle_minutes()):
        lock_now("privacy.locked_idle")
    note_activity()


def lock_button(msg: Messages) -> None:
    if held().holds_any():
        st.button(msg("privacy.lock_button"), icon=":material/lock:", key="lock_button",
                  on_click=lock_now, help=msg("privacy.lock_help"))


def lock_notice(msg: Messages) -> None:
    reason = st.session_state.pop(LOCK_NOTICE, None)
    if reason:
        st.info(msg(reason), icon=":material/lock:")


def idle_watch() -> None:
    """A fragment that reruns on its own and locks the app once it has been idle too long."""
    period = max(1.0, min(30.0, idle_minutes() * 60 / 4))

    @st.fragment(run_every=period)
    def _watch() -> None:
        if held().holds_any() and idle_too_long(idle_minutes()):
            lock_now("privacy.locked_idle")
            st.rerun(scope="app")

    _watch()
