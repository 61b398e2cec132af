"""The cycle figure: signed intensity, one trace per partner, hover text that is only text."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from nabij.cycle.cycle_figures import (
    PARTNER_COLOURS,
    PARTNER_SYMBOLS,
    cycle_figure,
    plain_hover_text,
)
from nabij.frames import events_frame
from nabij.i18n import Messages
from nabij.model import BodySignal, Event, Journal, Kind

JOURNAL = Journal(1, "Wij", ("Anna", "Bram"), "Europe/Amsterdam")
T0 = dt.datetime(2025, 3, 4, 20, 0, tzinfo=dt.UTC)


def event(id_, partner, kind, intensity, note="", hours=0, body=None):
    return Event(occurred_at=T0 + dt.timedelta(hours=hours), partner=partner, kind=kind,
                 intensity=intensity, note=note, body=body, id=id_)


def test_closeness_above_distance_below_one_trace_per_partner():
    frame = events_frame([event(1, 0, Kind.CLOSENESS, 4), event(2, 1, Kind.DISTANCE, 3, hours=1),
                          event(3, 0, Kind.DISTANCE, 5, hours=2)], JOURNAL)
    figure = cycle_figure(frame, JOURNAL.partners, Messages("en"))
    assert [trace.name for trace in figure.data] == ["Anna", "Bram"]
    anna, bram = figure.data
    assert list(anna.y) == [4, -5] and list(bram.y) == [-3]
    assert list(anna.customdata) == [1, 3]
    assert anna.marker.color == PARTNER_COLOURS[0] and bram.marker.symbol == PARTNER_SYMBOLS[1]
    assert anna.marker.color != bram.marker.color


def test_partner_without_events_gets_no_trace():
    frame = events_frame([event(1, 1, Kind.CLOSENESS, 2)], JOURNAL)
    assert [trace.name for trace in cycle_figure(frame, JOURNAL.partners, Messages("nl")).data] \
        == ["Bram"]


def test_hover_shows_local_time_kind_body_and_escaped_note():
    note = "<b>vet</b> & <script>alert(1)</script>"
    frame = events_frame([event(1, 0, Kind.DISTANCE, 2, note=note, body=BodySignal.SHUTDOWN)],
                         JOURNAL)
    [hover] = cycle_figure(frame, JOURNAL.partners, Messages("en")).data[0].hovertext
    assert "<b>" not in hover and "<script>" not in hover
    assert "&lt;b&gt;vet&lt;/b&gt; &amp; &lt;script&gt;" in hover
    assert "21:00" in hover  # 20:00 UTC is 21:00 in Amsterdam in March
    assert "distance" in hover and "shut down, numb" in hover


def test_hover_translates():
    frame = events_frame([event(1, 0, Kind.CLOSENESS, 2)], JOURNAL)
    [hover] = cycle_figure(frame, JOURNAL.partners, Messages("nl")).data[0].hovertext
    assert "nabijheid" in hover and "sterkte 2" in hover


def test_long_notes_are_cut_and_wrapped():
    text = plain_hover_text("woord " * 200)
    assert text.endswith("…") and text.count("<br>") >= 4
    assert max(len(line) for line in text.split("<br>")) <= 48


def test_empty_frame_gives_an_empty_figure():
    frame = events_frame([], JOURNAL)
    assert isinstance(frame, pd.DataFrame) and frame.empty
    assert cycle_figure(frame, JOURNAL.partners, Messages("en")).data == ()


def test_balance_lines_share_the_zero_line_and_shade_the_gap():
    from nabij.cycle.balance import rolling_balance

    frame = events_frame([event(1, 0, Kind.CLOSENESS, 4), event(2, 1, Kind.DISTANCE, 3),
                          event(3, 1, Kind.DISTANCE, 3, hours=30)], JOURNAL)
    figure = cycle_figure(frame, JOURNAL.partners, Messages("en"),
                          balance=rolling_balance(frame, 7, min_moments=1))
    lines = [trace for trace in figure.data if trace.mode == "lines"]
    assert [trace.yaxis for trace in lines] == ["y2", "y2"]
    assert lines[0].fill is None and lines[1].fill == "tonexty"
    assert figure.layout.yaxis.range == (-5.6, 5.6)
    assert figure.layout.yaxis2.range == pytest.approx((-1.12, 1.12))  # zero lines coincide


def test_phase_bands_are_labelled_in_the_users_language_and_suggestions_dashed():
    from nabij.cycle.cycle_figures import PHASE_COLOURS
    from nabij.phases.marks import PhaseSpan

    frame = events_frame([event(1, 0, Kind.CLOSENESS, 4)], JOURNAL)
    bands = [PhaseSpan(dt.date(2025, 3, 1), dt.date(2025, 3, 9), "begin"),
             PhaseSpan(dt.date(2025, 3, 10), dt.date(2025, 3, 20), "crisis", suggested=True)]
    figure = cycle_figure(frame, JOURNAL.partners, Messages("nl"), bands=bands)
    rects = [shape for shape in figure.layout.shapes if shape.type == "rect"]
    assert [rect.fillcolor for rect in rects] == [PHASE_COLOURS["begin"], PHASE_COLOURS["crisis"]]
    assert rects[0].line.width == 0 and rects[1].line.dash == "dash"
    labels = [note.text for note in figure.layout.annotations]
    assert any(label.startswith(Messages("nl")("phase.begin")) for label in labels)


def test_no_bands_without_known_phases():
    frame = events_frame([event(1, 0, Kind.CLOSENESS, 4)], JOURNAL)
    figure = cycle_figure(frame, JOURNAL.partners, Messages("en"))
    assert [shape for shape in figure.layout.shapes if shape.type == "rect"] == []


def test_a_crowded_chart_is_grouped_and_says_so():
    events = [event(i, i % 2, Kind.CLOSENESS if i % 3 else Kind.DISTANCE, 1 + i % 5,
                    hours=i // 4) for i in range(1, 4001)]
    frame = events_frame(events, JOURNAL)
    figure = cycle_figure(frame, JOURNAL.partners, Messages("en"), max_points=1000)
    points = sum(len(trace.x) for trace in figure.data if trace.mode == "markers")
    assert points <= 1000
    assert figure.layout.meta["level"] in {"hour", "day"}
    assert any("each point: the moments of one" in note.text
               for note in figure.layout.annotations)


def test_calendar_has_one_cell_per_day_coloured_by_balance():
    from nabij.cycle.cycle_figures import calendar_figure

    frame = events_frame([event(1, 0, Kind.CLOSENESS, 4), event(2, 1, Kind.DISTANCE, 4,
                                                                hours=24)], JOURNAL)
    [heatmap] = calendar_figure(frame, Messages("en")).data
    values = [v for row in heatmap.z for v in row if v == v]  # drop NaN
    assert sorted(values) == [-1.0, 1.0]
    assert len(heatmap.y) == 7


@pytest.mark.parametrize(("days", "first_label"), [(10, "di 4"), (60, "10 mrt"),
                                                   (300, "apr 2025"), (2000, "2026")])
def test_date_ticks_are_in_the_users_language(days, first_label):
    from nabij.cycle.cycle_figures import date_ticks

    start = dt.date(2025, 3, 4)
    ticks, labels = date_ticks(start, start + dt.timedelta(days=days - 1), Messages("nl"))
    assert len(ticks) == len(labels) >= 2
    assert labels[0] == first_label or labels[1] == first_label
    assert len(labels) <= 7  # side by side on a phone, not tilted and cut off


def test_timeline_uses_translated_ticks_for_its_period():
    frame = events_frame([event(1, 0, Kind.CLOSENESS, 4)], JOURNAL)
    figure = cycle_figure(frame, JOURNAL.partners, Messages("nl"),
                          period=(dt.date(2025, 3, 1), dt.date(2025, 8, 31)))
    assert figure.layout.xaxis.ticktext[0] == "mrt 2025"
    assert figure.layout.xaxis.range == ("2025-03-01", "2025-08-31T23:59:59")


def test_narrow_bands_keep_their_colour_but_lose_their_label():
    from nabij.phases.marks import PhaseSpan

    frame = events_frame([event(1, 0, Kind.CLOSENESS, 4)], JOURNAL)
    bands = [PhaseSpan(dt.date(2025, 1, 1), dt.date(2025, 1, 3), "begin"),
             PhaseSpan(dt.date(2025, 1, 4), dt.date(2025, 6, 30), "middle")]
    figure = cycle_figure(frame, JOURNAL.partners, Messages("en"), bands=bands,
                          period=(dt.date(2025, 1, 1), dt.date(2025, 6, 30)))
    assert len([s for s in figure.layout.shapes if s.type == "rect"]) == 2
    labels = [note.text for note in figure.layout.annotations]
    assert any(label.startswith("Middle") for label in labels)
    assert not any(label.startswith("Begin") for label in labels)


def test_calendar_of_a_short_journal_starts_at_its_first_week():
    from nabij.cycle.cycle_figures import calendar_figure

    frame = events_frame([event(1, 0, Kind.CLOSENESS, 4),
                          event(2, 1, Kind.DISTANCE, 4, hours=24 * 20)], JOURNAL)
    [heatmap] = calendar_figure(frame, Messages("en")).data
    assert len(heatmap.x) == 4  # the weeks of 3, 10, 17 and 24 March 2025



def _spec(figure) -> dict:
    import json

    import plotly.io as pio

    return json.loads(pio.to_json(figure.to_dict(), validate=False))


def _without_empty(value):
    """A spec without empty objects, which Plotly drops when it reads a figure back."""
    if isinstance(value, dict):
        return {key: _without_empty(item) for key, item in value.items() if item != {}}
    if isinstance(value, list):
        return [_without_empty(item) for item in value]
    return value


def _rich_frame(count: int) -> pd.DataFrame:
    kinds = (Kind.CLOSENESS, Kind.DISTANCE)
    bodies = (None, BodySignal.CALM, BodySignal.ALARM, BodySignal.SHUTDOWN)
    return events_frame([event(i, i % 2, kinds[i % 3 % 2], 1 + i % 5,
                               note=f"<i>note</i> {i} " * (i % 4), hours=i * 5 % 997,
                               body=bodies[i % 4]) for i in range(1, count + 1)], JOURNAL)


@pytest.mark.parametrize(("count", "language"), [(40, "en"), (3000, "nl")])
def test_figures_built_without_validation_are_what_plotly_validation_makes(count, language):
    """Built from plain dicts without Plotly's checks, the spec sent to the browser must be
    the same as that of the same figure validated: every property known, every value stored
    as Plotly stores it."""
    import plotly.graph_objects as go

    from nabij.cycle.balance import rolling_balance
    from nabij.cycle.cycle_figures import calendar_figure
    from nabij.phases.marks import PhaseSpan

    frame = _rich_frame(count)
    first, last = frame["occurred_at"].iloc[0].date(), frame["occurred_at"].iloc[-1].date()
    bands = [PhaseSpan(first, first + dt.timedelta(days=9), "begin"),
             PhaseSpan(first + dt.timedelta(days=10), last, "middle", suggested=True)]
    msg = Messages(language)
    figures = [cycle_figure(frame, JOURNAL.partners, msg, balance=rolling_balance(frame, 7),
                            bands=bands, period=(first, last), max_points=1000),
               cycle_figure(frame, JOURNAL.partners, msg), calendar_figure(frame, msg)]
    assert (figures[0].layout.meta["level"] == "event") == (count < 1000)
    for figure in figures:
        assert _without_empty(_spec(figure)) == _spec(go.Figure(figure.to_dict()))


def test_remembered_times_are_wall_clock_times_not_instants():
    # The same instant reads 21:00 in Amsterdam and 15:00 in New York: a cache keyed on the
    # instant would show one zone's time in the other.
    amsterdam = events_frame([event(1, 0, Kind.CLOSENESS, 2)], JOURNAL)
    new_york = events_frame([event(1, 0, Kind.CLOSENESS, 2)],
                            Journal(2, "Wij", ("Anna", "Bram"), "America/New_York"))
    [first] = cycle_figure(amsterdam, JOURNAL.partners, Messages("en")).data[0].hovertext
    [second] = cycle_figure(new_york, JOURNAL.partners, Messages("en")).data[0].hovertext
    assert "21:00" in first and "15:00" in second


def test_a_daily_balance_line_is_sent_as_first_day_and_step():
    from nabij.cycle.balance import rolling_balance
    from nabij.cycle.cycle_figures import DAY_MS

    frame = events_frame([event(1, 0, Kind.CLOSENESS, 4), event(2, 0, Kind.DISTANCE, 3,
                                                                hours=24 * 9)], JOURNAL)
    balance = rolling_balance(frame, 7, min_moments=1)
    [line] = [trace for trace in cycle_figure(frame, JOURNAL.partners, Messages("en"),
                                              balance=balance).data if trace.mode == "lines"]
    assert (line.x, line.x0, line.dx) == (None, "2025-03-04", DAY_MS)
    assert len(line.y) == len(balance) == 10


def test_callers_change_the_figures_as_any_plotly_figure():
    import plotly.graph_objects as go

    frame = _rich_frame(40)
    figure = cycle_figure(frame, JOURNAL.partners, Messages("en"))
    figure.update_layout(template="plotly_white")  # a name, which validation resolves
    assert isinstance(figure.layout.template, go.layout.Template)
    figure.add_trace(go.Scatter(x=[1], y=[2]))
    with pytest.raises(ValueError):
        figure.update_traces(marker_colr="blue")
    with pytest.raises(ValueError):
        figure.layout.xaxis.rnage = (0, 1)
    assert "<html>" in figure.to_html()


def test_no_balance_line_where_the_text_says_it_cannot_be_told():
    """One distance moment is too little for a balance: no line at -1, and the sentence
    beside the chart says so; from three moments on, both show it."""
    from nabij.cycle.balance import MIN_BALANCE_MOMENTS, balance_trend, rolling_balance

    one = events_frame([event(1, 0, Kind.DISTANCE, 2)], JOURNAL)
    balance = rolling_balance(one, 7)
    figure = cycle_figure(one, JOURNAL.partners, Messages("en"), balance=balance)
    assert [trace for trace in figure.data if trace.mode == "lines"] == []
    assert balance_trend(balance[0], 7) == "unknown"

    enough = events_frame([event(1 + day, 0, Kind.DISTANCE, 2, hours=24 * day)
                           for day in range(MIN_BALANCE_MOMENTS + 1)], JOURNAL)
    balance = rolling_balance(enough, 7)
    figure = cycle_figure(enough, JOURNAL.partners, Messages("en"), balance=balance)
    assert len([trace for trace in figure.data if trace.mode == "lines"]) == 1
    assert balance_trend(balance[0], 7) != "unknown"


def test_a_long_silence_is_marked_no_moments_and_short_pauses_are_not():
    from nabij.cycle.cycle_figures import SILENCE_FILL, silent_stretches
    from nabij.phases.claims import SILENT_STRETCH_DAYS

    days = [0, 1, 2, 2 + SILENT_STRETCH_DAYS, 3 + 2 * SILENT_STRETCH_DAYS + 40, 50 + 100]
    frame = events_frame([event(index, 0, Kind.CLOSENESS, 3, hours=24 * day)
                          for index, day in enumerate(days)], JOURNAL)
    local = [stamp.date() for stamp in frame["occurred_at"]]
    # Days 2 and 2 + N are N - 1 empty days apart: too short; the others are silences.
    assert silent_stretches(frame) == [
        (local[3] + dt.timedelta(days=1), local[4] - dt.timedelta(days=1)),
        (local[4] + dt.timedelta(days=1), local[5] - dt.timedelta(days=1))]
    figure = cycle_figure(frame, JOURNAL.partners, Messages("nl"))
    grey = [shape for shape in figure.layout.shapes if shape.fillcolor == SILENCE_FILL]
    assert len(grey) == 2
    assert [a.text for a in figure.layout.annotations].count("geen momenten") == 2
    assert silent_stretches(frame.iloc[:1]) == []


# --- partner names are text, never markup (issue #18) --------------------------------------------

HOSTILE = ('<a href="https://voorbeeld.invalid/x">Eva</a>',
           '<span style="font-size:90px">Bram</span> & <b>co</b>')


def _strings(value: object) -> list[str]:
    """Every string anywhere in a figure's JSON: labels, hover, legend, annotations."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, (list, tuple)) or hasattr(value, "tolist"):
        items = value.tolist() if hasattr(value, "tolist") else value
        return [text for item in items for text in _strings(item)]
    return []


