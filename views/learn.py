"""Learn: every explanatory panel in reading order, with a table of contents.

`?panel=<id>` (a link from elsewhere in the app, or shared by a coach) puts that panel first,
above the contents, so it is in view without scrolling.
"""

import streamlit as st

from components.language import current_messages
from components.panel import show_panel
from nabij.content import load_panels, requested_panel

msg = current_messages()
panels = load_panels(msg.language)
asked = st.query_params.get("panel")
first = requested_panel(msg.language, asked)

st.title(msg("learn.title"))
st.caption(msg("learn.intro"))
if asked and first is None:
    st.info(msg("learn.unknown_panel"), icon=":material/info:")
if first is not None:
    show_panel(first, msg.language, anchor=True)
with st.container(border=True, key="learn_contents"):
    st.markdown(f"**{msg('learn.toc')}**")
    st.markdown("\n".join(f"1. [{panel.title}](#{panel.id})" for panel in panels))
for panel in panels:
    if panel != first:
        show_panel(panel, msg.language, anchor=True)
st.caption(msg("app.reflection_note"))
