"""What a session shows, computed once from the journal: the shared moments of the period,
both balances, where they drift apart, the pursue-withdraw stretches, and what is missing.

Everything starts from `shared_events`: a moment this audience may not see never reaches a
balance, a stretch, a chart or the summary, so it cannot leak through any of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from nabij.cycle.balance import rolling_balance
from nabij.frames import events_in_range
from nabij.model import Journal
from nabij.phases.bands import phase_bands
from nabij.phases.marks import PhaseMark, PhaseSpan
from nabij.phases.suggest import suggest_phases
from nabij.session.divergence import (
    DriftStretch,
    PursueWithdraw,
    drift_stretches,
    pursue_withdraw_stretches,
)
from nabij.session.records import CycleMap
from nabij.visibility import Audience, shared_events, without_notes

SESSION_WINDOW_DAYS = 7


@dataclass(frozen=True)
class Perspectives:
    """Both partners' view of the period, from the moments shared with the audience."""

    period: tuple[dt.date, dt.date]
    audience: Audience
    moments: pd.DataFrame  # shared moments in the period; notes empty unless asked for
    balance: pd.DataFrame  # per day of the period, one column per partner slot
    drifts: list[DriftStretch] = field(default_factory=list)
    pursuits: list[PursueWithdraw] = field(default_factory=list)
    notes_shown: bool = False

    def logging_partners(self) -> tuple[int, ...]:
        """The partner slots with at least one shared moment in the period."""
        if self.moments.empty:
            return ()
        return tuple(sorted(int(slot) for slot in self.moments["partner"].unique()))

    def distance_moments(self) -> pd.DataFrame:
        """The shared distance moments of the period, newest first: those a map can take."""
        if self.moments.empty:
            return self.moments
        return self.moments[self.moments["kind"] == "distance"].iloc[::-1]


def perspectives(events: pd.DataFrame, audience: Audience, period: tuple[dt.date, dt.date],
                 show_notes: bool = False,
                 window_days: int = SESSION_WINDOW_DAYS) -> Perspectives:
    """The session's view of `events` (a journal's events frame) for one audience and period.

    Balances and stretches look back a window before the period starts, as on the Cycle
    page, so the first days of the period are judged on the days before them too.
    """
    start, end = period
    shared = shared_events(events, audience)
    if not show_notes:
        shared = without_notes(shared)
    run_up = events_in_range(shared, start - dt.timedelta(days=window_days), end)
    balance = rolling_balance(events_in_range(shared, None, end), window_days)
    if not balance.empty:
        balance = balance[balance.index >= pd.Timestamp(start)]
    moments = events_in_range(shared, start, end)
    drifts = [stretch for stretch in drift_stretches(balance) if stretch.end >= start]
    pursuits = [stretch for stretch in pursue_withdraw_stretches(run_up, window_days)
                if stretch.end >= start and stretch.start <= end]
    return Perspectives(period=period, audience=Audience(audience), moments=moments,
                        balance=balance, drifts=drifts, pursuits=pursuits,
                        notes_shown=show_notes)


@dataclass(frozen=True)
class Missing:
    """Something the session could not show, as a message key with its parameters."""

    key: str
    params: dict[str, object] = field(default_factory=dict)


# The boxes of a cycle map: what set it off, what each felt (or their body), what each did.
MAP_BOXES = 5


def empty_map_boxes(cycle_map: CycleMap) -> int:
    """How many of the MAP_BOXES boxes of a saved map still read "not filled in yet"."""
    boxes = [cycle_map.triggered_by,
             *(cycle_map.felt[slot] or cycle_map.body[slot] for slot in (0, 1)),
             *cycle_map.did]
    return sum(1 for box in boxes if not box)


def missing_moments(view: Perspectives, names: Sequence[str]) -> Missing | None:
    """Who logged no moment in view: nobody, or one of the two (then the other is named)."""
    logging = view.logging_partners()
    if not logging:
        return Missing(f"session_missing.no_moments_{view.audience}")
    if len(logging) == 1:
        return Missing("session_missing.one_partner",
                       {"name": names[logging[0]], "other": names[1 - logging[0]]})
    return None


def missing_pieces(journal: Journal, view: Perspectives, present: Sequence[bool],
                   check_ins_today: Mapping[int, int], cycle_map: CycleMap | None,
                   next_step: str, has_phase: bool) -> list[Missing]:
    """What this session is missing, said plainly so the couple knows why a part is empty.

    A cycle map saved with empty boxes is missing those boxes: "every part is filled in"
    must never stand beside a box that reads "not filled in yet".
    """
    missing: list[Missing] = []
    names = journal.partners
    for slot in (0, 1):
        if not present[slot]:
            missing.append(Missing("session_missing.absent", {"name": names[slot]}))
        elif slot not in check_ins_today:
            missing.append(Missing("session_missing.check_in", {"name": names[slot]}))
    moments = missing_moments(view, names)
    if moments is not None:
        missing.append(moments)
    if not has_phase:
        missing.append(Missing("session_missing.phase"))
    if cycle_map is None:
        missing.append(Missing("session_missing.cycle_map"))
    elif empty_map_boxes(cycle_map):
        empty = empty_map_boxes(cycle_map)
        missing.append(Missing("session_missing.cycle_map_partly",
                               {"count": empty, "empty": empty, "total": MAP_BOXES}))
    if not next_step.strip():
        missing.append(Missing("session_missing.next_step"))
    return missing


def filled_pieces(journal: Journal, view: Perspectives, present: Sequence[bool],
                  check_ins_today: Mapping[int, int], cycle_map: CycleMap | None,
                  next_step: str, has_phase: bool) -> list[Missing]:
    """What this session did fill in, the counterpart of `missing_pieces`, so the summary
    says both which parts are there and which are not."""
    filled: list[Missing] = []
    names = journal.partners
    for slot in (0, 1):
        if present[slot] and slot in check_ins_today:
            filled.append(Missing("session_filled.check_in", {"name": names[slot]}))
    logging = view.logging_partners()
    if len(logging) == 2:
        filled.append(Missing("session_filled.moments"))
    if has_phase:
        filled.append(Missing("session_filled.phase"))
    if cycle_map is not None:
        done = MAP_BOXES - empty_map_boxes(cycle_map)
        if done:
            filled.append(Missing("session_filled.cycle_map",
                                  {"count": done, "filled": done, "total": MAP_BOXES}))
    if next_step.strip():
        filled.append(Missing("session_filled.next_step"))
    return filled


def phase_in_view(bands: Sequence[PhaseSpan], period: tuple[dt.date, dt.date]) -> PhaseSpan | None:
    """The phase the period ends in: of the bands overlapping it, the one reaching latest."""
    start, end = period
    overlapping = [band for band in bands if band.start <= end and band.end >= start]
    if not overlapping:
        return None
    return max(overlapping, key=lambda band: (min(band.end, end), band.start))


def audience_bands(events: pd.DataFrame, audience: Audience,
                   marks: Sequence[PhaseMark]) -> tuple[PhaseSpan, ...]:
    """Phase bands from the couple's marks, and Nabij's suggestion from the moments this
    audience sees only: a suggestion computed from private moments could tell what they hold."""
    shared = shared_events(events, audience)
    last_day = None if shared.empty else shared["occurred_at"].iloc[-1].date()
    spans = () if shared.empty else suggest_phases(shared).spans
    return phase_bands(marks, spans, last_day).bands
