"""A partner's own passphrase, on the Journals page: set it once, change it later.

Setting it seals that partner's earlier private moments with their new key in the same
transaction (nabij.storage.partner_keys); changing it asks for the current one, because a
shared screen is exactly where someone else could be sitting.
"""

from __future__ import annotations

import streamlit as st

from components.journal.database import get_store
from components.journals.passphrase_change import (
    accepted,
    accepted_notice,
    chosen_passphrase,
    passphrase_inputs,
    refused,
)
from components.privacy.access import remember_personal_key, who_am_i
from nabij.i18n import Messages
from nabij.journal_source import JournalSource
from nabij.model import InvalidInput, Problem
from nabij.security.passphrase import check_typed
from nabij.storage.partner_keys import (
    open_personal_key,
    partners_with_keys,
    set_personal_passphrase,
    unsealed_private_counts,
)
from nabij.storage.private_moments import PersonalKey
from nabij.text_safety import escape_markdown

_PREFIX = "personal"


def _current_key(journal_id: int, slot: int) -> PersonalKey:
    """The partner's key from the current own passphrase typed; InvalidInput otherwise."""
    try:
        typed = check_typed(st.session_state.get("personal_current"))
    except InvalidInput as invalid:
        raise invalid.under("personal_current") from invalid
    current = open_personal_key(get_store(), journal_id, slot, typed)
    if current is None:
        raise InvalidInput([Problem("personal_current", "personal.current_wrong")])
    return current


def _save(journal_id: int, slot: int, has_key: bool) -> None:
    """Form callback: set the partner's own passphrase, or change it with the current one."""
    try:
        current = _current_key(journal_id, slot) if has_key else None
        chosen = chosen_passphrase(_PREFIX)
    except InvalidInput as invalid:
        refused(_PREFIX, invalid)
        return
    key = set_personal_passphrase(get_store(), journal_id, slot, chosen, current)
    remember_personal_key(journal_id, key)
    accepted(_PREFIX, "personal.changed" if has_key else "personal.saved")


def personal_passphrase_section(opened: JournalSource, msg: Messages) -> None:
    """Who has a passphrase of their own, what is still readable, and the form for `me`."""
    journal = opened.journal
    assert journal.id is not None
    store = get_store()
    unsealed = unsealed_private_counts(store, journal.id)
    for slot, count in sorted(unsealed.items()):
        name = escape_markdown(journal.partners[slot])
        st.warning(msg("personal.unsealed_one", name=name) if count == 1
                   else msg("personal.unsealed", count=count, name=name),
                   icon=":material/visibility:")
    me = who_am_i(journal.id)
    heading = msg("personal.heading", name=escape_markdown(journal.partners[me])
                  if me is not None else "…")
    accepted_notice(_PREFIX, msg)
    with st.expander(heading, icon=":material/person:"):
        st.caption(msg("personal.intro"))
        if me is None:
            st.info(msg("personal.choose_first"))
            return
        has_key = me in partners_with_keys(store, journal.id)
        with st.form("personal_form", border=False):
            passphrase_inputs(_PREFIX, "personal", has_key, msg)
            st.form_submit_button(msg("personal.change_button" if has_key
                                      else "personal.set_button"), type="primary",
                                  on_click=_save, args=(journal.id, me, has_key))
