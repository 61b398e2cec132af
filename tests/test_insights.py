"""Insights on journals built to have a known answer: repair time, weekly ratio, body, timing,
context, the weekly reflection, the highlight beside the chart, and their figures."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from nabij.frames import events_frame
from nabij.i18n import Messages
from nabij.insights import MIN_EVENTS, Basis, analyse_journal
from nabij.insights.body import body_signals
from nabij.insights.context import context_before_distance, split_tags
from nabij.insights.highlight import highlight_basis, highlight_sentence, strongest
from nabij.insights.insight_figures import (
    body_figure,
    context_figure,
    figures_for,
    repair_figure,
    timing_figure,
    weekly_figure,
)
from nabij.insights.ratio import MAX_WEEKS, weekly_ratio
from nabij.insights.reflection import reflection_sentences, step_for, weekly_reflection
from nabij.insights.repair import MAX_MONTHS, repair_times
from nabij.insights.sentences import (
    body_lines,
    context_basis,
    context_lines,
    ratio_summary,
    repair_overall,
    timing_line,
)
from nabij.insights.timing import distance_timing
from nabij.insights.wording import duration
from nabij.model import BodySignal, Event, Journal, Kind
from nabij.phases.four_phases import Phase
from nabij.phases.marks import PhaseSpan

JOURNAL = Journal(1, "Wij", ("Anna", "Bram"), "Europe/Amsterdam")
ZONE = JOURNAL.zone
NL, EN = Messages("nl"), Messages("en")
CLOSE, APART = Kind.CLOSENESS, Kind.DISTANCE


def moment(when: dt.datetime, partner: int, kind: Kind, *, intensity: int = 3,
           body: BodySignal | None = None, context: str = "", note: str = "") -> Event:
    return Event(occurred_at=when.astimezone(dt.UTC), partner=partner, kind=kind,
                 intensity=intensity, body=body, context=context, note=note)


def frame_of(events: list[Event], journal: Journal = JOURNAL):
    numbered = [event.with_id(index) for index, event in enumerate(events, 1)]
    return events_frame(numbered, journal)


def local(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=ZONE)


def two_day_repairs(rounds: int = 12, start: dt.datetime | None = None) -> list[Event]:
    """Anna logs distance; Bram logs closeness 6 hours later, Anna exactly 48 hours later."""
    start = start or local(2025, 1, 6, 20)
    events = []
    for index in range(rounds):
        base = start + dt.timedelta(days=5 * index)
        events += [moment(base, 0, APART), moment(base + dt.timedelta(hours=6), 1, CLOSE),
                   moment(base + dt.timedelta(hours=48), 0, CLOSE)]
    return events


# --- repair time ------------------------------------------------------------------------------

def test_repair_time_of_exactly_two_days_from_the_same_partner():
    repair = repair_times(frame_of(two_day_repairs()))
    assert repair.enough and repair.basis.count == 12
    assert repair.same.median_hours == 48.0 and repair.same.repaired == 12
    assert repair.other.median_hours == 6.0 and repair.other.open == 0
    assert duration(repair.same.median_hours, EN) == "2 days"
    assert duration(repair.same.median_hours, NL) == "2 dagen"


def test_repair_time_is_elapsed_time_across_the_clock_change():
    # Saturday 12:00 to Monday 12:00 over the last weekend of March (summer time begins on
    # the Sunday in Europe/Amsterdam) is 47 hours of real time, not two calendar days.
    events = []
    for year in range(2016, 2026):
        last_day = dt.date(year, 3, 31)
        sunday = last_day - dt.timedelta(days=(last_day.weekday() + 1) % 7)
        saturday = sunday - dt.timedelta(days=1)
        events += [moment(local(year, 3, saturday.day), 0, APART),
                   moment(local(year, 3, saturday.day) + dt.timedelta(days=2), 0, CLOSE)]
    repair = repair_times(frame_of(events))
    assert repair.same.repaired == 10 and repair.same.median_hours == 47.0


def test_a_distance_moment_without_closeness_after_it_is_open_not_guessed():
    events = [*two_day_repairs(), moment(local(2025, 6, 1), 1, APART)]
    repair = repair_times(frame_of(events))
    assert repair.basis.count == 13
    # Bram's last distance: no closeness from Bram or Anna follows it.
    assert (repair.same.repaired, repair.same.open) == (12, 1)
    assert (repair.other.repaired, repair.other.open) == (12, 1)
    assert repair.same.median_hours == 48.0


def test_repair_per_phase_and_per_month_with_the_counts_behind_them():
    frame = frame_of(two_day_repairs())  # distance every 5 days from 6 January
    bands = (PhaseSpan(dt.date(2025, 1, 1), dt.date(2025, 1, 31), Phase.MIDDLE),
             PhaseSpan(dt.date(2025, 2, 1), dt.date(2025, 3, 31), Phase.CRISIS, suggested=True))
    repair = repair_times(frame, bands)
    assert [(group.key, group.distance) for group in repair.by_phase] == \
        [("middle", 6), ("crisis", 6)]
    assert all(group.same.median_hours == 48.0 for group in repair.by_phase)
    assert repair.without_phase == 0
    assert [(group.key, group.distance) for group in repair.by_month] == \
        [("2025-01", 6), ("2025-02", 5), ("2025-03", 1)]
    assert sum(group.distance for group in repair.by_month) == repair.basis.count


def test_a_group_with_too_few_moments_gets_no_median():
    frame = frame_of(two_day_repairs())
    bands = (PhaseSpan(dt.date(2025, 1, 1), dt.date(2025, 1, 10), Phase.BEGIN),)
    repair = repair_times(frame, bands)
    [begin] = repair.by_phase
    assert begin.distance == 1 and begin.same.median_hours is None
    assert repair.without_phase == 11


def test_too_few_distance_moments_is_the_too_few_result():
    repair = repair_times(frame_of(two_day_repairs(rounds=MIN_EVENTS - 1)))
    assert not repair.enough and repair.basis.count == MIN_EVENTS - 1
    assert repair.same.median_hours is None  # not shown, however clear it looks
    assert repair_figure(repair, EN) is None


def test_repair_months_are_capped_for_a_long_journal():
    start = local(2020, 1, 6)
    events = []
    for month in range(60):
        base = start + dt.timedelta(days=30 * month)
        events += [moment(base, 0, APART), moment(base + dt.timedelta(hours=2), 1, CLOSE)]
    repair = repair_times(frame_of(events))
    assert len(repair.by_month) == MAX_MONTHS and repair.months_left_out > 0
    assert repair.by_month[-1].key == max(group.key for group in repair.by_month)


# --- closeness and distance per week -----------------------------------------------------------

def test_weekly_counts_keep_empty_weeks_and_have_no_ratio_without_distance():
    monday = local(2025, 3, 3, 9)
    events = [moment(monday, 0, CLOSE), moment(monday + dt.timedelta(days=1), 1, CLOSE),
              moment(monday + dt.timedelta(days=2), 1, APART),
              moment(monday + dt.timedelta(days=15), 0, CLOSE)]
    weekly = weekly_ratio(frame_of(events))
    assert [(week.start, week.closeness, week.distance) for week in weekly.weeks] == [
        (dt.date(2025, 3, 3), 2, 1), (dt.date(2025, 3, 10), 0, 0), (dt.date(2025, 3, 17), 1, 0)]
    assert weekly.weeks[0].ratio == 2.0 and weekly.weeks[2].ratio is None
    assert (weekly.closeness, weekly.distance) == (3, 1)
    assert not weekly.enough and weekly_figure(weekly, NL) is None


def test_weekly_figure_draws_no_target_line_and_caps_its_weeks():
    start = local(2020, 1, 6)
    events = [moment(start + dt.timedelta(days=3 * index), index % 2,
                     APART if index % 3 == 0 else CLOSE) for index in range(1000)]
    weekly = weekly_ratio(frame_of(events))
    assert len(weekly.weeks) == MAX_WEEKS and weekly.weeks_left_out > 0
    figure = weekly_figure(weekly, EN)
    assert figure is not None
    assert not figure.layout.shapes  # no 5:1 line or any other target
    assert all(len(trace.x) == MAX_WEEKS for trace in figure.data)


# --- body signals and timing --------------------------------------------------------------------

def test_body_states_per_partner_and_kind():
    start = local(2025, 4, 1)
    events = ([moment(start + dt.timedelta(hours=index), 0, APART, body=BodySignal.ALARM)
               for index in range(6)]
              + [moment(start + dt.timedelta(hours=10 + index), 1, APART,
                        body=BodySignal.SHUTDOWN) for index in range(5)]
              + [moment(start + dt.timedelta(hours=20 + index), 0, CLOSE,
                        body=BodySignal.CALM) for index in range(3)]
              + [moment(start + dt.timedelta(hours=30), 1, CLOSE)])
    body = body_signals(frame_of(events))
    assert body.enough and body.basis.count == 14
    anna_apart = body.row(0, "distance")
    assert (anna_apart.alarm, anna_apart.named, anna_apart.most_common) == (6, 6, "alarm")
    assert body.row(1, "distance").most_common == "shutdown"
    assert not body.row(0, "closeness").enough  # 3 is below the threshold
    assert (body.row(1, "closeness").unnamed, body.row(1, "closeness").named) == (1, 0)
    assert sum(row.moments for row in body.rows) == len(events)
    figure = body_figure(body, JOURNAL.partners, EN)
    calm = next(trace for trace in figure.data if trace.name == "calm")
    assert calm.x[2] is None  # Anna's closeness row: too few for a share


def test_distance_clusters_on_sunday_evening_against_when_all_moments_fall():
    events = [moment(local(2025, 5, 4, 21) + dt.timedelta(weeks=week), week % 2, APART)
              for week in range(12)]
    events += [moment(local(2025, 5, 5 + day, 8), 0, CLOSE) for day in range(24)]
    timing = distance_timing(frame_of(events))
    assert timing.enough and timing.distance[6][21] == 12
    assert sum(map(sum, timing.distance)) == 12 and sum(map(sum, timing.moments)) == 36
    peak = timing.peak
    assert (peak.weekday, peak.part, peak.distance) == (6, "evening", 12)
    assert peak.distance_share == 1.0 and peak.moments_share == pytest.approx(12 / 36)
    heat = timing_figure(timing, NL)
    assert len(heat.data[0].z) == 7 and all(len(row) == 24 for row in heat.data[0].z)


def test_too_few_distance_moments_has_no_timing_peak():
    events = [moment(local(2025, 5, 4, 21), 0, APART) for _ in range(MIN_EVENTS - 1)]
    timing = distance_timing(frame_of(events))
    assert not timing.enough and timing.peak is None and timing_figure(timing, EN) is None


# --- context ------------------------------------------------------------------------------------

def context_journal() -> list[Event]:
    """'Werk' comes with every distance moment and never with closeness; 'thuis' with both."""
    start = local(2025, 2, 3, 18)
    events = []
    for index in range(10):
        base = start + dt.timedelta(days=index)
        events += [moment(base, 0, APART, context="Werk; werk" if index == 0 else "werk"),
                   moment(base + dt.timedelta(hours=2), 1, CLOSE, context="thuis"),
                   moment(base + dt.timedelta(hours=3), 0, CLOSE, context="thuis;vrienden"),
                   moment(base + dt.timedelta(hours=4), 1, CLOSE)]
    return events


def test_a_context_that_always_precedes_distance_stands_out():
    context = context_before_distance(frame_of(context_journal()))
    assert context.enough and context.tagged == 30 and context.tagged_distance == 10
    [werk] = context.standouts
    assert (werk.tag, werk.moments, werk.distance) == ("werk", 10, 10)
    assert context.share_of_distance(werk) == 1.0
    assert context.share_of_all(werk) == pytest.approx(10 / 30)
    thuis = next(row for row in context.rows if row.tag == "thuis")
    assert (thuis.moments, thuis.distance) == (20, 0)


def test_tags_are_split_tidied_and_counted_once_per_moment():
    import pandas as pd

    pairs = split_tags(pd.Series(["Werk; werk", "", " familie ;; Werk ", "a,b"]))
    assert list(pairs["row"]) == [0, 2, 2, 3, 3]
    assert list(pairs["key"]) == ["werk", "familie", "werk", "a", "b"]


def test_too_few_tagged_moments_is_the_too_few_result():
    events = [moment(local(2025, 2, 3) + dt.timedelta(hours=index), 0, APART, context="werk")
              for index in range(MIN_EVENTS - 1)]
    context = context_before_distance(frame_of(events))
    assert not context.enough and context.standouts == () and context_figure(context, NL) is None


def test_context_figure_escapes_tags_and_shows_counts():
    events = context_journal()
    events = [moment(event.occurred_at, event.partner, event.kind,
                     context=event.context.replace("vrienden", "<b>vrienden</b>"))
              for event in events]
    figure = context_figure(context_before_distance(frame_of(events)), EN)
    spec = json.dumps(figure.to_plotly_json())
    assert "<b>vrienden" not in spec and "&lt;b&gt;vrienden&lt;/b&gt;" in spec
    distance = figure.data[0]
    assert "10/10" in distance.text


# --- the weekly reflection ----------------------------------------------------------------------

@pytest.mark.parametrize(("phase", "alert", "step"), [
    ("begin", 0, 1), ("middle", 0, 2), ("middle", 2, 3), ("crisis", 0, 4), ("crisis", 1, 3),
    ("turning_point", 0, 5), (None, 0, None)])
def test_the_next_step_suits_the_phase(phase, alert, step):
    assert step_for(phase, alert) == step


def test_reflection_on_the_last_week_with_its_phase_and_step():
    end = local(2025, 6, 20, 21)
    events = [moment(end - dt.timedelta(days=day), day % 2, CLOSE) for day in range(7)]
    events += [moment(end - dt.timedelta(days=2, hours=1), 0, APART, body=BodySignal.ALARM)]
    events += [moment(end - dt.timedelta(days=8 + day), 1, APART) for day in range(5)]
    bands = (PhaseSpan(dt.date(2025, 6, 1), dt.date(2025, 6, 20), Phase.CRISIS),)
    reflection = weekly_reflection(frame_of(events), bands)
    assert (reflection.start, reflection.end) == (dt.date(2025, 6, 14), dt.date(2025, 6, 20))
    assert (reflection.closeness, reflection.distance, reflection.alert_body) == (7, 1, 1)
    assert (reflection.previous_closeness, reflection.previous_distance) == (0, 5)
    assert reflection.phase == "crisis" and not reflection.phase_suggested
    assert reflection.step == 3 and reflection.comparable
    lines = reflection_sentences(reflection, JOURNAL.partners, EN)
    assert lines[0] == ("From Jun 14, 2025 to Jun 20, 2025 you logged 8 moments: "
                        "7 × closeness and 1 × distance.")
    assert "Anna: 4 × closeness, 1 × distance." in lines
    assert "Of these moments, 88% were closeness; in the week before, 0%." in lines
    assert any("phase you marked yourselves: Crisis" in line for line in lines)
    assert any(line.startswith("A small next step (step 3, learn to carry") for line in lines)
    dutch = reflection_sentences(reflection, JOURNAL.partners, NL)
    assert dutch[0].startswith("Van 14 jun 2025 tot en met 20 jun 2025 legden jullie 8 momenten")
    assert any("stap 3, emoties leren dragen" in line for line in dutch)


def test_a_quiet_week_says_so_kindly_and_an_empty_journal_has_no_reflection():
    reflection = weekly_reflection(frame_of([moment(local(2025, 6, 20), 0, CLOSE)]))
    lines = reflection_sentences(reflection, JOURNAL.partners, EN)
    assert lines[0].endswith("you logged 1 moment: 1 × closeness and 0 × distance.")
    assert any("does not say much on its own" in line for line in lines)
    assert weekly_reflection(frame_of([])) is None


# --- the highlight beside the chart -------------------------------------------------------------

def test_highlight_names_the_context_that_stands_out():
    insights = analyse_journal(frame_of(context_journal()))
    highlight = strongest(insights)
    assert highlight.topic == "context" and highlight.tag.tag == "werk"
    assert highlight.rests_on == 30
    sentence = highlight_sentence(highlight, insights, EN)
    assert sentence.startswith("“werk” came with distance more often than usual")
    assert "10 of the 10 distance moments (100%)" in sentence
    assert highlight_basis(highlight, insights, EN) == (
        "From the whole journal. Based on 30 moments with a context, 10 of them distance.")


def test_highlight_falls_back_to_repair_time_then_to_nothing():
    insights = analyse_journal(frame_of(two_day_repairs()))
    highlight = strongest(insights)
    assert highlight.topic == "repair"
    assert highlight_sentence(highlight, insights, NL) == (
        "Na afstand volgde nabijheid van de ander na 6 uur, en van dezelfde partner na "
        "2 dagen (medianen).")
    assert strongest(analyse_journal(frame_of(two_day_repairs(rounds=3)))) is None


# --- shared rules -------------------------------------------------------------------------------

def test_insights_never_change_the_frame_they_read():
    frame = frame_of([*two_day_repairs(), *context_journal()])
    before = frame.copy(deep=True)
    insights = analyse_journal(frame, (PhaseSpan(dt.date(2025, 1, 1), dt.date(2025, 12, 31),
                                                 Phase.MIDDLE),))
    for figure in (repair_figure(insights.repair, EN), weekly_figure(insights.weekly, EN),
                   body_figure(insights.body, JOURNAL.partners, EN),
                   context_figure(insights.context, EN)):
        assert figure is None or figure.data
    assert frame.equals(before) and list(frame.columns) == list(before.columns)


def test_partner_names_in_figures_are_escaped():
    journal = Journal(1, "Wij", ("<i>Anna</i>", "Bram & Co"), "Europe/Amsterdam")
    events = [moment(local(2025, 4, 1) + dt.timedelta(hours=index), index % 2,
                     APART if index % 2 else CLOSE, body=BodySignal.CALM) for index in range(24)]
    body = body_signals(frame_of(events, journal))
    spec = json.dumps(body_figure(body, journal.partners, EN).to_plotly_json())
    assert "<i>Anna" not in spec and "&lt;i&gt;Anna&lt;/i&gt;" in spec
    assert "Bram &amp; Co" in spec


@pytest.mark.parametrize(("hours", "english", "dutch"), [
    (0.5, "30 minutes", "30 minuten"), (1.0, "1 hour", "1 uur"), (5.25, "5.2 hours", "5,2 uur"),
    (30, "30 hours", "30 uur"), (24 * 3.5, "3.5 days", "3,5 dagen"), (24, "24 hours", "24 uur")])
def test_durations_read_naturally(hours, english, dutch):
    assert duration(hours, EN) == english and duration(hours, NL) == dutch


# --- the sentences the page shows -----------------------------------------------------------

def test_repair_sentence_names_both_sides_or_the_basis_that_is_too_small():
    repair = repair_times(frame_of(two_day_repairs()))
    assert repair_overall(repair, EN) == EN("insights.repair.overall_both", same="2 days",
                                            other="6 hours")
    few = repair_times(frame_of(two_day_repairs(rounds=2)))
    assert repair_overall(few, EN) == Basis(2)


def test_body_and_timing_sentences_name_the_partner_and_the_peak():
    start = local(2025, 4, 1)
    events = [moment(start + dt.timedelta(hours=index), 1, APART, body=BodySignal.SHUTDOWN)
              for index in range(6)]
    [line] = body_lines(body_signals(frame_of(events)), JOURNAL.partners, EN)
    assert line.startswith("Bram") or "Bram" in line
    assert timing_line(distance_timing(frame_of(events[:1])), EN) == \
        EN("insights.timing.no_peak")
    sunday = [moment(local(2025, 5, 4, 21) + dt.timedelta(weeks=week), 0, APART)
              for week in range(12)]
    assert "12" in timing_line(distance_timing(frame_of(sunday)), EN)


def test_context_sentences_list_what_stands_out_or_say_nothing_does():
    context = context_before_distance(frame_of(context_journal()))
    intro, werk = context_lines(context, EN)
    assert intro == EN("insights.context.standout_intro") and "werk" in werk
    quiet = context_before_distance(frame_of(
        [moment(local(2025, 2, 3) + dt.timedelta(hours=index), index % 2, APART, context="x")
         for index in range(MIN_EVENTS * 2)]))
    assert context_lines(quiet, EN) == [EN("insights.context.no_standout")]
    few = context_before_distance(frame_of(context_journal()[:4]))
    assert context_basis(few) == Basis(few.tagged)


def test_ratio_sentence_adds_the_ratio_only_where_there_is_distance():
    monday = local(2025, 3, 3, 9)
    closeness_only = weekly_ratio(frame_of([moment(monday, 0, CLOSE)]))
    assert ratio_summary(closeness_only, EN) == EN("insights.ratio.summary", closeness=1,
                                                   distance=0)
    both = weekly_ratio(frame_of([moment(monday, 0, CLOSE), moment(monday, 1, CLOSE),
                                  moment(monday, 1, APART)]))
    assert ratio_summary(both, EN).endswith(EN("insights.ratio.summary_ratio", ratio="2"))


def test_every_figure_is_there_with_enough_moments_and_none_without():
    full = figures_for(analyse_journal(frame_of(two_day_repairs() + context_journal())),
                       JOURNAL.partners, EN)
    assert full.repair_by_phase is None  # no bands: nothing by phase
    assert all(figure is not None for figure in (full.repair_by_month, full.weekly,
                                                  full.timing, full.context))
    empty = figures_for(analyse_journal(frame_of([])), JOURNAL.partners, EN)
    assert all(figure is None for figure in vars(empty).values())
