"""The way to help from every page: one tap opens the Help and safety panel.

It sits above every page rather than only at the end of Learn, because someone who needs
a phone number should not have to know where to look.
"""

from __future__ import annotations

import streamlit as st

from components.panel import learn_link
from nabij.content import HELP_PANEL, LEARN_PAGE
from nabij.i18n import Messages


def help_link(msg: Messages, current_path: str = "") -> None:
    """`current_path` is the URL path of the page shown: a link from the Learn page to
    itself would do nothing in Streamlit, so there it jumps to the panel's anchor."""
    if current_path == LEARN_PAGE:
        st.markdown(f"[:material/support: {msg('help.link')}](#{HELP_PANEL})")
        return
    learn_link(msg, HELP_PANEL, msg("help.link"), icon=":material/support:")
