"""Step 1 of a session: who is here, who is looking along, and which days to look back on."""

from __future__ import annotations

import streamlit as st

from components.session.screen import Screen
from components.session.state import keep, kept, prepare_widget, widget_key
from nabij.text_safety import escape_markdown
from nabij.visibility import Audience


def start_step(screen: Screen) -> None:
    msg, journal, settings = screen.msg, screen.journal, screen.settings
    st.subheader(msg("session_steps.start"))
    st.markdown(msg("session_start.intro"))

    key = prepare_widget("present", [0, 1])
    st.pills(msg("session_start.present"), [0, 1], selection_mode="multi", key=key,
             format_func=lambda slot: escape_markdown(journal.partners[slot]), on_change=keep,
             args=("present",))
    if not any(settings.present):
        st.warning(msg("session_start.nobody"))
    for slot, name in enumerate(journal.partners):
        if any(settings.present) and not settings.present[slot]:
            st.info(msg("session_missing.absent", name=escape_markdown(name)),
                    icon=":material/person_off:")

    key = prepare_widget("audience", str(Audience.COACH))
    st.radio(msg("session_start.audience"), [str(audience) for audience in Audience], key=key,
             format_func=lambda code: msg(f"session_audience.{code}"), on_change=keep,
             args=("audience",))
    st.caption(msg(f"session_audience.{settings.audience}_rule"))

    # The period follows its default (since the last session) until someone picks dates.
    key = widget_key("period")
    picked = kept("period")
    st.session_state[key] = tuple(picked) if picked else settings.period
    st.date_input(msg("session_start.period"), key=key, format="DD-MM-YYYY", on_change=keep,
                  args=("period",))
    if settings.last_session is not None:
        st.caption(msg("session_start.since_last", date=msg.date(settings.last_session.held_on)))
    else:
        st.caption(msg("session_start.no_last"))
