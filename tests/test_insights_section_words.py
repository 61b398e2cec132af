"""What each part of the Insights page says: too few, the sentences, and the notes under them,
on journals with a known answer and on any small journal."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nabij.frames import events_frame
from nabij.i18n import Messages
from nabij.insights import MIN_EVENTS, Basis, analyse_journal
from nabij.insights.context import MAX_TAGS
from nabij.insights.repair import MAX_MONTHS
from nabij.insights.section_words import (
    SectionWords,
    body_words,
    context_words,
    ratio_words,
    reflection_words,
    repair_month_words,
    repair_phase_words,
    repair_words,
    timing_words,
)
from nabij.insights.sentences import context_lines, ratio_summary, timing_line
from nabij.model import BodySignal, Event, Journal, Kind
from nabij.phases.four_phases import Phase
from nabij.phases.marks import PhaseSpan
from tests.test_insights import (
    APART,
    CLOSE,
    context_journal,
    frame_of,
    local,
    moment,
    two_day_repairs,
)

JOURNAL = Journal(1, "Wij", ("Anna", "Bram"), "Europe/Amsterdam")
EN = Messages("en")


def test_repair_says_both_sides_with_the_counts_and_what_it_rests_on():
    repair = analyse_journal(frame_of(two_day_repairs())).repair
    words = repair_words(repair, EN)
    assert words.too_few is None
    assert words.lines == (EN("insights.repair.overall_both", same="2 days", other="6 hours"),
                           EN("insights.repair.counts", same=12, other=12, total=12))
    assert words.notes == (EN("insights.repair.rests_on", count=12),)  # nothing left open


def test_repair_with_open_moments_says_so_before_what_it_rests_on():
    events = [*two_day_repairs(), moment(local(2025, 6, 1), 1, APART)]
    words = repair_words(analyse_journal(frame_of(events)).repair, EN)
    assert words.notes == (EN("insights.repair.open_note"),
                           EN("insights.repair.rests_on", count=13))


def test_repair_on_too_few_moments_says_only_that():
    repair = analyse_journal(frame_of(two_day_repairs(rounds=MIN_EVENTS - 1))).repair
    assert repair_words(repair, EN) == SectionWords(too_few=Basis(MIN_EVENTS - 1))


def test_repair_without_a_median_on_either_side_keeps_the_counts_under_its_too_few():
    # Enough distance moments, but none repaired: no side has a median.
    events = [moment(local(2025, 1, 6) + dt.timedelta(hours=index), 0, APART)
              for index in range(MIN_EVENTS)]
    repair = analyse_journal(frame_of(events)).repair
    words = repair_words(repair, EN)
    assert words.too_few == Basis(0)
    assert words.lines == (EN("insights.repair.counts", same=0, other=0, total=MIN_EVENTS),)
    assert words.notes[-1] == EN("insights.repair.rests_on", count=MIN_EVENTS)


def test_repair_tabs_note_moments_outside_the_phases_and_months_left_out():
    bands = (PhaseSpan(dt.date(2025, 1, 1), dt.date(2025, 1, 10), Phase.BEGIN),)
    repair = analyse_journal(frame_of(two_day_repairs()), bands).repair
    assert repair_phase_words(repair, EN).notes == (
        EN("insights.repair.phase_note"), EN("insights.repair.without_phase", count=11))
    assert repair_month_words(repair, EN) == SectionWords()
    long = analyse_journal(frame_of(two_day_repairs(rounds=6 * (MAX_MONTHS + 3)))).repair
    assert long.months_left_out
    assert repair_month_words(long, EN).notes == (
        EN("insights.repair.months_left_out", count=MAX_MONTHS),)


def test_ratio_body_and_timing_say_their_sentence_and_basis():
    insights = analyse_journal(frame_of(two_day_repairs() + context_journal()))
    ratio = ratio_words(insights.weekly, EN)
    assert ratio.lines == (ratio_summary(insights.weekly, EN),)
    assert ratio.notes[0] == EN("insights.ratio.rests_on", count=insights.weekly.basis.count)
    timing = timing_words(insights.timing, EN)
    assert timing == SectionWords(lines=(timing_line(insights.timing, EN),), notes=(
        EN("insights.timing.rests_on", count=insights.timing.basis.count),))
    body = body_words(insights.body, JOURNAL.partners, EN)
    assert body == SectionWords(too_few=insights.body.basis)  # no body signal named at all


def test_body_says_how_many_moments_named_no_signal():
    named = [moment(local(2025, 4, 1) + dt.timedelta(hours=index), index % 2, APART,
                    body=BodySignal.ALARM) for index in range(MIN_EVENTS * 2)]
    unnamed = [moment(local(2025, 4, 5) + dt.timedelta(hours=index), 0, APART)
               for index in range(3)]
    insights = analyse_journal(frame_of(named + unnamed))
    words = body_words(insights.body, JOURNAL.partners, EN)
    assert words.notes == (EN("insights.body.rests_on", count=insights.body.basis.count),
                           EN("insights.body.unnamed", count=3))


def test_body_with_every_signal_named_has_no_unnamed_note():
    events = [moment(local(2025, 4, 1) + dt.timedelta(hours=index), index % 2, APART,
                     body=BodySignal.ALARM) for index in range(MIN_EVENTS * 2)]
    insights = analyse_journal(frame_of(events))
    words = body_words(insights.body, ("<b>Anna</b>", "Bram"), EN)
    assert words.notes == (EN("insights.body.rests_on", count=insights.body.basis.count),)
    assert any("<b>Anna</b>" in line for line in words.lines)  # text, shown as text


def test_context_names_what_stands_out_or_what_is_too_few():
    context = analyse_journal(frame_of(context_journal())).context
    words = context_words(context, EN)
    assert words.lines == tuple(context_lines(context, EN))
    assert words.notes == (EN("insights.context.rests_on", count=30, distance=10),)
    few = analyse_journal(frame_of(context_journal()[:4])).context
    assert context_words(few, EN) == SectionWords(
        too_few=Basis(few.tagged),
        notes=(EN("insights.context.rests_on", count=few.tagged,
                  distance=few.tagged_distance),))


def test_context_with_more_tags_than_shown_says_how_many_were_left_out():
    events = [moment(local(2025, 2, 3) + dt.timedelta(hours=index), index % 2,
                     APART if index % 3 else CLOSE, context=f"tag{index % (MAX_TAGS + 2)}")
              for index in range(60)]
    context = analyse_journal(frame_of(events)).context
    assert context.tags_left_out == 2
    assert context_words(context, EN).notes[-1] == EN(
        "insights.context.tags_left_out", shown=MAX_TAGS, count=2)


def test_reflection_says_its_sentences_and_how_many_moments_it_rests_on():
    reflection = analyse_journal(frame_of(context_journal())).reflection
    words = reflection_words(reflection, JOURNAL.partners, EN)
    assert words.too_few is None and words.lines
    assert words.notes == (EN("insights.reflection.rests_on", count=reflection.total),)


MARK = "§user§"
events = st.lists(st.builds(
    Event,
    occurred_at=st.integers(0, 60 * 24 * 60).map(
        lambda minutes: dt.datetime(2025, 3, 1, tzinfo=dt.UTC) + dt.timedelta(minutes=minutes)),
    partner=st.sampled_from([0, 1]), kind=st.sampled_from(list(Kind)),
    intensity=st.integers(1, 5), body=st.sampled_from([None, *BodySignal]),
    context=st.sampled_from(["", f"{MARK}a", f"{MARK}b;werk", "werk"]), note=st.just("")),
    max_size=50)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events=events)
def test_notes_never_hold_user_text_and_too_few_says_nothing_else(events):
    frame = events_frame([event.with_id(index) for index, event in enumerate(events, 1)],
                         Journal(1, "Wij", (f"{MARK}A", f"{MARK}B"), "Europe/Amsterdam"))
    insights = analyse_journal(frame)
    partners = (f"{MARK}A", f"{MARK}B")
    said = [repair_words(insights.repair, EN), repair_phase_words(insights.repair, EN),
            repair_month_words(insights.repair, EN), ratio_words(insights.weekly, EN),
            body_words(insights.body, partners, EN), timing_words(insights.timing, EN)]
    if insights.context.tagged:
        said.append(context_words(insights.context, EN))
    if insights.reflection is not None:
        said.append(reflection_words(insights.reflection, partners, EN))
    for words in said:
        # Notes are shown as Markdown: only Nabij's own words and numbers may be in them.
        assert not any(MARK in note for note in words.notes)
        assert all(isinstance(line, str) and line for line in words.lines)
    for words, insight in ((said[3], insights.weekly), (said[4], insights.body),
                           (said[5], insights.timing)):
        if not insight.enough:
            assert words == SectionWords(too_few=insight.basis)
