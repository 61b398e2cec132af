"""A coach's practice overview: the figures per couple and the order by what needs attention.

Every figure is computed for an injected `today`. The storage test at the end reads a
protected journal from the raw database as its coach does and proves that moments the couple
keeps to themselves (private or partner-only) never reach the coach's counts.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select, update

from nabij.frames import events_frame, frame_from_table
from nabij.i18n import Messages
from nabij.model import Event, Journal, Kind, Visibility
from nabij.phases.four_phases import Phase
from nabij.phases.marks import PhaseSpan
from nabij.practice.attention import Attention, attention, by_attention
from nabij.practice.figures import (
    CoupleFigures,
    LastCheckIn,
    check_ins_since,
    couple_figures,
    current_phase,
    last_check_in,
    read_couple,
    usual_per_week,
    week_counts,
)
from nabij.practice.wording import card_lines
from nabij.security.cipher import sharing_key
from nabij.session.records import CheckIn
from nabij.storage.protection import create_protected_journal
from nabij.storage.sessions import SessionStore
from nabij.storage.shares import coach_key, coach_shares, share_with, withdraw
from nabij.storage.snapshot import JournalSnapshot
from nabij.storage.tables import events, journal_shares
from nabij.visibility import Audience, shared_events
from tests.security_helpers import private_writer

TODAY = dt.date(2026, 3, 18)  # a Wednesday
ZONE = "Europe/Amsterdam"
JOURNAL = Journal(id=7, name="Wij", partners=("Anna", "Bram"), timezone=ZONE)


def days_ago(*offsets: int) -> list[dt.date]:
    return [TODAY - dt.timedelta(days=offset) for offset in offsets]


def moments(offsets: list[int], visibility: Visibility = Visibility.COACH) -> list[Event]:
    return [Event(id=index + 1, partner=index % 2, kind=Kind.CLOSENESS, intensity=3,
                  occurred_at=dt.datetime.combine(day, dt.time(10), tzinfo=dt.UTC),
                  visibility=visibility)
            for index, day in enumerate(days_ago(*offsets))]


# --- moments per week -----------------------------------------------------------------------

def test_weeks_are_the_last_seven_days_counted_back_from_today():
    assert week_counts(days_ago(0, 6, 7, 13, 14, 20, 21), TODAY, 2) == [2, 2, 2]
    assert week_counts(days_ago(-1, 60), TODAY, 2) == [0, 0, 0]  # neither future nor far past


def test_the_usual_week_is_the_median_of_the_eight_weeks_before_this_one():
    # Weeks 1..8 before this one hold 4, 4, 1, 4, 0, 4, 6, 4 moments; a week 9 is left out.
    per_week = {1: 4, 2: 4, 3: 1, 4: 4, 5: 0, 6: 4, 7: 6, 8: 4, 9: 30}
    offsets = [7 * week + day for week, count in per_week.items() for day in range(count)]
    offsets.append(7 * 8 + 6)  # the journal starts at the first day of week 8
    assert usual_per_week(days_ago(*offsets), TODAY) == 4.0
    this_week_only = usual_per_week(days_ago(0, 1, 2, *offsets), TODAY)
    assert this_week_only == 4.0  # this week never counts towards the usual


def test_a_couple_new_to_nabij_has_no_usual_until_two_whole_weeks():
    assert usual_per_week([], TODAY) is None
    assert usual_per_week(days_ago(0, 3, 9), TODAY) is None  # one whole week before this one
    # From the first moment on, two whole weeks before this one: their median.
    assert usual_per_week(days_ago(0, 7, 8, 20), TODAY) == 1.5
    # Quiet weeks before the first moment do not pull the usual down.
    assert usual_per_week(days_ago(7, 8, 9, 14, 15, 16, 20), TODAY) == 3.5  # not 0


# --- the phase, the check-in, the next session ----------------------------------------------

BANDS = (PhaseSpan(TODAY - dt.timedelta(days=40), TODAY - dt.timedelta(days=11), Phase.MIDDLE),
         PhaseSpan(TODAY - dt.timedelta(days=10), TODAY - dt.timedelta(days=2), Phase.CRISIS,
                   suggested=True))


def test_the_phase_is_the_band_of_the_last_moment_unless_that_moment_is_old():
    span = current_phase(BANDS, TODAY - dt.timedelta(days=2), TODAY)
    assert (span.phase, span.suggested) == (Phase.CRISIS, True)
    # Eight days without a moment: the Cycle page no longer names today's phase, nor do we.
    assert current_phase(BANDS, TODAY - dt.timedelta(days=8), TODAY + dt.timedelta(days=6)) is None
    assert current_phase(BANDS, TODAY - dt.timedelta(days=15), TODAY - dt.timedelta(days=8)) \
        == BANDS[0]
    assert current_phase(BANDS, None, TODAY) is None
    assert current_phase((), TODAY, TODAY) is None


def test_the_last_check_in_is_the_latest_day_with_both_scores():
    check_ins = [CheckIn(TODAY - dt.timedelta(days=14), 0, 2),
                 CheckIn(TODAY - dt.timedelta(days=7), 1, 5),
                 CheckIn(TODAY - dt.timedelta(days=7), 0, 4),
                 CheckIn(TODAY + dt.timedelta(days=1), 0, 7)]  # a clock set wrong
    assert last_check_in(check_ins, TODAY) == LastCheckIn(TODAY - dt.timedelta(days=7), (4, 5))
    assert last_check_in(check_ins[:1], TODAY) == LastCheckIn(check_ins[0].day, (2, None))
    assert last_check_in([], TODAY) is None


def test_couple_figures_put_it_all_together():
    events = events_frame(moments([2, 3, 9, 10, 11, 16, 17, 20]), JOURNAL)
    check_in = CheckIn(TODAY - dt.timedelta(days=9), 1, 3)
    figures = couple_figures(JOURNAL, events, BANDS, [check_in], TODAY + dt.timedelta(days=5),
                             TODAY)
    assert figures == CoupleFigures(
        journal_id=7, name="Wij", partners=("Anna", "Bram"), today=TODAY, phase=Phase.CRISIS,
        phase_suggested=True, this_week=2, usual_week=3.0, days_since_last=2,
        last_check_in=LastCheckIn(check_in.day, (None, 3)),
        next_session=TODAY + dt.timedelta(days=5))
    # A next session already past is no next session; nothing shared is not a silence.
    empty = couple_figures(JOURNAL, events_frame([], JOURNAL), (), [],
                           TODAY - dt.timedelta(days=1), TODAY)
    assert (empty.next_session, empty.days_since_last, empty.this_week, empty.usual_week,
            empty.phase) == (None, None, 0, None, None)
    assert attention(empty) is Attention.NOTHING_SHARED


def test_a_moment_dated_in_the_future_counts_as_today():
    figures = couple_figures(JOURNAL, events_frame(moments([-3]), JOURNAL), (), [], None, TODAY)
    assert (figures.this_week, figures.days_since_last) == (1, 0)


# --- the order by what needs attention ------------------------------------------------------

def couple(name: str, journal_id: int = 1, **values) -> CoupleFigures:
    base = dict(journal_id=journal_id, name=name, partners=("A", "B"), today=TODAY,
                phase=Phase.MIDDLE, phase_suggested=True, this_week=4, usual_week=4.0,
                days_since_last=1, last_check_in=None, next_session=None)
    return CoupleFigures(**{**base, **values})


STEADY = couple("Aa")
FEWER = couple("Bb", this_week=1)
SILENT = couple("Cc", phase=None, days_since_last=12, this_week=0)
CRISIS = couple("Dd", phase=Phase.CRISIS)
NOTHING = couple("Ab", phase=None, days_since_last=None, this_week=0, usual_week=None)


def test_crisis_first_then_long_silence_then_fewer_moments_then_the_rest():
    assert by_attention([STEADY, NOTHING, FEWER, SILENT, CRISIS]) == [
        CRISIS, SILENT, FEWER, STEADY, NOTHING]
    assert [attention(item) for item in (CRISIS, SILENT, FEWER, STEADY, NOTHING)] == list(
        Attention)


def test_within_a_reason_the_stronger_sign_comes_first():
    marked = couple("Zz", phase=Phase.CRISIS, phase_suggested=False, days_since_last=5)
    recent = couple("Yy", phase=Phase.CRISIS, days_since_last=0)
    assert by_attention([CRISIS, recent, marked]) == [marked, recent, CRISIS]
    longer = couple("Zz", phase=None, days_since_last=30)
    assert by_attention([SILENT, longer]) == [longer, SILENT]
    further = couple("Zz", this_week=0, usual_week=2.0)
    assert by_attention([FEWER, further]) == [further, FEWER]


def test_silence_starts_after_the_days_the_cycle_page_still_names_a_phase():
    assert attention(couple("A", phase=None, days_since_last=7)) is Attention.STEADY
    assert attention(couple("A", phase=None, days_since_last=8)) is Attention.SILENCE


def test_fewer_means_under_half_their_usual_and_needs_a_usual():
    assert attention(couple("A", this_week=2, usual_week=4.0)) is Attention.STEADY
    assert attention(couple("A", this_week=1, usual_week=4.0)) is Attention.FEWER
    assert attention(couple("A", this_week=0, usual_week=None)) is Attention.STEADY
    assert attention(couple("A", this_week=0, usual_week=0.0)) is Attention.STEADY


figures_strategy = st.builds(
    couple, name=st.sampled_from(["Aa", "bb", "Cc", "dd"]), journal_id=st.integers(1, 50),
    phase=st.sampled_from([None, *Phase]), phase_suggested=st.booleans(),
    this_week=st.integers(0, 20), usual_week=st.one_of(st.none(), st.floats(0, 20)),
    days_since_last=st.one_of(st.none(), st.integers(0, 400)))


@given(st.lists(figures_strategy, max_size=12, unique_by=lambda item: item.journal_id),
       st.randoms())
def test_the_order_keeps_every_couple_and_does_not_depend_on_the_order_given(
        couples: list[CoupleFigures], shuffler: random.Random):
    ordered = by_attention(couples)
    shuffled = list(couples)
    shuffler.shuffle(shuffled)
    assert sorted(map(repr, ordered)) == sorted(map(repr, couples))
    assert list(map(repr, by_attention(shuffled))) == list(map(repr, ordered))
    reasons = [attention(item) for item in ordered]
    assert reasons == sorted(reasons)


# --- from the raw database: only what is shared with the coach counts ------------------------

COACH = "coach@example.org"
SHARING = sharing_key("a-sharing-secret-for-tests-only-0123456789")


def coach_view(store, journal_id: int, journal: Journal):
    """The coach's events frame, the way the app builds it (components/journal/database.py):
    the coach key from the share, the journal's rows, only the moments for the coach."""
    reader = store.with_keys({journal_id: coach_key(store, journal_id, COACH, SHARING)})
    table = JournalSnapshot(reader, journal_id).table()
    return frame_from_table(shared_events(table, Audience.COACH).reset_index(drop=True),
                            journal)


