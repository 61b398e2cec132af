"""Session: a couple and their coach at one shared screen, one step at a time."""

import streamlit as st

from components.journal.source import current_journal
from components.language import current_messages
from components.privacy.unlock_form import unlock_screen
from components.session.checkin import check_in_step
from components.session.close import next_step_step, summary_step
from components.session.cycle_map_step import map_step
from components.session.perspective import chart_step, phase_step
from components.session.screen import (
    STEPS,
    Screen,
    notes_toggle,
    session_styles,
    step_heading,
    step_nav,
)
from components.session.start import start_step
from components.session.state import reset_for, session_records
from nabij.session.period import journal_today
from nabij.text_safety import escape_markdown

STEP_VIEWS = {"start": start_step, "check_in": check_in_step, "chart": chart_step,
              "phase": phase_step, "cycle_map": map_step, "next_step": next_step_step,
              "summary": summary_step}

msg = current_messages()
opened = current_journal(msg)
if opened.is_coach_view:  # a session writes: the couple opens their own journal here
    st.title(f"{msg('session.title')}: {escape_markdown(opened.journal.name)}")
    if opened.journal.protected:
        st.info(msg("session.coach_view"), icon=":material/groups:")
        unlock_screen(opened.journal, msg, as_page=False)
    else:  # no passphrase (only at home): a form would count every try in vain
        st.info(msg("coach.read_only"), icon=":material/visibility:")
    st.stop()
reset_for(opened)
session_styles()

st.title(f"{msg('session.title')}: {escape_markdown(opened.journal.name)}")
st.caption(msg("session.intro"))
if opened.is_demo:
    st.info(msg("session.demo_memory"), icon=":material/visibility:")

screen = Screen(opened, session_records(opened), journal_today(opened.journal), msg)
step = step_nav(msg, "top")
notes_toggle(msg)
with st.container(key="session_stage"):
    step_heading(msg, STEPS[step])
    STEP_VIEWS[STEPS[step]](screen)
step_nav(msg, "bottom")
st.caption(msg("app.reflection_note"))
