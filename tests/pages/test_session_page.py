"""The Session page: every step, on the demo (kept in memory) and on an own journal (stored),
with partners absent, check-ins skipped, one-sided journals and private moments."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from nabij.model import BodySignal, Event, Kind, Visibility
from nabij.security.cipher import sharing_key
from nabij.session.records import TEXT_MAX_CHARS, CheckIn, CycleMap, SessionNote
from nabij.storage.sessions import SessionStore
from nabij.storage.shares import share_with
from nabij.text_safety import escape_markdown
from tests.pages.conftest import open_app
from tests.security_helpers import private_writer

PAGE = "views/session.py"
PRIVATE = "GEHEIM-privé-notitie"
COACH_NOTE = "Voor de coach: <b>vet</b>"
PARTNER_NOTE = "Alleen voor ons"


def step_title(app) -> str:
    return app.get("progress")[0].proto.text


def go_to_step(app, number: int):
    """Click Next (or Back) until step `number` (1-based) shows."""
    for _ in range(10):
        shown = int(step_title(app).split()[1])
        if shown == number:
            return app
        key = "session_next_top" if shown < number else "session_back_top"
        app.button(key=key).click().run()
        assert not app.exception, app.exception
    raise AssertionError(f"step {number} not reached: {step_title(app)}")


def texts(app) -> list[str]:
    return [element.value for element in app.text]


def charts(app) -> dict[str, dict]:
    return {chart.proto.id: json.loads(chart.proto.spec) for chart in app.get("plotly_chart")}


def all_text(app) -> str:
    parts = [element.value for kind in ("text", "markdown", "caption", "info", "warning",
                                        "error", "success", "subheader", "title")
             for element in getattr(app, kind)]
    # Plotly writes <, > and & as \u escapes in its JSON: decode, to see the text as shown.
    parts += [json.dumps(json.loads(chart.proto.spec), ensure_ascii=False)
              for chart in app.get("plotly_chart")]
    parts += [str(area.value) for area in app.text_area]
    parts += [str(box.options) for box in app.selectbox]
    return "\n".join(parts)


def moment(store, journal, days_ago: int, partner: int, kind: Kind, visibility: Visibility,
           note: str = "", intensity: int = 4):
    today = dt.datetime.now(journal.zone).replace(hour=12, minute=0, second=0, microsecond=0)
    writer = (private_writer(store, journal.id, partner) if visibility == Visibility.PRIVATE
              else store)
    return writer.add_event(journal.id, Event(
        occurred_at=today - dt.timedelta(days=days_ago), partner=partner, kind=kind,
        intensity=intensity, note=note, visibility=visibility))


@pytest.fixture
def shared_journal(store, journal):
    """Anna reaches out while Bram withdraws for a week, shared with the coach; one private
    moment of Bram and one moment shared with the partner only."""
    for day in range(12, 2, -1):
        moment(store, journal, day, 0, Kind.CLOSENESS, Visibility.COACH, intensity=3)
        moment(store, journal, day, 1, Kind.DISTANCE, Visibility.COACH,
               note=COACH_NOTE if day == 5 else "")
    moment(store, journal, 2, 1, Kind.DISTANCE, Visibility.PRIVATE, note=PRIVATE)
    moment(store, journal, 1, 0, Kind.DISTANCE, Visibility.PARTNER, note=PARTNER_NOTE)
    return journal


# --- the frame: steps, back and next ------------------------------------------------------------

def test_demo_session_walks_all_seven_steps_and_keeps_check_ins_in_memory(store):
    app = open_app(PAGE, lang="en")
    assert app.title[0].value.startswith("Session together")
    assert any("stays only in this browser window" in info.value for info in app.info)
    assert step_title(app) == "Step 1 of 7: Who is here today?"
    assert app.button(key="session_back_top").disabled
    go_to_step(app, 2)
    app.button_group(key="session_score_0").set_value(2).run()
    app.button_group(key="session_score_1").set_value(6).run()
    assert texts(app)[:3] == ["Sanne: 2 of 7.", "Daan: 6 of 7.",
                              "Today your choices are 4 steps apart."]
    assert "session_ios_pair_0" in str(list(charts(app)))
    # The demo is never written to the database.
    assert store.list_journals() == []
    titles = []
    for number in range(1, 8):
        go_to_step(app, number)
        titles.append(step_title(app).split(": ", 1)[1])
    assert titles == ["Who is here today?", "Check-in", "Two perspectives", "Phase",
                      "Cycle map", "Next step", "Summary"]
    assert app.button(key="session_next_top").disabled
    go_to_step(app, 2)  # back again: the check-ins are still there
    assert app.button_group(key="session_score_0").value == 2


def test_first_step_chooses_who_is_here_who_looks_along_and_the_period(store, shared_journal):
    app = open_app(PAGE)
    assert app.button_group(key="session_w_present").value == [0, 1]
    assert app.radio(key="session_w_audience").value == "coach"
    assert any("alleen momenten die met de coach gedeeld" in c.value for c in app.caption)
    assert any("laatste vier weken" in c.value for c in app.caption)
    app.button_group(key="session_w_present").set_value([0]).run()
    assert any("Bram is er vandaag niet bij" in info.value for info in app.info)
    go_to_step(app, 2)
    go_to_step(app, 1)  # the choices outlive the step
    assert app.button_group(key="session_w_present").value == [0]


# --- check-in ---------------------------------------------------------------------------------

def test_check_in_is_stored_replaced_and_skippable(store, shared_journal):
    sessions = SessionStore(store)
    today = dt.datetime.now(shared_journal.zone).date()
    sessions.set_check_in(shared_journal.id, CheckIn(today - dt.timedelta(days=7), 0, 3))
    sessions.set_check_in(shared_journal.id, CheckIn(today - dt.timedelta(days=7), 1, 4))
    app = go_to_step(open_app(PAGE), 2)
    app.button_group(key="session_score_0").set_value(5).run()
    app.button_group(key="session_score_1").set_value(5).run()
    assert CheckIn(today, 0, 5) in sessions.check_ins(shared_journal.id)
    assert "Vandaag kozen jullie allebei dezelfde cirkels." in texts(app)
    assert any(line.startswith("Anna: 5 van 7. Vorige keer") for line in texts(app))
    history = charts(app)
    assert any(len(spec["data"]) == 2 and spec["data"][1].get("fill") == "tonexty"
               for spec in history.values())
    app.button_group(key="session_score_1").set_value(None).run()  # skipped after all
    assert CheckIn(today, 1, 5) not in sessions.check_ins(shared_journal.id)
    assert "Bram heeft vandaag (nog) geen check-in gedaan." in texts(app)


def test_the_check_in_says_what_a_coach_sees_only_when_the_journal_is_shared(store,
                                                                           shared_journal):
    """The practice overview shows a coach the latest check-in's day and scores: the step where
    the scores are made says so, and says nothing when no coach is in the picture."""
    app = go_to_step(open_app(PAGE), 2)
    assert "praktijkoverzicht" not in all_text(app)
    share_with(store, shared_journal.id, "coach@example.org", None,
               sharing_key("a-sharing-secret-long-enough-for-tests"))
    app = go_to_step(open_app(PAGE), 2)
    shown = escape_markdown("coach@example.org")  # Markdown source: shows as typed
    assert f"Jullie coach ({shown}) ziet in het praktijkoverzicht" in all_text(app)


def test_the_coach_address_in_the_check_in_note_stays_plain_text(store, shared_journal):
    """The address is typed by the couple and the note is Markdown: an address shaped like an
    image must not load one from outside."""
    address = "![x](https://tracker.example/p.png)@coach.example"
    share_with(store, shared_journal.id, address, None,
               sharing_key("a-sharing-secret-long-enough-for-tests"))
    app = go_to_step(open_app(PAGE), 2)
    notes = [caption.value for caption in app.caption if "praktijkoverzicht" in caption.value]
    assert len(notes) == 1
    assert f"({escape_markdown(address)})" in notes[0]
    assert "![x](" not in notes[0]


def test_absent_partner_has_no_check_in_and_the_session_says_so(store, shared_journal):
    app = open_app(PAGE)
    app.button_group(key="session_w_present").set_value([1]).run()
    go_to_step(app, 2)
    keys = [group.key for group in app.button_group]
    assert "session_score_0" not in keys and "session_score_1" in keys
    assert any("Anna is er vandaag niet bij" in info.value for info in app.info)


# --- two perspectives ---------------------------------------------------------------------------

def test_chart_compares_both_balances_and_names_the_pursue_withdraw_stretch(store,
                                                                            shared_journal):
    app = go_to_step(open_app(PAGE), 3)
    [spec] = [spec for chart_id, spec in charts(app).items() if chart_id.endswith("session_chart")]
    lines = [trace for trace in spec["data"] if trace.get("mode") == "lines"]
    assert [trace.get("fill") for trace in lines] == [None, "tonexty"]
    assert any(shape.get("name") == "pursue" for shape in spec["layout"]["shapes"])
    assert any("zocht Anna vaak contact" in line and "Bram vooral afstand" in line
               for line in texts(app))


def test_private_moment_and_hidden_notes_never_show_in_the_session(store, shared_journal):
    app = open_app(PAGE)
    for number in range(1, 8):
        go_to_step(app, number)
        page = all_text(app)
        assert PRIVATE not in page
        assert "Voor de coach" not in page  # notes stay hidden until asked for
    app.toggle(key="session_show_notes").set_value(True).run()
    for number in range(1, 8):
        go_to_step(app, number)
        assert PRIVATE not in all_text(app)
    go_to_step(app, 3)
    assert "&lt;b&gt;vet&lt;/b&gt;" in all_text(app)  # escaped in the hover text


def test_partner_only_moment_shows_without_the_coach_only(store, shared_journal):
    app = open_app(PAGE)
    app.toggle(key="session_show_notes").set_value(True).run()
    go_to_step(app, 5)
    assert PARTNER_NOTE not in all_text(app)
    go_to_step(app, 1)
    app.radio(key="session_w_audience").set_value("couple").run()
    go_to_step(app, 5)
    [partner_only] = [event for event in store.list_events(shared_journal.id)
                      if event.note == PARTNER_NOTE]
    app.selectbox(key="session_w_map_event").set_value(partner_only.id).run()
    assert PARTNER_NOTE in texts(app)


def test_one_sided_journal_still_runs_and_says_what_is_missing(store, journal):
    moment(store, journal, 3, 0, Kind.DISTANCE, Visibility.COACH)
    app = go_to_step(open_app(PAGE), 3)
    assert any("Alleen Anna heeft in deze periode" in info.value for info in app.info)
    go_to_step(app, 7)
    assert any("Alleen Anna" in line for line in texts(app))


def test_empty_journal_runs_every_step(store, journal):
    app = open_app(PAGE)
    for number in range(1, 8):
        go_to_step(app, number)
        assert not app.exception
    assert any("Er is nog geen volgende stap afgesproken." in line for line in texts(app))
    assert app.get("download_button")


# --- phase --------------------------------------------------------------------------------------

def test_phase_step_shows_the_phase_and_its_panel(store, shared_journal):
    app = go_to_step(open_app(PAGE), 4)
    assert any(line.startswith("Fase aan het eind van deze periode") for line in texts(app))
    assert any(markdown.value.startswith("#### De") for markdown in app.markdown)


# --- cycle map ----------------------------------------------------------------------------------

def fill_map(app, event_id: int, trigger="De rekening", felt=("bang", ""), did=("", "weg"),
             body=("", "shutdown")):
    app.text_area(key=f"session_map_{event_id}_trigger").input(trigger)
    for slot in (0, 1):
        app.text_area(key=f"session_map_{event_id}_felt_{slot}").input(felt[slot])
        app.text_area(key=f"session_map_{event_id}_did_{slot}").input(did[slot])
        app.radio(key=f"session_map_{event_id}_body_{slot}").set_value(body[slot])
    [button] = [b for b in app.button if b.label == "Kaart bewaren"]
    return button.click().run()


def test_cycle_map_is_stored_with_the_moment_drawn_as_a_loop_and_linked_to_a_step(
        store, shared_journal):
    app = go_to_step(open_app(PAGE), 5)
    event_id = app.selectbox(key="session_w_map_event").value
    assert store.get_event(shared_journal.id, event_id).kind is Kind.DISTANCE
    fill_map(app, event_id)
    assert not app.exception
    assert SessionStore(store).cycle_maps(shared_journal.id)[event_id] == CycleMap(
        event_id, "De rekening", felt=("bang", ""), did=("", "weg"),
        body=(None, BodySignal.SHUTDOWN))
    assert any(s.value == "De cycluskaart is bewaard." for s in app.success)
    [loop] = [spec for chart_id, spec in charts(app).items()
              if chart_id.endswith("session_cycle_map")]
    assert loop["layout"]["meta"]["event_id"] == event_id
    assert sum(1 for note in loop["layout"]["annotations"] if note.get("showarrow")) == 5
    assert any("stap 2" in line for line in texts(app))  # a body shut down: safety first
    assert any(markdown.value.startswith("#### Stap 2") for markdown in app.markdown)


def learn_links(app) -> list[str]:
    return [link.proto.query_string for link in app.get("page_link")]


def test_cycle_map_links_to_the_common_opponent_and_the_five_steps(store, shared_journal):
    app = go_to_step(open_app(PAGE), 5)
    assert "panel=common_opponent&lang=nl" in learn_links(app)
    fill_map(app, app.selectbox(key="session_w_map_event").value)
    assert "panel=five_steps&lang=nl" in learn_links(app)


def test_cycle_map_fields_are_limited_to_their_length(store, shared_journal):
    """The browser stops typing at the limit; nabij.session.records refuses longer text
    from anywhere else (tested in tests/test_session_domain.py)."""
    app = go_to_step(open_app(PAGE), 5)
    event_id = app.selectbox(key="session_w_map_event").value
    areas = [area for area in app.text_area if area.key.startswith(f"session_map_{event_id}")]
    assert len(areas) == 5
    assert {area.proto.max_chars for area in areas} == {TEXT_MAX_CHARS}


def test_no_shared_distance_moment_means_no_map_and_says_why(store, journal):
    moment(store, journal, 2, 0, Kind.CLOSENESS, Visibility.COACH)
    moment(store, journal, 2, 1, Kind.DISTANCE, Visibility.PRIVATE, note=PRIVATE)
    app = go_to_step(open_app(PAGE), 5)
    assert any("geen gedeeld moment van afstand" in info.value for info in app.info)
    assert "session_w_map_event" not in [box.key for box in app.selectbox]


# --- next step and summary ----------------------------------------------------------------------

def test_next_step_is_stored_for_today_and_shown_next_time(store, shared_journal):
    sessions = SessionStore(store)
    today = dt.datetime.now(shared_journal.zone).date()
    sessions.save_session(shared_journal.id, SessionNote(today - dt.timedelta(days=7),
                                                         "Elke dag tien minuten praten"))
    app = open_app(PAGE)
    assert any("Standaard: sinds de vorige sessie" in c.value for c in app.caption)
    go_to_step(app, 6)
    assert "Elke dag tien minuten praten" in texts(app)
    app.text_area(key="session_next_text").input("Zeggen: ik heb tien minuten nodig")
    [button] = [b for b in app.button if b.label == "Afspraak bewaren"]
    button.click().run()
    assert sessions.sessions(shared_journal.id)[-1] == SessionNote(
        today, "Zeggen: ik heb tien minuten nodig")
    go_to_step(app, 7)
    lines = texts(app)
    assert not any("nog geen volgende stap" in line for line in lines)
    assert any("Jullie hebben een volgende stap afgesproken." in line for line in lines)
    [download] = app.get("download_button")
    assert download.proto.label.startswith("Samenvatting downloaden")


def test_summary_step_lists_what_is_missing(store, shared_journal):
    app = open_app(PAGE)
    app.button_group(key="session_w_present").set_value([0]).run()
    go_to_step(app, 7)
    lines = texts(app)
    assert "• Bram is er vandaag niet bij; de check-in van Bram slaan we over." in lines
    assert "• Anna heeft vandaag (nog) geen check-in gedaan." in lines
    assert "• Er is nog geen cyclus in kaart gebracht." in lines


def test_summary_step_offers_help_beside_the_download(store, shared_journal):
    app = go_to_step(open_app(PAGE), 7)
    # One above every page, one on the summary itself.
    assert learn_links(app).count("panel=help&lang=nl") == 2


def test_partner_names_with_markdown_stay_plain_text(store):
    from nabij.model import Journal

    marked = store.create_journal(Journal(None, "Wij", ("**Ann**", "[Bram](x)"),
                                          "Europe/Amsterdam"))
    moment(store, marked, 2, 0, Kind.DISTANCE, Visibility.COACH)
    app = open_app(PAGE)
    app.button_group(key="session_w_present").set_value([1]).run()
    assert any(info.value.startswith(r"\*\*Ann\*\* is er vandaag niet bij")
               for info in app.info)
    go_to_step(app, 2)
    label = app.button_group(key="session_score_1").label
    assert label == r"\[Bram\]\(x\): welke cirkels passen nu?"
    go_to_step(app, 3)
    assert any(info.value.startswith(r"Alleen \*\*Ann\*\* heeft") for info in app.info)


def test_the_couple_sets_and_clears_the_day_of_their_next_session(store, shared_journal):
    sessions = SessionStore(store)
    today = dt.datetime.now(shared_journal.zone).date()
    app = go_to_step(open_app(PAGE), 6)
    picker = app.date_input(key="session_next_session_day")
    assert picker.value is None  # optional: nothing set until they choose
    picker.set_value(today + dt.timedelta(days=14)).run()
    assert not app.exception, app.exception
    assert sessions.next_session(shared_journal.id) == today + dt.timedelta(days=14)
    assert "De dag van jullie volgende sessie is bewaard." in [s.value for s in app.success]
    assert app.date_input(key="session_next_session_day").value == today + dt.timedelta(days=14)
    # A day already past is not offered (and nabij.session.records refuses it): the day stays.
    assert app.date_input(key="session_next_session_day").min == today
    app.date_input(key="session_next_session_day").set_value(today - dt.timedelta(days=1)).run()
    assert not app.exception, app.exception
    assert sessions.next_session(shared_journal.id) == today + dt.timedelta(days=14)
    app.button(key="session_next_session_clear").click().run()
    assert sessions.next_session(shared_journal.id) is None
    assert "Er staat geen volgende sessie meer." in [s.value for s in app.success]


def test_the_example_journal_keeps_the_next_session_in_this_window_only(store):
    app = go_to_step(open_app(PAGE, "en"), 6)
    today = dt.date.today()
    app.date_input(key="session_next_session_day").set_value(today + dt.timedelta(days=3)).run()
    assert not app.exception, app.exception
    assert app.date_input(key="session_next_session_day").value == today + dt.timedelta(days=3)
    assert "The day of your next session is saved." in [s.value for s in app.success]
    other_window = go_to_step(open_app(PAGE, "en"), 6)
    assert other_window.date_input(key="session_next_session_day").value is None
