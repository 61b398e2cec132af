"""The message under a form field that was refused: one look for every form in Nabij."""

from __future__ import annotations

from typing import Any

import streamlit as st

from nabij.i18n import Messages
from nabij.text_safety import markdown_params


def field_error(errors_key: str, field: str, msg: Messages) -> None:
    """Show the problem stored under `errors_key` (field -> Problem) for `field`, if any."""
    problem = st.session_state.get(errors_key, {}).get(field)
    if problem is not None:
        st.error(msg(problem.key, **markdown_params(problem.params)), icon=":material/error:")


def checked_text_input(label: str, key: str, errors_key: str, field: str, msg: Messages,
                       **options: Any) -> None:
    """A text field of a form, with what was wrong in it at the last try shown right under it."""
    st.text_input(label, key=key, **options)
    field_error(errors_key, field, msg)
