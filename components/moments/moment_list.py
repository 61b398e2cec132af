"""The latest moments of a journal, newest first, each with edit and delete.

Deleting is immediate and undoable (the row is only marked), which is kinder on a phone than
a confirmation dialog: one tap to delete, one tap to take it back.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.moments.moment_form import stop_editing
from components.privacy.locked_elsewhere import guard_locked
from nabij.i18n import Messages
from nabij.model import Journal
from nabij.storage import EventNotFound, Store
from nabij.text_safety import escape_markdown

PAGE_SIZE = 20


def _start_editing(event_id: int) -> None:
    stop_editing()
    st.session_state["editing_event"] = event_id


@guard_locked
def _delete(store: Store, journal: Journal, event_id: int, msg: Messages) -> None:
    try:
        store.delete_event(journal.id, event_id)
    except EventNotFound:
        st.session_state["events_notice"] = ("error", msg("events.gone"))
        return
    if st.session_state.get("editing_event") == event_id:
        stop_editing()
    st.session_state["undo_event"] = event_id
    st.session_state["events_notice"] = ("deleted", msg("events.deleted"))


@guard_locked
def _undo(store: Store, journal: Journal, event_id: int, msg: Messages) -> None:
    store.restore_event(journal.id, event_id)
    st.session_state.pop("undo_event", None)
    st.session_state["events_notice"] = ("success", msg("events.restored"))


def _show_more() -> None:
    st.session_state["events_shown"] = st.session_state.get("events_shown", PAGE_SIZE) + PAGE_SIZE


def events_notice(store: Store, journal: Journal, msg: Messages) -> None:
    """The outcome of the last save, edit or delete, with Undo after a delete."""
    notice = st.session_state.pop("events_notice", None)
    if notice is None:
        return
    level, text = notice
    if level == "deleted":
        undo_id = st.session_state.get("undo_event")
        with st.container(border=True):
            st.info(text, icon=":material/delete:")
            if undo_id is not None:
                st.button(msg("events.undo"), key="undo_delete", icon=":material/undo:",
                          on_click=_undo, args=(store, journal, undo_id, msg))
    elif level == "error":
        st.error(text)
    else:
        st.success(text)


def _visibility_badge(row, keyed_partners: frozenset[int], msg: Messages) -> str:
    if row.visibility == "private" and row.partner not in keyed_partners:
        return msg("visibility.badge_private_unsealed")
    return msg(f"visibility.badge_{row.visibility}")


def event_list(events: pd.DataFrame, journal: Journal, store: Store | None,
               msg: Messages, keyed_partners: frozenset[int] = frozenset()) -> None:
    """Newest first. Without a store (the read-only demo) there are no buttons.

    `keyed_partners` have a passphrase of their own: their private moments are sealed. A
    private moment of anyone else was marked so before, and says it is still readable.
    """
    st.subheader(msg("events.heading"))
    if events.empty:
        st.info(msg("events.empty"))
        return
    shown = st.session_state.get("events_shown", PAGE_SIZE)
    latest = events.iloc[::-1].head(shown)
    for row in latest.itertuples(index=False):
        with st.container(border=True, key=f"event_{row.id}"):
            kind = msg(f"kind.{row.kind}")
            # Up for closeness, down for distance: the same sides as on the chart.
            mark = (":material/arrow_upward:" if row.kind == "closeness"
                    else ":material/arrow_downward:")
            st.markdown(f"{mark} **{escape_markdown(msg.datetime(row.occurred_at))}** · "
                        f"{escape_markdown(row.partner_name)} · {kind} · {row.intensity}/5")
            # What the body did (when filled in) and who may see the moment, in one line.
            st.caption(" · ".join([*([msg(f"body.{row.body}")] if row.body else []),
                                   _visibility_badge(row, keyed_partners, msg)]))
            st.text(row.note if row.note else msg("events.no_note"))
            if store is not None:
                edit_column, delete_column = st.columns(2)
                edit_column.button(msg("events.edit"), key=f"edit_{row.id}",
                                   icon=":material/edit:", on_click=_start_editing,
                                   args=(int(row.id),), width="stretch")
                delete_column.button(msg("events.delete"), key=f"delete_{row.id}",
                                     icon=":material/delete:", on_click=_delete,
                                     args=(store, journal, int(row.id), msg), width="stretch")
    if len(events) > shown:
        st.button(msg("events.show_more"), on_click=_show_more, key="show_more")
