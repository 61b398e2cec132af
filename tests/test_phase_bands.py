"""Bands from marks and a suggestion: a mark always wins, a suggestion fills what is left."""

from __future__ import annotations

import datetime as dt

from nabij.phases.bands import phase_bands
from nabij.phases.explain import Reason
from nabij.phases.four_phases import Phase
from nabij.phases.marks import PhaseMark, PhaseSpan
from nabij.phases.suggest import SuggestedSpan

D = dt.date


def _suggested(start: dt.date, end: dt.date, phase: Phase) -> SuggestedSpan:
    return SuggestedSpan(start, end, phase, 0.8, Reason("phase_reason.begin_close", {}))


def test_a_mark_wins_and_the_suggestion_keeps_its_span_for_the_reason():
    marks = [PhaseMark(D(2025, 3, 10), Phase.CRISIS, end=D(2025, 3, 12))]
    suggestion = [_suggested(D(2025, 3, 1), D(2025, 3, 20), Phase.BEGIN)]
    result = phase_bands(marks, suggestion, D(2025, 3, 20))
    assert result.bands == (
        PhaseSpan(D(2025, 3, 1), D(2025, 3, 9), Phase.BEGIN, suggested=True),
        PhaseSpan(D(2025, 3, 10), D(2025, 3, 12), Phase.CRISIS),
        PhaseSpan(D(2025, 3, 13), D(2025, 3, 20), Phase.BEGIN, suggested=True))
    assert [span for _, span in result.open_suggestions] == suggestion * 2


def test_without_moments_the_marks_still_show():
    marks = [PhaseMark(D(2025, 3, 1), Phase.MIDDLE), PhaseMark(D(2025, 3, 5), Phase.CRISIS)]
    result = phase_bands(marks, [], None)
    assert result.bands == (PhaseSpan(D(2025, 3, 1), D(2025, 3, 4), Phase.MIDDLE),
                            PhaseSpan(D(2025, 3, 5), D(2025, 3, 5), Phase.CRISIS))
    assert phase_bands([], [], None).bands == ()
