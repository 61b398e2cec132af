"""The session's frame: its settings (who is here, who looks along, which period), the steps
with Back and Next, and what every step needs to know (`Screen`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import streamlit as st

from components.session.cached import session_bands, session_perspectives
from components.session.state import STEP_KEY, kept
from nabij.i18n import Messages
from nabij.journal_source import JournalSource
from nabij.model import Journal
from nabij.phases.marks import PhaseSpan
from nabij.session.prepare import Perspectives
from nabij.session.records import SessionRecords
from nabij.session.sentences import step_of_sentence
from nabij.session.settings import SessionSettings, session_settings_from
from nabij.session.steps import STEP_INTROS, STEPS, step_shown, step_within
from nabij.text_safety import escape_markdown

CSS = Path(__file__).with_name("session.css")
SHOW_NOTES_KEY = "session_show_notes"


@dataclass
class Screen:
    """One run of the session page: the journal, its records, the settings, and the shared
    view computed from them on first use."""

    opened: JournalSource
    records: SessionRecords
    today: dt.date
    msg: Messages

    @property
    def journal(self) -> Journal:
        return self.opened.journal

    @property
    def journal_id(self) -> int | None:
        return self.opened.journal.id

    @cached_property
    def settings(self) -> SessionSettings:
        """The settings chosen on the first step, or their defaults before anyone chose."""
        return session_settings_from(
            self.opened.events, self.records.sessions(self.journal_id), self.today,
            kept("present", [0, 1]), kept("audience"), kept("period"),
            bool(st.session_state.get(SHOW_NOTES_KEY, False)))

    @cached_property
    def view(self) -> Perspectives:
        return session_perspectives(self.opened, str(self.settings.audience),
                                    self.settings.period, self.settings.show_notes)

    @cached_property
    def bands(self) -> tuple[PhaseSpan, ...]:
        return session_bands(self.opened, str(self.settings.audience))


def session_styles() -> None:
    """Large type for the shared screen (Nabij's own CSS, no user text in it)."""
    st.html(CSS)


def _go(step: int) -> None:
    st.session_state[STEP_KEY] = step_within(step)


def step_nav(msg: Messages, place: str) -> int:
    """Back, where we are, Next. Drawn above and below the step; returns the step shown."""
    step = step_shown(st.session_state.get(STEP_KEY))
    with st.container(key=f"session_nav_{place}"):
        back, where, forward = st.columns([1, 3, 1], vertical_alignment="center")
        back.button(msg("session.back"), key=f"session_back_{place}", on_click=_go,
                    args=(step - 1,), disabled=step == 0, icon=":material/arrow_back:",
                    width="stretch")
        forward.button(msg("session.next"), key=f"session_next_{place}", on_click=_go,
                       args=(step + 1,), disabled=step == len(STEPS) - 1, type="primary",
                       icon=":material/arrow_forward:", width="stretch")
        if place == "top":
            where.progress((step + 1) / len(STEPS), text=step_of_sentence(step, msg))
    return step


def step_heading(msg: Messages, step: str) -> None:
    st.subheader(msg(f"session_steps.{step}"))
    st.markdown(msg(STEP_INTROS[step]))


def absent_note(msg: Messages, name: str) -> None:
    """Said wherever a partner who is not here would have had a part."""
    st.info(msg("session_missing.absent", name=escape_markdown(name)),
            icon=":material/person_off:")


def notes_toggle(msg: Messages) -> None:
    """Notes stay hidden in a session until asked for; drawn on every step, so it stays."""
    st.toggle(msg("session.show_notes"), key=SHOW_NOTES_KEY, help=msg("session.show_notes_help"))
