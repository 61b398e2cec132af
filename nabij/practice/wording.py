"""The words of a coach's overview card: each figure as a sentence in the reader's language.

Kept apart from the widget so the wording is tested without Streamlit, and so every number
is written out the way the rest of Nabij writes it (days ago, "usually 3 a week").
"""

from __future__ import annotations

from nabij.i18n import Messages
from nabij.practice.figures import CoupleFigures


def card_lines(couple: CoupleFigures, msg: Messages) -> list[str]:
    """A couple's card in words, one line per figure: the phase (and who named it), this
    week against their usual, the last moment, the last check-in, the next session. Plain
    text: the partners' names go in as they are, for a text element, never as markup."""
    phase = (msg("practice.phase_none") if couple.phase is None else msg(
        "practice.phase_suggested" if couple.phase_suggested else "practice.phase_marked",
        phase=msg(f"phase.{couple.phase}")))
    week = (msg("practice.week_new", count=couple.this_week) if couple.usual_week is None
            else msg("practice.week", count=couple.this_week, usual=msg.number(couple.usual_week)))
    since = couple.days_since_last
    last = (msg("practice.last_none") if since is None else msg("practice.last_today")
            if since == 0 else msg("practice.last", count=since))
    check_in = msg("practice.check_in_none")
    if couple.last_check_in is not None:
        scores = ", ".join(
            msg("practice.check_in_missing", name=name) if score is None
            else msg("practice.check_in_score", name=name, score=score)
            for name, score in zip(couple.partners, couple.last_check_in.scores, strict=True))
        check_in = msg("practice.check_in", date=msg.date(couple.last_check_in.day),
                       scores=scores)
    upcoming = (msg("practice.next_session", date=msg.date(couple.next_session))
                if couple.next_session else msg("practice.next_session_none"))
    return [phase, week, last, check_in, upcoming]
