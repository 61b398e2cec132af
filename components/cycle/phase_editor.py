"""Marking phases by hand on the Cycle page, and accepting a suggestion (whole or one span).

A mark's day can be changed in its own small form, and removing a mark offers an undo until
the next change to the marks: the changes and what they tell are in nabij.phases.editing.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from components.privacy.locked_elsewhere import guard_locked
from nabij.i18n import Messages
from nabij.model import Journal
from nabij.phases.editing import GONE, Notice, accept_spans, add_mark, move_mark, restore_mark
from nabij.phases.four_phases import PHASE_ORDER
from nabij.phases.marks import PhaseMark, PhaseSpan
from nabij.storage import Store

_NOTICE = "phase_notice"
_REMOVED = "phase_removed"  # (journal id, the removed mark) while its undo is offered


def _tell(notice: Notice, msg: Messages) -> None:
    """Keep what a change did for the next run; a change that landed ends the undo offer."""
    if notice.ok:
        st.session_state.pop(_REMOVED, None)
    st.session_state[_NOTICE] = (notice.ok, notice.text(msg))


@guard_locked
def _add_mark(store: Store, journal: Journal, msg: Messages) -> None:
    _tell(add_mark(store, journal.id, st.session_state.get("mark_day"),
                   st.session_state.get("mark_phase")), msg)


@guard_locked
def _move_mark(store: Store, journal: Journal, mark_id: int, msg: Messages) -> None:
    _tell(move_mark(store, journal.id, mark_id,
                    st.session_state.get(f"move_mark_day_{mark_id}")), msg)


@guard_locked
def _remove_mark(store: Store, journal: Journal, mark_id: int, msg: Messages) -> None:
    try:
        removed = store.delete_phase_mark(journal.id, mark_id)
    except LookupError:
        _tell(GONE, msg)
        return
    st.session_state[_REMOVED] = (journal.id, removed)


@guard_locked
def _undo_remove(store: Store, journal: Journal, msg: Messages) -> None:
    offered = st.session_state.pop(_REMOVED, None)
    if offered is not None and offered[0] == journal.id:
        _tell(restore_mark(store, journal.id, offered[1]), msg)


@guard_locked
def _accept(store: Store, journal: Journal, spans: tuple[PhaseSpan, ...], msg: Messages) -> None:
    _tell(accept_spans(store, journal.id, spans), msg)


def _notice(store: Store, journal: Journal, msg: Messages) -> None:
    notice = st.session_state.pop(_NOTICE, None)
    if notice:
        (st.success if notice[0] else st.error)(notice[1])
    offered = st.session_state.get(_REMOVED)
    if offered is not None and offered[0] == journal.id:
        # Shown until the next change to the marks, so the undo never stands without its why.
        st.success(msg("phase_ui.removed"))
        st.button(msg("phase_ui.undo_remove"), key="undo_remove_mark", icon=":material/undo:",
                  on_click=_undo_remove, args=(store, journal, msg))


def _mark_row(store: Store, journal: Journal, mark: PhaseMark, msg: Messages) -> None:
    text_column, edit_column, remove_column = st.columns([3, 1, 1],
                                                         vertical_alignment="center")
    text_column.markdown(msg("phase_ui.mark_line", phase=msg(f"phase.{mark.phase}"),
                             date=msg.date(mark.start)))
    with (edit_column.popover(msg("phase_ui.change_day"), icon=":material/edit_calendar:"),
          st.form(f"move_mark_{mark.id}", border=False)):
        st.date_input(msg("phase_ui.begins_on"), value=mark.start,
                      key=f"move_mark_day_{mark.id}", format="DD-MM-YYYY")
        st.form_submit_button(msg("phase_ui.save_day"), on_click=_move_mark,
                              args=(store, journal, mark.id, msg))
    remove_column.button(msg("phase_ui.remove"), key=f"remove_mark_{mark.id}",
                         on_click=_remove_mark, args=(store, journal, mark.id, msg))


UNKNOWN_SHOWN = 5
EDITOR_KEY = "phase_editor"


def phase_editor(store: Store, journal: Journal, marks: list[PhaseMark],
                 suggestions: tuple[tuple[PhaseSpan, str], ...], last_day: dt.date,
                 msg: Messages,
                 unknown: tuple[tuple[dt.date, dt.date, str], ...] = ()) -> None:
    """Marks with their day to change and a remove button, a form for a new mark, and the
    suggestion to accept.

    `suggestions` are the suggested spans not covered by a mark, each with its reason in
    the user's language; `unknown` the stretches Nabij leaves open, with why.
    """
    # A key keeps the expander the same element across reruns, so it stays open after a mark;
    # its state is tracked, so a closed editor builds none of its widgets (every rerun after a
    # new moment would pay for them).
    with st.expander(msg("phase_ui.heading"), icon=":material/flag:", key=EDITOR_KEY,
                     on_change="rerun") as editor:
        if not editor.open:
            return
        _notice(store, journal, msg)
        st.caption(msg("phase_ui.intro"))
        for mark in marks:
            _mark_row(store, journal, mark, msg)
        st.session_state.setdefault("mark_day", last_day)
        with st.form("mark_phase", border=False):
            day_column, phase_column = st.columns(2)
            day_column.date_input(msg("phase_ui.from_day"), key="mark_day",
                                  format="DD-MM-YYYY")
            phase_column.selectbox(msg("phase_ui.phase"), [str(p) for p in PHASE_ORDER],
                                   key="mark_phase", index=None,
                                   format_func=lambda code: msg(f"phase.{code}"),
                                   placeholder=msg("phase_ui.choose_phase"))
            st.form_submit_button(msg("phase_ui.mark"), on_click=_add_mark,
                                  args=(store, journal, msg))
        if suggestions:
            _heading(msg("phase_ui.suggested_heading"), msg("phase_ui.suggested_intro"))
            spans = tuple(span for span, _ in suggestions)
            st.button(msg("phase_ui.accept_all"), key="accept_all", type="primary",
                      on_click=_accept, args=(store, journal, spans, msg))
            for index, (span, reason) in enumerate(suggestions):
                line = msg("phase_ui.span_line", phase=msg(f"phase.{span.phase}"),
                           start=msg.date(span.start), end=msg.date(span.end))
                _card(f"suggestion_{index}", line, reason).button(
                    msg("phase_ui.accept_span"), key=f"accept_{index}", on_click=_accept,
                    args=(store, journal, (span,), msg))
        if unknown:
            _heading(msg("phase_ui.unknown_heading"), msg("phase_ui.unknown_intro"))
            shown = unknown[-UNKNOWN_SHOWN:]  # the latest ones: a long journal has many
            if len(unknown) > len(shown):
                st.caption(msg("phase_ui.unknown_more", count=len(unknown) - len(shown)))
            for index, (start, end, reason) in enumerate(shown):
                _card(f"unknown_{index}", msg("phase_ui.unknown_line", start=msg.date(start),
                                              end=msg.date(end)), reason)


def _heading(heading: str, intro: str) -> None:
    st.markdown(f"**{heading}**")
    st.caption(intro)


def _card(key: str, line: str, reason: str) -> DeltaGenerator:
    """A bordered box with a span's line and its reason; more can go in it."""
    card = st.container(border=True, key=key)
    card.markdown(line)
    card.caption(reason)
    return card