def test_private_and_partner_only_moments_never_change_the_coachs_figures(store):
    journal, cipher = create_protected_journal(
        store, Journal(None, "Ons", ("Anna", "Bram"), ZONE), "een zin die alleen wij kennen")
    couple_store = store.with_keys({journal.id: cipher})
    share_with(couple_store, journal.id, COACH, cipher, SHARING)
    today = dt.datetime.now(journal.zone).date()
    shared = moments([1, 3, 9, 10, 16, 20])
    for event in shared:
        couple_store.add_event(journal.id, dataclasses.replace(event, id=None, occurred_at=(
            dt.datetime.combine(today - (TODAY - event.occurred_at.date()), dt.time(10),
                                tzinfo=dt.UTC))))
    before = couple_figures(journal, coach_view(store, journal.id, journal), (), [], None, today)
    assert (before.this_week, before.usual_week, before.days_since_last) == (2, 2.0, 1)

    # Today, a private moment of Anna's and a partner-only one of Bram's, and an old one that
    # would make a longer history: none of them is the coach's.
    now = dt.datetime.combine(today, dt.time(9), tzinfo=dt.UTC)
    private_writer(couple_store, journal.id, 0).add_event(journal.id, Event(
        occurred_at=now, partner=0, kind=Kind.DISTANCE, intensity=5, note="alleen ik",
        visibility=Visibility.PRIVATE))
    couple_store.add_event(journal.id, Event(occurred_at=now, partner=1, kind=Kind.DISTANCE,
                                             intensity=4, visibility=Visibility.PARTNER))
    private_writer(couple_store, journal.id, 1).add_event(journal.id, Event(
        occurred_at=now - dt.timedelta(days=60), partner=1, kind=Kind.CLOSENESS, intensity=2,
        visibility=Visibility.PRIVATE))
    with store.engine.connect() as conn:  # all of them are in the database
        stored = conn.execute(select(func.count()).select_from(events).where(
            events.c.journal_id == journal.id)).scalar_one()
    assert stored == len(shared) + 3
    after = couple_figures(journal, coach_view(store, journal.id, journal), (), [], None, today)
    assert after == before
    # And the next session the couple set reaches the coach through the same key.
    SessionStore(couple_store).set_next_session(journal.id, today + dt.timedelta(days=3))
    reader = store.with_keys({journal.id: coach_key(store, journal.id, COACH, SHARING)})
    assert SessionStore(reader).next_session(journal.id) == today + dt.timedelta(days=3)


