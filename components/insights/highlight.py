"""Beside the Cycle chart: the one insight that stands out most, and the way to the rest."""

from __future__ import annotations

import streamlit as st

from components.insights.journal_insights import journal_insights
from nabij.i18n import Messages
from nabij.insights.highlight import highlight_basis, highlight_sentence, strongest
from nabij.journal_source import JournalSource
from nabij.phases.marks import PhaseSpan

INSIGHTS_PAGE = "views/insights.py"


def insight_highlight(source: JournalSource, bands: tuple[PhaseSpan, ...], msg: Messages) -> None:
    """A compact card: one sentence (plain text), what it rests on, a link to Insights."""
    insights = journal_insights(source, bands)
    highlight = strongest(insights)
    with st.container(border=True, key="insight_highlight"):
        st.caption(msg("insights.highlight.heading"))
        if highlight is None:
            st.caption(msg("insights.highlight.too_few"))
        else:
            st.text(highlight_sentence(highlight, insights, msg))
            st.caption(highlight_basis(highlight, insights, msg))
        st.page_link(INSIGHTS_PAGE, label=msg("insights.highlight.more"),
                     icon=":material/insights:")
