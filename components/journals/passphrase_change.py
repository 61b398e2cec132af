"""The form to set or change a passphrase, the same for a journal's and a partner's own.

The current passphrase where there is one, the new one twice, each with its message under it.
The fields live under `<prefix>_current`, `<prefix>_new`, `<prefix>_repeat`; whatever the
outcome they are emptied: a passphrase is never kept, right or wrong.
"""

from __future__ import annotations

import streamlit as st

from components.field_error import field_error
from nabij.i18n import Messages
from nabij.model import InvalidInput
from nabij.security.passphrase import check_new

FIELDS = ("current", "new", "repeat")


def passphrase_inputs(prefix: str, labels: str, has_current: bool, msg: Messages) -> None:
    """The fields, labelled by the messages `<labels>.current`, `.new` and `.repeat`."""
    for name in FIELDS[0 if has_current else 1:]:
        st.text_input(msg(f"{labels}.{name}"), type="password", key=f"{prefix}_{name}",
                      help=msg("privacy.new_help") if name == "new" else None)
        field_error(f"{prefix}_errors", f"{prefix}_{name}", msg)


def chosen_passphrase(prefix: str) -> str:
    """The new passphrase typed twice, checked (nabij.security.passphrase); InvalidInput."""
    return check_new(st.session_state.get(f"{prefix}_new"),
                     st.session_state.get(f"{prefix}_repeat"))


def refused(prefix: str, invalid: InvalidInput) -> None:
    """Keep the problems for the fields to show (the checker's names mapped to this form's)."""
    named = {"passphrase": f"{prefix}_new", "repeat": f"{prefix}_repeat"}
    st.session_state[f"{prefix}_errors"] = {named.get(field, field): problem
                                            for field, problem in invalid.by_field().items()}
    _empty(prefix)


def accepted(prefix: str, notice_key: str) -> None:
    st.session_state.pop(f"{prefix}_errors", None)
    st.session_state[f"{prefix}_notice"] = notice_key
    _empty(prefix)


def accepted_notice(prefix: str, msg: Messages) -> None:
    notice = st.session_state.pop(f"{prefix}_notice", None)
    if notice:
        st.success(msg(notice), icon=":material/lock:")


def _empty(prefix: str) -> None:
    for name in FIELDS:
        st.session_state[f"{prefix}_{name}"] = ""
