"""What a session remembers between reruns and steps, and where its records are kept.

Streamlit forgets a widget's value once the widget is not drawn in a run, and a session draws
one step at a time. So the choices of the first step live under keys of their own
(`session_kept_*`), copied from the widget when it changes and back into it when it is drawn
again. Everything is reset when another journal is opened.
"""

from __future__ import annotations

import streamlit as st

from components.journal.database import get_store
from nabij.journal_source import JournalSource
from nabij.session.records import MemorySessionRecords, SessionRecords
from nabij.storage.sessions import SessionStore

DEMO_RECORDS_KEY = "session_demo_records"
_OWNER_KEY = "session_owner"
_PREFIX = "session_"
STEP_KEY = "session_step"


def session_records(opened: JournalSource) -> SessionRecords:
    """The database for an own journal; memory of this browser session for the demo."""
    if opened.is_demo:
        records = st.session_state.get(DEMO_RECORDS_KEY)
        if not isinstance(records, MemorySessionRecords):
            records = MemorySessionRecords()
            st.session_state[DEMO_RECORDS_KEY] = records
        return records
    return SessionStore(get_store())


def reset_for(opened: JournalSource) -> None:
    """Start the session afresh when another journal (or the demo in another language) opens."""
    owner = opened.journal_key()
    if st.session_state.get(_OWNER_KEY) == owner:
        return
    for key in [key for key in st.session_state if isinstance(key, str)
                and key.startswith(_PREFIX) and key != DEMO_RECORDS_KEY]:
        del st.session_state[key]
    st.session_state[_OWNER_KEY] = owner


def kept_key(name: str) -> str:
    return f"session_kept_{name}"


def widget_key(name: str) -> str:
    return f"session_w_{name}"


def keep(name: str) -> None:
    """on_change: copy the widget's value to where it outlives the widget."""
    st.session_state[kept_key(name)] = st.session_state.get(widget_key(name))


def prepare_widget(name: str, value: object) -> str:
    """Keep `value` and put it into the widget's key before the widget is drawn."""
    st.session_state[kept_key(name)] = value
    st.session_state[widget_key(name)] = value
    return widget_key(name)


def kept(name: str, default: object = None) -> object:
    return st.session_state.get(kept_key(name), default)


def show_notice(key: str) -> None:
    """The ("success" or "error", text) a callback left under `key`, shown once."""
    notice = st.session_state.pop(key, None)
    if notice is not None:
        (st.success if notice[0] == "success" else st.error)(notice[1])
