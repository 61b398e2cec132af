"""A session's settings: who is here, who looks along, which days, and whether notes show.

The first step of the session page offers the choices; until someone chooses, each has its
default: both partners, the coach where anything is shared with the coach, and the days since
the last session (nabij.session.period).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass

import pandas as pd

from nabij.session.period import chosen_period, last_session_before, session_period
from nabij.session.records import SessionNote
from nabij.visibility import Audience, default_audience, shared_events


@dataclass(frozen=True)
class SessionSettings:
    present: tuple[bool, bool]
    audience: Audience
    period: tuple[dt.date, dt.date]
    default_period: tuple[dt.date, dt.date]
    last_session: SessionNote | None
    show_notes: bool


def session_settings_from(events: pd.DataFrame, sessions: Iterable[SessionNote],
                          today: dt.date, present: Collection[int] | None, audience: object,
                          period: object, show_notes: bool) -> SessionSettings:
    """The settings from the choices kept so far (`audience` None where nobody chose yet)."""
    slots = present or ()
    chosen = default_audience(events) if audience is None else Audience(audience)
    shared = shared_events(events, chosen)
    last_moment = shared["occurred_at"].iloc[-1].date() if not shared.empty else None
    last_session = last_session_before(sessions, today)
    default = session_period(today, last_session, last_moment)
    return SessionSettings(present=(0 in slots, 1 in slots), audience=chosen,
                           period=chosen_period(period, default), default_period=default,
                           last_session=last_session, show_notes=show_notes)
