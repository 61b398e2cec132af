"""Which journal is open: the last one used, the one picked, a shared one, or the demo.

Every page reaches a journal's data through `current_journal`, and this is where access is
decided: a journal with a passphrase shows the unlock screen until this session opens it, and
on a shared deployment (not loopback) only journals opened here are listed at all.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from components.journal.database import Access, cached_events_frame, current_database_url, get_store
from components.privacy.access import COACH_VIEW, passphrase_required, session_keys
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

    `source` names the data exactly (database, journal, revision and access, or the demo in
    one language): caches key on it instead of hashing the events themselves.
    """

    journal: Journal
    events: pd.DataFrame
    source: tuple

    @property
    def is_demo(self) -> bool:
        """Read-only: the demo, or a coach's view of a journal shared with them."""
        return self.journal.read_only

    @property
    def is_coach_view(self) -> bool:
        return self.source[0] == "coach"


def visible_journals() -> list[Journal]:
    """The journals this session may list: all of them at home, on a shared deployment only
    the ones opened here with their passphrase."""
    journals = get_store().list_journals()
    if not passphrase_required():
        return journals
    keys = session_keys()
    return [journal for journal in journals if journal.protected and journal.id in keys]


def _default_choice() -> int | str:
    journals = visible_journals()
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
    if isinstance(choice, int) and get_store().is_open(choice):
        get_store().mark_opened(choice)


def close_journal() -> None:
    """Back to the demo (after locking on a shared deployment, nothing else is open)."""
    st.session_state[_STATE_KEY] = DEMO if passphrase_required() else _default_choice()


def _demo_source(msg: Messages) -> tuple:
    return (DEMO, msg.language, msg("demo.name"))


def current_journal(msg: Messages) -> OpenJournal:
    """The open journal; shows the unlock screen and stops the page while it is locked."""
    choice = open_journal_id()
    if choice == DEMO:
        source = _demo_source(msg)
    elif isinstance(choice, str) and choice.startswith(COACH_VIEW):
        from components.privacy.coach import coach_source  # the coach's view needs sign-in

        source = coach_source(int(choice.removeprefix(COACH_VIEW)), msg)
        if source is None:
            st.session_state[_STATE_KEY] = DEMO
            return current_journal(msg)
    else:
        source = _own_source(int(choice), msg)
    journal, events = journal_data(source)
    return OpenJournal(journal, events, source)


def _own_source(journal_id: int, msg: Messages) -> tuple:
    store = get_store()
    try:
        journal = store.get_journal(journal_id)
    except JournalNotFound:
        st.session_state.pop(_STATE_KEY, None)
        st.warning(msg("error.journal_missing"))
        return _demo_source(msg)
    if not journal.protected and passphrase_required():
        # Only reachable at home; a shared deployment never lists such a journal.
        st.session_state[_STATE_KEY] = DEMO
        return _demo_source(msg)
    if not store.is_open(journal_id):
        from components.privacy.unlock_form import unlock_screen

        unlock_screen(journal, msg)
        st.stop()
    access = Access(cipher=session_keys().get(journal_id), unreadable=msg("privacy.unreadable"))
    return ("db", current_database_url(), journal, store.revision(journal_id), access)


def journal_data(source: tuple) -> tuple[Journal, pd.DataFrame]:
    """The journal and its events frame named by an OpenJournal.source, from cache."""
    if source[0] == DEMO:
        _, language, name = source
        return demo_journal(language, name).journal, _demo_frame(language, name)
    _, url, journal, revision, access = source
    return journal, cached_events_frame(url, journal, revision, access)


@st.cache_resource(show_spinner=False)
def _demo_frame(language: str, name: str) -> pd.DataFrame:
    demo = demo_journal(language, name)
    return events_frame(demo.events, demo.journal)


def journal_label(journal: Journal, msg: Messages) -> str:
    """How a journal is named in lists: a locked one by its name only (its partners' names
    are sealed until it is opened), a protected one with a lock."""
    if journal.locked:
        return f"🔒 {journal.name}"
    label = msg("picker.journal_option", name=journal.name, a=journal.partners[0],
                b=journal.partners[1])
    return f"🔒 {label}" if journal.protected else label


def _on_pick() -> None:
    switch_to(st.session_state["journal_picker"])


def journal_picker(msg: Messages) -> None:
    """A select box of the journals this session may see, shared ones, the demo last."""
    names: dict[int | str, str] = {}
    for journal in visible_journals():
        names[journal.id] = journal_label(journal, msg)  # type: ignore[index]
    from components.privacy.coach import shared_journal_options

    names.update(shared_journal_options(msg))
    names[DEMO] = msg("picker.demo_option", name=msg("demo.name"))
    choice = open_journal_id()
    if choice not in names:  # e.g. a journal just locked on a shared deployment
        names[choice] = msg("picker.locked_option")
    st.session_state["journal_picker"] = choice
    st.selectbox(msg("picker.label"), list(names), key="journal_picker",
                 format_func=names.__getitem__, on_change=_on_pick)
