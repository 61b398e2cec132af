"""Step 1 of a session: who is here, who is looking along, and which days to look back on."""

from __future__ import annotations

import streamlit as st

from components.journal.database import get_store
from components.privacy.locked_elsewhere import guard_locked
from components.session.screen import Screen, absent_note
from components.session.state import keep, kept, kept_key, prepare_widget, widget_key
from nabij.model import Visibility
from nabij.session.sentences import last_session_sentence
from nabij.text_safety import escape_markdown
from nabij.visibility import Audience, shared_for_two_between


def start_step(screen: Screen) -> None:
    msg, journal, settings = screen.msg, screen.journal, screen.settings
    key = prepare_widget("present", kept("present", [0, 1]))
    st.pills(msg("session_start.present"), [0, 1], selection_mode="multi", key=key,
             format_func=lambda slot: escape_markdown(journal.partners[slot]), on_change=keep,
             args=("present",))
    if not any(settings.present):
        st.warning(msg("session_start.nobody"))
    for slot, name in enumerate(journal.partners):
        if any(settings.present) and not settings.present[slot]:
            absent_note(msg, name)

    key = prepare_widget("audience", kept("audience", str(settings.audience)))
    st.radio(msg("session_start.audience"), [str(audience) for audience in Audience], key=key,
             format_func=lambda code: msg(f"session_audience.{code}"), on_change=keep,
             args=("audience",))
    st.caption(msg(f"session_audience.{settings.audience}_rule"))
    share_period_section(screen)

    # The period follows its default (since the last session) until someone picks dates.
    key = widget_key("period")
    picked = kept("period")
    st.session_state[key] = tuple(picked) if picked else settings.period
    st.date_input(msg("session_start.period"), key=key, format="DD-MM-YYYY", on_change=keep,
                  args=("period",))
    st.caption(last_session_sentence(settings.last_session, msg))


_SHARED_NOW = "session_shared_with_coach"


@guard_locked
def _share_period(screen: Screen, ids: list[int]) -> None:
    changed = get_store().share_moments(screen.journal.id, ids, Visibility.COACH)
    st.session_state[_SHARED_NOW] = changed
    # As if the audience had been picked: the moments were shared to look at them with the coach.
    st.session_state[kept_key("audience")] = str(Audience.COACH)


@guard_locked
def _undo_share(screen: Screen) -> None:
    ids = st.session_state.pop(_SHARED_NOW, None) or []
    get_store().share_moments(screen.journal.id, ids, Visibility.PARTNER)


def share_period_section(screen: Screen) -> None:
    """The one clear choice of a first session: bring this period's moments of the two of you
    to the coach (a visible act of the partners, undone as easily), or keep them to yourselves."""
    if screen.opened.is_demo:
        return
    msg = screen.msg
    start, end = screen.settings.period
    for_two = shared_for_two_between(screen.opened.events, start, end)
    just_shared = st.session_state.get(_SHARED_NOW)
    if just_shared:
        st.success(msg("session_start.shared_done", count=len(just_shared)),
                   icon=":material/group_add:")
        st.button(msg("session_start.shared_undo"), key="session_share_undo",
                  on_click=_undo_share, args=(screen,), icon=":material/undo:")
        return
    if for_two.empty:
        return
    st.info(msg("session_start.share_period", count=len(for_two)),
            icon=":material/visibility:")
    st.button(msg("session_start.share_button", count=len(for_two)), key="session_share_period",
              on_click=_share_period, args=(screen, [int(i) for i in for_two["id"]]),
              icon=":material/group_add:")
