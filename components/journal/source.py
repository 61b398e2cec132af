"""The one place that decides which journal a page works on, as whom, and with which key.

Every page calls `current_journal` and gets a `JournalSource`: a typed, hashable handle that
names the data exactly (database, journal, revision, access, or the demo in one language)
and carries the journal's events. Cached functions key on the handle (see
nabij/cache_keys.py) and read what they need from it, never from session state.
A journal with a passphrase shows the unlock screen until this session opens it.
"""

from __future__ import annotations

import streamlit as st

from components.journal.choice import choose_demo, open_journal_id
from components.journal.database import cached_events_frame, current_database_url, get_store
from components.privacy.access import passphrase_required, personal_keys, session_keys
from components.privacy.coach import open_as_coach
from components.privacy.unlock_form import unlock_screen
from nabij.demo import demo_journal
from nabij.frames import events_frame
from nabij.i18n import Messages
from nabij.journal_choice import DEMO, chosen_journal
from nabij.journal_source import Access, JournalSource, SourceKind
from nabij.model import Journal
from nabij.storage import JournalNotFound


def current_journal(msg: Messages) -> JournalSource:
    """The open journal; shows the unlock screen and stops the page while it is locked."""
    choice = open_journal_id()
    chosen = chosen_journal(choice)
    if chosen is not None:
        kind, journal_id = chosen
        opened = (coach_source if kind is SourceKind.COACH else _own)(journal_id, msg)
        if opened is not None:
            return opened
    if choice != DEMO:
        choose_demo()  # gone, withdrawn, locked or not ours: nothing else opens
    return _demo(msg.language, msg("demo.name"))


def coach_source(journal_id: int, msg: Messages) -> JournalSource | None:
    """A journal shared with the signed-in coach, as the coach reads it (only what is shared
    with the coach); None where it is not (any more) shared with them."""
    opened = open_as_coach(journal_id, msg)  # the journal, its revision, the coach's access
    return None if opened is None else _stored(SourceKind.COACH, *opened, msg)


def _own(journal_id: int, msg: Messages) -> JournalSource | None:
    if passphrase_required() and journal_id not in session_keys():
        return None  # on a shared deployment only journals opened here
    store = get_store()
    try:
        journal = store.get_journal(journal_id)
    except JournalNotFound:
        st.warning(msg("error.journal_missing"))
        return None
    if not journal.protected and passphrase_required():
        return None  # only reachable at home; a shared deployment never lists such a journal
    if not store.is_open(journal_id):
        unlock_screen(journal, msg)
        st.stop()
    access = Access(cipher=session_keys().get(journal_id), unreadable=msg("privacy.unreadable"),
                    personal=personal_keys().get(journal_id))
    return _stored(SourceKind.OWN, journal, store.revision(journal_id), access, msg)


def _stored(kind: SourceKind, journal: Journal, revision: int, access: Access,
            msg: Messages) -> JournalSource:
    url = current_database_url()
    events = cached_events_frame(url, journal, revision, access)
    return JournalSource(kind, journal, revision, url, access, msg.language, events)


@st.cache_resource(show_spinner=False)
def _demo(language: str, name: str) -> JournalSource:
    demo = demo_journal(language, name)
    events = events_frame(demo.events, demo.journal)
    return JournalSource(SourceKind.DEMO, demo.journal, 0, "", Access(), language, events)
