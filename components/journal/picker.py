"""The journal picker in the sidebar: the journals this session may see, shared ones, the demo.

Its value comes from the browser, and Streamlit hands a callback the client's raw value even
when it is not among the options: the choice is checked against what this session may open
before anything is looked up, so a forged value reveals no journal's name.
"""

from __future__ import annotations

import streamlit as st

from components.journal.choice import may_choose, open_journal_id, switch_to, visible_journals
from components.privacy.coach import shared_journal_options
from nabij.i18n import Messages
from nabij.journal_choice import picker_options

_WIDGET_KEY = "journal_picker"


def _on_pick(coach_journal_ids: frozenset[int]) -> None:
    choice = st.session_state.get(_WIDGET_KEY)
    if may_choose(choice, coach_journal_ids):
        switch_to(choice)  # type: ignore[arg-type]


def journal_picker(msg: Messages) -> None:
    """A select box of the journals this session may see, shared ones, the demo last."""
    journals = visible_journals()
    shared = shared_journal_options(msg)
    choice = open_journal_id()
    names = picker_options(journals, shared, choice, msg)
    st.session_state[_WIDGET_KEY] = choice
    st.selectbox(msg("picker.label"), list(names), key=_WIDGET_KEY, format_func=names.__getitem__,
                 on_change=_on_pick, args=(frozenset(shared),))
