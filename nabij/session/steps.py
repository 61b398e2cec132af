"""The seven steps of a session, in the order the couple and coach walk them."""

from __future__ import annotations

STEPS = ("start", "check_in", "chart", "phase", "cycle_map", "next_step", "summary")

# Each step's introduction; the message groups were named before the steps were.
STEP_INTROS = {"start": "session_start.intro", "check_in": "session_checkin.intro",
               "chart": "session_chart.intro", "phase": "session_phase.intro",
               "cycle_map": "session_map.intro", "next_step": "session_next.intro",
               "summary": "session_summary.intro"}


def step_shown(kept: object) -> int:
    """The step a kept value points to; anything else (nothing kept yet, a value from an
    older version) starts at the first step."""
    return kept if isinstance(kept, int) and 0 <= kept < len(STEPS) else 0


def step_within(step: int) -> int:
    """`step` held to the steps there are: Back on the first and Next on the last stay put."""
    return max(0, min(len(STEPS) - 1, step))
