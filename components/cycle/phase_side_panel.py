"""The panel of the phase in view beside the chart: the clicked moment's phase, else the
phase of the last day shown. It never names today's phase from moments weeks old: then it
says how long ago the last moment was and offers to log one."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from components.panel import learn_link, show_panel
from nabij.content import PHASE_PANELS, get_panel
from nabij.cycle.selection import ChartSelection
from nabij.cycle.view import CycleView
from nabij.i18n import Messages
from nabij.phases.claims import stale_reading
from nabij.phases.marks import PhaseSpan, phase_on


def phase_side_panel(bands: tuple[PhaseSpan, ...], selected: ChartSelection, view: CycleView,
                     msg: Messages, last_moment: dt.datetime | None = None) -> None:
    """`last_moment`: when the journal's last moment was (in its zone), for a journal that
    goes on today; None (the demo, a journal of the past) leaves today out of it."""
    day = selected.day
    now = dt.datetime.now(dt.UTC)
    stale = None if day is not None else stale_reading(last_moment, view.end, now)
    if stale is not None:
        with st.container(border=True, key="phase_panel_stale"):
            st.caption(msg("cycle_controls.phase_in_view"))
            st.markdown(msg("phase_ui.last_moment_old", count=stale.days_since,
                            days=stale.days_since, date=msg.date(stale.last_moment)))
            st.page_link("views/journal.py", label=msg("form.log_heading"),
                         icon=":material/add_circle:")
        return
    if not bands:
        return
    span = phase_on(bands, day or view.end)
    if span is None:
        return
    with st.container(border=True, key="phase_panel"):
        st.caption(msg("cycle_controls.phase_in_view") + (" · " + msg("phase_ui.suggested_heading")
                                                          if span.suggested else ""))
        panel_id = PHASE_PANELS[str(span.phase)]
        show_panel(get_panel(msg.language, panel_id), msg.language,
                   fold=msg("cycle_page.phase_more"))
        learn_link(msg, panel_id, msg("learn.read_more"))
