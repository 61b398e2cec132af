"""Callbacks that meet a journal locked in another window: a message, not a traceback.

A browser window holds its own key. When the passphrase changes in another window (or a
coach's share is withdrawn), the key this window holds no longer opens the journal, and the
next save, delete or mark here raises JournalLocked inside a widget callback, before the page
runs. Guarded, the callback changes nothing, the page shows the unlock screen (the journal no
longer opens), and the notice above it says what happened in the user's language.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import streamlit as st

from nabij.storage import JournalLocked

# Read and shown once by components.privacy.lock.lock_notice, at the top of the next run.
LOCK_NOTICE = "lock_notice"
LOCKED_ELSEWHERE = "privacy.locked_elsewhere"

P = ParamSpec("P")
R = TypeVar("R")


def guard_locked(callback: Callable[P, R]) -> Callable[P, R | None]:
    """The callback, or nothing and a notice when its journal turned out to be locked."""

    @functools.wraps(callback)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R | None:
        try:
            return callback(*args, **kwargs)
        except JournalLocked:
            st.session_state[LOCK_NOTICE] = LOCKED_ELSEWHERE
            return None

    return guarded
