"""Opening a journal with its passphrase: by picking it (at home) or by name (shared).

Every refusal reads the same, whatever the reason: wrong passphrase, a name that does not
exist, or a journal without a passphrase. After several mistakes the answer comes slower and
then the name locks for a while (nabij.security.attempts); the wait happens here, on the
server, so a script gains nothing by not waiting.
"""

from __future__ import annotations

import datetime as dt
import time

import streamlit as st

from components.journal.choice import switch_to
from components.journal.database import get_store
from components.privacy.access import remember_key
from components.settings import sharing_key
from nabij.i18n import Messages
from nabij.model import InvalidInput, Journal, Problem
from nabij.storage.protection import Opened, Refused, open_journal, refusal_problem
from nabij.text_safety import escape_markdown

_ERROR = "unlock_error"


def _attempt(name_key: str | None, journal: Journal | None, passphrase_key: str,
             msg: Messages) -> None:
    """Form callback: open the journal named in the form (or `journal`) with the passphrase."""
    state = st.session_state
    name = journal.name if journal is not None else str(state.get(name_key or "", "") or "")
    passphrase = state.get(passphrase_key)
    state[passphrase_key] = ""  # not kept a moment longer than needed, right or wrong
    try:
        result = open_journal(get_store(), name, passphrase,  # type: ignore[arg-type]
                              journal_id=journal.id if journal is not None else None,
                              sharing_key=sharing_key())
    except InvalidInput as invalid:
        problem = invalid.problems[0]
        state[_ERROR] = msg(problem.key, **problem.params)
        return
    if isinstance(result, Opened):
        remember_key(result.cipher)
        assert result.journal.id is not None
        switch_to(result.journal.id)
        state.pop(_ERROR, None)
        if name_key:
            state[name_key] = ""
        return
    problem = wait_out(result, "passphrase", "privacy.refused")
    state[_ERROR] = msg(problem.key, **problem.params)


def wait_out(refused: Refused, field_name: str, wrong_key: str) -> Problem:
    """A refused passphrase, answered only after the server-side wait that makes guessing slow
    (every form that checks a passphrase waits here alike)."""
    if refused.wait_seconds:
        time.sleep(refused.wait_seconds)
    return refusal_problem(refused, field_name, wrong_key, dt.datetime.now(dt.UTC))


def _error() -> None:
    error = st.session_state.pop(_ERROR, None)
    if error:
        st.error(error, icon=":material/lock:")


def unlock_screen(journal: Journal, msg: Messages, as_page: bool = True) -> None:
    """Shown instead of any page while the chosen journal is locked (or as a section)."""
    heading = msg("privacy.unlock_title", name=escape_markdown(journal.name))
    if as_page:
        st.title(heading)
    else:
        st.subheader(heading)
    st.caption(msg("privacy.unlock_intro"))
    with st.form("unlock", border=True):
        st.text_input(msg("privacy.passphrase"), type="password", key="unlock_passphrase")
        st.form_submit_button(msg("privacy.unlock_button"), type="primary",
                              icon=":material/lock_open:", on_click=_attempt,
                              args=(None, journal, "unlock_passphrase", msg))
    _error()
    st.caption(msg("privacy.unlock_other"))


def open_by_name_form(msg: Messages) -> None:
    """Name and passphrase: how a couple opens their journal on a shared deployment."""
    with st.form("open_by_name", border=True):
        st.subheader(msg("privacy.open_heading"))
        st.caption(msg("privacy.open_intro"))
        st.text_input(msg("journals.name"), key="open_by_name_name")
        st.text_input(msg("privacy.passphrase"), type="password", key="open_by_name_passphrase")
        st.form_submit_button(msg("privacy.unlock_button"), type="primary",
                              icon=":material/lock_open:", on_click=_attempt,
                              args=("open_by_name_name", None, "open_by_name_passphrase", msg))
    _error()
