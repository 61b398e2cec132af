"""Synthetic journals: the same seed gives the same journal, and the known answer is sound."""

from __future__ import annotations

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

from nabij.phases.four_phases import Phase, follows_cycle
from nabij.phases.synthetic import PHASE_DAYS, RATE_RANGE, generate_journal


def fingerprint(journal):
    return ([(e.occurred_at, e.partner, e.kind, e.intensity, e.body) for e in journal.events],
            list(journal.truth.items()), journal.rates)


def test_same_seed_same_journal_and_other_seed_other_journal():
    assert fingerprint(generate_journal(7)) == fingerprint(generate_journal(7))
    assert fingerprint(generate_journal(7)) != fingerprint(generate_journal(8))


def test_truth_covers_consecutive_days_following_the_cycle():
    for seed in range(12):
        journal = generate_journal(seed)
        days = list(journal.truth)
        assert all((b - a).days == 1 for a, b in itertools.pairwise(days))
        assert follows_cycle(list(journal.truth.values()))
        assert 1 <= len(journal.stretches) // 4 <= 3
        for stretch in journal.stretches:
            assert PHASE_DAYS[0] <= (stretch.end - stretch.start).days + 1 <= PHASE_DAYS[1]
            assert (stretch.pursuer is not None) == (stretch.phase is Phase.CRISIS)
        assert all(RATE_RANGE[0] <= rate <= RATE_RANGE[1] for rate in journal.rates)


def test_events_are_utc_and_fall_on_known_days():
    journal = generate_journal(3)
    zone = ZoneInfo(journal.journal.timezone)
    assert journal.events
    for event in journal.events:
        assert event.occurred_at.utcoffset() == dt.timedelta(0)
        assert event.occurred_at.astimezone(zone).date() in journal.truth
        assert event.partner in (0, 1) and 1 <= event.intensity <= 5


def test_choices_can_be_fixed():
    journal = generate_journal(5, cycles=2, start_phase=Phase.CRISIS)
    assert len(journal.stretches) == 8 and journal.stretches[0].phase is Phase.CRISIS
    fixed_length = generate_journal(5, days=400, gaps=False)
    assert len(fixed_length.truth) == 400


def test_crisis_partners_move_apart():
    """Over many crises, the pursuer logs a larger share of closeness than the withdrawer."""
    pursuing, withdrawing = [0, 0], [0, 0]
    for seed in range(10):
        journal = generate_journal(seed, rate_range=(2.0, 3.0))
        zone = ZoneInfo(journal.journal.timezone)
        for stretch in journal.stretches:
            if stretch.phase is not Phase.CRISIS:
                continue
            for event in journal.events:
                if stretch.start <= event.occurred_at.astimezone(zone).date() <= stretch.end:
                    tally = pursuing if event.partner == stretch.pursuer else withdrawing
                    tally[event.kind == "closeness"] += 1
    assert pursuing[1] / sum(pursuing) > withdrawing[1] / sum(withdrawing) + 0.15
