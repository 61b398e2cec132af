"""The latest moments of a journal, newest first, each with edit and delete.

Deleting is immediate and undoable (the row is only marked), which is kinder on a phone than
a confirmation dialog: one tap to delete, one tap to take it back. Every outcome is also a
toast, which shows wherever the page is scrolled; a toast cannot hold a button, so Undo sits
where the person was looking: at the form after a save, in the deleted moment's place in the
list after a delete. A delete or an undo also clears the form's old error messages: they
were about an attempt that no longer matters.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.moments.moment_form import EDIT, LOG, stop_editing
from components.privacy.locked_elsewhere import guard_locked
from nabij.i18n import Messages
from nabij.model import Journal
from nabij.moment_saving import delete_moment, restore_moment
from nabij.moment_words import row_caption, row_heading
from nabij.storage import Store

PAGE_SIZE = 20


def _start_editing(event_id: int) -> None:
    stop_editing()
    st.session_state["editing_event"] = event_id


def _clear_form_errors() -> None:
    for prefix in (LOG, EDIT):
        st.session_state.pop(f"{prefix}_errors", None)


@guard_locked
def _delete(store: Store, journal: Journal, event_id: int, msg: Messages,
            where: str = "list") -> None:
    """`where` the Undo is shown: "list" (the moment's place) or "form" (undoing a save)."""
    _clear_form_errors()
    deleted = delete_moment(store, journal.id, event_id)
    if deleted is None:
        st.session_state["events_notice"] = ("error", msg("events.gone"))
        return
    if st.session_state.get("editing_event") == event_id:
        stop_editing()
    st.session_state["undo_event"] = (event_id, deleted.occurred_at, where)
    st.session_state["events_notice"] = ("deleted", msg("events.deleted"))


@guard_locked
def _undo(store: Store, journal: Journal, event_id: int, msg: Messages) -> None:
    _clear_form_errors()
    st.session_state.pop("undo_event", None)
    restored = restore_moment(store, journal.id, event_id)
    st.session_state["events_notice"] = (("success", msg("events.restored")) if restored
                                         else ("error", msg("events.gone")))


def _undo_card(store: Store, journal: Journal, msg: Messages, event_id: int) -> None:
    with st.container(border=True, key="undo_card"):
        st.info(msg("events.deleted"), icon=":material/delete:")
        st.button(msg("events.undo"), key="undo_delete", icon=":material/undo:",
                  on_click=_undo, args=(store, journal, event_id, msg))


def _pending_undo(where: str) -> tuple | None:
    """The delete just made, when its Undo belongs `where` ("form" or "list")."""
    pending = st.session_state.get("undo_event")
    return pending if pending is not None and pending[2] == where else None


def events_notice(store: Store, journal: Journal, msg: Messages) -> None:
    """Above the form: the outcome of the last save, edit or delete, as a toast too.

    After a save it says what was saved, with Undo (which deletes it again, undoably); after
    that undo, the way back. A delete from the list has its Undo in the list instead.
    """
    notice = st.session_state.pop("events_notice", None)
    if notice is None:
        st.session_state.pop("undo_event", None)  # an Undo lasts until the next action
        return
    level, text = notice[:2]
    if level == "error":
        st.error(text)
        return
    if level != "pending":  # "pending": a refused save, the Undo of a delete still stands
        st.toast(text, icon=":material/delete:" if level == "deleted" else ":material/check:")
    if level == "saved":
        with st.container(border=True, key="saved_notice"):
            st.success(text)
            st.button(msg("events.undo"), key="undo_save", icon=":material/undo:",
                      on_click=_delete, args=(store, journal, notice[2], msg, "form"))
    elif level == "success":
        st.success(text)
    elif (pending := _pending_undo("form")) is not None:  # after a delete or a refused save
        _undo_card(store, journal, msg, pending[0])


def event_list(events: pd.DataFrame, journal: Journal, store: Store | None,
               msg: Messages, keyed_partners: frozenset[int] = frozenset()) -> None:
    """Newest first. Without a store (the read-only demo) there are no buttons.

    `keyed_partners` have a passphrase of their own: their private moments are sealed.
    """
    st.subheader(msg("events.heading"))
    pending = _pending_undo("list") if store is not None else None
    shown = st.session_state.get("events_shown", PAGE_SIZE)
    for row in events.iloc[::-1].head(shown).itertuples(index=False):
        if pending is not None and row.occurred_at <= pending[1]:
            _undo_card(store, journal, msg, pending[0])  # in the deleted moment's place
            pending = None
        with st.container(border=True, key=f"event_{row.id}"):
            st.markdown(row_heading(row, msg))
            st.caption(row_caption(row, keyed_partners, msg))
            st.text(row.note if row.note else msg("events.no_note"))
            if store is not None:
                edit_column, delete_column = st.columns(2)
                edit_column.button(msg("events.edit"), key=f"edit_{row.id}",
                                   icon=":material/edit:", on_click=_start_editing,
                                   args=(int(row.id),), width="stretch")
                delete_column.button(msg("events.delete"), key=f"delete_{row.id}",
                                     icon=":material/delete:", on_click=_delete,
                                     args=(store, journal, int(row.id), msg), width="stretch")
    if pending is not None:
        _undo_card(store, journal, msg, pending[0])
    if events.empty:
        st.info(msg("events.empty"))
    if len(events) > shown:
        st.button(msg("events.show_more"), key="show_more", on_click=st.session_state.update,
                  kwargs={"events_shown": shown + PAGE_SIZE})
