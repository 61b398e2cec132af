"""Every chart in words: sentences and tables built from the same data the charts draw."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from nabij.chart_words import calendar_words, cycle_words, figure_words
from nabij.cycle.cycle_figures import calendar_days, calendar_figure
from nabij.frames import events_frame
from nabij.i18n import Messages
from nabij.model import Event, Journal, Kind
from nabij.phases.marks import PhaseSpan

JOURNAL = Journal(1, "Wij", ("Anna", "Bram"), "Europe/Amsterdam")
# Monday 3 March 2025, 09:00 in Amsterdam.
T0 = dt.datetime(2025, 3, 3, 8, 0, tzinfo=dt.UTC)


def event(id_, partner, kind, intensity=3, days=0, hours=0):
    return Event(occurred_at=T0 + dt.timedelta(days=days, hours=hours), partner=partner,
                 kind=kind, intensity=intensity, id=id_)


def frame_of(*events):
    return events_frame(list(events), JOURNAL)


def test_cycle_words_count_each_partners_moments_per_week_with_empty_weeks():
    frame = frame_of(event(1, 0, Kind.CLOSENESS), event(2, 0, Kind.CLOSENESS, days=6),
                     event(3, 1, Kind.DISTANCE, days=1), event(4, 0, Kind.DISTANCE, days=14))
    words = cycle_words(frame, JOURNAL.partners, (dt.date(2025, 3, 3), dt.date(2025, 3, 23)),
                        (), Messages("en"))
    table = words.table
    assert list(table.columns) == ["Week of", "Anna: closeness", "Anna: distance",
                                   "Bram: closeness", "Bram: distance"]
    assert table["Week of"].tolist() == ["Mar 3, 2025", "Mar 10, 2025", "Mar 17, 2025"]
    assert table["Anna: closeness"].tolist() == [2, 0, 0]  # Sunday the 9th is still week 1
    assert table["Anna: distance"].tolist() == [0, 0, 1]
    assert table["Bram: distance"].tolist() == [1, 0, 0]
    assert table.iloc[:, 1:].to_numpy().sum() == len(frame)
    assert words.sentences == ("No phases are marked or suggested in this period.",
                               "The table counts the moments per week.")


def test_cycle_words_name_the_phases_in_view_cut_to_the_period_in_dutch():
    frame = frame_of(event(1, 0, Kind.CLOSENESS))
    bands = (PhaseSpan(dt.date(2025, 2, 1), dt.date(2025, 3, 9), "begin"),
             PhaseSpan(dt.date(2025, 3, 10), dt.date(2025, 4, 30), "crisis", suggested=True))
    words = cycle_words(frame, JOURNAL.partners, (dt.date(2025, 3, 3), dt.date(2025, 3, 23)),
                        bands, Messages("nl"))
    assert words.sentences[0] == ("Fasen in beeld: Beginfase van 3 mrt 2025 tot 9 mrt 2025; "
                                  "Crisis (voorstel) van 10 mrt 2025 tot 23 mrt 2025.")


def test_a_long_period_is_counted_per_month_and_only_for_the_partners_shown():
    frame = frame_of(event(1, 1, Kind.CLOSENESS), event(2, 1, Kind.CLOSENESS, days=40),
                     event(3, 0, Kind.DISTANCE, days=41))
    words = cycle_words(frame, JOURNAL.partners, (dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
                        (), Messages("en"), shown=(1,))
    assert words.table.columns.tolist() == ["Month", "Bram: closeness", "Bram: distance"]
    assert len(words.table) == 12
    assert words.table["Bram: closeness"].tolist()[2:4] == [1, 1]
    assert words.sentences[1] == "The table counts the moments per month."


def test_calendar_words_count_the_same_signs_the_cells_show():
    frame = frame_of(event(1, 0, Kind.CLOSENESS), event(2, 1, Kind.DISTANCE, days=1),
                     event(3, 0, Kind.CLOSENESS, days=2), event(4, 1, Kind.DISTANCE, days=2),
                     event(5, 0, Kind.CLOSENESS, days=30))
    days = calendar_days(frame)
    words = calendar_words(days, Messages("en"))
    assert words.sentences == (
        "4 days with moments from Mar 3, 2025 to Apr 2, 2025. Leaning to closeness (+): 2; "
        "to distance (−): 1; even (=): 1.",)
    # Each count stands apart from a verb, so "1" and "2" read right in both languages.
    assert calendar_words(days, Messages("nl")).sentences == (
        "4 dagen met momenten van 3 mrt 2025 tot 2 apr 2025. Neigend naar nabijheid (+): 2; "
        "naar afstand (−): 1; in evenwicht (=): 1.",)
    assert words.table.to_dict("list") == {
        "Month": ["March 2025", "April 2025"], "Days with moments": [3, 1],
        "+ closeness": [1, 1], "− distance": [1, 0], "= even": [1, 0]}
    [heatmap] = calendar_figure(frame, Messages("en")).data
    cells = [sign for row in heatmap.text for sign in row if sign]
    assert sorted(cells) == ["+", "+", "=", "−"]  # the cells carry what the words count


def test_figure_words_list_every_series_and_value_as_plain_text():
    figure = go.Figure([
        go.Bar(name="&lt;b&gt;Anna&lt;/b&gt;", x=["ma", "di"], y=[1.0, 2.5]),
        go.Scatter(name="Bram", x=[pd.Timestamp("2025-03-03")], y=[3]),
        go.Bar(name="hidden", x=["ma"], y=[9], visible="legendonly"),
    ])
    words = figure_words(figure, Messages("en"))
    assert words.sentences == ("The chart shows 2 series: <b>Anna</b> (2 values), "
                               "Bram (1 value).",)
    assert words.table.values.tolist() == [["<b>Anna</b>", "ma", "1"],
                                           ["<b>Anna</b>", "di", "2.5"],
                                           ["Bram", "Mar 3, 2025", "3"]]


def test_a_horizontal_bar_chart_reads_its_categories_as_where():
    figure = go.Figure([go.Bar(name="x", x=[4], y=["werk"], orientation="h")])
    assert figure_words(figure, Messages("nl")).table.values.tolist() == [["x", "werk", "4"]]


def test_a_chart_without_series_says_so():
    words = figure_words(go.Figure(), Messages("nl"))
    assert words.sentences == ("Deze grafiek heeft nog geen gegevens.",)
    assert words.table.empty


def test_a_line_given_by_start_and_step_is_read_day_by_day():
    """The Cycle chart sends a daily balance as its first day and a step of one day."""
    from nabij.cycle.balance import MIN_BALANCE_MOMENTS, rolling_balance
    from nabij.cycle.cycle_figures import DAY_MS, cycle_figure

    frame = frame_of(*(event(1 + day, 0, Kind.CLOSENESS if day % 2 else Kind.DISTANCE,
                             days=day) for day in range(MIN_BALANCE_MOMENTS + 1)))
    figure = cycle_figure(frame, JOURNAL.partners, Messages("en"),
                          balance=rolling_balance(frame, 14))
    [line] = [trace for trace in figure.data if trace.mode == "lines"]
    assert line.x is None and line.dx == DAY_MS  # the compact form this test is about
    table = figure_words(figure, Messages("en")).table
    days = table[table["Series"] == "balance Anna"]["Point"].tolist()
    assert days == [f"Mar {3 + day}, 2025" for day in range(MIN_BALANCE_MOMENTS + 1)]
