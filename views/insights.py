"""Insights: what the journal says about repair, body and context, without grading it."""

import streamlit as st

from components.cycle.phases import journal_phases
from components.demo_banner import demo_banner
from components.insights.journal_insights import insight_figures, journal_insights
from components.insights.sections import (
    body_section,
    context_section,
    ratio_section,
    reflection_section,
    repair_section,
)
from components.journal.source import current_journal
from components.language import current_messages
from nabij.text_safety import escape_markdown

msg = current_messages()
opened = current_journal(msg)
journal, events = opened.journal, opened.events

st.title(f"{msg('insights.title')}: {escape_markdown(journal.name)}")
demo_banner(opened, msg)
st.caption(msg("insights.intro"))
st.info(msg("insights.not_a_diagnosis"), icon=":material/self_improvement:")

if events.empty:
    st.info(msg("insights.empty"))
    st.page_link("views/journal.py", label=msg("cycle.log_first"), icon=":material/edit_note:")
    st.stop()

bands = journal_phases(opened, msg.language).bands
insights = journal_insights(opened, bands)
figures = insight_figures(opened, bands, msg.language)
st.caption(msg("insights.whole_journal", start=msg.date(events["occurred_at"].iloc[0].date()),
               end=msg.date(events["occurred_at"].iloc[-1].date())))

reflection_section(insights, journal, msg)
repair_section(insights, figures, msg)
ratio_section(insights, figures, msg)
body_section(insights, figures, journal, msg)
context_section(insights, figures, msg)
st.caption(msg("app.reflection_note"))
