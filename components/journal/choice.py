"""Which journal this browser session has chosen: its own, one shared with its coach, or the demo.

Only the choice lives here (in session state), with the list of journals the session may see;
what the choice opens, and with which keys, is components/journal/source.py. A choice that is
not among the session's options (a forged widget value, a journal since locked or withdrawn)
never opens anything: it falls back to the default.
"""

from __future__ import annotations

import streamlit as st

from components.journal.database import get_store
from components.privacy.access import passphrase_required, session_keys
from nabij.journal_choice import DEMO, Choice, chosen_journal, listable_journals
from nabij.journal_source import SourceKind
from nabij.model import Journal

_STATE_KEY = "open_journal"


def visible_journals() -> list[Journal]:
    """The journals this session may list (nabij.journal_choice.listable_journals)."""
    return listable_journals(get_store().list_journals(), passphrase_required(), session_keys())


def _default_choice() -> Choice:
    journals = visible_journals()
    return journals[0].id if journals else DEMO


def open_journal_id() -> Choice:
    choice = st.session_state.get(_STATE_KEY)
    if choice is None:
        choice = _default_choice()
        st.session_state[_STATE_KEY] = choice
    return choice


def may_choose(choice: object, coach_journal_ids: frozenset[int] = frozenset()) -> bool:
    """Whether this session may open `choice`: the demo, a journal it may list, or a journal
    shared with its signed-in coach. Anything else is refused before a name is read."""
    chosen = chosen_journal(choice)
    if chosen is None:
        return choice == DEMO
    kind, journal_id = chosen
    if kind is SourceKind.COACH:
        return journal_id in coach_journal_ids
    return any(journal.id == journal_id for journal in visible_journals())


def switch_to(choice: Choice) -> None:
    """Open another journal and remember it as the last one used (for the next visit).

    Callers pass ids they listed themselves; the picker, whose value comes from the browser,
    checks it with `may_choose` first.
    """
    st.session_state[_STATE_KEY] = choice
    if isinstance(choice, int) and get_store().is_open(choice):
        get_store().mark_opened(choice)


def choose_demo() -> None:
    """Back to the example journal: the chosen one is gone, or not to be opened here."""
    st.session_state[_STATE_KEY] = DEMO


def close_journal() -> None:
    """Back to the demo (after locking on a shared deployment, nothing else is open)."""
    st.session_state[_STATE_KEY] = DEMO if passphrase_required() else _default_choice()
