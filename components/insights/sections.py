"""The sections of the Insights page: each says what it rests on, or that it is too few.

The sentences are made in nabij/insights/sentences.py. Those that hold user text (partner
names, context tags) are shown with st.text, so they stay text; captions and Markdown only
ever hold Nabij's own messages.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st
from plotly.graph_objects import Figure

from components.chart_words import figure_in_words
from components.language import current_messages
from components.panel import panel_expander
from nabij.i18n import Messages
from nabij.insights import Basis, JournalInsights
from nabij.insights.context import MAX_TAGS
from nabij.insights.insight_figures import InsightFigures
from nabij.insights.ratio import MAX_WEEKS
from nabij.insights.reflection import reflection_sentences
from nabij.insights.repair import MAX_MONTHS
from nabij.insights.sentences import (
    body_lines,
    context_basis,
    context_lines,
    ratio_summary,
    repair_overall,
    timing_line,
)
from nabij.model import Journal
from nabij.plotly_toolbar import toolbar_config


@contextmanager
def section(key: str, heading: str) -> Iterator[None]:
    with st.container(border=True, key=f"insights_section_{key}"):
        st.subheader(heading, anchor=key)
        yield


def too_few(basis: Basis, msg: Messages) -> None:
    st.info(msg("insights.too_few", count=basis.count, needed=basis.needed),
            icon=":material/hourglass_empty:")


def chart(figure: Figure | None, key: str) -> None:
    if figure is not None:
        st.plotly_chart(figure, key=key,
                        config=toolbar_config(current_messages(), scrollZoom=False))
        figure_in_words(figure, key)


def reflection_section(insights: JournalInsights, journal: Journal, msg: Messages) -> None:
    reflection = insights.reflection
    with section("reflection", msg("insights.reflection.heading")):
        if reflection is None:
            return
        for sentence in reflection_sentences(reflection, journal.partners, msg):
            st.text(sentence)
        st.caption(msg("insights.reflection.rests_on", count=reflection.total))
        panel_expander(msg, "five_steps")


def repair_section(insights: JournalInsights, figures: InsightFigures, msg: Messages) -> None:
    repair = insights.repair
    with section("repair", msg("insights.repair.heading")):
        st.caption(msg("insights.repair.intro"))
        if not repair.enough:
            too_few(repair.basis, msg)
            return
        overall = repair_overall(repair, msg)
        if isinstance(overall, Basis):
            too_few(overall, msg)
        else:
            st.text(overall)
        st.text(msg("insights.repair.counts", same=repair.same.repaired,
                    other=repair.other.repaired, total=repair.basis.count))
        if repair.same.open or repair.other.open:
            st.caption(msg("insights.repair.open_note"))
        st.caption(msg("insights.repair.rests_on", count=repair.basis.count))
        by_phase, by_month = st.tabs([msg("insights.repair.by_phase"),
                                      msg("insights.repair.by_month")])
        with by_phase:
            chart(figures.repair_by_phase, "insights_chart_repair_phase")
            st.caption(msg("insights.repair.phase_note"))
            if repair.without_phase:
                st.caption(msg("insights.repair.without_phase", count=repair.without_phase))
        with by_month:
            chart(figures.repair_by_month, "insights_chart_repair_month")
            if repair.months_left_out:
                st.caption(msg("insights.repair.months_left_out", count=MAX_MONTHS))


def ratio_section(insights: JournalInsights, figures: InsightFigures, msg: Messages) -> None:
    weekly = insights.weekly
    with section("ratio", msg("insights.ratio.heading")):
        st.caption(msg("insights.ratio.intro"))
        st.info(f"**{msg('insights.ratio.context_title')}**\n\n{msg('insights.ratio.context')}",
                icon=":material/info:")
        if not weekly.enough:
            too_few(weekly.basis, msg)
            return
        chart(figures.weekly, "insights_chart_weekly")
        st.text(ratio_summary(weekly, msg))
        st.caption(msg("insights.ratio.rests_on", count=weekly.basis.count))
        if weekly.weeks_left_out:
            st.caption(msg("insights.ratio.weeks_left_out", count=MAX_WEEKS))


def body_section(insights: JournalInsights, figures: InsightFigures, journal: Journal,
                 msg: Messages) -> None:
    body, timing = insights.body, insights.timing
    with section("body", msg("insights.body.heading")):
        st.caption(msg("insights.body.intro"))
        if not body.enough:
            too_few(body.basis, msg)
        else:
            chart(figures.body, "insights_chart_body")
            for line in body_lines(body, journal.partners, msg):
                st.text(line)
            st.caption(msg("insights.body.rests_on", count=body.basis.count))
            unnamed = sum(row.unnamed for row in body.rows)
            if unnamed:
                st.caption(msg("insights.body.unnamed", count=unnamed))
        st.markdown(f"##### {msg('insights.timing.heading')}")
        st.caption(msg("insights.timing.intro"))
        if not timing.enough:
            too_few(timing.basis, msg)
        else:
            chart(figures.timing, "insights_chart_timing")
            st.text(timing_line(timing, msg))
            st.caption(msg("insights.timing.rests_on", count=timing.basis.count))
        panel_expander(msg, "body")


def context_section(insights: JournalInsights, figures: InsightFigures, msg: Messages) -> None:
    context = insights.context
    with section("context", msg("insights.context.heading")):
        st.caption(msg("insights.context.intro"))
        if context.tagged == 0:
            st.info(msg("insights.context.none"), icon=":material/label:")
            return
        if not context.enough:
            too_few(context_basis(context), msg)
            st.caption(msg("insights.context.rests_on", count=context.tagged,
                           distance=context.tagged_distance))
            return
        chart(figures.context, "insights_chart_context")
        for line in context_lines(context, msg):
            st.text(line)
        st.caption(msg("insights.context.rests_on", count=context.tagged,
                       distance=context.tagged_distance))
        if context.tags_left_out:
            st.caption(msg("insights.context.tags_left_out", shown=MAX_TAGS,
                           count=context.tags_left_out))
