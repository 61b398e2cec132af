"""Two perspectives: the gap between the balances, drift stretches and pursue-withdraw
stretches, on journals built by hand so the expected dates are known."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from nabij.cycle.balance import rolling_balance
from nabij.demo import demo_journal
from nabij.frames import events_frame
from nabij.model import Event, Journal, Kind
from nabij.session.divergence import (
    balance_gap,
    drift_stretches,
    pursue_withdraw_stretches,
)

JOURNAL = Journal(None, "Wij", ("Anna", "Bram"), "Europe/Amsterdam")
START = dt.date(2025, 3, 1)


def moment(day: int, partner: int, kind: Kind, intensity: int = 3, hour: int = 20) -> Event:
    when = dt.datetime.combine(START + dt.timedelta(days=day), dt.time(hour),
                               tzinfo=JOURNAL.zone)
    return Event(occurred_at=when, partner=partner, kind=kind, intensity=intensity)


def frame(events: list[Event]) -> pd.DataFrame:
    return events_frame([event.with_id(index) for index, event in enumerate(events, 1)],
                        JOURNAL)


def calm_days(first: int, last: int) -> list[Event]:
    """Both partners close, every other day: no drift, no pursuit."""
    return [moment(day, partner, Kind.CLOSENESS)
            for day in range(first, last + 1, 2) for partner in (0, 1)]


def pursuit(first: int, last: int, pursuer: int = 0) -> list[Event]:
    """Every day: the pursuer reaches out, the other logs distance."""
    return [event for day in range(first, last + 1)
            for event in (moment(day, pursuer, Kind.CLOSENESS, 4, hour=19),
                          moment(day, 1 - pursuer, Kind.DISTANCE, 4, hour=21))]


def test_gap_is_the_distance_between_the_two_balances():
    balance = pd.DataFrame({0: [1.0, 0.5, float("nan")], 1: [-1.0, 0.5, 0.2]},
                           index=pd.date_range("2025-03-01", periods=3))
    assert balance_gap(balance).tolist()[:2] == [2.0, 0.0]
    assert pd.isna(balance_gap(balance).iloc[2])
    assert balance_gap(pd.DataFrame()).empty


def test_a_pursue_withdraw_stretch_is_found_with_its_dates_roles_and_counts():
    events = calm_days(0, 13) + pursuit(14, 23, pursuer=1) + calm_days(30, 40)
    [stretch] = pursue_withdraw_stretches(frame(events))
    assert (stretch.pursuer, stretch.withdrawer) == (1, 0)
    assert stretch.start == START + dt.timedelta(days=14)
    assert stretch.end == START + dt.timedelta(days=23)
    assert (stretch.reaching_out, stretch.withdrawing) == (10, 10)
    assert stretch.days == 10


def test_the_same_journal_with_partners_swapped_swaps_the_roles():
    events = calm_days(0, 13) + pursuit(14, 23, pursuer=0) + calm_days(30, 40)
    [stretch] = pursue_withdraw_stretches(frame(events))
    assert (stretch.pursuer, stretch.withdrawer) == (0, 1)


def test_a_short_burst_is_not_a_stretch():
    events = calm_days(0, 13) + pursuit(14, 15) + calm_days(24, 40)
    assert pursue_withdraw_stretches(frame(events), min_days=4) == []


def test_both_withdrawing_is_distance_but_not_pursuit():
    events = calm_days(0, 13) + [moment(day, partner, Kind.DISTANCE, 4)
                                 for day in range(14, 24) for partner in (0, 1)]
    assert pursue_withdraw_stretches(frame(events)) == []


def test_journal_of_one_partner_or_none_has_no_stretches():
    only_anna = [moment(day, 0, kind) for day in range(20)
                 for kind in (Kind.CLOSENESS, Kind.DISTANCE)]
    assert pursue_withdraw_stretches(frame(only_anna)) == []
    assert pursue_withdraw_stretches(frame([])) == []
    assert drift_stretches(rolling_balance(frame(only_anna), 7)) == []


def test_bad_parameters_are_refused():
    with pytest.raises(ValueError):
        pursue_withdraw_stretches(frame(calm_days(0, 5)), window_days=0)


def test_drift_needs_a_large_gap_for_enough_days():
    events = calm_days(0, 13) + pursuit(14, 23) + calm_days(30, 40)
    balance = rolling_balance(frame(events), 7)
    [drift] = drift_stretches(balance, min_gap=0.6, min_days=3)
    assert drift.start >= START + dt.timedelta(days=14)
    assert drift.end <= START + dt.timedelta(days=30)
    assert drift.largest_gap == pytest.approx(2.0)
    assert drift_stretches(balance, min_gap=0.6, min_days=40) == []
    assert drift_stretches(rolling_balance(frame(calm_days(0, 30)), 7)) == []


def test_demo_journal_shows_its_april_pursuit_with_sanne_reaching_out():
    demo = demo_journal("en")
    stretches = pursue_withdraw_stretches(events_frame(demo.events, demo.journal))
    assert len(stretches) == 1
    [stretch] = stretches
    assert demo.journal.partners[stretch.pursuer] == "Sanne"
    assert dt.date(2025, 4, 8) <= stretch.start <= dt.date(2025, 4, 16)
    assert dt.date(2025, 4, 20) <= stretch.end <= dt.date(2025, 4, 30)
