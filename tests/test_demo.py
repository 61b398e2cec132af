"""The demo journal: valid, the same story in both languages, walking through four phases."""

from __future__ import annotations

import pandas as pd

from nabij.demo import EXAMPLES_DIR, demo_journal
from nabij.frames import events_frame
from nabij.io.canonical_csv import read_csv_file


def test_both_languages_hold_the_same_events_with_translated_notes():
    dutch, english = demo_journal("nl"), demo_journal("en")
    assert len(dutch.events) == len(english.events) >= 120
    for nl_event, en_event in zip(dutch.events, english.events, strict=True):
        assert (nl_event.occurred_at, nl_event.partner, nl_event.kind, nl_event.intensity,
                nl_event.body) == (en_event.occurred_at, en_event.partner, en_event.kind,
                                   en_event.intensity, en_event.body)
    assert sum(a.note != b.note for a, b in zip(dutch.events, english.events, strict=True)) > 100


def test_demo_files_have_no_bad_rows():
    for path in sorted(EXAMPLES_DIR.glob("demo_*.csv")):
        assert read_csv_file(path).problems == [], path


def test_demo_is_read_only_and_spans_a_few_months():
    demo = demo_journal("nl")
    assert demo.journal.read_only and demo.journal.id is None
    span = demo.events[-1].occurred_at - demo.events[0].occurred_at
    assert 60 <= span.days <= 200


def test_closeness_share_falls_into_a_crisis_and_recovers():
    """begin: closeness dominates; middle: it falls; crisis: distance dominates; then back."""
    demo = demo_journal("nl")
    frame = events_frame(demo.events, demo.journal)
    frame["closeness"] = frame["kind"] == "closeness"
    quarter = len(frame) // 4
    shares = [frame["closeness"].iloc[i * quarter:(i + 1) * quarter].mean() for i in range(4)]
    begin, middle, crisis, turning = shares
    assert begin > 0.75
    assert middle < begin and crisis < 0.4
    assert turning > 0.65
    distance = frame[~frame["closeness"]]
    crisis_rows = distance.iloc[len(distance) // 2:]
    assert crisis_rows["intensity"].mean() > distance["intensity"].iloc[:10].mean()


def test_both_partners_log_in_every_month():
    frame = events_frame(demo_journal("en").events, demo_journal("en").journal)
    months = frame.groupby(frame["occurred_at"].dt.strftime("%Y-%m"))["partner"].nunique()
    assert (months == 2).all()
    assert isinstance(frame["occurred_at"].dtype, pd.DatetimeTZDtype)
