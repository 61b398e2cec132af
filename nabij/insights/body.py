"""Body signals: which states of the body come with closeness and with distance, per partner.

Only moments where a body signal was filled in say anything about the body; the others are
counted apart ("not filled in"), so a share never hides how much is unknown.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from nabij.frames import positions
from nabij.insights.evidence import MIN_PER_GROUP, Basis, check_frame
from nabij.model import BodySignal

BODY_STATES: tuple[str, ...] = tuple(str(state) for state in BodySignal)
KINDS = ("closeness", "distance")


@dataclass(frozen=True)
class BodyRow:
    """One partner's moments of one kind, by body state."""

    partner: int
    kind: str
    calm: int
    alarm: int
    shutdown: int
    unnamed: int  # no body signal filled in

    def count(self, state: str) -> int:
        return int(getattr(self, state))

    @property
    def named(self) -> int:
        return self.calm + self.alarm + self.shutdown

    @property
    def moments(self) -> int:
        return self.named + self.unnamed

    @property
    def enough(self) -> bool:
        return self.named >= MIN_PER_GROUP

    @property
    def most_common(self) -> str | None:
        """The state named most often (the first in calm, alarm, shutdown on a tie)."""
        if not self.named:
            return None
        return max(BODY_STATES, key=lambda state: (self.count(state),
                                                  -BODY_STATES.index(state)))


@dataclass(frozen=True)
class BodyInsight:
    basis: Basis  # moments with a body signal
    rows: tuple[BodyRow, ...]  # partner 0 closeness, partner 0 distance, partner 1 ...

    @property
    def enough(self) -> bool:
        return self.basis.enough

    def row(self, partner: int, kind: str) -> BodyRow:
        return next(row for row in self.rows if row.partner == partner and row.kind == kind)


def body_signals(frame: pd.DataFrame) -> BodyInsight:
    check_frame(frame)
    # One bincount over (partner, kind, body) instead of a crosstab: this runs after every
    # new moment for the card beside the chart, and a crosstab of 100k rows takes ~25 ms.
    states = ("", *BODY_STATES)
    body = positions(frame["body"], states)
    body[frame["body"].isna().to_numpy()] = 0  # no body signal noted: ""
    kind = positions(frame["kind"], KINDS)
    partner = frame["partner"].to_numpy()
    known = (body >= 0) & (kind >= 0) & ((partner == 0) | (partner == 1))
    cells = (partner[known].astype(np.int64) * len(KINDS) + kind[known]) * len(states) \
        + body[known]
    table = np.bincount(cells, minlength=2 * len(KINDS) * len(states)).reshape(
        2, len(KINDS), len(states))
    rows = []
    for slot in (0, 1):
        for kind_index, kind_name in enumerate(KINDS):
            counts = dict(zip(states, (int(value) for value in table[slot, kind_index]),
                              strict=True))
            rows.append(BodyRow(slot, kind_name, counts["calm"], counts["alarm"],
                                counts["shutdown"], counts[""]))
    return BodyInsight(Basis(sum(row.named for row in rows)), tuple(rows))
