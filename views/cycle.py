"""Cycle: the journal's moments over time, with balance, phases and the moment in focus."""

from functools import partial

import streamlit as st

from components.chart_words import chart_in_words
from components.cycle.chart import (
    cycle_calendar,
    cycle_figures,
    cycle_words_for,
    html_export,
    show_timeline,
)
from components.cycle.controls import cycle_controls
from components.cycle.moment_detail import event_detail
from components.cycle.phase_editor import phase_editor
from components.cycle.phase_side_panel import phase_side_panel
from components.cycle.phases import journal_phases
from components.cycle.touch import bring_into_view, select_on_first_tap
from components.demo_banner import demo_banner
from components.insights.highlight import insight_highlight
from components.journal.database import get_store
from components.journal.source import current_journal
from components.language import current_messages
from nabij.cycle.period_summary import summary_sentences
from nabij.cycle.view import chart_file_name, png_config
from nabij.plotly_toolbar import toolbar_config
from nabij.text_safety import escape_markdown

msg = current_messages()
opened = current_journal(msg)
journal, events = opened.journal, opened.events

st.title(f"{msg('cycle.title')}: {escape_markdown(journal.name)}")
demo_banner(opened, msg, compact=True)

if events.empty:
    st.caption(msg("cycle.intro"))
    st.info(msg("cycle.empty"))
    st.page_link("views/journal.py", label=msg("cycle.log_first"), icon=":material/edit_note:")
    st.stop()

view = cycle_controls(events, journal, msg)
phases = journal_phases(opened, msg.language)
marks, bands, suggestions = phases.marks, phases.bands, phases.suggestions
figures = cycle_figures(opened, view, bands, msg.language)
summary = figures.summary

# The chart first; on a phone the columns stack, so what a tap selects comes right below it.
chart_column, side_column = st.columns([3, 1], gap="medium")
with chart_column:
    if summary.total == 0:
        st.info(msg("cycle_controls.no_events_in_range"))
    select_on_first_tap()
    selected = show_timeline(figures.timeline, png_config(journal.name, view, msg))
    st.caption(msg("cycle.intro"))  # under the chart: on a phone the chart comes first

with side_column:
    if selected.moment_ids:
        rows = events[events["id"] == selected.moment_ids[0]]
        if not rows.empty:
            event_detail(rows.iloc[0], msg)
            bring_into_view("event_detail", selected.moment_ids[0])
    elif not selected.empty:
        with st.container(key="bucket_detail"):
            st.info(msg("cycle_controls.bucket_detail",
                        count=selected.grouped_moments or selected.points))
        bring_into_view("bucket_detail", selected.day.toordinal() if selected.day else 0)
    else:
        st.caption(msg("cycle_controls.detail_hint"))
    phase_side_panel(bands, selected, view, msg,
                     None if opened.is_demo else events["occurred_at"].iloc[-1])
    insight_highlight(opened, bands, msg)

chart_in_words(lambda: cycle_words_for(opened, view, bands, msg.language), "cycle_chart")
with st.expander(msg("cycle_page.calendar_expander"), icon=":material/calendar_month:",
                 key="cycle_calendar_fold", on_change="rerun") as calendar_fold:
    if calendar_fold.open:  # built only when someone opens it
        calendar = cycle_calendar(opened, view, msg.language)
        st.plotly_chart(calendar.figure, key="cycle_calendar", config=toolbar_config(msg))
        st.caption(msg("cycle_controls.calendar_caption"))
        if calendar.words is not None:
            chart_in_words(calendar.words, "cycle_calendar",
                           msg("chart_words.calendar_heading"), fold=False)

if opened.is_demo:
    if not opened.is_coach_view:
        st.caption(msg("phase_ui.read_only"))
else:
    phase_editor(get_store(), journal, list(marks), suggestions,
                 events["occurred_at"].iloc[-1].date(), msg, phases.unknown)

st.subheader(msg("summary.heading"))
for sentence in summary_sentences(summary, msg):
    st.text(sentence)

st.caption(msg("cycle_controls.png_hint"))
st.download_button(msg("cycle_controls.download_html"),
                   data=partial(html_export, opened, view, bands, msg.language),
                   file_name=f"{chart_file_name(journal.name, view)}.html",
                   mime="text/html", icon=":material/download:", on_click="ignore")
st.caption(msg("app.reflection_note"))
