"""Which journal is open: the last one used, the one picked, or the read-only demo."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from components.store import cached_events_frame, current_database_url, get_store
from nabij.demo import demo_journal
from nabij.frames import events_frame
from nabij.i18n import Messages
from nabij.model import Journal
from nabij.storage import JournalNotFound

DEMO = "demo"
_STATE_KEY = "open_journal"


@dataclass(frozen=True)
class OpenJournal:
    """The journal a page works on, with its events in local time.

    `source` names the data exactly (database, journal and revision, or the demo in one
    language): caches key on it instead of hashing the events themselves.
    """

    journal: Journal
    events: pd.DataFrame
    source: tuple

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
        source = (DEMO, msg.language, msg("demo.name"))
    else:
        try:
            journal = get_store().get_journal(int(choice))
        except JournalNotFound:
            st.session_state.pop(_STATE_KEY, None)
            st.warning(msg("error.journal_missing"))
            return current_journal(msg)
        source = ("db", current_database_url(), journal, get_store().revision(journal.id))
    journal, events = journal_data(source)
    return OpenJournal(journal, events, source)


def journal_data(source: tuple) -> tuple[Journal, pd.DataFrame]:
    """The journal and its events frame named by an OpenJournal.source, from cache."""
    if source[0] == DEMO:
        _, language, name = source
        return demo_journal(language, name).journal, _demo_frame(language, name)
    _, url, journal, revision = source
    return journal, cached_events_frame(url, journal, revision)


@st.cache_resource(show_spinner=False)
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
