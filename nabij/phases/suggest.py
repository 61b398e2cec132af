"""The phase suggestion engine: which phase of the cycle each day of a journal resembles.

Input is the events frame the rest of Nabij already uses (`nabij.frames.events_frame`): one
row per moment with `occurred_at` (timezone-aware, in the journal's zone), `partner` (0/1),
`kind` ('closeness'/'distance'), `intensity` (1..5) and optionally `body` and `partner_name`.
Days are local calendar days in the zone of `occurred_at`.

Output covers every day from the first to the last day with a moment, days without moments
included. A day the moments cannot carry is unknown (see nabij/phases/claims.py: far from any
moment, or the model unsure): it has no phase and lies in an `UnknownSpan` with the reason,
never in a `SuggestedSpan`. The phases follow the cycle: neighbouring suggested spans are
successive phases (begin → middle → crisis → turning point → begin …), and across an unknown
stretch the cycle may have moved on by any number of phases. Rows are counted per day first,
so the order of the rows never changes the answer.

Two methods are available; `hmm` (the default) won the comparison in bench/phases.py:
- "hmm": a cyclic hidden Markov model fitted to the journal (nabij.phases.hmm);
- "changepoint": change-point segmentation, then labels along the cycle
  (nabij.phases.changepoint).
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass

import numpy as np
import pandas as pd

from nabij.phases import changepoint, claims, hmm
from nabij.phases.explain import Reason, explain_span, explain_unknown, with_basis
from nabij.phases.features import DailyCounts, daily_counts
from nabij.phases.four_phases import PHASE_ORDER, Phase

METHODS = ("hmm", "changepoint")
DEFAULT_METHOD = "hmm"


UNKNOWN = "unknown"  # the phase code written for a day the suggestion does not claim


@dataclass(frozen=True)
class DayPhase:
    """The suggested phase of one local calendar day and how sure the method is (0..1).

    `phase` is None on a day the suggestion leaves unknown; `confidence` is then None too.
    """

    day: dt.date
    phase: Phase | None
    confidence: float | None

    @property
    def claimed(self) -> bool:
        return self.phase is not None


@dataclass(frozen=True)
class SuggestedSpan:
    """Consecutive days with the same suggested phase; `end` is included."""

    start: dt.date
    end: dt.date
    phase: Phase
    confidence: float  # mean of the days' confidence
    reason: Reason

    @property
    def day_count(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class UnknownSpan:
    """Consecutive days the suggestion leaves unknown; `end` is included. `reason` says why
    (a silence of so many days, or too few moments to tell)."""

    start: dt.date
    end: dt.date
    reason: Reason

    @property
    def day_count(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class PhaseSuggestion:
    """Per-day phases, the spans they form and the stretches left unknown; all empty for a
    journal without moments. `spans` and `unknown` together cover every day, without
    overlap."""

    days: tuple[DayPhase, ...]
    spans: tuple[SuggestedSpan, ...]
    method: str = DEFAULT_METHOD
    unknown: tuple[UnknownSpan, ...] = ()

    def to_frame(self) -> pd.DataFrame:
        """Columns `date` (datetime.date), `phase` (code, or "unknown") and `confidence`
        (empty on an unknown day), one row per day."""
        return pd.DataFrame({
            "date": pd.Series([day.day for day in self.days], dtype="object"),
            "phase": pd.Series([day.phase.value if day.phase is not None else UNKNOWN
                                for day in self.days], dtype="object"),
            "confidence": pd.Series([day.confidence for day in self.days], dtype="float64"),
        })

    def phase_on(self, day: dt.date) -> DayPhase | None:
        if not self.days:
            return None
        index = (day - self.days[0].day).days
        return self.days[index] if 0 <= index < len(self.days) else None


def suggest_phases(events: pd.DataFrame, *, method: str = DEFAULT_METHOD) -> PhaseSuggestion:
    """Suggest a phase for every day of the journal whose moments `events` holds.

    `events` is a frame as made by `nabij.frames.events_frame`. Raises ValueError for an
    unknown method, a missing column or a value outside the model.
    """
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    counts = daily_counts(events)
    if counts is None:
        return PhaseSuggestion(days=(), spans=(), method=method)
    return suggest_from_counts(counts, method=method)


def suggest_from_counts(counts: DailyCounts, *, method: str = DEFAULT_METHOD) -> PhaseSuggestion:
    """The same as `suggest_phases`, from counts already made with `daily_counts`."""
    if method == "changepoint":
        result = changepoint.segment_and_label(counts)
        return _suggestion(counts, result.phase_index, result.posterior, method)
    fitted = hmm.fit_and_decode(counts)
    return _suggestion(counts, fitted.phase_index, fitted.posterior, method)


class PhaseSuggester:
    """Suggests phases for one journal again and again as it changes, reusing the last fit.

    A page shows the suggestion after every new moment; fitting the whole journal from
    scratch each time would cost as much for one new moment as for the first view.
    `hmm.fit` keeps the last fit's emission tables while the journal stays within
    `hmm.REUSE_SHARE` of the one they were fitted to, and computes only the days a change
    reaches. Safe to share between threads (one suggestion at a time). Keep one per journal:
    a fit of another journal is never reused wrongly, only wastefully (its counts differ).
    """

    method = "hmm"  # the only method with a fit worth keeping between moments

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last: hmm.Fit | None = None

    def suggest(self, events: pd.DataFrame) -> PhaseSuggestion:
        """The suggestion for the journal whose moments `events` holds now."""
        counts = daily_counts(events)
        if counts is None:
            return PhaseSuggestion(days=(), spans=(), method=self.method)
        with self._lock:
            self._last = hmm.fit(counts, self._last)
            result = self._last.result
        return _suggestion(counts, result.phase_index, result.posterior, self.method)


def _suggestion(counts: DailyCounts, phase_index: np.ndarray, posterior: np.ndarray,
                method: str) -> PhaseSuggestion:
    confidence = np.clip(posterior[np.arange(len(phase_index)), phase_index], 0.0, 1.0)
    sure = claims.claimed(counts, confidence)
    # Plain Python values first: indexing numpy arrays one day at a time costs more than the
    # rest of building a day.
    first, one_day = counts.first_day, dt.timedelta(days=1)
    days = tuple(DayPhase(first + one_day * t, PHASE_ORDER[phase], level) if kept
                 else DayPhase(first + one_day * t, None, None)
                 for t, (phase, level, kept) in enumerate(zip(
                     phase_index.tolist(), confidence.tolist(), sure.tolist(), strict=True)))
    spans, unknown = _spans(counts, phase_index, confidence, sure)
    return PhaseSuggestion(days=days, spans=spans, method=method, unknown=unknown)


def _spans(counts: DailyCounts, phase_index: np.ndarray, confidence: np.ndarray,
           sure: np.ndarray) -> tuple[tuple[SuggestedSpan, ...], tuple[UnknownSpan, ...]]:
    """Runs of claimed days with one phase, and runs of unknown days."""
    # A run changes where the phase changes or where claimed turns into unknown or back.
    code = np.where(sure, phase_index, -1)
    changes = np.flatnonzero(np.diff(code)) + 1
    starts = [0, *changes.tolist()]
    ends = [*changes.tolist(), len(phase_index)]
    spans: list[SuggestedSpan] = []
    unknown: list[UnknownSpan] = []
    previous: tuple[int, int] | None = None
    for start, end in zip(starts, ends, strict=True):
        if not sure[start]:
            unknown.append(UnknownSpan(start=counts.day(start), end=counts.day(end - 1),
                                       reason=explain_unknown(counts, start, end)))
            continue
        phase = PHASE_ORDER[int(phase_index[start])]
        reason = with_basis(explain_span(counts, start, end, phase, previous), counts, start,
                            end)
        spans.append(SuggestedSpan(start=counts.day(start), end=counts.day(end - 1), phase=phase,
                                   confidence=float(confidence[start:end].mean()), reason=reason))
        previous = (start, end)
    return tuple(spans), tuple(unknown)
