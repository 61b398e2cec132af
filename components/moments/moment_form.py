"""The form to log a moment, and the same form to edit one.

Saving runs in the submit button's callback: the values are validated by nabij.model, and
only a valid event reaches the store. A new moment starts as the last one logged (partner,
kind, strength: nabij/moment_presets.py), so in the moment one tap on Save is enough;
the note and who may read it stay in view, the rest waits under "More". On success the
fields reset to those presets; on failure every field keeps what was typed and shows its
message, and nothing is stored. What the fields start with and how their values become
input is nabij/moment_input.py; saving them, nabij/moment_saving.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from functools import partial

import streamlit as st

from components.field_error import field_error
from components.privacy.locked_elsewhere import guard_locked
from nabij.i18n import Messages
from nabij.model import CONTEXT_MAX_CHARS, NOTE_MAX_CHARS, Event, Journal, Kind, Visibility
from nabij.moment_input import (
    BODY_CHOICES,
    Preset,
    date_bounds,
    form_updates,
    more_open,
    now_local,
    visibility_choices,
)
from nabij.moment_saving import save_moment
from nabij.storage import Store
from nabij.text_safety import escape_markdown

LOG = "log"
EDIT = "edit"
FIELDS = ("date", "time", "partner", "kind", "intensity", "body", "note", "context",
          "visibility", "shown_now", "shown_at", "shown_note")


def _key(prefix: str, field: str) -> str:
    return f"{prefix}_{field}"


def _values(prefix: str) -> dict[str, object]:
    """The form's values in session state, by field name (a field not there is left out)."""
    return {field: st.session_state[_key(prefix, field)] for field in (*FIELDS, "me")
            if _key(prefix, field) in st.session_state}


def clear_form(prefix: str, keep_partner: bool) -> None:
    for field in (*FIELDS, "errors"):
        if not (keep_partner and field == "partner"):
            st.session_state.pop(_key(prefix, field), None)


@guard_locked
def _save(prefix: str, journal: Journal, store: Store, msg: Messages,
          editing: Event | None) -> None:
    """Submit callback: validate, then store; errors are kept for the fields to show."""
    if st.session_state.get("undo_event") is not None:
        # A refused save is no reason to lose the Undo of a delete just made.
        st.session_state["events_notice"] = ("pending", "")
    outcome = save_moment(store, journal, _values(prefix), now_local(journal), editing, msg)
    if outcome.errors:
        st.session_state[_key(prefix, "errors")] = outcome.errors
        return
    st.session_state["events_notice"] = outcome.notice
    if outcome.stored:
        st.session_state.pop("undo_event", None)  # a new moment stands: the old Undo is past
    if editing is None:
        clear_form(prefix, keep_partner=True)
    else:
        stop_editing()


def stop_editing() -> None:
    st.session_state.pop("editing_event", None)
    clear_form(EDIT, keep_partner=False)


def _field(prefix: str, msg: Messages, widget: Callable, field: str, label: str,
           *args: object, **kwargs: object) -> None:
    """One field of the form, keyed by `field`, with the message below it when refused."""
    widget(label, *args, key=_key(prefix, field), **kwargs)
    field_error(_key(prefix, "errors"), field, msg)


def _more_fields(prefix: str, journal: Journal, msg: Messages, editing: Event | None,
                 used_tags: Sequence[str], choices: list[str]) -> None:
    """Everything a moment may have but rarely needs in the moment itself: the body's
    signal, its context and another time than now."""
    errors = st.session_state.get(_key(prefix, "errors")) or {}
    expanded = more_open(st.session_state.get(_key(prefix, "context")), errors, editing)
    with st.expander(msg("form.more"), expanded=expanded):
        _field(prefix, msg, st.radio, "body", msg("form.body"), BODY_CHOICES,
               help=msg("form.body_help"),
               format_func=lambda code: msg(f"body.{code}") if code else msg("form.body_none"))
        if str(Visibility.PRIVATE) not in choices:
            st.caption(msg("personal.setup_hint"))
        st.text_input(msg("form.context"), key=_key(prefix, "context"),
                      placeholder=msg("form.context_placeholder"),
                      help=msg("form.context_help", max=CONTEXT_MAX_CHARS))
        if used_tags:
            st.caption(msg("form.context_used",
                           tags="; ".join(escape_markdown(tag) for tag in used_tags)))
        field_error(_key(prefix, "errors"), "context", msg)
        earliest, latest = date_bounds(journal, editing, dt.date.today())
        day_column, time_column = st.columns(2)
        day_column.date_input(msg("form.date"), key=_key(prefix, "date"), format="DD-MM-YYYY",
                              min_value=earliest, max_value=latest)
        time_column.time_input(msg("form.time"), key=_key(prefix, "time"), step=60)
        field_error(_key(prefix, "errors"), "occurred_at", msg)


def event_form(journal: Journal, store: Store, msg: Messages,
               editing: Event | None = None, used_tags: Sequence[str] = (), *,
               me: int | None = None, can_keep_private: bool = False,
               preset: Preset | None = None) -> None:
    """Log a new moment, or edit `editing`. Renders in a bordered st.form.

    `used_tags` are the context tags the journal already has, offered for reuse. `me` is the
    partner using this browser (new moments default to them); `can_keep_private` says their
    own key is open here; `preset` is what a new moment starts with (the last one logged).
    """
    prefix = LOG if editing is None else EDIT
    choices = visibility_choices(can_keep_private, editing)
    # Starting values go into session state once; the widgets then read them by key.
    for name, value in form_updates(_values(prefix), journal, editing, now_local(journal),
                                    choices, me, preset).items():
        st.session_state[_key(prefix, name)] = value
    field = partial(_field, prefix, msg)
    with st.form(f"{prefix}_form", border=True):
        st.subheader(msg("form.log_heading" if editing is None else "form.edit_heading"))
        field(st.segmented_control, "partner", msg("form.partner"), [0, 1],
              format_func=lambda slot: escape_markdown(journal.partners[slot]))
        field(st.segmented_control, "kind", msg("form.kind"), [str(kind) for kind in Kind],
              format_func=lambda kind: msg(f"kind.{kind}").capitalize())
        field(st.segmented_control, "intensity", msg("form.intensity"), [1, 2, 3, 4, 5],
              help=msg("form.intensity_help"))
        field(st.text_area, "note", msg("form.note"), height=68,
              placeholder=msg("form.note_placeholder"),
              help=msg("form.note_help", max=NOTE_MAX_CHARS))
        # Who may read it stays in view: nobody should share a moment without seeing so.
        field(st.selectbox, "visibility", msg("visibility.label"), choices,
              help=msg("visibility.help"), format_func=lambda code: msg(f"visibility.{code}"))
        _more_fields(prefix, journal, msg, editing, used_tags, choices)
        if st.session_state.get(_key(prefix, "errors")):
            st.warning(msg("form.not_saved"))
        st.form_submit_button(msg("form.save" if editing is None else "form.save_changes"),
                              type="primary", on_click=_save,
                              args=(prefix, journal, store, msg, editing), width="stretch")
    if editing is not None:
        st.button(msg("form.cancel"), on_click=stop_editing, key="cancel_edit")
