"""Step 2: the check-in. Each partner who is here picks a pair of circles (1 to 7); a choice
is saved at once, and clicking it again takes it back (skipping is fine)."""

from __future__ import annotations

import streamlit as st

from components.chart_words import figure_in_words
from components.journal.database import get_store
from components.privacy.locked_elsewhere import guard_locked
from components.session.screen import Screen, absent_note
from components.session.state import show_notice
from nabij.model import InvalidInput
from nabij.session.checkins import check_in_series, check_ins_on
from nabij.session.records import SCORES
from nabij.session.saving import pick_check_in
from nabij.session.sentences import check_in_sentences, problem_message
from nabij.session.session_figures import (
    STATIC_CONFIG,
    check_in_figure,
    ios_pair_figure,
    ios_scale_figure,
)
from nabij.storage.shares import shared_with
from nabij.text_safety import escape_markdown

NOTICE_KEY = "session_checkin_error"


def score_key(slot: int) -> str:
    return f"session_score_{slot}"


@guard_locked
def _save_score(screen: Screen, slot: int, name: str) -> None:
    try:
        if pick_check_in(screen.records, screen.journal_id, screen.today, slot,
                         st.session_state.get(score_key(slot))):
            st.toast(screen.msg("session_checkin.saved", name=escape_markdown(name)),
                     icon=":material/check:")
    except InvalidInput as invalid:
        st.session_state[NOTICE_KEY] = ("error", problem_message(invalid, screen.msg))


def check_in_step(screen: Screen) -> None:
    msg, journal, present = screen.msg, screen.journal, screen.settings.present
    if screen.journal_id is not None and not screen.opened.is_demo:
        # The practice overview shows a coach the latest check-in: say so where it is made.
        coaches = shared_with(get_store(), screen.journal_id)
        if coaches:
            # The addresses are typed by the couple: escaped, as the caption is Markdown.
            st.caption(msg("session_checkin.coach_sees",
                           coaches=", ".join(escape_markdown(coach) for coach in coaches)))
    history = screen.records.check_ins(screen.journal_id)
    today = check_ins_on(history, screen.today)
    shown = {slot: score for slot, score in today.items() if present[slot]}
    st.plotly_chart(ios_scale_figure(msg, journal.partners, shown,
                                     theme=st.context.theme.type),
                    config=STATIC_CONFIG, key="session_ios_scale")
    show_notice(NOTICE_KEY)

    columns = st.columns(2, gap="large")
    for slot, name in enumerate(journal.partners):
        with columns[slot]:
            if not present[slot]:
                absent_note(msg, name)
                continue
            st.session_state[score_key(slot)] = today.get(slot)
            st.segmented_control(
                msg("session_checkin.pick", name=escape_markdown(name)), list(SCORES),
                key=score_key(slot), help=msg("session_checkin.skip_hint"),
                on_change=_save_score, args=(screen, slot, name))
            if slot in today:
                st.plotly_chart(ios_pair_figure(today[slot], slot, msg), config=STATIC_CONFIG,
                                key=f"session_ios_pair_{slot}")

    for line in check_in_sentences(journal, screen.today, shown, history, present, msg):
        st.text(line)

    st.markdown(f"#### {msg('session_checkin.history')}")
    series = check_in_series(history)
    if len(series) >= 2:
        figure = check_in_figure(series, journal.partners, msg)
        st.plotly_chart(figure, config=STATIC_CONFIG, key="session_check_in_history")
        figure_in_words(figure, "session_check_in_history")
    else:
        st.caption(msg("session_checkin.history_empty"))
    st.caption(msg("session_checkin.source"))
