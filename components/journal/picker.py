"""The journal picker in the sidebar: the journals this session may see, shared ones, the demo.

Its value comes from the browser, and Streamlit hands a callback the client's raw value even
when it is not among the options: the choice is checked against what this session may open
before anything is looked up, so a forged value reveals no journal's name.
"""

from __future__ import annotations

import streamlit as st

from components.journal.choice import DEMO, may_choose, open_journal_id, switch_to, visible_journals
from components.privacy.access import COACH_VIEW
from components.privacy.coach import shared_journal_options
from nabij.i18n import Messages
from nabij.model import Journal

_WIDGET_KEY = "journal_picker"
_COACH_IDS_KEY = "journal_picker_coach_ids"


def journal_label(journal: Journal, msg: Messages) -> str:
    """How a journal is named in lists: a locked one by its name only (its partners' names
    are sealed until it is opened), a protected one with a lock."""
    if journal.locked:
        return f"🔒 {journal.name}"
    label = msg("picker.journal_option", name=journal.name, a=journal.partners[0],
                b=journal.partners[1])
    return f"🔒 {label}" if journal.protected else label


def _on_pick() -> None:
    choice = st.session_state.get(_WIDGET_KEY)
    if may_choose(choice, st.session_state.get(_COACH_IDS_KEY, frozenset())):
        switch_to(choice)  # type: ignore[arg-type]


def journal_picker(msg: Messages) -> None:
    """A select box of the journals this session may see, shared ones, the demo last."""
    names: dict[int | str, str] = {journal.id: journal_label(journal, msg)  # type: ignore[misc]
                                   for journal in visible_journals()}
    shared = shared_journal_options(msg)
    st.session_state[_COACH_IDS_KEY] = frozenset(shared)
    names.update({f"{COACH_VIEW}{journal_id}": label for journal_id, label in shared.items()})
    names[DEMO] = msg("picker.demo_option", name=msg("demo.name"))
    choice = open_journal_id()
    if choice not in names:  # e.g. a journal just locked on a shared deployment
        names[choice] = msg("picker.locked_option")
    st.session_state[_WIDGET_KEY] = choice
    st.selectbox(msg("picker.label"), list(names), key=_WIDGET_KEY,
                 format_func=names.__getitem__, on_change=_on_pick)

