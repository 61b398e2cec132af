"""What the Session page decides without Streamlit: which step shows, what its captions say,
which moment the cycle map step offers, how the map form's fields are read, the bands, and
what its callbacks write down."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nabij.content import get_panel
from nabij.frames import events_frame
from nabij.i18n import Messages, catalogue
from nabij.model import BodySignal, Event, InvalidInput, Journal, Kind, Problem, Visibility
from nabij.phases.four_phases import Phase
from nabij.phases.marks import PhaseMark
from nabij.session.cycle_map import (
    FIVE_STEPS_PANEL,
    five_step_panel,
    five_step_section,
    map_moment,
)
from nabij.session.period import journal_today, planned_session
from nabij.session.prepare import Missing, audience_bands, missing_moments, perspectives
from nabij.session.records import (
    MAP_FIELDS,
    TEXT_MAX_CHARS,
    CheckIn,
    CycleMap,
    MemorySessionRecords,
    SessionNote,
    cycle_map_from_fields,
)
from nabij.session.saving import (
    pick_check_in,
    plan_next_session,
    write_cycle_map,
    write_next_step,
)
from nabij.session.sentences import (
    audience_sentence,
    last_session_sentence,
    moment_option,
    problem_message,
    step_of_sentence,
)
from nabij.session.steps import STEP_INTROS, STEPS, step_shown, step_within
from nabij.visibility import Audience

JOURNAL = Journal(None, "Wij", ("Anna", "**Bram**"), "Europe/Amsterdam")
DAY = dt.date(2025, 3, 10)
EN = Messages("en")


def moment(day: int, partner: int, kind: Kind = Kind.DISTANCE,
           visibility: Visibility = Visibility.COACH) -> Event:
    when = dt.datetime.combine(DAY + dt.timedelta(days=day), dt.time(20), tzinfo=JOURNAL.zone)
    return Event(occurred_at=when, partner=partner, kind=kind, intensity=4,
                 visibility=visibility)


def frame(*events: Event):
    return events_frame([event.with_id(index) for index, event in enumerate(events, 1)],
                        JOURNAL)


# --- steps -------------------------------------------------------------------------------------

@given(st.one_of(st.integers(-100, 100), st.none(), st.text(max_size=3), st.floats()))
def test_the_step_shown_is_a_step_there_is_and_otherwise_the_first(kept):
    shown = step_shown(kept)
    assert 0 <= shown < len(STEPS)
    if isinstance(kept, int) and 0 <= kept < len(STEPS):
        assert shown == kept
    else:
        assert shown == 0


@given(st.integers(-100, 100))
def test_back_and_next_stay_within_the_steps(step):
    within = step_within(step)
    assert 0 <= within < len(STEPS)
    assert within == step or step < 0 or step >= len(STEPS)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_step_has_a_title_and_an_introduction(language):
    assert set(STEP_INTROS) == set(STEPS)
    keys = set(STEP_INTROS.values()) | {f"session_steps.{step}" for step in STEPS}
    assert keys - set(catalogue(language)) == set()


def test_the_step_title_counts_from_one():
    assert step_of_sentence(0, EN) == EN("session.step_of", number=1, total=7,
                                         title=EN("session_steps.start"))
    assert str(len(STEPS)) in step_of_sentence(len(STEPS) - 1, EN)
    assert EN("session_steps.summary") in step_of_sentence(len(STEPS) - 1, EN)


# --- captions ----------------------------------------------------------------------------------

def test_the_period_caption_names_the_last_session_or_that_there_was_none():
    assert last_session_sentence(None, EN) == EN("session_start.no_last")
    since = last_session_sentence(SessionNote(held_on=DAY), EN)
    assert since == EN("session_start.since_last", date=EN.date(DAY))


def test_the_audience_caption_says_when_notes_are_hidden():
    events = frame(moment(0, 0))
    hidden = perspectives(events, Audience.COACH, (DAY, DAY))
    shown = perspectives(events, Audience.COACH, (DAY, DAY), show_notes=True)
    rule = EN("session_audience.coach_rule")
    assert audience_sentence(shown, EN) == rule
    assert audience_sentence(hidden, EN) == f"{rule} {EN('session.notes_hidden')}"


def test_missing_moments_names_the_partner_who_logged_and_the_one_who_did_not():
    period = (DAY, DAY + dt.timedelta(days=3))
    only_bram = perspectives(frame(moment(0, 1)), Audience.COACH, period)
    assert missing_moments(only_bram, JOURNAL.partners) == Missing(
        "session_missing.one_partner", {"name": "**Bram**", "other": "Anna"})
    nobody = perspectives(frame(moment(0, 1)), Audience.COUPLE, (DAY - dt.timedelta(days=9),
                                                                 DAY - dt.timedelta(days=8)))
    assert missing_moments(nobody, JOURNAL.partners) == Missing(
        "session_missing.no_moments_couple")
    both = perspectives(frame(moment(0, 0), moment(1, 1)), Audience.COACH, period)
    assert missing_moments(both, JOURNAL.partners) is None


def test_a_refused_value_is_said_with_what_was_typed_escaped():
    invalid = InvalidInput([Problem("body_0", "error.body_unknown", {"value": "[x](y)"}),
                            Problem("score", "error.check_in_score", {"min": 1, "max": 7})])
    said = problem_message(invalid, EN)
    assert said == EN("error.body_unknown", value=r"\[x\]\(y\)")
    assert "[x](y)" not in said


def test_a_moment_to_map_says_when_whose_and_how_strong():
    row = frame(moment(0, 1)).iloc[0]
    assert moment_option(row, JOURNAL.partners, EN) == EN(
        "session_map.option", when=EN.datetime(row["occurred_at"]), name="**Bram**",
        intensity=4)


# --- the next session --------------------------------------------------------------------------

def test_a_planned_session_counts_until_its_day_has_passed():
    assert planned_session(None, DAY) is None
    assert planned_session(DAY - dt.timedelta(days=1), DAY) is None
    assert planned_session(DAY, DAY) == DAY
    assert planned_session(DAY + dt.timedelta(days=5), DAY) == DAY + dt.timedelta(days=5)


def test_today_is_the_couples_day():
    far_east = Journal(None, "Wij", ("A", "B"), "Pacific/Kiritimati")
    far_west = Journal(None, "Wij", ("A", "B"), "Pacific/Pago_Pago")
    # Twenty-five hours apart: whatever the moment, the two days are never the same.
    assert journal_today(far_east) - journal_today(far_west) == dt.timedelta(days=1)


# --- the cycle map step ------------------------------------------------------------------------

@given(st.lists(st.integers(1, 30), min_size=1, max_size=8, unique=True),
       st.sets(st.integers(1, 30)), st.one_of(st.none(), st.integers(0, 40)))
def test_the_moment_to_map_is_the_one_picked_then_a_mapped_one_then_the_first(ids, mapped,
                                                                             kept):
    chosen = map_moment(kept, ids, mapped)
    assert chosen in ids
    if kept in ids:
        assert chosen == kept
    elif any(event_id in mapped for event_id in ids):
        assert chosen == next(event_id for event_id in ids if event_id in mapped)
    else:
        assert chosen == ids[0]


def test_the_map_form_fields_become_a_cycle_map():
    fields = {"trigger": " de afwas ", "felt_0": "boos", "did_1": "liep weg", "body_1": "alarm"}
    assert cycle_map_from_fields(7, fields) == CycleMap(
        7, "de afwas", felt=("boos", ""), did=("", "liep weg"), body=(None, BodySignal.ALARM))
    assert cycle_map_from_fields(7, {}) == CycleMap(7)
    assert set(fields) <= set(MAP_FIELDS) and len(MAP_FIELDS) == 7


def test_the_map_form_fields_are_refused_per_field():
    too_long = "x" * (TEXT_MAX_CHARS + 1)
    with pytest.raises(InvalidInput) as refused:
        cycle_map_from_fields(7, {"did_1": too_long, "body_0": "panic", "felt_0": "ok"})
    assert set(refused.value.by_field()) == {"did_1", "body_0"}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_fitting_step_panel_holds_that_step_alone(language):
    panel = get_panel(language, FIVE_STEPS_PANEL)
    for number in range(1, 6):
        heading, text = five_step_section(panel.body, number)
        step = five_step_panel(panel, number)
        assert (step.id, step.order, step.title, step.body) == (panel.id, panel.order,
                                                                heading, text)
    assert five_step_panel(panel, 6) is None and five_step_panel(panel, 0) is None


# --- phase bands -------------------------------------------------------------------------------

def test_the_suggestion_rests_on_the_moments_this_audience_sees_only():
    private = [moment(day, day % 2, Kind.DISTANCE, Visibility.PRIVATE) for day in range(30)]
    assert audience_bands(frame(*private), Audience.COACH, ()) == ()
    mark = PhaseMark(start=DAY, phase=Phase.MIDDLE)
    marked = audience_bands(frame(*private), Audience.COACH, (mark,))
    assert [band.phase for band in marked] == [Phase.MIDDLE]
    assert not any(band.suggested for band in marked)
    shared = [moment(day, day % 2, Kind.DISTANCE, Visibility.PARTNER) for day in range(30)]
    bands = audience_bands(frame(*shared), Audience.COUPLE, ())
    assert bands and all(band.suggested for band in bands)


# --- what the callbacks write ------------------------------------------------------------------

def test_a_pick_is_saved_and_clicking_it_again_takes_it_back():
    records = MemorySessionRecords()
    assert pick_check_in(records, None, DAY, 1, 5) is True
    assert records.check_ins(None) == [CheckIn(DAY, 1, 5)]
    assert pick_check_in(records, None, DAY, 1, None) is False
    assert records.check_ins(None) == []


@given(st.one_of(st.integers(-5, 12), st.text(max_size=2), st.booleans(), st.floats()))
def test_a_pick_off_the_scale_changes_nothing(score):
    records = MemorySessionRecords()
    records.set_check_in(None, CheckIn(DAY, 0, 4))
    if isinstance(score, int) and not isinstance(score, bool) and 1 <= score <= 7:
        assert pick_check_in(records, None, DAY, 0, score)
        assert records.check_ins(None) == [CheckIn(DAY, 0, score)]
        return
    with pytest.raises(InvalidInput):
        pick_check_in(records, None, DAY, 0, score)
    assert records.check_ins(None) == [CheckIn(DAY, 0, 4)]


def test_a_map_is_written_only_when_every_field_can_be_kept():
    records = MemorySessionRecords()
    with pytest.raises(InvalidInput):
        write_cycle_map(records, None, 3, {"trigger": "x" * (TEXT_MAX_CHARS + 1)})
    assert records.cycle_maps(None) == {}
    write_cycle_map(records, None, 3, {"trigger": "ruzie", "felt_1": "bang"})
    assert records.cycle_maps(None) == {3: CycleMap(3, "ruzie", felt=("", "bang"))}


def test_the_next_step_and_the_next_session_are_written_once_judged():
    records = MemorySessionRecords()
    with pytest.raises(InvalidInput):
        write_next_step(records, None, DAY, "x" * (TEXT_MAX_CHARS + 1))
    assert records.sessions(None) == []
    write_next_step(records, None, DAY, "  samen wandelen ")
    assert records.sessions(None) == [SessionNote(DAY, "samen wandelen")]
    with pytest.raises(InvalidInput):
        plan_next_session(records, None, DAY - dt.timedelta(days=1), DAY)
    assert records.next_session(None) is None
    assert plan_next_session(records, None, DAY + dt.timedelta(days=7), DAY) == \
        DAY + dt.timedelta(days=7)
    assert records.next_session(None) == DAY + dt.timedelta(days=7)
    assert plan_next_session(records, None, None, DAY) is None
    assert records.next_session(None) is None
