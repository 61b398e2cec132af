"""The Cycle page: the demo on first start, the open journal's moments afterwards."""

from __future__ import annotations

import base64
import json

import numpy as np

from components.cycle.phase_editor import EDITOR_KEY
from nabij.demo import demo_journal
from nabij.model import Kind
from tests.pages.conftest import add_event, open_app


def decode(values) -> list:
    """Plotly sends numeric arrays as base64 typed arrays; turn them back into a list."""
    if isinstance(values, dict) and "bdata" in values:
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values)


def timeline(app) -> dict:
    """The timeline figure (the one chart drawn open; the calendar waits in its fold)."""
    charts = app.get("plotly_chart")
    assert len(charts) == 1
    return json.loads(charts[0].proto.spec)


def chart_points(app) -> list[tuple[str, list]]:
    """Name and y values of each trace of moments (balance lines left out)."""
    return [(trace["name"], decode(trace["y"])) for trace in timeline(app)["data"]
            if trace.get("mode") == "markers"]


def balance_lines(app) -> list[str]:
    return [trace["name"] for trace in timeline(app)["data"] if trace.get("mode") == "lines"]


def open_phase_editor(app):
    """Open "Mark phases" as a tap does: a closed editor builds none of its widgets."""
    app.session_state[EDITOR_KEY] = True
    app.run()
    assert not app.exception, app.exception
    return app


def test_a_closed_phase_editor_builds_nothing_until_opened(store, journal):
    add_event(store, journal, kind=Kind.DISTANCE, intensity=4, partner=0, hours=0)
    app = open_app(lang="en")
    assert "mark_phase" not in [box.key for box in app.selectbox]
    open_phase_editor(app)
    assert "mark_phase" in [box.key for box in app.selectbox]


def test_first_start_shows_the_demo_chart(db_url):
    app = open_app()
    traces = chart_points(app)
    assert [name for name, _ in traces] == ["Sanne", "Daan"]
    assert sum(len(y) for _, y in traces) == len(demo_journal("nl").events)
    assert any("voorbeelddagboek" in i.value for i in app.info)


def test_demo_in_english(db_url):
    app = open_app(lang="en")
    assert any("example journal" in i.value for i in app.info)
    assert app.title[0].value.startswith("Cycle")


def test_own_journal_replaces_the_demo_and_plots_signed_intensity(store, journal):
    add_event(store, journal, kind=Kind.CLOSENESS, intensity=4, partner=0)
    add_event(store, journal, kind=Kind.DISTANCE, intensity=2, partner=1, hours=1)
    app = open_app()
    assert chart_points(app) == [("Anna", [4]), ("Bram", [-2])]
    assert not any("voorbeelddagboek" in i.value for i in app.info)
    assert any("2 momenten" in t.value for t in app.text)


def test_balance_lines_follow_the_chosen_window(store, journal):
    # Three moments each: a balance needs a few moments in its window (MIN_BALANCE_MOMENTS).
    for hour in range(3):
        add_event(store, journal, kind=Kind.CLOSENESS, intensity=4, partner=0, hours=hour)
        add_event(store, journal, kind=Kind.DISTANCE, intensity=2, partner=1, hours=hour)
        add_event(store, journal, kind=Kind.DISTANCE, intensity=2, partner=1, hours=200 + hour)
    app = open_app(lang="en")
    assert balance_lines(app) == ["balance Anna", "balance Bram"]
    assert app.button_group(key="cycle_window").value == 14
    anna = next(t for t in timeline(app)["data"] if t["name"] == "balance Anna")
    assert not any(v is None or v != v for v in decode(anna["y"]))  # 14 days cover it all
    app.button_group(key="cycle_window").set_value(7).run()
    anna = next(t for t in timeline(app)["data"] if t["name"] == "balance Anna")
    # After 7 days without Anna's moments, her balance has no value any more.
    assert any(v is None or v != v for v in decode(anna["y"]))  # None or NaN


