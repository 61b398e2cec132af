"""The four phases of the cycle and their fixed, cyclic order.

begin → middle → crisis → turning_point → begin → …  A journal may start anywhere in the cycle
and hold several rounds of it; a suggestion never skips a phase and never goes back.
"""

from __future__ import annotations

from enum import StrEnum
from itertools import pairwise


class Phase(StrEnum):
    """A phase code. Stored and written as its value; the label comes from the catalogue."""

    BEGIN = "begin"
    MIDDLE = "middle"
    CRISIS = "crisis"
    TURNING_POINT = "turning_point"

    @property
    def index(self) -> int:
        """Position in the cycle: begin 0, middle 1, crisis 2, turning point 3."""
        return PHASE_ORDER.index(self)

    @property
    def message_key(self) -> str:
        """The catalogue key of this phase's name, e.g. `phase.begin`."""
        return f"phase.{self.value}"


PHASE_ORDER: tuple[Phase, ...] = (Phase.BEGIN, Phase.MIDDLE, Phase.CRISIS, Phase.TURNING_POINT)
CYCLE_LENGTH = len(PHASE_ORDER)


def next_phase(phase: Phase) -> Phase:
    """The phase that follows in the cycle (turning point is followed by begin)."""
    return PHASE_ORDER[(phase.index + 1) % CYCLE_LENGTH]


def previous_phase(phase: Phase) -> Phase:
    """The phase that comes before in the cycle (begin is preceded by turning point)."""
    return PHASE_ORDER[(phase.index - 1) % CYCLE_LENGTH]


def steps_forward(start: Phase, end: Phase) -> int:
    """How many steps forward through the cycle lead from `start` to `end` (0 to 3)."""
    return (end.index - start.index) % CYCLE_LENGTH


def follows_cycle(phases: list[Phase] | tuple[Phase, ...]) -> bool:
    """True when each phase equals the one before it or is its successor in the cycle."""
    return all(steps_forward(a, b) in (0, 1) for a, b in pairwise(phases))
