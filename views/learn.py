"""Learn: every explanatory panel in reading order, with a table of contents."""

import streamlit as st

from components.language import current_messages
from components.panel import show_panel
from nabij.content import load_panels

msg = current_messages()
panels = load_panels(msg.language)

st.title(msg("learn.title"))
st.caption(msg("learn.intro"))
with st.container(border=True):
    st.markdown(f"**{msg('learn.toc')}**")
    st.markdown("\n".join(f"1. [{panel.title}](#{panel.id})" for panel in panels))
for panel in panels:
    show_panel(panel, anchor=True)
st.caption(msg("app.reflection_note"))
