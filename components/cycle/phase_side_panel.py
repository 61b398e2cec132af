"""The panel of the phase in view beside the chart: the clicked moment's phase, else the
phase of the last day shown."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from components.cycle.controls import CycleView
from components.panel import learn_link, show_panel
from nabij.content import PHASE_PANELS, get_panel
from nabij.i18n import Messages
from nabij.phases.marks import PhaseSpan, phase_on


def _selected_day(selected: list[dict]) -> dt.date | None:
    for point in selected:
        x = point.get("x")
        if isinstance(x, str) and len(x) >= 10:
            try:
                return dt.date.fromisoformat(x[:10])
            except ValueError:
                continue
    return None


def phase_side_panel(bands: tuple[PhaseSpan, ...], selected: list[dict], view: CycleView,
                     msg: Messages) -> None:
    if not bands:
        return
    day = _selected_day(selected) or view.end
    span = phase_on(bands, day)
    if span is None:
        return
    with st.container(border=True, key="phase_panel"):
        st.caption(msg("cycle_controls.phase_in_view") + (" · " + msg("phase_ui.suggested_heading")
                                                          if span.suggested else ""))
        panel_id = PHASE_PANELS[str(span.phase)]
        show_panel(get_panel(msg.language, panel_id), msg.language)
        learn_link(msg, panel_id, msg("learn.read_more"))
