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
from nabij.storage.protection import Refused, open_journal, refusal_problem
from nabij.text_safety import escape_markdown

_ERROR = "unlock_error"


def _attempt(form: str, journal: Journal | None, msg: Messages) -> None:
    """Form callback: open `journal`, or the one named in the form, with the passphrase."""
    state = st.session_state
    name_key, passphrase_key = f"{form}_name", f"{form}_passphrase"
    name = journal.name if journal is not None else str(state.get(name_key, "") or "")
    passphrase = state.get(passphrase_key)
    state[passphrase_key] = ""  # not kept a moment longer than needed, right or wrong
    try:
        result = open_journal(get_store(), name, passphrase,  # type: ignore[arg-type]
                              journal_id=journal.id if journal is not None else None,
                              sharing_key=sharing_key())
    except InvalidInput as invalid:  # empty or too long: said so, and nothing is counted
        result = invalid.problems[0]
    if isinstance(result, Refused):
        result = wait_out(result, "passphrase", "privacy.refused")
    if isinstance(result, Problem):
        state[_ERROR] = msg(result.key, **result.params)
        return
    remember_key(result.cipher)
    assert result.journal.id is not None
    switch_to(result.journal.id)
    state.pop(_ERROR, None)
    if journal is None:
        state[name_key] = ""


def wait_out(refused: Refused, field_name: str, wrong_key: str) -> Problem:
    """A refused passphrase, answered only after the server-side wait that makes guessing slow
    (every form that checks a passphrase waits here alike)."""
    if refused.wait_seconds:
        time.sleep(refused.wait_seconds)
    return refusal_problem(refused, field_name, wrong_key, dt.datetime.now(dt.UTC))


def show_refusal(error_key: str = _ERROR) -> None:
    """Under a passphrase form: what its callback refused, once."""
    error = st.session_state.pop(error_key, None)
    if error:
        st.error(error, icon=":material/lock:")


def _unlock_form(form: str, journal: Journal | None, msg: Messages) -> None:
    """The passphrase form: for `journal`, or for the journal named in it (`journal` None)."""
    with st.form(form, border=True):
        if journal is None:
            st.subheader(msg("privacy.open_heading"))
            st.caption(msg("privacy.open_intro"))
            st.text_input(msg("journals.name"), key=f"{form}_name")
        st.text_input(msg("privacy.passphrase"), type="password", key=f"{form}_passphrase")
        st.form_submit_button(msg("privacy.unlock_button"), type="primary",
                              icon=":material/lock_open:", on_click=_attempt,
                              args=(form, journal, msg))
    show_refusal()


def unlock_screen(journal: Journal, msg: Messages, as_page: bool = True) -> None:
    """Shown instead of any page while the chosen journal is locked (or as a section)."""
    heading = msg("privacy.unlock_title", name=escape_markdown(journal.name))
    (st.title if as_page else st.subheader)(heading)
    st.caption(msg("privacy.unlock_intro"))
    _unlock_form("unlock", journal, msg)
    st.caption(msg("privacy.unlock_other"))


def open_by_name_form(msg: Messages) -> None:
    """Name and passphrase: how a couple opens their journal on a shared deployment."""
    _unlock_form("open_by_name", None, msg)
