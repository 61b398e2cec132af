"""Under a chart, the same chart in words: a few sentences and a table a screen reader can
reach (shared by the Cycle, Insights and Session pages)."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from plotly.graph_objects import Figure

from components.language import current_messages
from nabij.chart_words import ChartWords, figure_words
from nabij.text_safety import markdown_table


def chart_in_words(words: ChartWords | Callable[[], ChartWords], key: str,
                   heading: str | None = None, fold: bool = True) -> None:
    """A folded section: closed, it costs one line under the chart (and nothing is worked
    out: `words` may be a function, called only once the fold is open); open, plain text and
    a table (its texts escaped: names in it are typed by users). `fold=False` for a chart
    that is itself folded away: then the words stand open under a small heading."""
    msg = current_messages()
    heading = heading or msg("chart_words.heading")
    if fold:
        with st.expander(heading, icon=":material/notes:", key=f"chart_words_fold_{key}",
                         on_change="rerun") as section:
            if section.open:
                _words(words() if callable(words) else words, key)
        return
    st.markdown(f"**{heading}**")
    _words(words() if callable(words) else words, key)


def _words(words: ChartWords, key: str) -> None:
    with st.container(key=f"chart_words_{key}"):
        for sentence in words.sentences:
            st.text(sentence)
        if not words.table.empty:
            # A real <table> a screen reader walks cell by cell (st.dataframe draws on a
            # canvas, and its CSV download would hand out names unguarded).
            st.table(markdown_table(words.table), hide_index=True)


def figure_in_words(figure: Figure | None, key: str) -> None:
    """`chart_in_words` for any chart of x/y series (the words read from its traces)."""
    if figure is not None:
        chart_in_words(lambda: figure_words(figure, current_messages()), key)
