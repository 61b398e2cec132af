"""Which journal is open: the last one used, the one picked, or the read-only demo."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from components.store import get_store, stored_events_frame
from nabij.demo import demo_journal
from nabij.frames import events_frame
from nabij.i18n import Messages
from nabij.model import Journal
from nabij.storage import JournalNotFound

DEMO = "demo"
_STATE_KEY = "open_journal"


@dataclass(frozen=True)
class OpenJournal:
    """The journal a page works on, with its events in local time."""

    journal: Journal
    events: pd.DataFrame

    @property
    def is_demo(self) -> bool:
        return self.journal.read_only


def _default_choice() -> int | str:
    journals = get_store().list_journals()
    return journals[0].id if journals else DEMO


def open_journal_id() -> int | str:
    choice = st.session_state.get(_STATE_KEY)
    if choice is None:
        choice = _default_choice()
        st.session_state[_STATE_KEY] = choice
    return choice


def switch_to(choice: int | str) -> None:
    """Open another journal and remember it as the last one used (for the next visit)."""
    st.session_state[_STATE_KEY] = choice
    if choice != DEMO:
        get_store().mark_opened(int(choice))


def current_journal(msg: Messages) -> OpenJournal:
    choice = open_journal_id()
    if choice == DEMO:
        demo = demo_journal(msg.language, msg("demo.name"))
        return OpenJournal(demo.journal, _demo_frame(msg.language, msg("demo.name")))
    try:
        journal = get_store().get_journal(int(choice))
    except JournalNotFound:
        st.session_state.pop(_STATE_KEY, None)
        st.warning(msg("error.journal_missing"))
        return current_journal(msg)
    return OpenJournal(journal, stored_events_frame(journal))


@st.cache_data(show_spinner=False)
def _demo_frame(language: str, name: str) -> pd.DataFrame:
    demo = demo_journal(language, name)
    return events_frame(demo.events, demo.journal)


def _on_pick() -> None:
    switch_to(st.session_state["journal_picker"])


def journal_picker(msg: Messages) -> None:
    """A select box of the journals, the demo last; picking one opens it."""
    journals = get_store().list_journals()
    names = {journal.id: msg("picker.journal_option", name=journal.name, a=journal.partners[0],
                             b=journal.partners[1]) for journal in journals}
    names[DEMO] = msg("picker.demo_option", name=msg("demo.name"))
    st.session_state["journal_picker"] = open_journal_id()
    st.selectbox(msg("picker.label"), list(names), key="journal_picker",
                 format_func=names.__getitem__, on_change=_on_pick)