@pytest.mark.parametrize("visibility", [Visibility.PRIVATE, Visibility.PARTNER])
def test_a_frame_of_only_unshared_moments_reads_as_nothing_shared(visibility):
    frame = events_frame(moments([0, 1, 2], visibility), JOURNAL)
    coach = shared_events(frame, Audience.COACH)
    figures = couple_figures(JOURNAL, frame_from_table(coach, JOURNAL) if not coach.empty
                             else events_frame([], JOURNAL), (), [], None, TODAY)
    assert attention(figures) is Attention.NOTHING_SHARED


# --- the card in words ----------------------------------------------------------------------

def test_a_card_says_each_figure_in_dutch_and_in_english():
    figures = couple("Wij", phase=Phase.CRISIS, phase_suggested=False, this_week=1,
                     usual_week=3.5, days_since_last=2,
                     last_check_in=LastCheckIn(dt.date(2026, 3, 11), (5, None)),
                     next_session=dt.date(2026, 3, 25))
    assert card_lines(figures, Messages("nl")) == [
        "Fase: Crisis (zo gemarkeerd door het stel)",
        "Afgelopen 7 dagen: 1 moment · gewoonlijk 3,5 per week",
        "Laatste gedeelde moment: 2 dagen geleden",
        "Laatste check-in: 11 mrt 2026 · A: 5 van 7, B: niet ingevuld",
        "Volgende sessie: 25 mrt 2026"]
    assert card_lines(figures, Messages("en")) == [
        "Phase: Crisis (marked so by the couple)",
        "Last 7 days: 1 moment · usually 3.5 a week",
        "Last shared moment: 2 days ago",
        "Last check-in: Mar 11, 2026 · A: 5 of 7, B: not filled in",
        "Next session: Mar 25, 2026"]


