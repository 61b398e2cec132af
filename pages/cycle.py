"""Cycle: the journal's moments over time."""

import streamlit as st

from components.demo_banner import demo_banner
from components.journal_picker import current_journal
from components.language import current_messages
from nabij.figures import cycle_figure
from nabij.text_safety import escape_markdown

msg = current_messages()
opened = current_journal(msg)
journal, events = opened.journal, opened.events

st.title(f"{msg('cycle.title')}: {escape_markdown(journal.name)}")
demo_banner(opened, msg)
if not opened.is_demo and not events.empty:
    st.page_link("pages/journal.py", label=msg("form.log_heading"), icon=":material/add_circle:")
st.caption(msg("cycle.intro"))

if events.empty:
    st.info(msg("cycle.empty"))
    st.page_link("pages/journal.py", label=msg("cycle.log_first"), icon=":material/edit_note:")
else:
    st.plotly_chart(cycle_figure(events, journal.partners, msg), key="cycle_chart",
                    config={"displaylogo": False})
    first, last = events["occurred_at"].iloc[0], events["occurred_at"].iloc[-1]
    st.caption(msg("cycle.summary", count=len(events), first=msg.date(first.date()),
                   last=msg.date(last.date())))
st.caption(msg("app.reflection_note"))
