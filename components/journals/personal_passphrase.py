"""A partner's own passphrase, on the Journals page: set it once, change it later.

Setting it seals that partner's earlier private moments with their new key in the same
transaction (nabij.storage.partner_keys); changing it asks for the current one, because a
shared screen is exactly where someone else could be sitting. That check is counted, slowed
down and locked like opening the key ("Who are you on this device?"): otherwise the other
partner could guess the own passphrase here for free.
"""

from __future__ import annotations

import streamlit as st

from components.journal.database import get_store
from components.journals.passphrase_change import chosen_passphrase, passphrase_form, saved_notice
from components.privacy.access import remember_personal_key, who_am_i
from components.privacy.locked_elsewhere import guard_locked
from components.privacy.unlock_form import wait_out
from nabij.i18n import Messages
from nabij.journal_source import JournalSource
from nabij.model import InvalidInput
from nabij.storage.partner_keys import (
    partners_with_keys,
    set_personal_passphrase,
    unsealed_private_counts,
)
from nabij.storage.private_moments import PersonalKey
from nabij.storage.protection import Refused, open_own_key
from nabij.text_safety import escape_markdown

_PREFIX = "personal"
_CURRENT = f"{_PREFIX}_current"


def _current_key(journal_id: int, slot: int) -> PersonalKey:
    """The key from the current own passphrase typed; InvalidInput at its field otherwise."""
    try:
        opened = open_own_key(get_store(), journal_id, slot, st.session_state.get(_CURRENT))
    except InvalidInput as invalid:
        raise invalid.under(_CURRENT) from invalid
    if isinstance(opened, Refused):
        raise InvalidInput([wait_out(opened, _CURRENT, "personal.current_wrong")])
    return opened


@guard_locked
def _save(journal_id: int, slot: int, has_key: bool) -> str:
    current = _current_key(journal_id, slot) if has_key else None
    key = set_personal_passphrase(get_store(), journal_id, slot, chosen_passphrase(_PREFIX),
                                  current)
    remember_personal_key(journal_id, key)
    return "personal.changed" if has_key else "personal.saved"


def personal_passphrase_section(opened: JournalSource, msg: Messages) -> None:
    """Who has a passphrase of their own, what is still readable, and the form for `me`."""
    journal = opened.journal
    assert journal.id is not None
    store = get_store()
    for slot, count in sorted(unsealed_private_counts(store, journal.id).items()):
        st.warning(msg("personal.unsealed", count=count,
                       name=escape_markdown(journal.partners[slot])),
                   icon=":material/visibility:")
    me = who_am_i(journal.id)
    heading = msg("personal.heading", name=escape_markdown(journal.partners[me])
                  if me is not None else "…")
    saved_notice(_PREFIX, msg)
    with st.expander(heading, icon=":material/person:"):
        st.caption(msg("personal.intro"))
        if me is None:
            st.info(msg("personal.choose_first"))
            return
        has_key = me in partners_with_keys(store, journal.id)
        passphrase_form(_PREFIX, "personal", has_key,
                        msg("personal.change_button" if has_key else "personal.set_button"),
                        _save, (journal.id, me, has_key), msg)
