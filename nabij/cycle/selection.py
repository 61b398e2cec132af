"""What a click or lasso on the cycle chart selected: encoded into the figure, decoded here.

The timeline's points carry `customdata`: a single moment carries its id, a grouped point
carries [bucket start, moments in it]. The encoder and the decoder live side by side so the
two can never drift apart; the page only ever sees a `ChartSelection`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np


def moment_customdata(ids: Iterable[int]) -> np.ndarray:
    """Per single moment: its id."""
    return np.asarray(list(ids), dtype="int64")


def bucket_customdata(starts: list[str], counts: list[int]) -> np.ndarray:
    """Per grouped point: [bucket start, moments in it], as one (n, 2) object array (sent as
    [[a, b], ...], but Plotly and Streamlit copy it in one piece, not one list at a time)."""
    pairs = np.empty((len(starts), 2), dtype=object)
    pairs[:, 0], pairs[:, 1] = starts, counts
    return pairs


@dataclass(frozen=True)
class ChartSelection:
    """The moments a selection names, how many moments its grouped points stand for, and the
    day of its first point (for the phase panel)."""

    moment_ids: tuple[int, ...] = ()
    grouped_moments: int = 0
    points: int = 0
    day: dt.date | None = None

    @property
    def empty(self) -> bool:
        return self.points == 0


def decode_selection(points: Iterable[Mapping]) -> ChartSelection:
    """Read Streamlit's selected points. Points of the balance or band traces carry no
    customdata: they count as selected points but name no moment."""
    ids: list[int] = []
    grouped = 0
    count = 0
    day = None
    for point in points:
        count += 1
        data = point.get("customdata")
        if isinstance(data, int) and not isinstance(data, bool):
            ids.append(data)
        elif isinstance(data, list | tuple) and len(data) == 2:
            with contextlib.suppress(TypeError, ValueError):
                grouped += int(data[1])
        if day is None:
            day = _day_of(point.get("x"))
    return ChartSelection(tuple(ids), grouped, count, day)


def _day_of(x: object) -> dt.date | None:
    if isinstance(x, str) and len(x) >= 10:
        try:
            return dt.date.fromisoformat(x[:10])
        except ValueError:
            return None
    return None
