"""The summary to take home: standalone, complete, escaped, and never holding a private note."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from nabij.content import PHASE_PANELS, get_panel
from nabij.demo import demo_journal
from nabij.frames import events_frame
from nabij.i18n import Messages
from nabij.model import BodySignal, Event, Journal, Kind, Visibility
from nabij.phases.four_phases import Phase
from nabij.phases.marks import PhaseSpan
from nabij.session.cycle_map import fitting_step, five_step_section
from nabij.session.prepare import filled_pieces, missing_pieces, perspectives
from nabij.session.records import CheckIn, CycleMap, MemorySessionRecords, SessionNote
from nabij.session.take_home import (
    SessionSummary,
    circles_svg,
    gather_summary,
    panel_html,
    summary_html,
)
from nabij.visibility import Audience

JOURNAL = Journal(7, "Wij <3", ("<b>Anna</b>", "Bram & co"), "Europe/Amsterdam")
DAY = dt.date(2025, 3, 20)
PRIVATE = "PRIVATE-hemelsblauw-4711"
SHARED = "<script>alert('gedeeld')</script>"
PARTNER_ONLY = "ALLEEN-VOOR-ONS-2"
MESSAGES = Messages("nl")


def moment(day: int, partner: int, kind: Kind, visibility: Visibility, note: str) -> Event:
    when = dt.datetime.combine(DAY - dt.timedelta(days=day), dt.time(20), tzinfo=JOURNAL.zone)
    return Event(occurred_at=when, partner=partner, kind=kind, intensity=4, note=note,
                 visibility=visibility)


def events():
    listed = [moment(6, 0, Kind.CLOSENESS, Visibility.COACH, "samen ontbijt"),
              moment(5, 1, Kind.DISTANCE, Visibility.PRIVATE, PRIVATE),
              moment(4, 1, Kind.DISTANCE, Visibility.COACH, SHARED),
              moment(3, 0, Kind.DISTANCE, Visibility.PARTNER, PARTNER_ONLY),
              moment(2, 1, Kind.CLOSENESS, Visibility.COACH, "")]
    return events_frame([event.with_id(index) for index, event in enumerate(listed, 1)],
                        JOURNAL)


def build(audience=Audience.COACH, show_notes=True, with_map=True, next_step="<i>wandelen</i>",
          present=(True, True), scores=None, did=("vroeg door", "liep weg")) -> str:
    view = perspectives(events(), audience, (DAY - dt.timedelta(days=13), DAY),
                        show_notes=show_notes)
    scores = {0: 2, 1: 5} if scores is None else scores
    history = [CheckIn(DAY - dt.timedelta(days=14), 0, 3), CheckIn(DAY - dt.timedelta(days=14),
                                                                   1, 3),
               *(CheckIn(DAY, slot, score) for slot, score in scores.items())]
    phase = PhaseSpan(DAY - dt.timedelta(days=10), DAY, Phase.CRISIS, suggested=True)
    cycle_map = moment_row = step = section = None
    if with_map:
        cycle_map = CycleMap(3, "<img src=x onerror=alert(1)>", felt=("bang", "klem"),
                             did=did, body=(None, BodySignal.SHUTDOWN))
        moment_row = view.distance_moments().iloc[-1].to_dict()
        step = fitting_step(cycle_map)
        section = five_step_section(get_panel("nl", "five_steps").body, step.number)
    parts = (JOURNAL, view, present, scores, cycle_map, next_step, True)
    missing, filled = missing_pieces(*parts), filled_pieces(*parts)
    summary = SessionSummary(
        journal=JOURNAL, held_on=DAY, view=view, present=present, check_ins_today=scores,
        check_in_history=history, phase=phase,
        phase_panel=get_panel("nl", PHASE_PANELS["crisis"]), bands=(phase,),
        cycle_map=cycle_map, cycle_moment=moment_row, fitting_step=step, step_section=section,
        next_step=next_step, missing=missing, filled=filled)
    return summary_html(summary, MESSAGES)


def test_summary_is_one_standalone_page_with_plotly_inside_once():
    page = build()
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert '<html lang="nl">' in page and '<meta charset="utf-8">' in page
    assert page.count("Plotly.newPlot") == 3  # check-ins over time, the chart, the cycle map
    assert len(page) > 1_000_000  # plotly.js is inside: it opens without a network
    assert not re.search(r'<script[^>]+src=["\']https?://', page)
    assert "@media print" in page


def test_summary_holds_period_check_ins_chart_phase_map_and_next_step():
    page = build()
    for text in ("Sessie van 20 mrt 2025", "Periode: 7 mrt 2025 tot en met 20 mrt 2025",
                 "Check-in", "Twee perspectieven", "Fase", "Cycluskaart", "Volgende stap",
                 "De crisis", "Vorige keer (6 mrt 2025): 3.", "3 stappen uit elkaar",
                 "Stap 2: Veiligheid creëren"):
        assert text in page, text
    assert page.count("data-circle=\"0\"") == 2  # the two chosen pairs of circles


def test_every_user_text_is_escaped():
    page = build()
    assert "&lt;b&gt;Anna&lt;/b&gt;" in page and "<b>Anna</b>" not in page
    assert "Bram &amp; co" in page
    assert "Wij &lt;3" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "<img src=x" not in page
    assert "&lt;i&gt;wandelen&lt;/i&gt;" in page and "<i>wandelen</i>" not in page
    assert SHARED not in page
    assert "&lt;script&gt;alert(&#x27;gedeeld&#x27;)&lt;/script&gt;" in page


@pytest.mark.parametrize("audience", list(Audience))
@pytest.mark.parametrize("show_notes", [True, False])
def test_a_private_note_never_reaches_the_summary(audience, show_notes):
    assert PRIVATE not in build(audience=audience, show_notes=show_notes)


def test_notes_appear_only_when_shown_and_only_where_shared():
    with_coach = build(audience=Audience.COACH, show_notes=True)
    assert "Gedeelde notities" in with_coach and "samen ontbijt" in with_coach
    assert PARTNER_ONLY not in with_coach  # shared with the partner, not with the coach
    assert PARTNER_ONLY in build(audience=Audience.COUPLE, show_notes=True)
    hidden = build(audience=Audience.COUPLE, show_notes=False)
    assert "samen ontbijt" not in hidden and PARTNER_ONLY not in hidden
    assert "Gedeelde notities" not in hidden


def test_missing_parts_are_said_instead_of_left_blank():
    page = build(with_map=False, next_step="", present=(True, False), scores={0: 4})
    assert "Wat nog ontbreekt" in page
    assert "Bram &amp; co is er vandaag niet bij" in page
    assert "Er is nog geen cyclus in kaart gebracht." in page
    assert "Er is nog geen volgende stap afgesproken." in page
    assert page.count("data-circle=\"0\"") == 1


def test_a_complete_session_says_so_and_lists_what_is_filled_in():
    page = build()
    assert MESSAGES("session_summary.complete") in page
    assert "Wat is ingevuld" in page and "Wat nog ontbreekt" not in page
    assert "Er is een cyclus in kaart gebracht: 5 van de 5 vakken zijn ingevuld." in page


def test_a_partly_filled_cycle_map_is_not_called_complete():
    """Three of five boxes empty: the summary must say so, not "every part is filled in"."""
    page = build(did=("", ""))
    complete = MESSAGES("session_summary.complete")
    assert complete not in page
    assert "Wat nog ontbreekt" in page and "Wat is ingevuld" in page
    assert "Van de cycluskaart zijn nog 2 van de 5 vakken leeg." in page
    assert "Er is een cyclus in kaart gebracht: 3 van de 5 vakken zijn ingevuld." in page


def test_summary_of_the_demo_in_english_works_with_nothing_filled_in():
    demo = demo_journal("en")
    frame = events_frame(demo.events, demo.journal)
    view = perspectives(frame, Audience.COACH, (dt.date(2025, 4, 1), dt.date(2025, 4, 30)))
    missing = missing_pieces(demo.journal, view, (True, True), {}, None, "", False)
    page = summary_html(SessionSummary(
        journal=demo.journal, held_on=dt.date(2026, 1, 5), view=view, present=(True, True),
        check_ins_today={}, check_in_history=(), phase=None, phase_panel=None,
        missing=missing), Messages("en"))
    assert "reaching out and pulling back" in page  # the April stretch on the chart
    assert "Sanne often reached out" in page
    assert "Sanne has not checked in today (yet)." in page


def test_panel_markdown_becomes_simple_escaped_html():
    html = panel_html("Intro *zacht* en **sterk** <x>\n\n### Kop\n\n- een\n- twee\n\nSlot")
    assert html == ("<p>Intro <em>zacht</em> en <strong>sterk</strong> &lt;x&gt;</p>\n"
                    "<h4>Kop</h4>\n<ul><li>een</li><li>twee</li></ul>\n<p>Slot</p>")


def test_links_between_panels_become_their_text_on_paper():
    assert panel_html("Zie [Hulp en veiligheid](#help).") == "<p>Zie Hulp en veiligheid.</p>"
    page = build()
    assert "](#" not in page and "Hulp en veiligheid" in page  # the crisis panel's link


def test_the_summary_says_where_to_find_help():
    page = build()
    for number in ("112", "Veilig Thuis, 0800-2000", "0800-0113", "huisarts"):
        assert number in page, number


def test_circles_overlap_more_for_a_higher_score():
    def centres(svg: str) -> list[float]:
        return [float(value) for value in re.findall(r'cx="([0-9.]+)"', svg)]

    apart, close = centres(circles_svg(1, 0)), centres(circles_svg(7, 0))
    assert apart[1] - apart[0] > close[1] - close[0]


def test_gathered_summary_takes_home_only_what_the_session_holds_for_who_is_here():
    records = MemorySessionRecords()
    view = perspectives(events(), Audience.COACH, (DAY - dt.timedelta(days=13), DAY))
    mapped = int(view.distance_moments().iloc[-1]["id"])
    records.set_check_in(JOURNAL.id, CheckIn(DAY, 0, 2))
    records.set_check_in(JOURNAL.id, CheckIn(DAY, 1, 6))
    records.save_cycle_map(JOURNAL.id, CycleMap(mapped, "te laat", felt=("bang", ""),
                                                did=("", ""), body=(None, None)))
    records.save_session(JOURNAL.id, SessionNote(held_on=DAY, next_step="wandelen"))
    records.save_session(JOURNAL.id, SessionNote(held_on=DAY - dt.timedelta(days=7),
                                                 next_step="eerder"))
    crisis = PhaseSpan(DAY - dt.timedelta(days=30), DAY - dt.timedelta(days=3), Phase.CRISIS)
    summary = gather_summary(records, JOURNAL, DAY, view, (True, False), (crisis,), mapped, "nl")
    assert summary.check_ins_today == {0: 2}  # Bram is not here: his score stays out
    assert summary.next_step == "wandelen" and summary.phase == crisis
    assert summary.phase_panel == get_panel("nl", PHASE_PANELS["crisis"])
    assert summary.cycle_map is not None and summary.cycle_moment["id"] == mapped
    assert summary.fitting_step == fitting_step(summary.cycle_map)
    # A moment that is not among the shared distance moments in view takes no map home.
    out_of_view = gather_summary(records, JOURNAL, DAY, view, (True, True), (), 999, "nl")
    assert out_of_view.cycle_map is None and out_of_view.phase is None
    assert summary_html(out_of_view, MESSAGES).count("<html") == 1
