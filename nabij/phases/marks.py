"""Phases marked by hand, and how they combine with a suggestion into bands on the chart.

A mark says "from this day on, this phase"; it lasts until the next mark (or its own end,
for an accepted suggestion). Where the user marked, the mark wins: a suggestion only fills
days that no mark covers, and is never written over a mark.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from nabij.phases.four_phases import Phase


@dataclass(frozen=True)
class PhaseMark:
    start: dt.date
    phase: Phase
    end: dt.date | None = None
    id: int | None = None


class MarkRefused(ValueError):
    """A change to the marks that would overwrite or break another mark: a key to explain it."""

    def __init__(self, key: str, **params: object):
        super().__init__(key)
        self.key = key
        self.params = params


def moved_mark(mark: PhaseMark, start: dt.date, others: Iterable[PhaseMark]) -> PhaseMark:
    """The mark from another first day, or MarkRefused.

    One mark per day: moving onto a day where another mark starts would silently replace
    that one, so it is refused. An accepted suggestion keeps its own end, so its first day
    cannot move past it.
    """
    if any(other.start == start and other.id != mark.id for other in others):
        raise MarkRefused("phase_ui.day_taken", date=start)
    if mark.end is not None and start > mark.end:
        raise MarkRefused("phase_ui.after_end", end=mark.end)
    return replace(mark, start=start)


def restorable_mark(mark: PhaseMark, marks: Iterable[PhaseMark]) -> PhaseMark:
    """A removed mark to put back as it was, unless a newer mark now starts on its day."""
    if any(other.start == mark.start for other in marks):
        raise MarkRefused("phase_ui.undo_day_taken", date=mark.start)
    return replace(mark, id=None)


@dataclass(frozen=True)
class PhaseSpan:
    """Whole local days from `start` to `end` inclusive."""

    start: dt.date
    end: dt.date
    phase: Phase
    suggested: bool = False


def marked_spans(marks: Iterable[PhaseMark], last_day: dt.date) -> list[PhaseSpan]:
    """The spans the marks cover, each ending at its own end, the next mark, or `last_day`."""
    ordered = sorted(marks, key=lambda mark: mark.start)
    spans = []
    for index, mark in enumerate(ordered):
        limit = last_day
        if index + 1 < len(ordered):
            limit = ordered[index + 1].start - dt.timedelta(days=1)
        end = min(mark.end, limit) if mark.end else limit
        if end >= mark.start:
            spans.append(PhaseSpan(mark.start, end, mark.phase))
    return spans


def combine(marked: Sequence[PhaseSpan], suggested: Sequence[PhaseSpan]) -> list[PhaseSpan]:
    """Marked spans as they are, plus the parts of suggested spans that no mark covers."""
    result = list(marked)
    for span in suggested:
        pieces = [(span.start, span.end)]
        for mark in marked:
            next_pieces = []
            for start, end in pieces:
                if mark.end < start or mark.start > end:
                    next_pieces.append((start, end))
                    continue
                if start < mark.start:
                    next_pieces.append((start, mark.start - dt.timedelta(days=1)))
                if end > mark.end:
                    next_pieces.append((mark.end + dt.timedelta(days=1), end))
            pieces = next_pieces
        result.extend(PhaseSpan(start, end, span.phase, suggested=True) for start, end in pieces)
    return sorted(result, key=lambda item: item.start)


def phase_on(spans: Sequence[PhaseSpan], day: dt.date) -> PhaseSpan | None:
    for span in spans:
        if span.start <= day <= span.end:
            return span
    return None
