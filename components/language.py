"""The interface language: from the URL, the user's switch, or the browser, in that order."""

from __future__ import annotations

import streamlit as st

from components.page_script import page_script
from nabij.i18n import LANGUAGES, Messages, pick_language

LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}
_STATE_KEY = "language"


def current_messages() -> Messages:
    """Messages in the language this session shows, kept in the URL so a link can carry it."""
    requested = st.query_params.get("lang") or st.session_state.get(_STATE_KEY)
    language = pick_language(requested, st.context.locale or None)
    st.session_state[_STATE_KEY] = language
    if st.query_params.get("lang") != language:
        st.query_params["lang"] = language
    return Messages(language)


def _switch_language() -> None:
    chosen = st.session_state.get("language_switch")
    if chosen in LANGUAGES:
        st.session_state[_STATE_KEY] = chosen
        st.query_params["lang"] = chosen


def language_switch(msg: Messages) -> None:
    st.session_state["language_switch"] = msg.language
    st.segmented_control(msg("language.label"), LANGUAGES, key="language_switch",
                         format_func=LANGUAGE_NAMES.__getitem__, on_change=_switch_language,
                         required=True)


def document_language(language: str) -> None:
    """Set <html lang> to the chosen language, so screen readers pronounce Dutch as Dutch.

    Streamlit's page says lang="en" whatever the app shows (the shell middleware fixes the
    first load; this follows a switch without a reload). Only a code from LANGUAGES reaches
    the script, never user text.
    """
    if language not in LANGUAGES:
        return
    page_script("document_language", language=language)
