"""How right a suggestion is, day by day, forgiving a few days around each true change.

Where one phase turns into the next is blurred in real life, so a day within `tolerance` days of
a true change counts as right if it is given either the phase before or the phase after it. A
change lies between the last day of one phase and the first day of the next, so with the
default tolerance of 3 the last 3 days before it and the first 3 days after it are forgiving.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from itertools import pairwise

from nabij.phases.four_phases import Phase

TOLERANCE_DAYS = 3


def accepted_phases(truth: Mapping[dt.date, Phase],
                    tolerance: int = TOLERANCE_DAYS) -> dict[dt.date, set[Phase]]:
    """Per true day, the phases that count as right.

    A change lies before day c when the phase of c differs from that of the day before. The
    days c - tolerance .. c + tolerance - 1 then accept the phase before and the phase after it.
    """
    days = sorted(truth)
    accepted = {day: {truth[day]} for day in days}
    for earlier, day in pairwise(days):
        if truth[earlier] == truth[day] or (day - earlier).days != 1:
            continue
        for shift in range(-tolerance, tolerance):
            near = day + dt.timedelta(days=shift)
            if near in accepted:
                accepted[near].update((truth[earlier], truth[day]))
    return accepted


def day_accuracy(truth: Mapping[dt.date, Phase], suggested: Mapping[dt.date, Phase],
                 tolerance: int = TOLERANCE_DAYS) -> float:
    """Share of the suggested days that are right, judged on the days present in both.

    Raises ValueError when the two have no day in common.
    """
    accepted = accepted_phases(truth, tolerance)
    common = [day for day in suggested if day in accepted]
    if not common:
        raise ValueError("the suggestion and the truth share no day")
    right = sum(1 for day in common if Phase(suggested[day]) in accepted[day])
    return right / len(common)
