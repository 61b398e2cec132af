"""What a coach's overview shows per couple, from what that couple shares with the coach.

Everything is computed for a given `today` (the journal's local day): the caller owns the
clock, so the figures are the same in a test on any day as on the day they describe.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from nabij.model import Journal
from nabij.phases.claims import reading_today
from nabij.phases.four_phases import Phase
from nabij.phases.marks import PhaseSpan, phase_on
from nabij.session.records import CheckIn
from nabij.storage.sessions import SessionStore

WEEK_DAYS = 7
# "Their usual" is the median of this many whole weeks before this week: long enough that a
# holiday week does not make it, short enough to follow a couple whose rhythm changed.
USUAL_WEEKS = 8
# With fewer whole weeks of moments than this, a couple has no usual yet: one week says
# nothing about what is usual for them.
MIN_USUAL_WEEKS = 2


@dataclass(frozen=True)
class LastCheckIn:
    """The latest day with a check-in, and each partner's score that day (None: none)."""

    day: dt.date
    scores: tuple[int | None, int | None]


@dataclass(frozen=True)
class CoupleFigures:
    """One couple as the coach's overview shows it, on `today` (the journal's local day)."""

    journal_id: int
    name: str
    partners: tuple[str, str]
    today: dt.date
    # The phase of the last moment's day, as the Cycle page names it; None when the moments
    # do not name one (no band there, or the last moment is too old to speak of today).
    phase: Phase | None
    phase_suggested: bool
    this_week: int  # moments on the last WEEK_DAYS days, today included
    usual_week: float | None  # the median of the USUAL_WEEKS weeks before; None: too new
    days_since_last: int | None  # None: nothing shared with the coach yet
    last_check_in: LastCheckIn | None
    next_session: dt.date | None

    @property
    def shares_moments(self) -> bool:
        return self.days_since_last is not None


def week_counts(days: Sequence[dt.date], today: dt.date, weeks: int) -> list[int]:
    """Moments per week of WEEK_DAYS days, counted back from today: [this week, the week
    before, ...], `weeks` + 1 numbers. Rolling weeks, not calendar weeks: on a Monday a
    calendar week would hold one day and every couple would look quieter than usual."""
    counts = [0] * (weeks + 1)
    for day in days:
        back = (today - day).days
        if 0 <= back < WEEK_DAYS * (weeks + 1):
            counts[back // WEEK_DAYS] += 1
    return counts


def usual_per_week(days: Sequence[dt.date], today: dt.date) -> float | None:
    """The median of the whole weeks before this one since the first moment (at most
    USUAL_WEEKS); None with fewer than MIN_USUAL_WEEKS such weeks. Weeks before the first
    moment are left out: a couple new to Nabij did not have quiet weeks before it."""
    if not days:
        return None
    first = min(days)
    counts = week_counts(days, today, USUAL_WEEKS)[1:]
    whole = [count for index, count in enumerate(counts, start=1)
             if today - dt.timedelta(days=WEEK_DAYS * index + WEEK_DAYS - 1) >= first]
    if len(whole) < MIN_USUAL_WEEKS:
        return None
    return float(statistics.median(whole))


def current_phase(bands: Sequence[PhaseSpan], last_day: dt.date | None,
                  today: dt.date) -> PhaseSpan | None:
    """The band of the last moment's day, the phase the Cycle page's panel names for a
    journal in use; None when the last moment is too old for that (the panel then says how
    long ago it was instead) or no band covers that day."""
    if last_day is None or reading_today(last_day, today).stale:
        return None
    return phase_on(sorted(bands, key=lambda band: band.start), last_day)


def check_ins_since(check_ins: Sequence[CheckIn], shared_on: dt.date | None) -> list[CheckIn]:
    """The check-ins a coach may see: those made from the day the couple shared with them on.

    The Share form and the check-in step tell a couple that their coach sees the latest
    check-in; a check-in made before they shared was made without that being said, so it
    stays theirs. Not shared (None): none."""
    if shared_on is None:
        return []
    return [item for item in check_ins if item.day >= shared_on]


def last_check_in(check_ins: Sequence[CheckIn], today: dt.date) -> LastCheckIn | None:
    """The latest check-in day up to today, with both partners' scores on it."""
    days = [item.day for item in check_ins if item.day <= today]
    if not days:
        return None
    latest = max(days)
    scores: list[int | None] = [None, None]
    for item in check_ins:
        if item.day == latest and item.partner in (0, 1):
            scores[item.partner] = item.score
    return LastCheckIn(latest, (scores[0], scores[1]))


def couple_figures(journal: Journal, events: pd.DataFrame, bands: Sequence[PhaseSpan],
                   check_ins: Sequence[CheckIn], next_session: dt.date | None,
                   today: dt.date) -> CoupleFigures:
    """The overview's figures of one couple.

    `events` is the coach's events frame (only moments shared with the coach; the caller
    makes it), `bands` the same bands the Cycle page draws from it. Moments after `today`
    (a clock set wrong) count as today's.
    """
    days = [min(day, today) for day in events["occurred_at"].dt.date] if not events.empty else []
    last_day = max(days) if days else None
    span = current_phase(bands, last_day, today)
    upcoming = next_session if next_session is not None and next_session >= today else None
    return CoupleFigures(
        journal_id=int(journal.id or 0), name=journal.name, partners=journal.partners,
        today=today, phase=span.phase if span else None,
        phase_suggested=bool(span and span.suggested),
        this_week=week_counts(days, today, 0)[0], usual_week=usual_per_week(days, today),
        days_since_last=reading_today(last_day, today).days_since if last_day else None,
        last_check_in=last_check_in(check_ins, today), next_session=upcoming)


def read_couple(records: SessionStore, journal: Journal, events: pd.DataFrame,
                bands: Sequence[PhaseSpan], shared_on: dt.date, today: dt.date) -> CoupleFigures:
    """`couple_figures` with the couple's check-ins (those the coach may see, from
    `shared_on`) and next session read from `records`: the two reads a cache keyed on the
    journal's revision saves, as every check-in and session date bumps it."""
    journal_id = int(journal.id or 0)
    return couple_figures(journal, events, bands,
                          check_ins_since(records.check_ins(journal_id), shared_on),
                          records.next_session(journal_id), today)
