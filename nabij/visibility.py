"""Who is looking at the shared screen, and so which moments a session may show.

A moment is private (only its author), shared with the partner, or shared with the coach
(which includes the partner). A session with the coach shows only what is shared with the
coach; a session of the two partners alone shows what is shared with the partner too.
Private moments are never shown in a session or its summary.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import pandas as pd

from nabij.model import Visibility


class Audience(StrEnum):
    COACH = "coach"  # the couple with their coach
    COUPLE = "couple"  # the two partners alone


VISIBLE_TO: dict[Audience, tuple[Visibility, ...]] = {
    Audience.COACH: (Visibility.COACH,),
    Audience.COUPLE: (Visibility.PARTNER, Visibility.COACH),
}


def is_visible(visibility: str, audience: Audience) -> bool:
    return visibility in {str(code) for code in VISIBLE_TO[Audience(audience)]}


def shared_events(frame: pd.DataFrame, audience: Audience) -> pd.DataFrame:
    """The moments of an events frame that this audience may see (private ones never)."""
    if frame.empty:
        return frame
    allowed = [str(code) for code in VISIBLE_TO[Audience(audience)]]
    return frame[frame["visibility"].isin(allowed)]


def without_notes(frame: pd.DataFrame) -> pd.DataFrame:
    """The same moments with their notes left out: notes show only when asked for."""
    if frame.empty or not frame["note"].astype(bool).any():
        return frame
    return frame.assign(note="")


def default_audience(frame: pd.DataFrame) -> Audience:
    """A session's audience before anyone chose: with the coach where the couple shares
    anything with the coach; else the two of them (a first session would otherwise open on
    an empty screen)."""
    if not frame.empty and (frame["visibility"] == str(Visibility.COACH)).any():
        return Audience.COACH
    return Audience.COUPLE


def shared_for_two_between(frame: pd.DataFrame, start: dt.date, end: dt.date) -> pd.DataFrame:
    """The moments for the two of them (not yet shared with the coach) from `start` to `end`
    (days, both included): what a session may offer to bring to the coach."""
    days = frame["occurred_at"].dt.date
    in_period = frame[(days >= start) & (days <= end)]
    return in_period[in_period["visibility"] == str(Visibility.PARTNER)]
