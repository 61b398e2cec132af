"""The open journal's passphrase and its shares with a coach, on the Journals page."""

from __future__ import annotations

from functools import partial

import streamlit as st

from components.field_error import checked_text_input
from components.journal.database import get_store
from components.journals.passphrase_change import chosen_passphrase, passphrase_form, saved_notice
from components.privacy.access import passphrase_required, remember_key, session_keys
from components.privacy.locked_elsewhere import guard_locked
from components.privacy.unlock_form import wait_out
from components.settings import sharing_key, sign_in_configured
from nabij.i18n import Messages
from nabij.journal_source import JournalSource
from nabij.model import InvalidInput, Journal, Problem
from nabij.storage.backup import backup_json
from nabij.storage.protection import Opened, open_journal, set_passphrase
from nabij.storage.shares import share_with, shared_with, withdraw
from nabij.text_safety import escape_markdown

_PREFIX = "passphrase"
_CURRENT = f"{_PREFIX}_current"


def _check_current(journal: Journal) -> None:
    """InvalidInput unless the current passphrase typed opens the journal (counted and slowed
    down like any unlock)."""
    try:
        current = open_journal(get_store(), journal.name, st.session_state.get(_CURRENT),
                               journal_id=journal.id)
    except InvalidInput as invalid:
        raise invalid.under(_CURRENT) from invalid
    if not isinstance(current, Opened):
        raise InvalidInput([wait_out(current, _CURRENT, "privacy.current_wrong")])


@guard_locked
def _save_passphrase(journal: Journal) -> str:
    """Set or change the passphrase; changing asks for the current one (a shared screen)."""
    assert journal.id is not None
    if journal.protected:
        _check_current(journal)
    cipher = set_passphrase(get_store(), journal.id, chosen_passphrase(_PREFIX), sharing_key())
    remember_key(cipher)
    return "privacy.passphrase_changed" if journal.protected else "privacy.passphrase_set"


def passphrase_section(opened: JournalSource, msg: Messages) -> None:
    journal = opened.journal
    saved_notice(_PREFIX, msg)
    heading = "privacy.change_heading" if journal.protected else "privacy.set_heading"
    with st.expander(msg(heading), icon=":material/key:",
                     expanded=not journal.protected and passphrase_required()):
        st.warning(msg("privacy.forgotten_warning"), icon=":material/warning:")
        st.download_button(msg("privacy.backup_first"),
                           data=partial(backup_json, get_store(), journal.id),
                           file_name="nabij-backup.nabij.json", mime="application/json",
                           icon=":material/download:", on_click="ignore",
                           key="passphrase_backup")
        passphrase_form(_PREFIX, "privacy", journal.protected, msg("privacy.save_passphrase"),
                        _save_passphrase, (journal,), msg)


@guard_locked
def _share(journal_id: int) -> None:
    state = st.session_state
    try:
        key = sharing_key()
        if key is None:
            raise InvalidInput([Problem("email", "share.not_configured")])
        share_with(get_store(), journal_id, state.get("share_email"),
                   session_keys().get(journal_id), key)
    except InvalidInput as invalid:
        state["share_errors"] = invalid.by_field()
        return
    state.pop("share_errors", None)
    state.pop("share_email", None)


def sharing_section(opened: JournalSource, msg: Messages) -> None:
    """Share with a coach, or withdraw: only where coaches can sign in."""
    if not sign_in_configured():
        return
    journal_id = opened.journal.id
    assert journal_id is not None
    with st.expander(msg("share.heading"), icon=":material/share:"):
        st.caption(msg("share.intro"))
        with st.form("share_form", border=False):
            checked_text_input(msg("share.email"), "share_email", "share_errors", "email", msg,
                               placeholder="coach@example.org")
            st.form_submit_button(msg("share.button"), on_click=_share, args=(journal_id,))
        coaches = shared_with(get_store(), journal_id)
        if not coaches:
            st.caption(msg("share.none"))
        for index, coach in enumerate(coaches):
            left, right = st.columns([3, 1], vertical_alignment="center")
            left.markdown(escape_markdown(coach))
            right.button(msg("share.withdraw"), key=f"withdraw_{index}",
                         on_click=withdraw, args=(get_store(), journal_id, coach))
