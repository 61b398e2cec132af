"""Practice: every couple that shares with the signed-in coach, what needs attention first."""

import streamlit as st

from components.language import current_messages
from components.practice.couples import couple_card, practice_couples
from components.privacy.coach import coach_email, shared_journal_options
from nabij.practice.attention import by_attention

msg = current_messages()
st.title(msg("practice.title"))
if coach_email() is None:
    st.info(msg("practice.signed_out"), icon=":material/login:")
    st.stop()
st.caption(msg("practice.intro"))
couples = by_attention(practice_couples(msg))
if not couples:
    st.info(msg("practice.none"))
    st.stop()
st.caption(msg("practice.order_note"))
coach_ids = frozenset(shared_journal_options(msg))  # what the picker may open, nothing more
for couple in couples:
    couple_card(couple, coach_ids, msg)
st.caption(msg("app.reflection_note"))
