"""In which order a coach sees their couples: what may need attention first.

This orders; it does not judge. It reads only how the shared moments look, never what a
couple is going through, and the overview says so beside the list.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum

from nabij.phases.claims import STALE_AFTER_DAYS
from nabij.phases.four_phases import Phase
from nabij.practice.figures import CoupleFigures

# "Fewer moments than usual" means fewer than this share of their usual week. A median week
# is beaten by half the weeks: below the median alone would flag every other couple.
FEWER_SHARE = 0.5


class Attention(IntEnum):
    """Why a couple stands where it stands in the overview; lower comes first."""

    CRISIS = 0
    SILENCE = 1
    FEWER = 2
    STEADY = 3
    NOTHING_SHARED = 4


def attention(couple: CoupleFigures) -> Attention:
    """The first of these that holds for the couple (see `by_attention` for why this order)."""
    if not couple.shares_moments:
        return Attention.NOTHING_SHARED
    if couple.phase is Phase.CRISIS:
        return Attention.CRISIS
    if couple.days_since_last is not None and couple.days_since_last > STALE_AFTER_DAYS:
        return Attention.SILENCE
    if (couple.usual_week is not None and couple.usual_week > 0
            and couple.this_week < FEWER_SHARE * couple.usual_week):
        return Attention.FEWER
    return Attention.STEADY


def by_attention(couples: Iterable[CoupleFigures]) -> list[CoupleFigures]:
    """The couples in the order a coach might look at them: what needs attention first.

    1. A crisis phase (marked by the couple, or suggested from recent moments): this is
       where longing and withdrawal collide, and where a word from the coach may help soonest.
       What the couple marked themselves comes before a suggestion, then the most recent.
    2. A long silence: no shared moment for more than STALE_AFTER_DAYS days, the same
       limit after which the Cycle page stops naming today's phase. Silence can mean calm or
       withdrawal; the moments cannot tell which, so it comes after a phase they do show.
       The longest silence first.
    3. Fewer moments than usual this week (under FEWER_SHARE of their usual): the weakest
       sign, as a busy week does the same. The furthest below their usual first.
    4. The rest, by name; last the couples who share no moments with the coach yet, as
       there is nothing to read there.

    Ties go by name, so the order never changes between two views of the same data.
    """
    return sorted(couples, key=_order_key)


def _order_key(couple: CoupleFigures) -> tuple:
    reason = attention(couple)
    within: tuple = ()
    if reason is Attention.CRISIS:
        within = (couple.phase_suggested, couple.days_since_last)
    elif reason is Attention.SILENCE:
        within = (-(couple.days_since_last or 0),)
    elif reason is Attention.FEWER:
        within = (couple.this_week / (couple.usual_week or 1),)
    return (int(reason), *within, couple.name.casefold(), couple.journal_id)