def test_a_card_of_a_new_or_quiet_couple_says_what_it_cannot_tell():
    new = couple("Wij", phase=None, this_week=0, usual_week=None, days_since_last=0)
    assert card_lines(new, Messages("nl")) == [
        "Fase: niet te zeggen uit de gedeelde momenten",
        "Afgelopen 7 dagen: 0 momenten · nog te kort bijgehouden om te zeggen wat gewoon is",
        "Laatste gedeelde moment: vandaag", "Nog geen check-in", "Geen volgende sessie gepland"]
    nothing = couple("Wij", phase=None, this_week=0, usual_week=None, days_since_last=None)
    assert card_lines(nothing, Messages("en"))[1:3] == [
        "Last 7 days: 0 moments · too new to say what is usual", "No moments shared with you yet"]
    yesterday = couple("Wij", phase=Phase.BEGIN, days_since_last=1)
    assert card_lines(yesterday, Messages("en"))[0:3:2] == [
        "Phase: Beginning (suggested by Nabij)", "Last shared moment: yesterday"]


@pytest.mark.parametrize(("language", "check_in", "next_session"), [
    ("nl", "laatste check-in", "volgende sessie"),
    ("en", "latest check-in", "next session"),
])
def test_sharing_says_the_coach_sees_the_latest_check_in_and_the_next_session(
        language, check_in, next_session):
    """Where a couple decides to share, the promise of what the coach sees must name all the
    overview shows beyond the shared moments and the phases: the latest check-in's day and
    scores, and the day of the next session."""
    promise = Messages(language)("share.intro").lower()
    assert check_in in promise
    assert next_session in promise