def _assert_only_escaped(figure) -> None:
    shown = _strings(figure.to_plotly_json())
    for tag in ("<a ", "<a>", "</a>", "<span", "</span>", "<b>co"):
        assert not [text for text in shown if tag in text], tag
    joined = "\n".join(shown)
    assert "&lt;a href=" in joined and "&lt;span style=" in joined and "&amp;" in joined


@pytest.mark.parametrize("max_points", [10_000, 4], ids=["moments", "grouped"])
def test_partner_names_in_legend_hover_and_balance_are_escaped(max_points):
    from nabij.cycle.balance import rolling_balance

    journal = Journal(1, "Wij", HOSTILE, "Europe/Amsterdam")
    frame = events_frame([event(i + 1, i % 2, Kind.CLOSENESS if i % 3 else Kind.DISTANCE, 3,
                                hours=24 * i) for i in range(12)], journal)
    figure = cycle_figure(frame, journal.partners, Messages("nl"),
                          balance=rolling_balance(frame, 7), max_points=max_points)
    names = [trace.name for trace in figure.data]
    assert len(names) == 4  # both partners' points and both balances: the legend
    _assert_only_escaped(figure)
    # The same figure is what the HTML download writes (Plotly writes "<" there as \u003c,
    # which the page's script turns back into a live tag): none there either.
    page = figure.to_html(include_plotlyjs=False, full_html=True)
    assert "\\u003ca " not in page and "\\u003cspan" not in page
    assert "&lt;a href=" in page