def test_partner_filter_and_ranges(store, journal):
    add_event(store, journal, kind=Kind.CLOSENESS, intensity=4, partner=0)
    add_event(store, journal, kind=Kind.DISTANCE, intensity=2, partner=1, hours=24 * 40)
    app = open_app()
    app.button_group(key="cycle_partners").set_value([1]).run()
    assert chart_points(app) == [("Bram", [-2])]
    app.button_group(key="cycle_partners").set_value([0, 1]).run()
    app.button_group(key="cycle_range").set_value("week").run()
    assert chart_points(app) == [("Bram", [-2])]  # Anna's moment is 40 days earlier
    start, end = app.date_input(key="cycle_dates").value
    assert (end - start).days == 6
    app.button_group(key="cycle_range").set_value("all").run()
    assert sorted(name for name, _ in chart_points(app)) == ["Anna", "Bram"]


def test_a_period_without_moments_says_so(store, journal):
    import datetime as dt

    add_event(store, journal, kind=Kind.CLOSENESS, intensity=4, partner=0)
    add_event(store, journal, kind=Kind.CLOSENESS, intensity=4, partner=0, hours=24 * 30)
    app = open_app(lang="en")
    app.date_input(key="cycle_dates").set_value((dt.date(2025, 3, 10), dt.date(2025, 3, 20)))
    app.run()
    assert any("No moments were logged in this period" in i.value for i in app.info)
    assert app.button_group(key="cycle_range").value is None


def test_summary_in_words(store, journal):
    add_event(store, journal, kind=Kind.CLOSENESS, intensity=4, partner=0)
    add_event(store, journal, kind=Kind.DISTANCE, intensity=2, partner=1, hours=1)
    app = open_app(lang="en")
    texts = [t.value for t in app.text]
    assert "From Mar 4, 2025 to Mar 4, 2025: 2 moments." in texts
    assert any(t.startswith("Anna: 1 × closeness, 0 × distance") for t in texts)
    assert any(t.startswith("Bram: 0 × closeness, 1 × distance") for t in texts)


def test_empty_journal_says_how_to_begin(store, journal):
    app = open_app()
    assert not app.get("plotly_chart")
    assert any("Nog niets om te tonen" in i.value for i in app.info)


def test_chart_follows_a_write_made_elsewhere(store, journal):
    app = open_app()
    add_event(store, journal, kind=Kind.DISTANCE, intensity=5)
    app.run()
    assert chart_points(app) == [("Anna", [-5])]


def phase_rects(app, suggested: bool = False) -> list[str]:
    """Colours of the phase bands drawn: the marked ones, or the suggested (dashed) ones."""
    return [shape["fillcolor"] for shape in timeline(app)["layout"].get("shapes", [])
            if shape.get("type") == "rect"
            and (shape.get("line", {}).get("width", 0) > 0) == suggested]


def test_marking_a_phase_by_hand_draws_its_band_and_panel(store, journal):
    import datetime as dt

    from nabij.content import get_panel
    from nabij.cycle.cycle_figures import PHASE_COLOURS

    for day in range(10):  # enough moments for Nabij to suggest a phase
        add_event(store, journal, kind=Kind.DISTANCE, intensity=5, partner=0, hours=24 * day)
        add_event(store, journal, kind=Kind.DISTANCE, intensity=4, partner=1,
                  hours=24 * day + 1)
    app = open_app(lang="en")
    open_phase_editor(app)
    assert phase_rects(app) == [] and phase_rects(app, suggested=True)
    app.date_input(key="mark_day").set_value(dt.date(2025, 3, 4))
    app.selectbox(key="mark_phase").set_value("crisis")
    [button] = [b for b in app.button if b.label == "Mark"]
    button.click().run()
    assert [(m.start, str(m.phase)) for m in store.list_phase_marks(journal.id)] == \
        [(dt.date(2025, 3, 4), "crisis")]
    assert phase_rects(app) == [PHASE_COLOURS["crisis"]]
    assert phase_rects(app, suggested=True) == []  # the mark covers every day
    # The panel names the phase of the last day shown; the journal's last moment is long
    # past, so that day is shown before it (on the last one the panel asks for a moment).
    app.date_input(key="cycle_dates").set_value((dt.date(2025, 3, 4), dt.date(2025, 3, 8)))
    app.run()
    title = get_panel("en", "phase_crisis").title
    assert any(title in md.value for md in app.markdown)
    assert "panel=phase_crisis&lang=en" in [link.proto.query_string
                                            for link in app.get("page_link")]
    # Remove it again: the band goes.
    [mark] = store.list_phase_marks(journal.id)
    app.button(key=f"remove_mark_{mark.id}").click().run()
    assert store.list_phase_marks(journal.id) == [] and phase_rects(app) == []


