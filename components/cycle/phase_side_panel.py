"""The panel of the phase in view beside the chart: the clicked moment's phase, else the
phase of the last day shown."""

from __future__ import annotations

import streamlit as st

from components.panel import learn_link, show_panel
from nabij.content import PHASE_PANELS, get_panel
from nabij.cycle.selection import ChartSelection
from nabij.cycle.view import CycleView
from nabij.i18n import Messages
from nabij.phases.marks import PhaseSpan, phase_on


def phase_side_panel(bands: tuple[PhaseSpan, ...], selected: ChartSelection, view: CycleView,
                     msg: Messages) -> None:
    if not bands:
        return
    day = selected.day or view.end
    span = phase_on(bands, day)
    if span is None:
        return
    with st.container(border=True, key="phase_panel"):
        st.caption(msg("cycle_controls.phase_in_view") + (" · " + msg("phase_ui.suggested_heading")
                                                          if span.suggested else ""))
        panel_id = PHASE_PANELS[str(span.phase)]
        show_panel(get_panel(msg.language, panel_id), msg.language)
        learn_link(msg, panel_id, msg("learn.read_more"))
