"""Steps 3 and 4: both perspectives on one chart, and the phase the period ends in."""

from __future__ import annotations

import streamlit as st

from components.chart_words import figure_in_words
from components.panel import show_panel
from components.session.screen import Screen
from nabij.content import PHASE_PANELS, get_panel
from nabij.session.prepare import missing_moments, phase_in_view
from nabij.session.sentences import audience_sentence, chart_sentences, period_sentence
from nabij.session.session_figures import session_chart
from nabij.text_safety import markdown_params

CHART_KEY = "session_chart"


def chart_step(screen: Screen) -> None:
    msg, view, journal = screen.msg, screen.view, screen.journal
    st.text(period_sentence(view.period, msg))
    st.caption(audience_sentence(view, msg))
    missing = missing_moments(view, journal.partners)
    if missing is not None:
        st.info(msg(missing.key, **markdown_params(missing.params)), icon=":material/info:")
    if not view.moments.empty:
        figure = session_chart(view.moments, journal.partners, msg, balance=view.balance,
                               period=view.period, bands=screen.bands, drifts=view.drifts,
                               pursuits=view.pursuits, theme=st.context.theme.type)
        # A shared screen shows, it does not explore: no toolbar over the legend.
        st.plotly_chart(figure, key=CHART_KEY, config={"displayModeBar": False,
                                                       "scrollZoom": False})
        figure_in_words(figure, CHART_KEY)
    for line in chart_sentences(view, journal, msg):
        st.text(line)


def phase_step(screen: Screen) -> None:
    msg = screen.msg
    span = phase_in_view(screen.bands, screen.view.period)
    if span is None:
        st.info(msg("session_missing.phase"), icon=":material/info:")
        return
    key = "session_phase.suggested" if span.suggested else "session_phase.marked"
    st.text(msg(key, phase=msg(span.phase.message_key)))
    with st.container(border=True, key="session_phase_panel"):
        show_panel(get_panel(msg.language, PHASE_PANELS[str(span.phase)]), msg.language)
