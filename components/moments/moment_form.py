"""The form to log a moment, and the same form to edit one.

Saving runs in the submit button's callback: the values are validated by nabij.model, and
only a valid event reaches the store. A new moment starts as the last one logged (partner,
kind, strength: nabij/moment_presets.py), so in the moment one tap on Save is enough;
the note and who may read it stay in view, the rest waits under "More". On success the
fields reset to those presets; on failure every field keeps what was typed and shows its
message, and nothing is stored. What the fields start with and how their values become
input is nabij/moment_input.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import streamlit as st

from components.field_error import field_error
from components.privacy.locked_elsewhere import guard_locked
from nabij.i18n import Messages
from nabij.model import (
    CONTEXT_MAX_CHARS,
    DEFAULT_VISIBILITY,
    EARLIEST_DAY,
    NOTE_MAX_CHARS,
    Event,
    EventInput,
    InvalidInput,
    Journal,
    Kind,
    Visibility,
    validate_event,
)
from nabij.moment_input import (
    BODY_CHOICES,
    Preset,
    moment_input,
    now_local,
    starting_values,
    visibility_choices,
)
from nabij.storage import EventNotFound, StaleEdit, Store
from nabij.text_safety import escape_markdown

LOG = "log"
EDIT = "edit"
FIELDS = ("date", "time", "partner", "kind", "intensity", "body", "note", "context",
          "visibility", "shown_now", "shown_at", "shown_note")


def _key(prefix: str, field: str) -> str:
    return f"{prefix}_{field}"


def _fill_defaults(prefix: str, journal: Journal, event: Event | None,
                   me: int | None = None, preset: Preset | None = None) -> None:
    """Put starting values in session state once; widgets then read them by key."""
    values = starting_values(journal, event, now_local(journal), preset)
    if event is not None:
        # The form shows minutes; an imported moment may have seconds. Left as shown, the
        # moment keeps its exact time (an edit never changes what it does not show).
        st.session_state.setdefault(_key(prefix, "shown_at"),
                                    (values["date"], values["time"], event.occurred_at))
        st.session_state.setdefault(_key(prefix, "shown_note"), event.note)
    if event is None and _key(prefix, "date") not in st.session_state:
        # Remember the "now" shown, so an untouched form saved later logs the save time.
        st.session_state[_key(prefix, "shown_now")] = (values["date"], values["time"])
    if event is None and me is not None and st.session_state.get(_key(prefix, "me")) != me:
        # Someone just said who they are: the form becomes theirs, preset as their last.
        st.session_state[_key(prefix, "me")] = me
        st.session_state[_key(prefix, "partner")] = me
        for field in ("kind", "intensity"):
            st.session_state[_key(prefix, field)] = values[field]
    for field, value in values.items():
        st.session_state.setdefault(_key(prefix, field), value)
    if st.session_state.get(_key(prefix, "partner")) is None:
        # Nobody picked a partner yet: the one using this browser, once they said who, else
        # whoever logged the last moment.
        st.session_state[_key(prefix, "partner")] = (
            me if me is not None or preset is None else preset.partner)


def clear_form(prefix: str, keep_partner: bool) -> None:
    for field in FIELDS:
        if keep_partner and field == "partner":
            continue
        st.session_state.pop(_key(prefix, field), None)
    st.session_state.pop(_key(prefix, "errors"), None)


def _raw_input(prefix: str, journal: Journal) -> EventInput:
    values = {field: st.session_state.get(_key(prefix, field)) for field in FIELDS}
    return moment_input(values, now_local(journal))


@guard_locked
def _save(prefix: str, journal: Journal, store: Store, msg: Messages,
          editing: Event | None) -> None:
    """Submit callback: validate, then store; errors are kept for the fields to show."""
    if st.session_state.get("undo_event") is not None:
        # A refused save is no reason to lose the Undo of a delete just made.
        st.session_state["events_notice"] = ("pending", "")
    try:
        event = validate_event(_raw_input(prefix, journal), journal)
    except InvalidInput as invalid:
        st.session_state[_key(prefix, "errors")] = invalid.by_field()
        return
    try:
        if editing is None:
            saved = store.add_event(journal.id, event)  # PrivateKeyNeeded is an InvalidInput
            notice: tuple = ("saved", saved_text(saved, journal, msg), saved.id)
        else:
            store.update_event(journal.id, event.with_id(editing.id, editing.version))
            notice = ("success", msg("form.updated"))
    except InvalidInput as invalid:
        st.session_state[_key(prefix, "errors")] = invalid.by_field()
        return
    except StaleEdit:
        st.session_state["events_notice"] = ("error", msg("events.stale"))
        stop_editing()
        return
    except EventNotFound:
        st.session_state["events_notice"] = ("error", msg("events.gone"))
        stop_editing()
        return
    st.session_state["events_notice"] = notice
    st.session_state.pop("undo_event", None)  # a new moment stands: the old Undo is past
    if editing is None:
        clear_form(prefix, keep_partner=True)
    else:
        stop_editing()


def saved_text(event: Event, journal: Journal, msg: Messages) -> str:
    """"Saved: Closeness 3 · Anna · 21:40": what was saved, short enough to read at a glance.
    The day is added only when the moment was not today."""
    local = event.occurred_at.astimezone(journal.zone)
    today = dt.datetime.now(journal.zone).date()
    when = msg.time(local) if local.date() == today else msg.datetime(local)
    return msg("form.saved", kind=msg(f"kind.{event.kind}").capitalize(),
               intensity=event.intensity,
               partner=escape_markdown(journal.partners[event.partner]), when=when)


def stop_editing() -> None:
    st.session_state.pop("editing_event", None)
    clear_form(EDIT, keep_partner=False)


def _field_error(prefix: str, field: str, msg: Messages) -> None:
    field_error(_key(prefix, "errors"), field, msg)


_HIDDEN_FIELDS = ("body", "context", "occurred_at")


def _more_open(prefix: str, editing: Event | None) -> bool:
    """"More" opens by itself where it holds something to see: an edit (its fields are the
    moment's own), a context already typed, or a message about one of its fields."""
    errors = st.session_state.get(_key(prefix, "errors")) or {}
    return (editing is not None or bool(st.session_state.get(_key(prefix, "context")))
            or any(field in errors for field in _HIDDEN_FIELDS))


def _more_fields(prefix: str, journal: Journal, msg: Messages, editing: Event | None,
                 used_tags: Sequence[str], choices: list[str]) -> None:
    """Everything a moment may have but rarely needs in the moment itself: the body's
    signal, its context and another time than now."""
    with st.expander(msg("form.more"), expanded=_more_open(prefix, editing)):
        st.radio(msg("form.body"), BODY_CHOICES, key=_key(prefix, "body"),
                 help=msg("form.body_help"),
                 format_func=lambda code: msg(f"body.{code}") if code else msg("form.body_none"))
        _field_error(prefix, "body", msg)
        if str(Visibility.PRIVATE) not in choices:
            st.caption(msg("personal.setup_hint"))
        st.text_input(msg("form.context"), key=_key(prefix, "context"),
                      placeholder=msg("form.context_placeholder"),
                      help=msg("form.context_help", max=CONTEXT_MAX_CHARS))
        if used_tags:
            st.caption(msg("form.context_used",
                           tags="; ".join(escape_markdown(tag) for tag in used_tags)))
        _field_error(prefix, "context", msg)
        earliest, latest = EARLIEST_DAY, dt.date.today() + dt.timedelta(days=1)
        if editing is not None:
            # An imported moment may lie ahead, or (saved before dates had bounds) before
            # 1900: the picker must show it; saving it unmoved explains the bounds.
            day = editing.occurred_at.astimezone(journal.zone).date()
            earliest, latest = min(earliest, day), max(latest, day)
        day_column, time_column = st.columns(2)
        day_column.date_input(msg("form.date"), key=_key(prefix, "date"), format="DD-MM-YYYY",
                              min_value=earliest, max_value=latest)
        time_column.time_input(msg("form.time"), key=_key(prefix, "time"), step=60)
        _field_error(prefix, "occurred_at", msg)


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
    _fill_defaults(prefix, journal, editing, me, preset)
    choices = visibility_choices(can_keep_private, editing)
    if st.session_state.get(_key(prefix, "visibility")) not in choices:
        st.session_state[_key(prefix, "visibility")] = str(DEFAULT_VISIBILITY)
    heading = msg("form.log_heading") if editing is None else msg("form.edit_heading")
    with st.form(f"{prefix}_form", border=True):
        st.subheader(heading)
        st.segmented_control(msg("form.partner"), [0, 1], key=_key(prefix, "partner"),
                             format_func=lambda slot: escape_markdown(journal.partners[slot]))
        _field_error(prefix, "partner", msg)
        st.segmented_control(msg("form.kind"), [str(kind) for kind in Kind],
                             key=_key(prefix, "kind"),
                             format_func=lambda kind: msg(f"kind.{kind}").capitalize())
        _field_error(prefix, "kind", msg)
        st.segmented_control(msg("form.intensity"), [1, 2, 3, 4, 5],
                             key=_key(prefix, "intensity"), help=msg("form.intensity_help"))
        _field_error(prefix, "intensity", msg)
        st.text_area(msg("form.note"), key=_key(prefix, "note"), height=68,
                     placeholder=msg("form.note_placeholder"),
                     help=msg("form.note_help", max=NOTE_MAX_CHARS))
        _field_error(prefix, "note", msg)
        # Who may read it stays in view: nobody should share a moment without seeing so.
        st.selectbox(msg("visibility.label"), choices, key=_key(prefix, "visibility"),
                     help=msg("visibility.help"),
                     format_func=lambda code: msg(f"visibility.{code}"))
        _field_error(prefix, "visibility", msg)
        _more_fields(prefix, journal, msg, editing, used_tags, choices)
        if st.session_state.get(_key(prefix, "errors")):
            st.warning(msg("form.not_saved"))
        label = msg("form.save") if editing is None else msg("form.save_changes")
        st.form_submit_button(label, type="primary", on_click=_save,
                              args=(prefix, journal, store, msg, editing),
                              width="stretch")
    if editing is not None:
        st.button(msg("form.cancel"), on_click=stop_editing, key="cancel_edit")
