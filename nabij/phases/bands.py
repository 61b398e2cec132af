"""The phase bands a chart draws: what the couple marked, and Nabij's suggestion where no mark is.

One rule for every view (the Cycle page, Insights, a session): a mark always wins, and a
suggested span only fills the days that no mark covers, keeping the reason of its span.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd

from nabij.i18n import Messages
from nabij.phases.explain import describe_reason
from nabij.phases.four_phases import Phase
from nabij.phases.marks import PhaseMark, PhaseSpan, combine, marked_spans
from nabij.phases.suggest import PhaseSuggester, SuggestedSpan, UnknownSpan


@dataclass(frozen=True)
class PhaseBands:
    """`bands` in time order; `open_suggestions` are the suggested pieces no mark covers,
    each with the suggested span it came from (for its reason)."""

    marks: tuple[PhaseMark, ...]
    bands: tuple[PhaseSpan, ...]
    open_suggestions: tuple[tuple[PhaseSpan, SuggestedSpan], ...]


def phase_bands(marks: Sequence[PhaseMark], suggested: Sequence[SuggestedSpan],
                last_day: dt.date | None) -> PhaseBands:
    """Combine marks and a suggestion up to `last_day` (the last moment's day).

    Without moments the marks still show, each up to the latest mark's start.
    """
    marks = tuple(marks)
    if last_day is None:
        if not marks:
            return PhaseBands(marks, (), ())
        last_day = max(mark.start for mark in marks)
    marked = marked_spans(marks, last_day)
    pieces: list[tuple[PhaseSpan, SuggestedSpan]] = []
    for span in suggested:
        as_band = PhaseSpan(span.start, span.end, span.phase, suggested=True)
        pieces.extend((piece, span) for piece in combine(marked, [as_band]) if piece.suggested)
    bands = sorted([*marked, *(piece for piece, _ in pieces)], key=lambda band: band.start)
    return PhaseBands(marks, tuple(bands), tuple(pieces))


def open_unknown(marks: Sequence[PhaseMark], unknown: Sequence[UnknownSpan],
                 last_day: dt.date | None) -> tuple[tuple[dt.date, dt.date, UnknownSpan], ...]:
    """The stretches the suggestion leaves unknown that no mark covers, each with the
    unknown span it came from (for the reason in words)."""
    if last_day is None:
        return ()
    marked = marked_spans(tuple(marks), last_day)
    pieces = []
    for span in unknown:
        # Any phase does: only which days stay uncovered matters here.
        as_band = PhaseSpan(span.start, span.end, Phase.BEGIN, suggested=True)
        pieces.extend((piece.start, piece.end, span) for piece in combine(marked, [as_band])
                      if piece.suggested)
    return tuple(pieces)


class JournalPhases(NamedTuple):
    marks: tuple[PhaseMark, ...]
    bands: tuple[PhaseSpan, ...]
    suggestions: tuple[tuple[PhaseSpan, str], ...]  # open suggested pieces, reason in words
    # Stretches left unknown that no mark covers: (first day, last day, why, in words).
    unknown: tuple[tuple[dt.date, dt.date, str], ...] = ()


def phases_with_reasons(marks: tuple[PhaseMark, ...], events: pd.DataFrame,
                   suggester: PhaseSuggester, msg: Messages) -> JournalPhases:
    """Marks, the bands to draw, and the suggested spans and unknown stretches no mark
    covers, with their reasons in `msg`'s language. `events` in time order; `suggester`
    follows this journal (it reuses its last fit)."""
    if events.empty:
        return JournalPhases(marks, (), (), ())
    suggestion = suggester.suggest(events)
    last_day = events["occurred_at"].iloc[-1].date()
    result = phase_bands(marks, suggestion.spans, last_day)
    reasons = [(piece, describe_reason(span.reason, msg))
               for piece, span in result.open_suggestions]
    unknown = [(start, end, describe_reason(span.reason, msg))
               for start, end, span in open_unknown(marks, suggestion.unknown, last_day)]
    return JournalPhases(result.marks, result.bands, tuple(reasons), tuple(unknown))
