"""Showing an explanatory panel from data/content (our own text, so Markdown is safe here)."""

from __future__ import annotations

import streamlit as st

from nabij.content import Panel, compact_body, get_panel, links_to_learn_page
from nabij.i18n import Messages

LEARN_VIEW = "views/learn.py"


def show_panel(panel: Panel, language: str, *, anchor: bool = False,
               fold: str | None = None) -> None:
    """As a section of the Learn page (`anchor`), or compact beside the chart.

    On the Learn page a panel's `(#id)` links jump to the other panel; anywhere else they
    open the Learn page at that panel, in `language` (a new tab, so this page stays as it is).
    With `fold`, the body waits in an expander of that name under the title: on a phone the
    whole panel would push everything below it several screens down.
    """
    if anchor:
        st.header(panel.title, anchor=panel.id, divider="gray")
        st.markdown(panel.body)
        return
    # Beside the chart the column is narrow: smaller headings keep the text in view.
    st.markdown(f"#### {panel.title}")
    body = compact_body(panel.body, language)
    if fold is None:
        st.markdown(body)
        return
    with st.expander(fold):
        st.markdown(body)


def learn_link(msg: Messages, panel_id: str, label: str,
               icon: str = ":material/menu_book:") -> None:
    """A link to one panel on the Learn page that stays in this session (no new tab)."""
    st.page_link(LEARN_VIEW, label=label, icon=icon,
                 query_params={"panel": panel_id, "lang": msg.language})


def panel_expander(msg: Messages, panel_id: str) -> None:
    panel = get_panel(msg.language, panel_id)
    with st.expander(panel.title):
        st.markdown(links_to_learn_page(panel.body, msg.language))
