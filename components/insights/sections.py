"""The sections of the Insights page: each says what it rests on, or that it is too few.

What a section says is made in nabij/insights/section_words.py. Sentences that hold user text
(partner names, context tags) are shown with st.text, so they stay text; captions and Markdown
only ever hold Nabij's own messages.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st
from plotly.graph_objects import Figure

from components.chart_words import figure_in_words
from components.panel import panel_expander
from nabij.i18n import Messages
from nabij.insights import JournalInsights
from nabij.insights.insight_figures import InsightFigures
from nabij.insights.section_words import (
    SectionWords,
    body_words,
    context_words,
    ratio_words,
    reflection_words,
    repair_month_words,
    repair_phase_words,
    repair_words,
    timing_words,
)
from nabij.model import Journal
from nabij.plotly_toolbar import toolbar_config


@contextmanager
def section(key: str, msg: Messages, intro: bool = True) -> Iterator[None]:
    with st.container(border=True, key=f"insights_section_{key}"):
        st.subheader(msg(f"insights.{key}.heading"), anchor=key)
        if intro:
            st.caption(msg(f"insights.{key}.intro"))
        yield


def say(words: SectionWords, msg: Messages, figure: Figure | None = None, key: str = "") -> None:
    """The too-few notice, or the figure; then the sentences as text and the notes."""
    if words.too_few is not None:
        st.info(msg("insights.too_few", count=words.too_few.count, needed=words.too_few.needed),
                icon=":material/hourglass_empty:")
    elif figure is not None:
        st.plotly_chart(figure, key=key, config=toolbar_config(msg, scrollZoom=False))
        figure_in_words(figure, key)
    for line in words.lines:
        st.text(line)
    for note in words.notes:
        st.caption(note)


def reflection_section(insights: JournalInsights, journal: Journal, msg: Messages) -> None:
    with section("reflection", msg, intro=False):
        if insights.reflection is not None:
            say(reflection_words(insights.reflection, journal.partners, msg), msg)
            panel_expander(msg, "five_steps")


def repair_section(insights: JournalInsights, figures: InsightFigures, msg: Messages) -> None:
    repair = insights.repair
    with section("repair", msg):
        say(repair_words(repair, msg), msg)
        if not repair.enough:
            return
        by_phase, by_month = st.tabs([msg("insights.repair.by_phase"),
                                      msg("insights.repair.by_month")])
        with by_phase:
            say(repair_phase_words(repair, msg), msg, figures.repair_by_phase,
                "insights_chart_repair_phase")
        with by_month:
            say(repair_month_words(repair, msg), msg, figures.repair_by_month,
                "insights_chart_repair_month")


def ratio_section(insights: JournalInsights, figures: InsightFigures, msg: Messages) -> None:
    with section("ratio", msg):
        st.info(f"**{msg('insights.ratio.context_title')}**\n\n{msg('insights.ratio.context')}",
                icon=":material/info:")
        say(ratio_words(insights.weekly, msg), msg, figures.weekly, "insights_chart_weekly")


def body_section(insights: JournalInsights, figures: InsightFigures, journal: Journal,
                 msg: Messages) -> None:
    with section("body", msg):
        say(body_words(insights.body, journal.partners, msg), msg, figures.body,
            "insights_chart_body")
        st.markdown(f"##### {msg('insights.timing.heading')}")
        st.caption(msg("insights.timing.intro"))
        say(timing_words(insights.timing, msg), msg, figures.timing, "insights_chart_timing")
        panel_expander(msg, "body")


def context_section(insights: JournalInsights, figures: InsightFigures, msg: Messages) -> None:
    with section("context", msg):
        if insights.context.tagged == 0:
            st.info(msg("insights.context.none"), icon=":material/label:")
        else:
            say(context_words(insights.context, msg), msg, figures.context,
                "insights_chart_context")
