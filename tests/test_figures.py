"""The cycle figure: signed intensity, one trace per partner, hover text that is only text."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from nabij.figures import PARTNER_COLOURS, PARTNER_SYMBOLS, cycle_figure, plain_hover_text
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
