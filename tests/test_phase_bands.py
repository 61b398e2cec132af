"""Bands from marks and a suggestion: a mark always wins, a suggestion fills what is left."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from nabij.i18n import Messages
from nabij.phases.bands import JournalPhases, phase_bands, phases_with_reasons
from nabij.phases.explain import Reason, describe_reason
from nabij.phases.four_phases import Phase
from nabij.phases.marks import PhaseMark, PhaseSpan
from nabij.phases.suggest import PhaseSuggestion, SuggestedSpan, UnknownSpan

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


class _FixedSuggester:
    """A suggester with a known answer, counting how often it is asked."""

    def __init__(self, suggestion: PhaseSuggestion):
        self.suggestion, self.asked = suggestion, 0

    def suggest(self, events: pd.DataFrame) -> PhaseSuggestion:
        self.asked += 1
        return self.suggestion


def _moments(*days: dt.date) -> pd.DataFrame:
    return pd.DataFrame({"occurred_at": [pd.Timestamp(day, tz="Europe/Amsterdam")
                                         for day in days]})


def test_phases_with_reasons_word_what_no_mark_covers_up_to_the_last_moment():
    silence = Reason("phase_reason.unknown_silence", {"days": 9})
    suggestion = PhaseSuggestion(
        days=(), spans=(_suggested(D(2025, 3, 1), D(2025, 3, 20), Phase.BEGIN),),
        unknown=(UnknownSpan(D(2025, 3, 21), D(2025, 3, 31), silence),))
    marks = (PhaseMark(D(2025, 3, 10), Phase.CRISIS, end=D(2025, 3, 12)),
             PhaseMark(D(2025, 3, 25), Phase.TURNING_POINT))
    msg = Messages("en")
    result = phases_with_reasons(marks, _moments(D(2025, 3, 1), D(2025, 3, 28)),
                                 _FixedSuggester(suggestion), msg)
    begin = describe_reason(suggestion.spans[0].reason, msg)
    assert result.marks == marks
    assert [(span.start, span.end) for span, _ in result.suggestions] == [
        (D(2025, 3, 1), D(2025, 3, 9)), (D(2025, 3, 13), D(2025, 3, 20))]
    assert {reason for _, reason in result.suggestions} == {begin}
    # The mark from the 25th lasts up to the last moment's day, and leaves the rest open.
    why = describe_reason(silence, msg)
    assert result.unknown == ((D(2025, 3, 21), D(2025, 3, 24), why),
                              (D(2025, 3, 29), D(2025, 3, 31), why))
    assert result.bands[0] == PhaseSpan(D(2025, 3, 1), D(2025, 3, 9), Phase.BEGIN, True)
    assert result.bands[-1] == PhaseSpan(D(2025, 3, 25), D(2025, 3, 28), Phase.TURNING_POINT)


def test_phases_with_reasons_asks_no_suggestion_of_a_journal_without_moments():
    marks = (PhaseMark(D(2025, 3, 1), Phase.MIDDLE),)
    suggester = _FixedSuggester(PhaseSuggestion(days=(), spans=()))
    result = phases_with_reasons(marks, _moments().iloc[0:0], suggester, Messages("nl"))
    assert result == JournalPhases(marks, (), (), ())
    assert suggester.asked == 0
