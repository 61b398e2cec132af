"""Showing an explanatory panel from data/content (our own text, so Markdown is safe here)."""

from __future__ import annotations

import re

import streamlit as st

from nabij.content import Panel, get_panel
from nabij.i18n import Messages


def show_panel(panel: Panel, *, anchor: bool = False) -> None:
    """As a section of the Learn page (`anchor`), or compact beside the chart."""
    if anchor:
        st.header(panel.title, anchor=panel.id, divider="gray")
        st.markdown(panel.body)
        return
    # Beside the chart the column is narrow: smaller headings keep the text in view.
    st.markdown(f"#### {panel.title}")
    st.markdown(re.sub(r"^### ", "##### ", panel.body, flags=re.MULTILINE))


def panel_expander(msg: Messages, panel_id: str, expanded: bool = False) -> None:
    panel = get_panel(msg.language, panel_id)
    with st.expander(panel.title, expanded=expanded):
        st.markdown(panel.body)
