"""The notice that the open journal is read-only: the demo (with the way to one's own) or a
coach's view of a shared journal."""

import streamlit as st

from nabij.i18n import Messages
from nabij.journal_source import JournalSource


def demo_banner(opened: JournalSource, msg: Messages, *, compact: bool = False) -> None:
    """`compact`: one short sentence and the link, without a box, for a page whose chart
    should show on a phone's first screen (the Cycle page)."""
    if opened.is_coach_view:
        st.info(msg("coach.banner"), icon=":material/visibility:")
        return
    if not opened.is_demo:
        return
    with st.container(border=not compact):
        st.info(msg("cycle_page.demo_banner" if compact else "demo.banner"),
                icon=":material/visibility:")
        st.page_link("views/journals.py", label=msg("demo.start_own"),
                     icon=":material/add_circle:")
