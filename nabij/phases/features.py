"""Daily counts: the one summary of a journal that every phase method works from.

Moments are counted per local calendar day (in the journal's zone), partner, kind, intensity
and body signal. Counting makes every later step independent of row order, and days without
moments stay visibly empty (all zeros) so the methods can treat them as missing, not as "no
closeness and no distance".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from nabij.frames import matches, positions
from nabij.model import INTENSITY_MAX, INTENSITY_MIN, BodySignal, Kind

KINDS = (Kind.CLOSENESS, Kind.DISTANCE)  # index 0 and 1 in every array
BODIES = (BodySignal.CALM, BodySignal.ALARM, BodySignal.SHUTDOWN)
LEVELS = INTENSITY_MAX - INTENSITY_MIN + 1
REQUIRED_COLUMNS = ("occurred_at", "partner", "kind", "intensity")
_EPOCH = dt.date(1970, 1, 1)


@dataclass(frozen=True)
class DailyCounts:
    """Counts per day from the first to the last day with a moment.

    `moments[t, p, k, i]`: moments on day t by partner p of kind k (0 closeness, 1 distance)
    at intensity i + 1. `bodies[t, p, k, b]`: of those, how many named body signal b (calm,
    alarm, shutdown); moments without a body signal are not counted there.
    """

    first_day: dt.date
    moments: np.ndarray
    bodies: np.ndarray
    partner_names: tuple[str, str] = ("", "")

    @property
    def day_count(self) -> int:
        return int(self.moments.shape[0])

    @property
    def days(self) -> list[dt.date]:
        return [self.first_day + dt.timedelta(days=t) for t in range(self.day_count)]

    @property
    def per_kind(self) -> np.ndarray:
        """Moments per day, partner and kind: shape (T, 2, 2)."""
        return self.moments.sum(axis=3)

    def day(self, index: int) -> dt.date:
        return self.first_day + dt.timedelta(days=index)


def daily_counts(frame: pd.DataFrame) -> DailyCounts | None:
    """Count the moments of an events frame (see `nabij.frames.events_frame`) per local day.

    Returns None for a frame without rows. Raises ValueError when a column is missing or a
    value is outside the model (partner not 0/1, unknown kind, intensity outside 1..5).
    """
    missing = [column for column in REQUIRED_COLUMNS if column not in frame.columns]
    if missing:
        raise ValueError(f"events frame lacks columns: {', '.join(missing)}")
    if frame.empty:
        return None

    moments = pd.to_datetime(frame["occurred_at"])
    if moments.dt.tz is not None:
        moments = moments.dt.tz_localize(None)  # wall time in the frame's (journal's) zone
    day_numbers = moments.to_numpy().astype("datetime64[D]").astype(np.int64)
    partner = frame["partner"].to_numpy().astype(np.int64)
    # Text columns are compared in pandas (vectorised, also for Arrow-backed strings) rather
    # than turned into numpy arrays of Python strings first, which costs more than the rest.
    closeness = matches(frame["kind"], Kind.CLOSENESS.value)
    distance = matches(frame["kind"], Kind.DISTANCE.value)
    level = frame["intensity"].to_numpy().astype(np.int64) - INTENSITY_MIN
    if ((partner < 0) | (partner > 1)).any():
        raise ValueError("partner must be 0 or 1")
    if not (closeness | distance).all():
        raise ValueError("kind must be 'closeness' or 'distance'")
    if ((level < 0) | (level >= LEVELS)).any():
        raise ValueError(f"intensity must lie in {INTENSITY_MIN}..{INTENSITY_MAX}")
    kind = distance.astype(np.int64)

    first = int(day_numbers.min())
    span = int(day_numbers.max()) - first + 1
    day = day_numbers - first
    flat = ((day * 2 + partner) * 2 + kind) * LEVELS + level
    counts = np.bincount(flat, minlength=span * 2 * 2 * LEVELS).reshape(span, 2, 2, LEVELS)

    body = (positions(frame["body"], tuple(signal.value for signal in BODIES))
            if "body" in frame.columns else np.full(len(frame), -1))
    named = body >= 0
    flat_body = ((day[named] * 2 + partner[named]) * 2 + kind[named]) * len(BODIES) \
        + body[named]
    bodies = np.bincount(flat_body, minlength=span * 2 * 2 * len(BODIES)) \
        .reshape(span, 2, 2, len(BODIES))

    names = ("", "")
    if "partner_name" in frame.columns:
        names = _partner_names(frame["partner_name"], partner)
    return DailyCounts(first_day=_EPOCH + dt.timedelta(days=first), moments=counts,
                       bodies=bodies, partner_names=names)


def _partner_names(names: pd.Series, partner: np.ndarray) -> tuple[str, str]:
    """Per slot the alphabetically first non-empty name: the same whatever the row order.

    Each distinct name is numbered once (factorize) and only the numbers are grouped by
    slot: grouping the text of every row costs several times more.
    """
    codes, distinct = pd.factorize(names)  # a missing name gets -1
    known = codes >= 0
    seen = np.bincount(codes[known] * 2 + partner[known],
                       minlength=2 * len(distinct)).reshape(-1, 2) > 0
    found = []
    for slot in (0, 1):
        candidates = [str(distinct[code]) for code in np.flatnonzero(seen[:, slot])]
        found.append(min((name for name in candidates if name), default=""))
    return found[0], found[1]
