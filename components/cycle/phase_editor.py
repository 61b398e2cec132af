"""Marking phases by hand on the Cycle page, and accepting a suggestion (whole or one span)."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from components.privacy.locked_elsewhere import guard_locked
from nabij.i18n import Messages
from nabij.model import Journal
from nabij.phases.four_phases import PHASE_ORDER, Phase
from nabij.phases.marks import PhaseMark, PhaseSpan
from nabij.storage import Store


@guard_locked
def _add_mark(store: Store, journal: Journal, msg: Messages) -> None:
    day = st.session_state.get("mark_day")
    phase = st.session_state.get("mark_phase")
    if not isinstance(day, dt.date) or phase not in PHASE_ORDER:
        st.session_state["phase_notice"] = ("error", msg("phase_ui.mark_incomplete"))
        return
    store.set_phase_mark(journal.id, PhaseMark(start=day, phase=Phase(phase)))
    st.session_state["phase_notice"] = ("success", msg(
        "phase_ui.marked", phase=msg(f"phase.{phase}"), date=msg.date(day)))


@guard_locked
def _remove_mark(store: Store, journal: Journal, mark_id: int, msg: Messages) -> None:
    try:
        store.delete_phase_mark(journal.id, mark_id)
    except LookupError:
        st.session_state["phase_notice"] = ("error", msg("phase_ui.mark_gone"))
        return
    st.session_state["phase_notice"] = ("success", msg("phase_ui.removed"))


@guard_locked
def _accept(store: Store, journal: Journal, spans: tuple[PhaseSpan, ...], msg: Messages) -> None:
    store.set_phase_marks(journal.id, [PhaseMark(span.start, span.phase, end=span.end)
                                       for span in spans])
    st.session_state["phase_notice"] = ("success", msg("phase_ui.accepted", count=len(spans)))


def _notice() -> None:
    notice = st.session_state.pop("phase_notice", None)
    if notice:
        (st.success if notice[0] == "success" else st.error)(notice[1])


def phase_editor(store: Store, journal: Journal, marks: list[PhaseMark],
                 suggestions: tuple[tuple[PhaseSpan, str], ...], last_day: dt.date,
                 msg: Messages) -> None:
    """Marks with remove buttons, a form for a new mark, and the suggestion to accept.

    `suggestions` are the suggested spans not covered by a mark, each with its reason in
    the user's language.
    """
    # A key keeps the expander the same element across reruns, so it stays open after a mark.
    with st.expander(msg("phase_ui.heading"), icon=":material/flag:", key="phase_editor"):
        _notice()
        st.caption(msg("phase_ui.intro"))
        for mark in marks:
            text_column, button_column = st.columns([3, 1], vertical_alignment="center")
            text_column.markdown(msg("phase_ui.mark_line", phase=msg(f"phase.{mark.phase}"),
                                     date=msg.date(mark.start)))
            button_column.button(msg("phase_ui.remove"), key=f"remove_mark_{mark.id}",
                                 on_click=_remove_mark, args=(store, journal, mark.id, msg))
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
            st.markdown(f"**{msg('phase_ui.suggested_heading')}**")
            st.caption(msg("phase_ui.suggested_intro"))
            spans = tuple(span for span, _ in suggestions)
            st.button(msg("phase_ui.accept_all"), key="accept_all", type="primary",
                      on_click=_accept, args=(store, journal, spans, msg))
            for index, (span, reason) in enumerate(suggestions):
                with st.container(border=True, key=f"suggestion_{index}"):
                    st.markdown(msg("phase_ui.span_line", phase=msg(f"phase.{span.phase}"),
                                    start=msg.date(span.start), end=msg.date(span.end)))
                    st.caption(reason)
                    st.button(msg("phase_ui.accept_span"), key=f"accept_{index}",
                              on_click=_accept, args=(store, journal, (span,), msg))
