"""Showing an explanatory panel from data/content (our own text, so Markdown is safe here)."""

from __future__ import annotations

import streamlit as st

from nabij.content import Panel, get_panel
from nabij.i18n import Messages


def show_panel(panel: Panel, *, heading_level: int = 3, anchor: bool = False) -> None:
    heading = "#" * heading_level
    if anchor:
        st.header(panel.title, anchor=panel.id, divider="gray")
    else:
        st.markdown(f"{heading} {panel.title}")
    # Panels use ### for their sections; one level down keeps them under the title.
    st.markdown(panel.body.replace("\n### ", "\n#### ").replace("### ", "#### ", 1)
                if panel.body.startswith("### ") else panel.body.replace("\n### ", "\n#### "))


def panel_expander(msg: Messages, panel_id: str, expanded: bool = False) -> None:
    panel = get_panel(msg.language, panel_id)
    with st.expander(panel.title, expanded=expanded):
        st.markdown(panel.body)
