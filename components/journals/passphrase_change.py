"""The form to set or change a passphrase, the same for a journal's and a partner's own.

The current passphrase where there is one, the new one twice, each with its message under it.
The form is `<prefix>_form`, its fields `<prefix>_current`, `<prefix>_new`, `<prefix>_repeat`;
whatever the outcome they are emptied: a passphrase is never kept, right or wrong.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from components.field_error import checked_text_input
from nabij.i18n import Messages
from nabij.model import InvalidInput
from nabij.security.passphrase import check_new

FIELDS = ("current", "new", "repeat")
# Checks what was typed (InvalidInput), stores the new passphrase and names the notice to
# show; None where it changed nothing (a journal locked elsewhere, see guard_locked).
Save = Callable[..., str | None]


def chosen_passphrase(prefix: str) -> str:
    """The new passphrase typed twice, checked (nabij.security.passphrase); InvalidInput."""
    return check_new(st.session_state.get(f"{prefix}_new"),
                     st.session_state.get(f"{prefix}_repeat"))


def passphrase_form(prefix: str, labels: str, has_current: bool, button: str, save: Save,
                    args: tuple[object, ...], msg: Messages) -> None:
    """The fields, labelled by the messages `<labels>.current`, `.new` and `.repeat`, and the
    button that calls `save(*args)`."""
    with st.form(f"{prefix}_form", border=False):
        for name in FIELDS[0 if has_current else 1:]:
            checked_text_input(msg(f"{labels}.{name}"), f"{prefix}_{name}", f"{prefix}_errors",
                               f"{prefix}_{name}", msg, type="password",
                               help=msg("privacy.new_help") if name == "new" else None)
        st.form_submit_button(button, type="primary", on_click=_submit,
                              args=(prefix, save, *args))


def _submit(prefix: str, save: Save, *args: object) -> None:
    state = st.session_state
    try:
        notice = save(*args)
    except InvalidInput as invalid:
        # The checker's names for the fields, mapped to this form's.
        named = {"passphrase": f"{prefix}_new", "repeat": f"{prefix}_repeat"}
        state[f"{prefix}_errors"] = {named.get(field, field): problem
                                     for field, problem in invalid.by_field().items()}
    else:
        if notice is not None:
            state.pop(f"{prefix}_errors", None)
            state[f"{prefix}_notice"] = notice
    finally:  # whatever happened, even a journal locked elsewhere: no passphrase is kept
        for name in FIELDS:
            state[f"{prefix}_{name}"] = ""


def saved_notice(prefix: str, msg: Messages) -> None:
    notice = st.session_state.pop(f"{prefix}_notice", None)
    if notice:
        st.success(msg(notice), icon=":material/lock:")
