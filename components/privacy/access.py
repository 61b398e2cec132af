"""What this browser session may open: the keys it unlocked, and whether a passphrase is a must.

Keys live in the session's state on the server, never in the browser; locking forgets them.
Session state is not storage: a restart of the server locks every journal, as it should.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from components.settings import forced_passphrase
from nabij.security.cipher import FieldCipher
from nabij.security.idle import MONOTONIC, Clock, idle_expired
from nabij.security.network import request_is_shared
from nabij.security.session_keys import SessionKeys
from nabij.storage.private_moments import PersonalKey

# Where nabij.security.session_keys.SessionKeys' dicts live in the session's state.
KEYS = "nabij_journal_keys"
COACH_KEYS = "nabij_coach_keys"
ME = "nabij_me"
PERSONAL_KEYS = "nabij_personal_keys"
LAST_ACTIVITY = "nabij_last_activity"
# What the idle lock reads the time from; tests put a nabij.security.idle.ManualClock here.
clock: Clock = MONOTONIC
COMMUNITY_CLOUD_SOURCE_DIR = Path("/mount/src")


def passphrase_required() -> bool:
    """Every journal needs a passphrase unless the browser reached Nabij over loopback.

    A run without a browser request (AppTest) has no Host header and counts as local; an
    operator can force the rule with `require_passphrase` in secrets or the environment.
    """
    if forced_passphrase() or COMMUNITY_CLOUD_SOURCE_DIR.is_dir():
        return True
    try:
        headers = dict(st.context.headers.items())
    except Exception:  # no request behind this run
        return False
    return request_is_shared(headers, st.context.ip_address)


def _dict(state_key: str) -> dict:
    keys = st.session_state.get(state_key)
    if not isinstance(keys, dict):
        keys = {}
        st.session_state[state_key] = keys
    return keys


def held() -> SessionKeys:
    """The session's keys and who uses it: its own dicts, so changes are kept in its state."""
    return SessionKeys(journals=_dict(KEYS), coach=_dict(COACH_KEYS), me=_dict(ME),
                       personal=_dict(PERSONAL_KEYS))


def session_keys() -> dict[int, FieldCipher]:
    """The journals this session opened with their passphrase."""
    return _dict(KEYS)


def all_keys() -> dict[int, FieldCipher]:
    """Every key the session holds, the coach's shared ones included: what the Store gets."""
    return held().all_ciphers()


def remember_key(cipher: FieldCipher) -> None:
    """Opening a journal is use: the idle clock starts now, not at the last click before the
    lock (callbacks run before the page, whose idle check would otherwise lock it again)."""
    session_keys()[cipher.journal_id] = cipher
    note_activity()


def remember_coach_key(cipher: FieldCipher) -> None:
    if held().remember_coach(cipher):
        note_activity()  # opening a share is use, as opening with a passphrase is


def personal_keys() -> dict[int, PersonalKey]:
    """Per journal, the own key of the partner using this browser, once opened."""
    return _dict(PERSONAL_KEYS)


def remember_personal_key(journal_id: int, key: PersonalKey) -> None:
    personal_keys()[journal_id] = key
    note_activity()


def who_am_i(journal_id: int | None) -> int | None:
    return held().who_am_i(journal_id)


def forget_keys() -> None:
    """Lock: the session can no longer read any journal it had opened with a passphrase, nor
    anyone's private moments; who was using it is forgotten too."""
    for name in (KEYS, COACH_KEYS, PERSONAL_KEYS, ME):
        st.session_state[name] = {}


def note_activity() -> None:
    st.session_state[LAST_ACTIVITY] = clock()


def idle_too_long(limit_minutes: float) -> bool:
    """Whether this session has gone without use for longer than `limit_minutes`."""
    return idle_expired(st.session_state.get(LAST_ACTIVITY), clock(), limit_minutes)
