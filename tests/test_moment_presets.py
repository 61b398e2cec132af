"""The preset of a new moment: the last moment entered, by the person using this browser."""

from __future__ import annotations

import datetime as dt

from nabij.frames import events_frame
from nabij.model import Event, Journal, Kind
from nabij.moment_presets import Preset, last_logged

JOURNAL = Journal(1, "Wij", ("Anna", "Bram"), "Europe/Amsterdam")


def _event(event_id: int, hour: int, partner: int, kind: Kind, intensity: int) -> Event:
    return Event(occurred_at=dt.datetime(2025, 3, 4, hour, tzinfo=dt.UTC), partner=partner,
                 kind=kind, intensity=intensity, id=event_id)


EVENTS = events_frame([_event(1, 22, 1, Kind.DISTANCE, 5),   # latest on the timeline
                       _event(2, 9, 0, Kind.CLOSENESS, 2),   # entered last, for the morning
                       ], JOURNAL)


def test_nothing_logged_presets_nothing():
    assert last_logged(events_frame([], JOURNAL)) is None


def test_the_moment_entered_last_counts_not_the_latest_on_the_timeline():
    assert last_logged(EVENTS) == Preset(partner=0, kind="closeness", intensity=2)


def test_someone_who_said_who_they_are_gets_their_own_last_moment():
    assert last_logged(EVENTS, me=1) == Preset(partner=1, kind="distance", intensity=5)


def test_without_a_moment_of_their_own_they_still_log_as_themselves():
    only_anna = events_frame([_event(3, 9, 0, Kind.CLOSENESS, 3)], JOURNAL)
    assert last_logged(only_anna, me=1) == Preset(partner=1, kind="closeness", intensity=3)