def marked_twice(store, journal):
    """Moments over five days and two marks on them: 4 March begin, 6 March crisis."""
    import datetime as dt

    from nabij.phases.four_phases import Phase
    from nabij.phases.marks import PhaseMark

    for day in range(5):
        add_event(store, journal, kind=Kind.DISTANCE, intensity=4, partner=day % 2,
                  hours=24 * day)
    store.set_phase_mark(journal.id, PhaseMark(dt.date(2025, 3, 4), Phase.BEGIN))
    store.set_phase_mark(journal.id, PhaseMark(dt.date(2025, 3, 6), Phase.CRISIS))
    return store.list_phase_marks(journal.id)


def save_day(app, mark, day):
    app.date_input(key=f"move_mark_day_{mark.id}").set_value(day)
    [button] = [b for b in app.button if b.label == "Save"
                and b.proto.form_id == f"move_mark_{mark.id}"]
    button.click().run()
    assert not app.exception, app.exception


def test_a_marks_day_is_changed_in_its_own_form(store, journal):
    import datetime as dt

    begin, _crisis = marked_twice(store, journal)
    app = open_app(lang="en")
    open_phase_editor(app)
    save_day(app, begin, dt.date(2025, 3, 5))
    assert [(m.start, str(m.phase)) for m in store.list_phase_marks(journal.id)] == \
        [(dt.date(2025, 3, 5), "begin"), (dt.date(2025, 3, 6), "crisis")]
    assert any(s.value.startswith("The mark for Beginning now starts on ") for s in app.success)
    # Onto the other mark's day: refused with a reason, nothing overwritten.
    save_day(app, begin, dt.date(2025, 3, 6))
    assert any("Another mark already begins on" in e.value for e in app.error)
    assert [m.start for m in store.list_phase_marks(journal.id)] == \
        [dt.date(2025, 3, 5), dt.date(2025, 3, 6)]


def test_removing_a_mark_can_be_undone(store, journal):
    from nabij.cycle.cycle_figures import PHASE_COLOURS

    begin, crisis = marked_twice(store, journal)
    app = open_app(lang="nl")
    open_phase_editor(app)
    app.button(key=f"remove_mark_{crisis.id}").click().run()
    assert [m.phase for m in store.list_phase_marks(journal.id)] == [begin.phase]
    assert any(s.value == "Markering weggehaald." for s in app.success)
    assert phase_rects(app) == [PHASE_COLOURS["begin"]]
    app.button(key="undo_remove_mark").click().run()
    assert [(m.start, m.phase) for m in store.list_phase_marks(journal.id)] == \
        [(begin.start, begin.phase), (crisis.start, crisis.phase)]
    assert phase_rects(app) == [PHASE_COLOURS["begin"], PHASE_COLOURS["crisis"]]
    assert not [b for b in app.button if b.key == "undo_remove_mark"]  # undone once


def test_undo_never_overwrites_a_mark_made_meanwhile(store, journal):
    from nabij.phases.four_phases import Phase
    from nabij.phases.marks import PhaseMark

    _begin, crisis = marked_twice(store, journal)
    app = open_app(lang="en")
    open_phase_editor(app)
    app.button(key=f"remove_mark_{crisis.id}").click().run()
    store.set_phase_mark(journal.id, PhaseMark(crisis.start, Phase.TURNING_POINT))  # elsewhere
    app.button(key="undo_remove_mark").click().run()
    assert any("cannot come back" in e.value for e in app.error)
    assert [str(m.phase) for m in store.list_phase_marks(journal.id)] == \
        ["begin", "turning_point"]


def test_a_mark_without_a_phase_is_refused(store, journal):
    add_event(store, journal)
    app = open_app(lang="en")
    open_phase_editor(app)
    [button] = [b for b in app.button if b.label == "Mark"]
    button.click().run()
    assert store.list_phase_marks(journal.id) == []
    assert any("Choose a day and a phase" in e.value for e in app.error)


