"""The session's domain: visibility, check-ins, the period, the cycle map and its step,
what is missing, and the figures (without a browser)."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from nabij.content import get_panel
from nabij.frames import events_frame
from nabij.i18n import Messages, catalogue
from nabij.model import (
    BodySignal,
    Event,
    EventInput,
    InvalidInput,
    Journal,
    Kind,
    Visibility,
    validate_event,
)
from nabij.phases.four_phases import Phase
from nabij.phases.marks import PhaseSpan
from nabij.session.checkins import check_in_series, check_ins_on, latest_before
from nabij.session.cycle_map import fitting_step, five_step_section, loop_nodes
from nabij.session.period import chosen_period, last_session_before, session_period
from nabij.session.prepare import (
    MAP_BOXES,
    Missing,
    filled_pieces,
    missing_pieces,
    perspectives,
    phase_in_view,
)
from nabij.session.records import (
    TEXT_MAX_CHARS,
    CheckIn,
    CycleMap,
    MemorySessionRecords,
    SessionNote,
    validate_check_in,
    validate_cycle_map,
    validate_next_session,
    validate_next_step,
)
from nabij.session.sentences import check_in_sentences
from nabij.session.session_figures import (
    check_in_figure,
    cycle_map_figure,
    ios_pair_figure,
    ios_scale_figure,
    node_text,
)
from nabij.session.settings import session_settings_from
from nabij.visibility import (
    Audience,
    default_audience,
    shared_events,
    shared_for_two_between,
    without_notes,
)

JOURNAL = Journal(None, "Wij", ("Anna", "Bram"), "Europe/Amsterdam")
DAY = dt.date(2025, 3, 10)
EN = Messages("en")


def moment(day: int, partner: int, kind: Kind, visibility: Visibility, note: str = "") -> Event:
    when = dt.datetime.combine(DAY + dt.timedelta(days=day), dt.time(20), tzinfo=JOURNAL.zone)
    return Event(occurred_at=when, partner=partner, kind=kind, intensity=3, note=note,
                 visibility=visibility)


def mixed_frame() -> pd.DataFrame:
    events = [moment(0, 0, Kind.CLOSENESS, Visibility.PRIVATE, "alleen van Anna"),
              moment(1, 1, Kind.DISTANCE, Visibility.PARTNER, "voor ons twee"),
              moment(2, 0, Kind.DISTANCE, Visibility.COACH, "voor de coach")]
    return events_frame([event.with_id(index) for index, event in enumerate(events, 1)],
                        JOURNAL)


# --- visibility -------------------------------------------------------------------------------

def test_event_visibility_defaults_to_partner_and_is_validated():
    raw = EventInput(occurred_at="2025-03-04T21:15", partner="Anna", kind="closeness",
                     intensity=3)
    assert validate_event(raw, JOURNAL).visibility is Visibility.PARTNER
    coach = EventInput(**{**raw.__dict__, "visibility": "Coach"})
    assert validate_event(coach, JOURNAL).visibility is Visibility.COACH
    with pytest.raises(InvalidInput) as refused:
        validate_event(EventInput(**{**raw.__dict__, "visibility": "everyone"}), JOURNAL)
    assert refused.value.by_field()["visibility"].key == "error.visibility_unknown"


def test_coach_sees_only_what_is_shared_with_the_coach_and_nobody_sees_private():
    frame = mixed_frame()
    assert list(shared_events(frame, Audience.COACH)["note"]) == ["voor de coach"]
    assert list(shared_events(frame, Audience.COUPLE)["note"]) == ["voor ons twee",
                                                                   "voor de coach"]
    assert shared_events(frame.iloc[0:0], Audience.COACH).empty


def test_a_session_starts_with_the_coach_only_where_something_is_shared_with_the_coach():
    frame = mixed_frame()
    assert default_audience(frame) is Audience.COACH
    assert default_audience(frame.iloc[0:2]) is Audience.COUPLE
    assert default_audience(frame.iloc[0:0]) is Audience.COUPLE


def test_only_moments_for_the_two_of_them_in_the_period_may_be_brought_to_the_coach():
    frame = mixed_frame()
    first, last = DAY, DAY + dt.timedelta(days=2)
    assert list(shared_for_two_between(frame, first, last)["note"]) == ["voor ons twee"]
    assert shared_for_two_between(frame, DAY + dt.timedelta(days=2), last).empty


def test_the_period_picked_counts_once_both_ends_are_picked():
    default = (DAY, DAY + dt.timedelta(days=27))
    later = DAY + dt.timedelta(days=5)
    assert chosen_period(None, default) == default
    assert chosen_period((DAY,), default) == default  # the second day not picked yet
    assert chosen_period([later, DAY], default) == (DAY, later)


def test_notes_can_be_left_out_without_losing_moments():
    frame = mixed_frame()
    assert list(without_notes(frame)["note"]) == ["", "", ""]
    assert len(without_notes(frame)) == 3
    assert frame["note"].iloc[0] == "alleen van Anna"  # the original is untouched


def test_perspectives_never_hold_a_private_moment_even_with_notes_shown():
    view = perspectives(mixed_frame(), Audience.COUPLE, (DAY, DAY + dt.timedelta(days=5)),
                        show_notes=True)
    assert "alleen van Anna" not in view.moments["note"].tolist()
    assert list(view.moments["visibility"]) == ["partner", "coach"]
    hidden = perspectives(mixed_frame(), Audience.COUPLE, (DAY, DAY + dt.timedelta(days=5)))
    assert set(hidden.moments["note"]) == {""}
    assert list(hidden.distance_moments()["id"]) == [3, 2]  # newest first


# --- check-ins --------------------------------------------------------------------------------

def test_check_in_is_validated():
    assert validate_check_in(DAY, 1, 7) == CheckIn(DAY, 1, 7)
    for day, partner, score in ((DAY, 0, 0), (DAY, 0, 8), (DAY, 2, 3), ("2025-03-10", 0, 3),
                                (DAY, 0, True), (DAY, 0, 2.5)):
        with pytest.raises(InvalidInput):
            validate_check_in(day, partner, score)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("partner", [2, -1, None, "Anna", True])
def test_a_check_in_for_nobody_says_so_in_words(partner, lang):
    with pytest.raises(InvalidInput) as caught:
        validate_check_in(DAY, partner, 4)
    [problem] = caught.value.problems
    assert problem.field == "partner"
    assert Messages(lang)(problem.key, **problem.params)  # renders: no value left out


def test_check_in_series_has_a_row_per_day_and_the_gap_only_where_both_checked_in():
    check_ins = [CheckIn(DAY, 0, 3), CheckIn(DAY, 1, 6),
                 CheckIn(DAY + dt.timedelta(days=7), 0, 5),
                 CheckIn(DAY + dt.timedelta(days=14), 1, 4),
                 CheckIn(DAY + dt.timedelta(days=14), 0, 4)]
    series = check_in_series(check_ins)
    assert list(series.index.date) == [DAY, DAY + dt.timedelta(days=7),
                                       DAY + dt.timedelta(days=14)]
    assert series[0].tolist() == [3, 5, 4]
    assert series[1].isna().tolist() == [False, True, False]
    assert series["gap"].tolist()[0] == 3 and pd.isna(series["gap"].iloc[1])
    assert series["gap"].iloc[2] == 0
    assert list(check_in_series(check_ins, start=DAY + dt.timedelta(days=1)).index.date) == [
        DAY + dt.timedelta(days=7), DAY + dt.timedelta(days=14)]
    empty = check_in_series([])
    assert empty.empty and list(empty.columns) == [0, 1, "gap"]


def test_todays_scores_and_the_ones_before():
    check_ins = [CheckIn(DAY, 0, 3), CheckIn(DAY + dt.timedelta(days=7), 0, 5),
                 CheckIn(DAY + dt.timedelta(days=7), 1, 2)]
    assert check_ins_on(check_ins, DAY + dt.timedelta(days=7)) == {0: 5, 1: 2}
    assert check_ins_on(check_ins, DAY + dt.timedelta(days=1)) == {}
    before = latest_before(check_ins, DAY + dt.timedelta(days=7))
    assert before == {0: CheckIn(DAY, 0, 3)}


def test_check_in_sentences_say_who_is_absent_who_skipped_and_the_gap():
    lines = check_in_sentences(JOURNAL, DAY, {0: 2}, [CheckIn(DAY - dt.timedelta(days=7), 0, 4)],
                               (True, True), EN)
    assert lines == ["Anna: 2 of 7. Last time (Mar 3, 2025): 4.",
                     "Bram has not checked in today (yet)."]
    absent = check_in_sentences(JOURNAL, DAY, {0: 5}, [], (True, False), EN)
    assert absent[1] == "Bram is not here today; we skip Bram's check-in."
    both = check_in_sentences(JOURNAL, DAY, {0: 5, 1: 4}, [], (True, True), EN)
    assert both[-1] == "Today your choices are 1 step apart."


# --- records in memory -----------------------------------------------------------------------

def test_memory_records_replace_per_day_and_partner():
    records = MemorySessionRecords()
    records.set_check_in(None, CheckIn(DAY, 0, 3))
    records.set_check_in(None, CheckIn(DAY, 0, 6))
    records.set_check_in(None, CheckIn(DAY, 1, 2))
    assert records.check_ins(None) == [CheckIn(DAY, 0, 6), CheckIn(DAY, 1, 2)]
    records.remove_check_in(None, DAY, 0)
    assert records.check_ins(None) == [CheckIn(DAY, 1, 2)]
    records.save_cycle_map(None, CycleMap(5, "een rekening"))
    assert records.cycle_maps(None)[5].triggered_by == "een rekening"
    records.save_session(None, SessionNote(DAY, "tien minuten"))
    records.save_session(None, SessionNote(DAY, "vijf minuten"))
    assert records.sessions(None) == [SessionNote(DAY, "vijf minuten")]


# --- period ------------------------------------------------------------------------------------

def test_period_runs_from_the_last_session_to_today():
    notes = [SessionNote(DAY - dt.timedelta(days=14)), SessionNote(DAY - dt.timedelta(days=7)),
             SessionNote(DAY)]
    last = last_session_before(notes, DAY)
    assert last == SessionNote(DAY - dt.timedelta(days=7))  # today's is this session
    assert session_period(DAY, last, DAY) == (DAY - dt.timedelta(days=7), DAY)
    assert last_session_before([], DAY) is None


def test_without_a_session_the_last_four_weeks_or_the_last_weeks_with_moments():
    assert session_period(DAY, None, DAY - dt.timedelta(days=2)) == (
        DAY - dt.timedelta(days=27), DAY)
    assert session_period(DAY, None, None) == (DAY - dt.timedelta(days=27), DAY)
    long_ago = dt.date(2024, 6, 20)
    assert session_period(DAY, None, long_ago) == (long_ago - dt.timedelta(days=27), long_ago)


def test_phase_in_view_is_the_band_the_period_ends_in():
    bands = [PhaseSpan(dt.date(2025, 3, 1), dt.date(2025, 3, 9), Phase.MIDDLE),
             PhaseSpan(dt.date(2025, 3, 10), dt.date(2025, 3, 30), Phase.CRISIS, True)]
    assert phase_in_view(bands, (dt.date(2025, 3, 5), dt.date(2025, 3, 12))).phase is Phase.CRISIS
    assert phase_in_view(bands, (dt.date(2025, 3, 2), dt.date(2025, 3, 8))).phase is Phase.MIDDLE
    assert phase_in_view(bands, (dt.date(2025, 4, 2), dt.date(2025, 4, 8))) is None


# --- cycle map ---------------------------------------------------------------------------------

def test_cycle_map_text_is_stripped_and_limited():
    cycle_map = validate_cycle_map(7, "  de rekening  ", felt=("bang", ""), did=("", "weg"),
                                   body=("alarm", ""))
    assert cycle_map == CycleMap(7, "de rekening", ("bang", ""), ("", "weg"),
                                 (BodySignal.ALARM, None))
    with pytest.raises(InvalidInput) as refused:
        validate_cycle_map(7, "x" * (TEXT_MAX_CHARS + 1), felt=("a\x00", ""),
                           body=("panic", None))
    fields = refused.value.by_field()
    assert fields["triggered_by"].params == {"max": TEXT_MAX_CHARS, "length": TEXT_MAX_CHARS + 1}
    assert fields["felt_0"].key == "error.session_text_invalid_chars"
    assert fields["body_0"].key == "error.body_unknown"
    assert validate_next_step("  samen wandelen ") == "samen wandelen"
    with pytest.raises(InvalidInput):
        validate_next_step("x" * (TEXT_MAX_CHARS + 1))
    assert validate_cycle_map(1).is_empty and not CycleMap(1, did=("", "x")).is_empty


def test_loop_starts_with_the_partner_who_logged_the_moment():
    cycle_map = CycleMap(3, "rekening", felt=("bang", "onder druk"), did=("vroeg", "liep weg"))
    nodes = loop_nodes(cycle_map, first=1)
    assert [(node.role, node.partner, node.text) for node in nodes] == [
        ("trigger", None, "rekening"), ("felt", 1, "onder druk"), ("did", 1, "liep weg"),
        ("felt", 0, "bang"), ("did", 0, "vroeg")]


def test_the_fitting_step_follows_body_then_feelings():
    assert fitting_step(CycleMap(1, body=(None, BodySignal.SHUTDOWN))).number == 2
    assert fitting_step(CycleMap(1, did=("vroeg", ""))).number == 3
    assert fitting_step(CycleMap(1, felt=("bang", ""), body=(BodySignal.CALM, None))).number == 4


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_step_is_found_in_the_five_steps_panel(language):
    body = get_panel(language, "five_steps").body
    headings = [five_step_section(body, number)[0] for number in range(1, 6)]
    assert all(str(number) in heading for number, heading in enumerate(headings, 1))
    assert five_step_section(body, 6) is None and five_step_section(body, 0) is None
    assert five_step_section(body, 2)[1]


# --- what is missing --------------------------------------------------------------------------

def test_missing_pieces_name_the_absent_the_skipped_and_the_one_sided_journal():
    only_anna = events_frame([moment(0, 0, Kind.DISTANCE, Visibility.COACH).with_id(1)],
                             JOURNAL)
    view = perspectives(only_anna, Audience.COACH, (DAY, DAY + dt.timedelta(days=3)))
    missing = missing_pieces(JOURNAL, view, (True, False), {}, None, " ", False)
    keys = [item.key for item in missing]
    assert keys == ["session_missing.check_in", "session_missing.absent",
                    "session_missing.one_partner", "session_missing.phase",
                    "session_missing.cycle_map", "session_missing.next_step"]
    empty = perspectives(only_anna.iloc[0:0], Audience.COUPLE, (DAY, DAY))
    full_map = CycleMap(1, "ruzie", felt=("bang", ""), did=("vroeg", "zweeg"),
                        body=(None, BodySignal.SHUTDOWN))
    keys = [item.key for item in missing_pieces(JOURNAL, empty, (True, True), {0: 3, 1: 4},
                                                full_map, "wandelen", True)]
    assert keys == ["session_missing.no_moments_couple"]


def test_a_map_with_empty_boxes_is_missing_them_and_filled_says_how_many_are_there():
    view = perspectives(events_frame([], JOURNAL), Audience.COUPLE, (DAY, DAY))
    partly = CycleMap(1, "ruzie", felt=("bang", ""), did=("", ""))
    parts = (JOURNAL, view, (True, True), {0: 3, 1: 4}, partly, "wandelen", True)
    [map_missing] = [item for item in missing_pieces(*parts)
                     if item.key.startswith("session_missing.cycle_map")]
    assert map_missing == Missing("session_missing.cycle_map_partly",
                                  {"count": 3, "empty": 3, "total": MAP_BOXES})
    filled = {item.key: item.params for item in filled_pieces(*parts)}
    assert filled["session_filled.cycle_map"]["filled"] == 2
    assert "session_filled.next_step" in filled and "session_filled.phase" in filled
    assert "session_filled.moments" not in filled
    assert "session_filled.check_in" in filled


def test_every_message_key_built_at_run_time_exists():
    keys = {f"session_missing.no_moments_{audience}" for audience in Audience}
    keys |= {f"session_audience.{audience}{suffix}" for audience in Audience
             for suffix in ("", "_here", "_rule")}
    keys |= {f"visibility.{code}" for code in Visibility}
    keys |= {f"visibility.badge_{code}" for code in Visibility}
    keys |= {f"session_steps.{step}" for step in ("start", "check_in", "chart", "phase",
                                                  "cycle_map", "next_step", "summary")}
    keys |= {fitting_step(CycleMap(1, felt=felt, body=body)).reason
             for felt in (("", ""), ("bang", "")) for body in ((None, None),
                                                              (BodySignal.ALARM, None))}
    keys |= {"session_map.node_trigger", "session_map.node_felt", "session_map.node_did"}
    for language in ("nl", "en"):
        assert keys - set(catalogue(language)) == set()


# --- figures -----------------------------------------------------------------------------------

def test_scale_shows_seven_pairs_from_apart_to_overlapping_and_marks_each_choice():
    figure = ios_scale_figure(EN, JOURNAL.partners, {0: 2, 1: 6})
    circles = [shape for shape in figure.layout.shapes if shape.type == "circle"]
    assert len(circles) == 14
    overlaps = [(right.x0 - left.x0) for left, right in zip(circles[::2], circles[1::2],
                                                           strict=True)]
    assert overlaps == sorted(overlaps, reverse=True) and overlaps[0] > 2 > overlaps[-1]
    assert [trace.name for trace in figure.data] == ["Anna", "Bram"]
    assert ios_scale_figure(EN, JOURNAL.partners).data == ()


def test_pair_figure_puts_the_partner_left_in_their_colour():
    figure = ios_pair_figure(4, 1, EN)
    left, right = figure.layout.shapes
    assert left.line.color == "#D55E00" and right.line.color == "#0072B2"
    assert figure.layout.meta == {"score": 4, "partner": 1}


def test_check_in_figure_shades_the_gap_only_between_two_lines():
    series = check_in_series([CheckIn(DAY, 0, 3), CheckIn(DAY, 1, 6),
                              CheckIn(DAY + dt.timedelta(days=7), 0, 5),
                              CheckIn(DAY + dt.timedelta(days=7), 1, 5)])
    figure = check_in_figure(series, ("<b>Anna</b>", "Bram"), EN)
    assert [trace.fill for trace in figure.data] == [None, "tonexty"]
    assert figure.data[0].name == "&lt;b&gt;Anna&lt;/b&gt;"
    single = check_in_figure(check_in_series([CheckIn(DAY, 0, 3)]), JOURNAL.partners, EN)
    assert len(single.data) == 1


def test_cycle_map_figure_is_a_loop_with_escaped_text():
    cycle_map = CycleMap(3, "<script>x</script>", felt=("bang", ""), did=("", "weg"),
                         body=(BodySignal.ALARM, None))
    figure = cycle_map_figure(cycle_map, 0, ("Anna", "<i>Bram</i>"), EN)
    spec = json.dumps(figure.to_plotly_json())
    assert "<script>" not in spec and "&lt;script&gt;" in spec
    assert "&lt;i&gt;Bram&lt;/i&gt;" in spec and "<i>Bram</i>" not in spec
    arrows = [note for note in figure.layout.annotations if note.showarrow]
    boxes = [note for note in figure.layout.annotations if not note.showarrow]
    assert len(arrows) == 5 and len(boxes) == 5
    assert "not filled in yet" in boxes[3].text and "weg" in boxes[4].text
    assert "Body: heart racing" in boxes[1].text


def test_node_text_is_cut_wrapped_and_escaped():
    text = node_text("a<b " * 100)
    assert text.endswith("…") and "<b " not in text and "<br>" in text


def test_the_next_session_is_a_day_from_today_on_or_nothing():
    today = dt.date(2026, 3, 18)
    assert validate_next_session(None, today) is None
    assert validate_next_session(today, today) == today
    assert validate_next_session(today + dt.timedelta(days=30), today) == dt.date(2026, 4, 17)
    for wrong, key in ((today - dt.timedelta(days=1), "error.next_session_past"),
                       (dt.datetime(2026, 3, 20, 10, 0), "error.next_session_day"),
                       ("2026-03-20", "error.next_session_day")):
        with pytest.raises(InvalidInput) as refused:
            validate_next_session(wrong, today)
        assert [problem.key for problem in refused.value.problems] == [key]


def test_the_example_journal_keeps_its_next_session_in_memory():
    records = MemorySessionRecords()
    assert records.next_session(None) is None
    records.set_next_session(None, dt.date(2026, 3, 20))
    assert records.next_session(None) == dt.date(2026, 3, 20)
def test_session_settings_default_until_chosen_and_follow_the_choices_after():
    frame = mixed_frame()  # one moment shared with the coach, the last on DAY + 2
    today = DAY + dt.timedelta(days=40)
    earlier = SessionNote(held_on=DAY + dt.timedelta(days=30), next_step="")
    fresh = session_settings_from(frame, [], today, [0, 1], None, None, False)
    assert fresh.present == (True, True) and fresh.audience is Audience.COACH
    assert fresh.period == fresh.default_period and fresh.last_session is None
    assert fresh.period[1] == DAY + dt.timedelta(days=2)  # the weeks up to the last moment
    chosen = session_settings_from(frame, [earlier], today, [1], "couple",
                                   (today, DAY + dt.timedelta(days=31)), True)
    assert chosen.present == (False, True) and chosen.audience is Audience.COUPLE
    assert chosen.default_period == (earlier.held_on, today) and chosen.last_session == earlier
    assert chosen.period == (DAY + dt.timedelta(days=31), today) and chosen.show_notes
    assert session_settings_from(frame, [], today, [], None, None, False).present == \
        (False, False)