def test_a_coach_sees_only_the_check_ins_made_from_the_day_of_sharing_on():
    day = dt.date(2026, 3, 18)
    made = [CheckIn(day - dt.timedelta(days=1), 0, 4), CheckIn(day, 1, 5),
            CheckIn(day + dt.timedelta(days=7), 0, 6)]
    assert check_ins_since(made, day) == made[1:]
    assert check_ins_since(made, day + dt.timedelta(days=8)) == []
    assert check_ins_since(made, None) == []


def test_one_query_says_which_journals_a_coach_has_and_since_when(store):
    """What the overview reads fresh on every view (sharing bumps no revision): each journal
    shared with this coach and when, never one shared with someone else, and a share made
    again counts from its new day."""
    shared = {}
    for name, coach in (("Beek", COACH), ("Aak", COACH.upper()), ("Ander", "iemand@example.org")):
        journal, cipher = create_protected_journal(
            store, Journal(None, name, ("Anna", "Bram"), ZONE), f"de wachtzin van {name} hier")
        share_with(store.with_keys({journal.id: cipher}), journal.id, coach, cipher, SHARING)
        shared[name] = (journal, cipher)
    found = coach_shares(store, f"  {COACH.upper()} ")
    assert list(found) == [shared["Aak"][0].id, shared["Beek"][0].id]  # by name
    assert all(isinstance(when, dt.datetime) and when.tzinfo for when in found.values())
    journal, cipher = shared["Beek"]
    with store.engine.begin() as conn:
        conn.execute(update(journal_shares).where(journal_shares.c.journal_id == journal.id)
                     .values(created_at=dt.datetime(2026, 1, 2, tzinfo=dt.UTC)))
    assert coach_shares(store, COACH)[journal.id] == dt.datetime(2026, 1, 2, tzinfo=dt.UTC)
    share_with(store.with_keys({journal.id: cipher}), journal.id, COACH, cipher, SHARING)
    assert coach_shares(store, COACH)[journal.id] > dt.datetime(2026, 1, 2, tzinfo=dt.UTC)
    withdraw(store.with_keys({journal.id: cipher}), journal.id, COACH)
    assert list(coach_shares(store, COACH)) == [shared["Aak"][0].id]


def test_a_couple_read_from_storage_has_the_check_ins_from_the_share_on_and_the_session(store):
    journal, cipher = create_protected_journal(
        store, Journal(None, "Ons", ("Anna", "Bram"), ZONE), "een zin die alleen wij kennen")
    records = SessionStore(store.with_keys({journal.id: cipher}))
    records.set_check_in(journal.id, CheckIn(TODAY - dt.timedelta(days=9), 0, 2))  # before
    records.set_check_in(journal.id, CheckIn(TODAY - dt.timedelta(days=2), 1, 6))
    records.set_next_session(journal.id, TODAY + dt.timedelta(days=5))
    frame = events_frame(moments([1, 2]), JOURNAL)
    figures = read_couple(records, journal, frame, (), TODAY - dt.timedelta(days=3), TODAY)
    assert figures.last_check_in == LastCheckIn(TODAY - dt.timedelta(days=2), (None, 6))
    assert figures.next_session == TODAY + dt.timedelta(days=5)
    assert (figures.journal_id, figures.this_week) == (journal.id, 2)
    shared_later = read_couple(records, journal, frame, (), TODAY - dt.timedelta(days=1), TODAY)
    assert shared_later.last_check_in is None
