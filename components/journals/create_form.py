"""The form that creates a journal for one couple and opens it."""

from __future__ import annotations

import streamlit as st

from components.field_error import field_error
from components.journal.choice import switch_to
from components.privacy.access import passphrase_required, remember_key
from nabij.i18n import Messages
from nabij.model import (
    DEFAULT_TIMEZONE,
    InvalidInput,
    is_known_timezone,
    timezone_names,
    validate_journal,
)
from nabij.security.passphrase import check_optional_new
from nabij.storage import Store
from nabij.storage.protection import create_protected_journal
from nabij.text_safety import escape_markdown

FIELDS = ("name", "partner_a", "partner_b", "timezone")


def _browser_timezone() -> str:
    zone = st.context.timezone
    return zone if zone and is_known_timezone(zone) else DEFAULT_TIMEZONE


def _create(store: Store, msg: Messages) -> None:
    state = st.session_state
    problems = {}
    journal = passphrase = None
    try:
        journal = validate_journal(*(state.get(f"new_journal_{field}") for field in FIELDS))
    except InvalidInput as invalid:
        problems.update(invalid.by_field())
    try:
        passphrase = check_optional_new(state.get("new_journal_passphrase"),
                                        state.get("new_journal_repeat"), passphrase_required())
    except InvalidInput as invalid:
        problems.update(invalid.by_field())
    for key in ("new_journal_passphrase", "new_journal_repeat"):
        state[key] = ""  # never kept, right or wrong (emptied on screen too)
    if problems or journal is None:
        state["new_journal_errors"] = problems
        return
    if passphrase is None:
        created = store.create_journal(journal)
    else:
        created, cipher = create_protected_journal(store, journal, passphrase)
        remember_key(cipher)
    switch_to(created.id)
    for field in ("name", "partner_a", "partner_b"):
        state[f"new_journal_{field}"] = ""
    state.pop("new_journal_errors", None)
    state["journals_notice"] = msg("journals.created", name=escape_markdown(created.name))


def _field_error(field: str, msg: Messages) -> None:
    field_error("new_journal_errors", field, msg)


def journal_form(store: Store, msg: Messages) -> None:
    notice = st.session_state.pop("journals_notice", None)
    if notice:
        st.success(notice)
        st.page_link("views/journal.py", label=msg("nav.journal"), icon=":material/edit_note:")
    zones = timezone_names()
    st.session_state.setdefault("new_journal_timezone", _browser_timezone())
    with st.form("new_journal", border=True):
        st.subheader(msg("journals.create_heading"))
        st.text_input(msg("journals.name"), key="new_journal_name",
                      placeholder=msg("journals.name_placeholder"))
        _field_error("name", msg)
        # Shown, not a tooltip: on a phone a tooltip is easy to miss.
        st.caption(msg("privacy.name_help"))
        first, second = st.columns(2)
        with first:
            st.text_input(msg("journals.partner_a"), key="new_journal_partner_a")
            _field_error("partner_a", msg)
        with second:
            st.text_input(msg("journals.partner_b"), key="new_journal_partner_b")
            _field_error("partner_b", msg)
        st.selectbox(msg("journals.timezone"), zones, key="new_journal_timezone",
                     help=msg("journals.timezone_help"))
        _field_error("timezone", msg)
        required = passphrase_required()
        st.caption(msg("privacy.new_journal_required" if required
                       else "privacy.new_journal_optional"))
        first, second = st.columns(2)
        with first:
            st.text_input(msg("privacy.new"), type="password", key="new_journal_passphrase",
                          help=msg("privacy.new_help"))
            _field_error("passphrase", msg)
        with second:
            st.text_input(msg("privacy.repeat"), type="password", key="new_journal_repeat")
            _field_error("repeat", msg)
        st.caption(msg("privacy.forgotten_short"))
        if st.session_state.get("new_journal_errors"):
            st.warning(msg("journals.not_saved"))
        st.form_submit_button(msg("journals.create"), type="primary", on_click=_create,
                              args=(store, msg))
