"""Steps 6 and 7: one small next step agreed together, and the summary to take home."""

from __future__ import annotations

from functools import partial

import streamlit as st

from components.help_link import help_link
from components.privacy.locked_elsewhere import guard_locked
from components.session.screen import Screen
from components.session.state import kept
from nabij.i18n import Messages
from nabij.model import InvalidInput
from nabij.session.records import TEXT_MAX_CHARS, SessionNote, SessionRecords, validate_next_step
from nabij.session.sentences import missing_sentences
from nabij.session.take_home import gather_summary, note_of_day, summary_html
from nabij.text_safety import markdown_params

NEXT_KEY = "session_next_text"
NEXT_NOTICE_KEY = "session_next_notice"


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


def next_step_step(screen: Screen) -> None:
    msg = screen.msg
    st.subheader(msg("session_steps.next_step"))
    st.markdown(msg("session_next.intro"))
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
                              args=(screen.records, screen.journal_id, screen.today, msg))
    notice = st.session_state.pop(NEXT_NOTICE_KEY, None)
    if notice is not None:
        (st.success if notice[0] == "success" else st.error)(notice[1])


def summary_step(screen: Screen) -> None:
    msg = screen.msg
    st.subheader(msg("session_steps.summary"))
    st.markdown(msg("session_summary.intro"))
    summary = gather_summary(screen.records, screen.journal, screen.today, screen.view,
                             screen.settings.present, screen.bands, kept("map_event"),
                             msg.language)
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
