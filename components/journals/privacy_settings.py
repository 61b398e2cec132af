"""The open journal's passphrase and its shares with a coach, on the Journals page."""

from __future__ import annotations

from functools import partial

import streamlit as st

from components.field_error import field_error
from components.journal.database import get_store
from components.journals.passphrase_change import (
    accepted,
    accepted_notice,
    chosen_passphrase,
    passphrase_inputs,
    refused,
)
from components.privacy.access import passphrase_required, remember_key, session_keys
from components.privacy.locked_elsewhere import guard_locked
from components.privacy.unlock_form import wait_out
from components.settings import sharing_key, sign_in_configured
from nabij.i18n import Messages
from nabij.journal_source import JournalSource
from nabij.model import InvalidInput, Problem
from nabij.storage.backup import backup_json
from nabij.storage.protection import Opened, open_journal, set_passphrase
from nabij.storage.shares import share_with, shared_with, withdraw
from nabij.text_safety import escape_markdown

_PREFIX = "passphrase"


@guard_locked
def _save_passphrase(opened: JournalSource, msg: Messages) -> None:
    """Set or change the passphrase; changing asks for the current one (a shared screen)."""
    state = st.session_state
    journal = opened.journal
    assert journal.id is not None
    try:
        if journal.protected:
            try:
                current = open_journal(get_store(), journal.name,
                                       state.get("passphrase_current"), journal_id=journal.id)
            except InvalidInput as invalid:
                raise invalid.under("passphrase_current") from invalid
            if not isinstance(current, Opened):
                raise InvalidInput([wait_out(current, "passphrase_current",
                                             "privacy.current_wrong")])
        chosen = chosen_passphrase(_PREFIX)
    except InvalidInput as invalid:
        refused(_PREFIX, invalid)
        return
    cipher = set_passphrase(get_store(), journal.id, chosen, sharing_key())
    remember_key(cipher)
    accepted(_PREFIX, "privacy.passphrase_changed" if journal.protected
             else "privacy.passphrase_set")


def passphrase_section(opened: JournalSource, msg: Messages) -> None:
    journal = opened.journal
    accepted_notice(_PREFIX, msg)
    heading = "privacy.change_heading" if journal.protected else "privacy.set_heading"
    with st.expander(msg(heading), icon=":material/key:",
                     expanded=not journal.protected and passphrase_required()):
        st.warning(msg("privacy.forgotten_warning"), icon=":material/warning:")
        st.download_button(msg("privacy.backup_first"),
                           data=partial(backup_json, get_store(), journal.id),
                           file_name="nabij-backup.nabij.json", mime="application/json",
                           icon=":material/download:", on_click="ignore",
                           key="passphrase_backup")
        with st.form("passphrase_form", border=False):
            passphrase_inputs(_PREFIX, "privacy", journal.protected, msg)
            st.form_submit_button(msg("privacy.save_passphrase"), type="primary",
                                  on_click=_save_passphrase, args=(opened, msg))


@guard_locked
def _share(opened: JournalSource, msg: Messages) -> None:
    journal = opened.journal
    assert journal.id is not None
    key = sharing_key()
    if key is None:
        st.session_state["share_errors"] = {"email": Problem("email", "share.not_configured")}
        return
    try:
        share_with(get_store(), journal.id, st.session_state.get("share_email"),
                   session_keys().get(journal.id), key)
    except InvalidInput as invalid:
        st.session_state["share_errors"] = invalid.by_field()
        return
    st.session_state.pop("share_errors", None)
    st.session_state.pop("share_email", None)


def sharing_section(opened: JournalSource, msg: Messages) -> None:
    """Share with a coach, or withdraw: only where coaches can sign in."""
    if not sign_in_configured():
        return
    journal = opened.journal
    assert journal.id is not None
    with st.expander(msg("share.heading"), icon=":material/share:"):
        st.caption(msg("share.intro"))
        with st.form("share_form", border=False):
            st.text_input(msg("share.email"), key="share_email",
                          placeholder="coach@example.org")
            field_error("share_errors", "email", msg)
            st.form_submit_button(msg("share.button"), on_click=_share, args=(opened, msg))
        coaches = shared_with(get_store(), journal.id)
        if not coaches:
            st.caption(msg("share.none"))
        for index, coach in enumerate(coaches):
            left, right = st.columns([3, 1], vertical_alignment="center")
            left.markdown(escape_markdown(coach))
            right.button(msg("share.withdraw"), key=f"withdraw_{index}",
                         on_click=withdraw, args=(get_store(), journal.id, coach))
