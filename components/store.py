"""The app's one Store, and the open journal's events, cached across reruns."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from nabij.config import database_url, is_sqlite
from nabij.frames import frame_from_table
from nabij.model import Journal
from nabij.storage import Store, open_engine, upgrade_to_latest
from nabij.storage.snapshot import JournalSnapshot

SECRET_KEY = "database_url"
COMMUNITY_CLOUD_SOURCE_DIR = Path("/mount/src")


def _secret_database_url() -> str | None:
    try:
        return st.secrets.get(SECRET_KEY)
    except FileNotFoundError:  # no secrets.toml at all: the local default applies
        return None


def current_database_url() -> str:
    return database_url(_secret_database_url())


@st.cache_resource(show_spinner=False)
def _store_for(url: str) -> Store:
    """One engine per process and URL; migrations run once, before the first query."""
    engine = open_engine(url)
    upgrade_to_latest(engine)
    return Store(engine)


def get_store() -> Store:
    return _store_for(current_database_url())


def storage_is_ephemeral() -> bool:
    """True on Streamlit Community Cloud with SQLite, where a restart wipes the file."""
    return COMMUNITY_CLOUD_SOURCE_DIR.is_dir() and is_sqlite(current_database_url())


@st.cache_resource(show_spinner=False, max_entries=16)
def _snapshot(url: str, journal_id: int) -> JournalSnapshot:
    """One in-memory copy of a journal's rows per process, refreshed by what changed."""
    return JournalSnapshot(_store_for(url), journal_id)


@st.cache_resource(show_spinner=False, max_entries=16)
def cached_events_frame(url: str, journal: Journal, revision: int) -> pd.DataFrame:
    """The journal's events; `revision` is part of the key. Shared and read-only.

    Any write bumps the revision, so a write from any tab or process makes the next rerun
    read fresh data, and no rerun reads the same data twice. cache_resource hands out the
    frame itself rather than an unpickled copy, which at a million moments is the
    difference between a rerun in milliseconds and one in seconds; nobody may modify it.
    """
    del revision
    return frame_from_table(_snapshot(url, journal.id).table(), journal)
