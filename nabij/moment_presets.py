"""What a new moment starts with: the kind, strength and partner of the last one logged.

Someone logging in the moment, upset, on a phone, should only have to confirm. The moment
they logged last is the best guess for the next one: the same person, often the same kind of
moment. "Last logged" means last entered (the highest id), not the latest on the timeline: a
moment entered afterwards for yesterday evening was still the last thing this person did.
Plain pandas, so the choice is easy to test.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Preset:
    partner: int
    kind: str
    intensity: int


def last_logged(events: pd.DataFrame, me: int | None = None) -> Preset | None:
    """The preset from the last moment entered: by `me` when this browser said who it is
    (the other partner's last moment says little about mine), else by either partner."""
    if events.empty:
        return None
    mine = events if me is None else events[events["partner"] == me]
    if mine.empty:
        mine = events
    last = mine.loc[mine["id"].astype("int64").idxmax()]
    partner = int(last["partner"]) if me is None else me
    return Preset(partner=partner, kind=str(last["kind"]), intensity=int(last["intensity"]))
