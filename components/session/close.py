"""Steps 6 and 7: one small next step agreed together, and the summary to take home."""

from __future__ import annotations

from functools import partial

import streamlit as st

from components.help_link import help_link
from components.privacy.locked_elsewhere import guard_locked
from components.session.screen import Screen
from components.session.state import kept
from nabij.content import PHASE_PANELS, get_panel
from nabij.i18n import Messages
from nabij.model import InvalidInput
from nabij.session.checkins import check_ins_on
from nabij.session.cycle_map import FIVE_STEPS_PANEL, fitting_step, five_step_section
from nabij.session.prepare import filled_pieces, missing_pieces, phase_in_view
from nabij.session.records import (
    TEXT_MAX_CHARS,
    SessionNote,
    SessionRecords,
    validate_next_session,
    validate_next_step,
)
from nabij.session.sentences import missing_sentences
from nabij.session.take_home import SessionSummary, summary_html
from nabij.text_safety import markdown_params

NEXT_KEY = "session_next_text"
NEXT_NOTICE_KEY = "session_next_notice"
NEXT_SESSION_KEY = "session_next_session_day"


def today_note(screen: Screen) -> SessionNote | None:
    return next((note for note in screen.records.sessions(screen.journal_id)
                 if note.held_on == screen.today), None)


@guard_locked
def _save_next(records: SessionRecords, journal_id: int | None, today, msg: Messages) -> None:
    try:
        text = validate_next_step(st.session_state.get(NEXT_KEY))
    except InvalidInput as invalid:
        problem = invalid.problems[0]
        st.session_state[NEXT_NOTICE_KEY] = ("error", msg(problem.key,
                                                          **markdown_params(problem.params)))
        return
    records.save_session(journal_id, SessionNote(held_on=today, next_step=text))
    st.session_state[NEXT_NOTICE_KEY] = ("success", msg("session_next.saved"))


@guard_locked
def _save_next_session(records: SessionRecords, journal_id: int | None, today,
                       msg: Messages) -> None:
    try:
        day = validate_next_session(st.session_state.get(NEXT_SESSION_KEY), today)
    except InvalidInput as invalid:
        st.session_state[NEXT_NOTICE_KEY] = ("error", msg(invalid.problems[0].key))
        return
    records.set_next_session(journal_id, day)
    st.session_state[NEXT_NOTICE_KEY] = ("success", msg(
        "session_next.date_saved" if day else "session_next.date_cleared"))


def next_session_date(screen: Screen) -> None:
    """Optional: the day of the next session, for the coach's overview of their couples."""
    msg = screen.msg
    planned = screen.records.next_session(screen.journal_id)
    if planned is not None and planned < screen.today:
        planned = None  # that session has been: nothing is planned now
    st.session_state[NEXT_SESSION_KEY] = planned
    st.date_input(msg("session_next.date_label"), key=NEXT_SESSION_KEY, min_value=screen.today,
                  format="DD-MM-YYYY", help=msg("session_next.date_help"),
                  on_change=_save_next_session,
                  args=(screen.records, screen.journal_id, screen.today, msg))
    if planned is not None:
        st.button(msg("session_next.date_clear"), key="session_next_session_clear",
                  icon=":material/event_busy:", on_click=_clear_next_session,
                  args=(screen.records, screen.journal_id, msg))


@guard_locked
def _clear_next_session(records: SessionRecords, journal_id: int | None, msg: Messages) -> None:
    records.set_next_session(journal_id, None)
    st.session_state[NEXT_NOTICE_KEY] = ("success", msg("session_next.date_cleared"))


def next_step_step(screen: Screen) -> None:
    msg = screen.msg
    st.subheader(msg("session_steps.next_step"))
    st.markdown(msg("session_next.intro"))
    last = screen.settings.last_session
    if last is not None and last.next_step:
        with st.container(border=True):
            st.caption(msg("session_next.previous"))
            st.text(last.next_step)
    saved = today_note(screen)
    with st.form("session_next_form", border=False):
        st.text_area(msg("session_next.label"), value=saved.next_step if saved else "",
                     max_chars=TEXT_MAX_CHARS, placeholder=msg("session_next.placeholder"),
                     key=NEXT_KEY)
        st.form_submit_button(msg("session_next.save"), type="primary", on_click=_save_next,
                              args=(screen.records, screen.journal_id, screen.today, msg))
    next_session_date(screen)
    notice = st.session_state.pop(NEXT_NOTICE_KEY, None)
    if notice is not None:
        (st.success if notice[0] == "success" else st.error)(notice[1])


def build_summary(screen: Screen) -> SessionSummary:
    """Everything the session showed, gathered for the page to take home."""
    msg, view, present = screen.msg, screen.view, screen.settings.present
    history = screen.records.check_ins(screen.journal_id)
    scores = {slot: score for slot, score in check_ins_on(history, screen.today).items()
              if present[slot]}
    phase = phase_in_view(screen.bands, view.period)
    panel = get_panel(msg.language, PHASE_PANELS[str(phase.phase)]) if phase else None
    moments = view.distance_moments()
    chosen = kept("map_event")
    maps = screen.records.cycle_maps(screen.journal_id)
    cycle_map = moment = step = section = None
    if not moments.empty and chosen in maps and chosen in set(moments["id"]):
        cycle_map = maps[chosen]
        moment = moments[moments["id"] == chosen].iloc[0].to_dict()
        step = fitting_step(cycle_map)
        section = five_step_section(get_panel(msg.language, FIVE_STEPS_PANEL).body, step.number)
    note = today_note(screen)
    next_text = note.next_step if note else ""
    parts = (screen.journal, view, present, scores, cycle_map, next_text, phase is not None)
    missing, filled = missing_pieces(*parts), filled_pieces(*parts)
    return SessionSummary(
        journal=screen.journal, held_on=screen.today, view=view, present=present,
        check_ins_today=scores, check_in_history=tuple(history), phase=phase,
        phase_panel=panel, bands=screen.bands, cycle_map=cycle_map, cycle_moment=moment,
        fitting_step=step, step_section=section, next_step=next_text, missing=missing,
        filled=filled)


def summary_step(screen: Screen) -> None:
    msg = screen.msg
    st.subheader(msg("session_steps.summary"))
    st.markdown(msg("session_summary.intro"))
    summary = build_summary(screen)
    filled = missing_sentences(summary.filled, msg)
    if filled:
        with st.container(border=True, key="session_filled"):
            st.markdown(f"#### {msg('session_summary.filled_heading')}")
            for line in filled:
                st.text(f"• {line}")
    lines = missing_sentences(summary.missing, msg)
    with st.container(border=True, key="session_missing"):
        if lines:
            st.markdown(f"#### {msg('session_summary.missing_heading')}")
            for line in lines:
                st.text(f"• {line}")
        else:
            st.text(msg("session_summary.complete"))
    st.download_button(msg("session_summary.download"),
                       data=partial(summary_html, summary, msg),
                       file_name=f"nabij-session-{screen.today.isoformat()}.html",
                       mime="text/html", icon=":material/download:", type="primary",
                       on_click="ignore", key="session_summary_download")
    help_link(msg)
