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
from nabij.security.network import PROXY_HEADERS, is_loopback_request
from nabij.storage.private_moments import PersonalKey

KEYS = "nabij_journal_keys"
# Keys of journals shared with the signed-in coach: they open the coach's read-only view and
# are never listed as the session's own journals.
COACH_KEYS = "nabij_coach_keys"
COACH_VIEW = "coach:"
LAST_ACTIVITY = "nabij_last_activity"
# Per journal: the partner using this browser ("who am I"), and that partner's own key once
# they opened it with their personal passphrase. Locking forgets both.
ME = "nabij_me"
PERSONAL_KEYS = "nabij_personal_keys"
# What the idle lock reads the time from; tests put a nabij.security.idle.ManualClock here.
clock: Clock = MONOTONIC
COMMUNITY_CLOUD_SOURCE_DIR = Path("/mount/src")


def _headers() -> dict[str, str]:
    try:
        return {name.title(): value for name, value in st.context.headers.items()}
    except Exception:  # no request behind this run
        return {}


def passphrase_required() -> bool:
    """Every journal needs a passphrase unless the browser reached Nabij over loopback.

    A run without a browser request (AppTest) has no Host header and counts as local; an
    operator can force the rule with `require_passphrase` in secrets or the environment.
    """
    if forced_passphrase() or COMMUNITY_CLOUD_SOURCE_DIR.is_dir():
        return True
    headers = _headers()
    host = headers.get("Host")
    if host is None:
        return False
    forwarded = any(name in headers for name in PROXY_HEADERS)
    return not is_loopback_request(host, st.context.ip_address, forwarded)


def _keys(state_key: str) -> dict:
    keys = st.session_state.get(state_key)
    if not isinstance(keys, dict):
        keys = {}
        st.session_state[state_key] = keys
    return keys


def session_keys() -> dict[int, FieldCipher]:
    """The journals this session opened with their passphrase."""
    return _keys(KEYS)


def all_keys() -> dict[int, FieldCipher]:
    """Every key the session holds, the coach's shared ones included: what the Store gets."""
    return {**_keys(COACH_KEYS), **_keys(KEYS)}


def remember_key(cipher: FieldCipher) -> None:
    """Opening a journal is use: the idle clock starts now, not at the last click before the
    lock (callbacks run before the page, whose idle check would otherwise lock it again)."""
    session_keys()[cipher.journal_id] = cipher
    note_activity()


def remember_coach_key(cipher: FieldCipher) -> None:
    if cipher.journal_id not in _keys(COACH_KEYS):
        note_activity()
    _keys(COACH_KEYS)[cipher.journal_id] = cipher


def forget_coach_key(journal_id: int) -> None:
    _keys(COACH_KEYS).pop(journal_id, None)


def personal_keys() -> dict[int, PersonalKey]:
    """Per journal, the own key of the partner using this browser, once opened."""
    return _keys(PERSONAL_KEYS)


def remember_personal_key(journal_id: int, key: PersonalKey) -> None:
    personal_keys()[journal_id] = key
    note_activity()


def who_am_i(journal_id: int | None) -> int | None:
    """The partner slot using this browser for the journal, or None (not said, or together)."""
    me = _keys(ME).get(journal_id)
    return me if me in (0, 1) else None


def has_said_who(journal_id: int | None) -> bool:
    """Whether someone in this browser said who they are for the journal (or "together")."""
    return journal_id in _keys(ME)


def set_me(journal_id: int, slot: int | None) -> None:
    """Say who uses this browser; another partner's key is forgotten at once."""
    _keys(ME)[journal_id] = slot
    key = personal_keys().get(journal_id)
    if key is not None and key.partner != slot:
        personal_keys().pop(journal_id, None)


def holds_keys() -> bool:
    return any(st.session_state.get(name) for name in (KEYS, COACH_KEYS, PERSONAL_KEYS))


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
