"""The app's one Store, and the open journal's events, cached across reruns."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.privacy.access import COMMUNITY_CLOUD_SOURCE_DIR, all_keys, personal_keys
from components.settings import secret
from nabij.config import database_url, is_sqlite
from nabij.frames import frame_from_table
from nabij.i18n import Messages
from nabij.journal_source import Access
from nabij.model import Journal
from nabij.security.cipher import FieldCipher
from nabij.storage import Store, open_engine, upgrade_to_latest
from nabij.storage.private_moments import PersonalKey
from nabij.storage.snapshot import JournalSnapshot
from nabij.visibility import Audience, shared_events


def current_database_url() -> str:
    return database_url(secret("database_url"))


@st.cache_resource(show_spinner=False)
def _store_for(url: str) -> Store:
    """One engine per process and URL; migrations run once, before the first query."""
    engine = open_engine(url)
    upgrade_to_latest(engine)
    return Store(engine)


def get_store() -> Store:
    """The database, opened with the journal keys this session has unlocked (and no others)."""
    unreadable = Messages(st.session_state.get("language", "nl"))("privacy.unreadable")
    return _store_for(current_database_url()).with_keys(all_keys(), unreadable, personal_keys())


def storage_is_ephemeral() -> bool:
    """True on Streamlit Community Cloud with SQLite, where a restart wipes the file."""
    return COMMUNITY_CLOUD_SOURCE_DIR.is_dir() and is_sqlite(current_database_url())


@st.cache_resource(show_spinner=False, max_entries=16)
def _snapshot(url: str, journal_id: int, fingerprint: str, unreadable: str,
              _cipher: FieldCipher | None, _personal: PersonalKey | None) -> JournalSnapshot:
    """One in-memory copy of a journal's rows per process and keys, refreshed by what changed.

    Each reader's keys get their own copy: one partner's private moments never sit in the
    copy another partner reads."""
    keys = {journal_id: _cipher} if _cipher is not None else {}
    personal = {journal_id: _personal} if _personal is not None else {}
    return JournalSnapshot(_store_for(url).with_keys(keys, unreadable, personal), journal_id)


@st.cache_resource(show_spinner=False, max_entries=16)
def cached_events_frame(url: str, journal: Journal, revision: int,
                        access: Access) -> pd.DataFrame:
    """The journal's events; `revision` is part of the key. Shared and read-only.

    Any write bumps the revision, so a write from any tab or process makes the next rerun
    read fresh data, and no rerun reads the same data twice. cache_resource hands out the
    frame itself rather than an unpickled copy, which at a million moments is the
    difference between a rerun in milliseconds and one in seconds; nobody may modify it.
    A coach sees only the moments shared with the coach.
    """
    del revision
    table = _snapshot(url, journal.id, access.fingerprint(), access.unreadable, access.cipher,
                      access.personal).table()
    if access.coach:
        table = shared_events(table, Audience.COACH).reset_index(drop=True)
    return frame_from_table(table, journal)