def closeness_then_distance(store, journal) -> None:
    """A month of strong closeness, then a month of strong distance: phases to suggest."""
    for day in range(60):
        add_event(store, journal, kind=Kind.CLOSENESS if day < 30 else Kind.DISTANCE,
                  intensity=5, partner=day % 2, hours=24 * day)


def test_accepting_the_suggestion_turns_it_into_marks(store, journal):
    from nabij.phases.four_phases import follows_cycle

    closeness_then_distance(store, journal)
    app = open_app(lang="en")
    open_phase_editor(app)
    suggested = phase_rects(app, suggested=True)
    assert suggested and phase_rects(app) == []
    captions = [c.value for c in app.caption]
    assert any(c.startswith("The moments logged suggest") for c in captions)
    app.button(key="accept_all").click().run()
    marks = store.list_phase_marks(journal.id)
    assert len(marks) == len(suggested) and follows_cycle([m.phase for m in marks])
    assert phase_rects(app, suggested=True) == [] and len(phase_rects(app)) == len(suggested)


def test_accepting_one_span_leaves_the_rest_suggested(store, journal):
    closeness_then_distance(store, journal)
    app = open_app(lang="en")
    open_phase_editor(app)
    before = len(phase_rects(app, suggested=True))
    assert before >= 2
    app.button(key="accept_0").click().run()
    [mark] = store.list_phase_marks(journal.id)
    assert mark.end is not None
    assert len(phase_rects(app)) == 1 and len(phase_rects(app, suggested=True)) == before - 1


def test_switching_language_changes_chart_labels_and_bands(db_url):
    app = open_app()
    labels_nl = [note["text"] for note in timeline(app)["layout"]["annotations"]]
    assert any(label.startswith("Crisis") for label in labels_nl)
    assert any(label.startswith("Beginfase") for label in labels_nl)
    assert "balans Sanne" in balance_lines(app)
    app.button_group(key="language_switch").set_value("en").run()
    labels_en = [note["text"] for note in timeline(app)["layout"]["annotations"]]
    assert any(label.startswith("Turning point") for label in labels_en)
    assert not any(label.startswith("Beginfase") for label in labels_en)
    assert "balance Sanne" in balance_lines(app)
    assert timeline(app)["layout"]["xaxis"]["ticktext"] != []


def test_png_file_name_is_tidy():
    import datetime as dt

    from nabij.cycle.view import CycleView, png_config
    from nabij.i18n import Messages

    view = CycleView(dt.date(2025, 3, 1), dt.date(2025, 3, 31), (0, 1), 14)
    name = png_config("Sanne & Daan!", view, Messages("nl"))["toImageButtonOptions"]["filename"]
    assert name == "nabij-sanne-daan-2025-03-01-2025-03-31"


def test_edges_one_moment_same_second_and_summer_time(store, journal):
    """One moment, two at the same second, and the nights the clocks change: no exception."""
    import datetime as dt

    from nabij.model import Event

    app = open_app(lang="en")
    add_event(store, journal, kind=Kind.CLOSENESS, intensity=3)
    app.run()
    assert not app.exception and chart_points(app) == [("Anna", [3])]
    assert balance_lines(app) == []  # one day of balance draws no line

    same = dt.datetime(2025, 3, 29, 23, 30, tzinfo=dt.UTC)  # 00:30 local, 30 March
    for partner, kind in ((0, Kind.DISTANCE), (1, Kind.CLOSENESS)):
        store.add_event(journal.id, Event(same, partner, kind, 4))
    # 02:30 local does not exist on 30 March; 02:30 happens twice on 26 October.
    store.add_event(journal.id, Event(dt.datetime(2025, 3, 30, 1, 30, tzinfo=dt.UTC), 0,
                                      Kind.CLOSENESS, 2))
    for hour in (0, 1):
        store.add_event(journal.id, Event(dt.datetime(2025, 10, 26, hour, 30, tzinfo=dt.UTC), 1,
                                          Kind.DISTANCE, 5))
    app.run()
    assert not app.exception
    points = dict(chart_points(app))
    assert sorted(points["Anna"]) == [-4, 2, 3] and sorted(points["Bram"]) == [-5, -5, 4]
