"""Insights: what a journal says about repair, body and context, without grading it.

Plain Python on the events frame (`nabij.frames.events_frame`), never Streamlit. Every result
carries the number of moments it rests on (`Basis`) and is "too few" below a plain
threshold, so a page can say so instead of showing a misleading figure.

- repair.py: time from a distance moment to the next closeness moment, per phase and month;
- ratio.py: closeness and distance per week;
- body.py: body signals with closeness and with distance, per partner;
- timing.py: distance moments per weekday and hour of the day;
- context.py: context tags that come with distance moments more often than usual;
- reflection.py: the weekly reflection in words;
- highlight.py: the one insight that stands out most, for beside the chart;
- sentences.py, section_words.py: what each section of the Insights page says;
- figures.py: the Plotly figures.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from nabij.insights.body import BodyInsight, body_signals
from nabij.insights.context import ContextInsight, context_before_distance
from nabij.insights.evidence import MIN_EVENTS, MIN_PER_GROUP, Basis
from nabij.insights.ratio import WeeklyRatio, weekly_ratio
from nabij.insights.reflection import Reflection, weekly_reflection
from nabij.insights.repair import RepairInsight, repair_times
from nabij.insights.timing import TimingInsight, distance_timing


@dataclass(frozen=True)
class JournalInsights:
    repair: RepairInsight
    weekly: WeeklyRatio
    body: BodyInsight
    timing: TimingInsight
    context: ContextInsight
    reflection: Reflection | None  # None for a journal without moments


def analyse_journal(frame: pd.DataFrame, bands=()) -> JournalInsights:
    """Every insight of one journal; `bands` are its phases (marked, then suggested).

    Reads `frame` only: a cached, shared frame is never modified.
    """
    return JournalInsights(repair=repair_times(frame, bands), weekly=weekly_ratio(frame),
                           body=body_signals(frame), timing=distance_timing(frame),
                           context=context_before_distance(frame),
                           reflection=weekly_reflection(frame, bands))


__all__ = ["MIN_EVENTS", "MIN_PER_GROUP", "Basis", "BodyInsight", "ContextInsight",
           "JournalInsights", "Reflection", "RepairInsight", "TimingInsight", "WeeklyRatio",
           "analyse_journal"]
