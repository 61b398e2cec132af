"""Events as a pandas DataFrame in the journal's local time: the shape figures work on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd

from nabij.model import Event, Journal

EVENT_COLUMNS = ["id", "occurred_at", "partner", "partner_name", "kind", "intensity",
                 "signed_intensity", "body", "note", "context", "visibility"]


def _empty_frame(journal: Journal) -> pd.DataFrame:
    frame = pd.DataFrame({column: pd.Series(dtype="object") for column in EVENT_COLUMNS})
    frame["occurred_at"] = pd.Series(dtype=f"datetime64[ns, {journal.timezone}]")
    for column in ("intensity", "signed_intensity", "partner"):
        frame[column] = pd.Series(dtype="int64")
    return frame


def frame_from_table(table: pd.DataFrame, journal: Journal) -> pd.DataFrame:
    """The events frame from a column table in time order (see Store.events_table).

    `occurred_at` goes to the journal's time zone; `signed_intensity` is positive for
    closeness and negative for distance, so closeness plots above the line and distance
    below it. The one place that derives these columns, whatever the table came from.
    """
    if table.empty:
        return _empty_frame(journal)
    # A shallow copy: pandas copies on write, so the new columns never reach `table` (a
    # snapshot's shared rows), and 100k rows of text are not copied once per revision.
    frame = table.copy(deep=False)
    frame["occurred_at"] = frame["occurred_at"].dt.tz_convert(journal.timezone)
    frame["partner_name"] = frame["partner"].map(dict(enumerate(journal.partners)))
    frame["signed_intensity"] = frame["intensity"].where(frame["kind"] == "closeness",
                                                         -frame["intensity"])
    return frame[EVENT_COLUMNS].reset_index(drop=True)


def events_frame(event_list: Sequence[Event], journal: Journal) -> pd.DataFrame:
    """One row per event, sorted by time, as `frame_from_table` shapes it."""
    if not event_list:
        return _empty_frame(journal)
    table = pd.DataFrame({
        "id": [event.id for event in event_list],
        "occurred_at": pd.to_datetime([event.occurred_at for event in event_list], utc=True),
        "partner": [event.partner for event in event_list],
        "kind": [str(event.kind) for event in event_list],
        "intensity": [event.intensity for event in event_list],
        "body": [str(event.body) if event.body else "" for event in event_list],
        "note": [event.note for event in event_list],
        "context": [event.context for event in event_list],
        "visibility": [str(event.visibility) for event in event_list],
    })
    return frame_from_table(table.sort_values(["occurred_at", "id"], kind="stable"), journal)


def events_in_range(frame: pd.DataFrame, start: dt.date | None, end: dt.date | None,
                    partners: Sequence[int] = (0, 1)) -> pd.DataFrame:
    """The moments of the chosen partners on local days from `start` to `end` inclusive.

    The result may share memory with `frame` (pandas copies on write, so changing it never
    changes `frame`): a period of a frame in time order is a block of rows, taken as a slice
    rather than copied row by row, which at a hundred thousand moments is most of the cost.
    """
    if frame.empty:
        return frame
    keep = np.isin(frame["partner"].to_numpy(), list(partners))
    if start is not None or end is not None:
        day = frame["occurred_at"].dt.tz_localize(None).to_numpy().astype("datetime64[D]")
        if start is not None:
            keep &= day >= np.datetime64(start, "D")
        if end is not None:
            keep &= day <= np.datetime64(end, "D")
    return rows_where(frame, keep)


def rows_where(frame: pd.DataFrame, keep: np.ndarray) -> pd.DataFrame:
    """The rows where `keep` holds; a block of consecutive rows is taken as a slice, not
    copied row by row (a period of a frame in time order always is one)."""
    rows = np.flatnonzero(keep)
    if len(rows) and rows[-1] - rows[0] + 1 == len(rows):
        return frame.iloc[rows[0]:rows[-1] + 1]
    return frame[keep]


def matches(column: pd.Series, value: str) -> np.ndarray:
    """Which rows of a text column equal `value` (missing values never do), as numpy bools."""
    return (column == value).to_numpy(dtype=bool, na_value=False)


def positions(column: pd.Series, values: tuple[str, ...]) -> np.ndarray:
    """Each row's position in `values`, -1 for anything else (a missing value included).

    Each distinct value is looked up once (factorize), instead of comparing every row with
    every value: the same cost for Arrow-backed text, a fraction of it for a column of Python
    strings (which `body` becomes when a snapshot merges new rows without a body signal).
    """
    codes, distinct = pd.factorize(column)
    lookup = [values.index(text) if (text := str(value)) in values else -1 for value in distinct]
    return np.array([*lookup, -1], dtype=np.int64)[codes]  # code -1 (missing) reads the last
