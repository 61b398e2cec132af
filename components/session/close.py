"""Steps 6 and 7: one small next step agreed together, and the summary to take home."""

from __future__ import annotations

from functools import partial

import streamlit as st

from components.help_link import help_link
from components.privacy.locked_elsewhere import guard_locked
from components.session.screen import Screen
from components.session.state import kept, show_notice
from nabij.model import InvalidInput
from nabij.session.period import planned_session
from nabij.session.records import TEXT_MAX_CHARS
from nabij.session.saving import plan_next_session, write_next_step
from nabij.session.sentences import missing_sentences, problem_message
from nabij.session.take_home import gather_summary, note_of_day, summary_html

NEXT_KEY = "session_next_text"
NEXT_NOTICE_KEY = "session_next_notice"
NEXT_SESSION_KEY = "session_next_session_day"


@guard_locked
def _save_next(screen: Screen) -> None:
    try:
        write_next_step(screen.records, screen.journal_id, screen.today,
                        st.session_state.get(NEXT_KEY))
    except InvalidInput as invalid:
        st.session_state[NEXT_NOTICE_KEY] = ("error", problem_message(invalid, screen.msg))
        return
    st.session_state[NEXT_NOTICE_KEY] = ("success", screen.msg("session_next.saved"))


@guard_locked
def _save_next_session(screen: Screen, clear: bool = False) -> None:
    """A day picked in the calendar, or (`clear`) the planned day taken away."""
    value = None if clear else st.session_state.get(NEXT_SESSION_KEY)
    try:
        day = plan_next_session(screen.records, screen.journal_id, value, screen.today)
    except InvalidInput as invalid:
        st.session_state[NEXT_NOTICE_KEY] = ("error", problem_message(invalid, screen.msg))
        return
    st.session_state[NEXT_NOTICE_KEY] = ("success", screen.msg(
        "session_next.date_saved" if day else "session_next.date_cleared"))


def next_session_date(screen: Screen) -> None:
    """Optional: the day of the next session, for the coach's overview of their couples."""
    msg = screen.msg
    planned = planned_session(screen.records.next_session(screen.journal_id), screen.today)
    st.session_state[NEXT_SESSION_KEY] = planned
    st.date_input(msg("session_next.date_label"), key=NEXT_SESSION_KEY, min_value=screen.today,
                  format="DD-MM-YYYY", help=msg("session_next.date_help"),
                  on_change=_save_next_session, args=(screen,))
    if planned is not None:
        st.button(msg("session_next.date_clear"), key="session_next_session_clear",
                  icon=":material/event_busy:", on_click=_save_next_session,
                  args=(screen, True))


def next_step_step(screen: Screen) -> None:
    msg = screen.msg
    last = screen.settings.last_session
    if last is not None and last.next_step:
        with st.container(border=True):
            st.caption(msg("session_next.previous"))
            st.text(last.next_step)
    saved = note_of_day(screen.records, screen.journal_id, screen.today)
    with st.form("session_next_form", border=False):
        st.text_area(msg("session_next.label"), value=saved.next_step if saved else "",
                     max_chars=TEXT_MAX_CHARS, placeholder=msg("session_next.placeholder"),
                     key=NEXT_KEY)
        st.form_submit_button(msg("session_next.save"), type="primary", on_click=_save_next,
                              args=(screen,))
    next_session_date(screen)
    show_notice(NEXT_NOTICE_KEY)


def _listed(key: str, heading: str, lines: list[str], complete: str = "") -> None:
    """A box of summary lines under `heading`, or `complete` where there are none."""
    with st.container(border=True, key=key):
        if not lines:
            st.text(complete)
            return
        st.markdown(f"#### {heading}")
        for line in lines:
            st.text(f"• {line}")


def summary_step(screen: Screen) -> None:
    msg = screen.msg
    summary = gather_summary(screen.records, screen.journal, screen.today, screen.view,
                             screen.settings.present, screen.bands, kept("map_event"),
                             msg.language)
    filled = missing_sentences(summary.filled, msg)
    if filled:
        _listed("session_filled", msg("session_summary.filled_heading"), filled)
    _listed("session_missing", msg("session_summary.missing_heading"),
            missing_sentences(summary.missing, msg), msg("session_summary.complete"))
    st.download_button(msg("session_summary.download"),
                       data=partial(summary_html, summary, msg),
                       file_name=f"nabij-session-{screen.today.isoformat()}.html",
                       mime="text/html", icon=":material/download:", type="primary",
                       on_click="ignore", key="session_summary_download")
    help_link(msg)
