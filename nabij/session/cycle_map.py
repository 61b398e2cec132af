"""The cycle map of one distance moment: the loop it went round, and the step that fits.

The loop starts with what set the moment off, then goes round: what the partner who logged
the moment felt and did, how the other felt and reacted, and back again, because each
reaction feeds the next one. Which of the five steps (the `five_steps` panel) fits follows
from what the couple filled in: a body on alert asks for safety first, feelings without a
name ask for carrying them, named feelings are ready to be said.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from nabij.content import Panel
from nabij.model import BodySignal
from nabij.session.records import CycleMap

FIVE_STEPS_PANEL = "five_steps"
ALERT_SIGNALS = (BodySignal.ALARM, BodySignal.SHUTDOWN)


@dataclass(frozen=True)
class LoopNode:
    """One station of the loop: `role` is trigger, felt or did; `partner` is None for the
    trigger, which belongs to neither."""

    role: str
    partner: int | None
    text: str
    body: BodySignal | None = None


def loop_nodes(cycle_map: CycleMap, first: int) -> list[LoopNode]:
    """Trigger, then `first` partner's feeling and action, then the other's, in loop order."""
    other = 1 - first
    return [
        LoopNode("trigger", None, cycle_map.triggered_by),
        LoopNode("felt", first, cycle_map.felt[first], cycle_map.body[first]),
        LoopNode("did", first, cycle_map.did[first]),
        LoopNode("felt", other, cycle_map.felt[other], cycle_map.body[other]),
        LoopNode("did", other, cycle_map.did[other]),
    ]


@dataclass(frozen=True)
class FittingStep:
    number: int  # 1 to 5, the step of the five_steps panel
    reason: str  # message key saying why this step fits


def fitting_step(cycle_map: CycleMap) -> FittingStep:
    if any(signal in ALERT_SIGNALS for signal in cycle_map.body):
        return FittingStep(2, "session_map.step_reason_body")
    if not any(cycle_map.felt):
        return FittingStep(3, "session_map.step_reason_feelings")
    return FittingStep(4, "session_map.step_reason_named")


def five_step_section(panel_body: str, number: int) -> tuple[str, str] | None:
    """The heading and text of step `number` in the five_steps panel's Markdown, or None.

    The steps are the panel's `###` sections in order, so the text stays in the content
    files (and their language) rather than in code.
    """
    sections = re.split(r"^### ", panel_body, flags=re.MULTILINE)[1:]
    if not 1 <= number <= len(sections):
        return None
    heading, _, text = sections[number - 1].partition("\n")
    return heading.strip(), text.strip()


def five_step_panel(panel: Panel, number: int) -> Panel | None:
    """Step `number` of the five_steps `panel` alone, its heading as the title, or None."""
    section = five_step_section(panel.body, number)
    if section is None:
        return None
    return Panel(id=panel.id, title=section[0], order=panel.order, body=section[1])


def map_moment(kept: object, ids: Sequence[int], mapped: Collection[int]) -> int:
    """The moment the map step shows: the one picked before while it is still in view, else
    the first that has a saved map (so a saved map is found again), else the first."""
    if kept in ids:
        return kept  # type: ignore[return-value]
    return next((event_id for event_id in ids if event_id in mapped), ids[0])
