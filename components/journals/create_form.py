"""The form that creates a journal for one couple and opens it."""

from __future__ import annotations

from typing import Any

import streamlit as st

from components.field_error import checked_text_input, field_error
from components.journal.choice import switch_to
from components.privacy.access import passphrase_required, remember_key
from nabij.i18n import Messages
from nabij.model import DEFAULT_TIMEZONE, InvalidInput, is_known_timezone, timezone_names
from nabij.storage import Store
from nabij.storage.new_journal import checked_new_journal, create_journal
from nabij.text_safety import escape_markdown

FIELDS = ("name", "partner_a", "partner_b", "timezone", "passphrase", "repeat")
_ERRORS = "new_journal_errors"


def _browser_timezone() -> str:
    zone = st.context.timezone
    return zone if zone and is_known_timezone(zone) else DEFAULT_TIMEZONE


def _create(store: Store, msg: Messages) -> None:
    state = st.session_state
    typed = [state.get(f"new_journal_{field}") for field in FIELDS]
    for key in ("new_journal_passphrase", "new_journal_repeat"):
        state[key] = ""  # never kept, right or wrong (emptied on screen too)
    try:
        journal, passphrase = checked_new_journal(*typed, required=passphrase_required())
    except InvalidInput as invalid:
        state[_ERRORS] = invalid.by_field()
        return
    created, cipher = create_journal(store, journal, passphrase)
    if cipher is not None:
        remember_key(cipher)
    switch_to(created.id)
    for field in ("name", "partner_a", "partner_b"):
        state[f"new_journal_{field}"] = ""
    state.pop(_ERRORS, None)
    state["journals_notice"] = msg("journals.created", name=escape_markdown(created.name))


def _field(field: str, label: str, msg: Messages, **options: Any) -> None:
    checked_text_input(msg(label), f"new_journal_{field}", _ERRORS, field, msg, **options)


def journal_form(store: Store, msg: Messages) -> None:
    notice = st.session_state.pop("journals_notice", None)
    if notice:
        st.success(notice)
        st.page_link("views/journal.py", label=msg("nav.journal"), icon=":material/edit_note:")
    st.session_state.setdefault("new_journal_timezone", _browser_timezone())
    with st.form("new_journal", border=True):
        st.subheader(msg("journals.create_heading"))
        _field("name", "journals.name", msg, placeholder=msg("journals.name_placeholder"))
        # Shown, not a tooltip: on a phone a tooltip is easy to miss.
        st.caption(msg("privacy.name_help"))
        first, second = st.columns(2)
        with first:
            _field("partner_a", "journals.partner_a", msg)
        with second:
            _field("partner_b", "journals.partner_b", msg)
        st.selectbox(msg("journals.timezone"), timezone_names(), key="new_journal_timezone",
                     help=msg("journals.timezone_help"))
        field_error(_ERRORS, "timezone", msg)
        st.caption(msg("privacy.new_journal_required" if passphrase_required()
                       else "privacy.new_journal_optional"))
        first, second = st.columns(2)
        with first:
            _field("passphrase", "privacy.new", msg, type="password", help=msg("privacy.new_help"))
        with second:
            _field("repeat", "privacy.repeat", msg, type="password")
        st.caption(msg("privacy.forgotten_short"))
        if st.session_state.get(_ERRORS):
            st.warning(msg("journals.not_saved"))
        st.form_submit_button(msg("journals.create"), type="primary", on_click=_create,
                              args=(store, msg))
