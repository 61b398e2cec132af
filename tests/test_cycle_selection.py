"""The chart selection: what the figure encodes into its points is what the page decodes."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from nabij.cycle.cycle_figures import cycle_figure
from nabij.cycle.selection import ChartSelection, decode_selection
from nabij.frames import events_frame
from nabij.i18n import Messages
from nabij.model import Event, Journal, Kind

JOURNAL = Journal(1, "Wij", ("Anna", "Bram"), timezone="Europe/Amsterdam")


def _points_of(figure, trace_index: int, point_index: int) -> dict:
    """A point as Streamlit reports a click on it: x and customdata of that trace's point."""
    trace = figure.data[trace_index]
    x = pd.Timestamp(trace.x[point_index]).isoformat()
    customdata = trace.customdata[point_index]
    customdata = customdata.tolist() if hasattr(customdata, "tolist") else customdata
    return {"x": x, "y": trace.y[point_index], "customdata": customdata}


def _events(count: int) -> pd.DataFrame:
    start = dt.datetime(2025, 3, 1, 9, tzinfo=dt.UTC)
    events = [Event(occurred_at=start + dt.timedelta(hours=5 * index), partner=index % 2,
                    kind=Kind.CLOSENESS if index % 3 else Kind.DISTANCE, intensity=3,
                    id=100 + index) for index in range(count)]
    return events_frame(events, JOURNAL)


def test_a_clicked_single_moment_decodes_to_its_id_and_day():
    frame = _events(12)
    figure = cycle_figure(frame, JOURNAL.partners, Messages("nl"))
    point = _points_of(figure, 0, 2)
    selection = decode_selection([point])
    assert len(selection.moment_ids) == 1
    row = frame[frame["id"] == selection.moment_ids[0]].iloc[0]
    assert row["partner"] == 0
    assert selection.day == dt.date.fromisoformat(point["x"][:10])


def test_a_grouped_point_decodes_to_the_moments_it_stands_for():
    frame = _events(400)
    figure = cycle_figure(frame, JOURNAL.partners, Messages("en"), max_points=50)
    assert figure.layout.meta["level"] != "moment"
    points = [_points_of(figure, 0, 0), _points_of(figure, 1, 0)]
    selection = decode_selection(points)
    assert selection.moment_ids == ()
    assert selection.grouped_moments == sum(point["customdata"][1] for point in points) > 2


def test_points_without_customdata_count_but_name_no_moment():
    selection = decode_selection([{"x": "2025-03-01", "y": 0.2}])
    assert selection == ChartSelection(points=1, day=dt.date(2025, 3, 1))
    assert decode_selection([]).empty


@given(st.lists(st.dictionaries(st.sampled_from(["x", "y", "customdata"]),
                                st.one_of(st.none(), st.integers(), st.text(max_size=12),
                                          st.lists(st.one_of(st.integers(), st.text()),
                                                   max_size=3))), max_size=6))
def test_decoding_any_points_never_raises(points):
    selection = decode_selection(points)
    assert selection.points == len(points)
