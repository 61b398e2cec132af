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
from nabij.phases.claims import reading_today
from nabij.phases.marks import PhaseSpan, phase_on


def phase_side_panel(bands: tuple[PhaseSpan, ...], selected: ChartSelection, view: CycleView,
                     msg: Messages, last_moment: dt.datetime | None = None) -> None:
    """`last_moment`: when the journal's last moment was (in its zone), for a journal that
    goes on today; None (the demo, a journal of the past) leaves today out of it."""
    day = selected.day
    if day is None and last_moment is not None and view.end >= last_moment.date():
        today = dt.datetime.now(last_moment.tzinfo).date()
        reading = reading_today(last_moment.date(), today)
        if reading.stale:
            with st.container(border=True, key="phase_panel_stale"):
                st.caption(msg("cycle_controls.phase_in_view"))
                st.markdown(msg("phase_ui.last_moment_old", count=reading.days_since,
                                days=reading.days_since, date=msg.date(reading.last_moment)))
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
