"""One moment in full beside the chart, with the body panel when a body signal was logged."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.panel import panel_expander
from nabij.content import BODY_PANEL
from nabij.i18n import Messages
from nabij.text_safety import escape_markdown


def event_detail(row: pd.Series, msg: Messages) -> None:
    with st.container(border=True, key="event_detail"):
        st.markdown(f"**{msg('cycle_controls.detail_heading')}**")
        st.markdown(f"{escape_markdown(msg.datetime(row['occurred_at']))}  \n"
                    f"{escape_markdown(row['partner_name'])} · {msg('kind.' + row['kind'])} · "
                    f"{msg('chart.intensity')} {row['intensity']}/5")
        if row["body"]:
            st.caption(msg(f"body.{row['body']}"))
        st.text(row["note"] if row["note"] else msg("events.no_note"))
        if row["context"]:
            st.caption(escape_markdown(row["context"]))
    if row["body"]:
        panel_expander(msg, BODY_PANEL)