def test_phase_labels_climb_a_row_instead_of_covering_a_neighbour():
    """On a phone's 340 px, "Turning point ?" and the next label would cover each other."""
    from nabij.cycle.cycle_figures import LABEL_ROW_PX
    from nabij.phases.marks import PhaseSpan

    frame = events_frame([event(1, 0, Kind.CLOSENESS, 4)], JOURNAL)
    period = (dt.date(2025, 3, 1), dt.date(2025, 5, 9))  # 70 days
    bands = [PhaseSpan(dt.date(2025, 3, 1), dt.date(2025, 3, 31), "middle", suggested=True),
             PhaseSpan(dt.date(2025, 4, 1), dt.date(2025, 4, 6), "turning_point",
                       suggested=True),
             PhaseSpan(dt.date(2025, 4, 7), dt.date(2025, 4, 12), "begin", suggested=True),
             PhaseSpan(dt.date(2025, 4, 13), dt.date(2025, 5, 9), "crisis")]
    figure = cycle_figure(frame, JOURNAL.partners, Messages("en"), bands=bands, period=period)
    labels = {note.text: note for note in figure.layout.annotations if note.xref == "x"}
    assert set(labels) == {"Middle ?", "Turning point ?", "Beginning ?", "Crisis"}
    shifts = {text: note.yshift or 0 for text, note in labels.items()}
    assert shifts["Turning point ?"] != shifts["Beginning ?"], shifts
    assert {shift % LABEL_ROW_PX for shift in shifts.values()} == {0}
    # The margin above the plot holds every row that is used.
    assert figure.layout.margin.t >= 34 + LABEL_ROW_PX * (1 + max(shifts.values()) // 15)
    # Each label's x stays inside its own band (the page reads a band's label by its x).
    for band in bands:
        note = labels[next(t for t in labels if t.startswith(
            Messages("en")(f"phase.{band.phase}")))]
        assert pd.Timestamp(band.start) <= pd.Timestamp(note.x) \
            < pd.Timestamp(band.end) + pd.Timedelta(days=1), (band, note.x)


def test_a_moment_at_the_edge_of_the_period_is_not_cut_in_half():
    frame = events_frame([event(1, 0, Kind.CLOSENESS, 4, hours=23)], JOURNAL)
    figure = cycle_figure(frame, JOURNAL.partners, Messages("en"),
                          period=(dt.date(2025, 2, 26), dt.date(2025, 3, 5)))
    assert figure.data[0].cliponaxis is False
