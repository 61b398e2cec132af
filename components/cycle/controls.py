"""The Cycle page's controls: period (quick ranges or dates), partners and balance window."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from nabij.cycle.balance import DEFAULT_WINDOW_DAYS, WINDOWS_DAYS
from nabij.cycle.time_ranges import QUICK_RANGES, chosen_period, quick_range
from nabij.cycle.view import CycleView
from nabij.i18n import Messages
from nabij.model import Journal
from nabij.text_safety import escape_markdown


def _apply_quick_range(first: dt.date, last: dt.date) -> None:
    code = st.session_state.get("cycle_range")
    if code:
        st.session_state["cycle_dates"] = quick_range(code, first, last)


def _dates_changed() -> None:
    # A hand-picked period is no longer one of the quick ranges.
    st.session_state["cycle_range"] = None


def cycle_controls(events: pd.DataFrame, journal: Journal, msg: Messages) -> CycleView:
    # The frame is in time order: its ends are the journal's first and last day.
    first = events["occurred_at"].iloc[0].date()
    last = events["occurred_at"].iloc[-1].date()
    state = st.session_state
    # A new journal (or new moments beyond the range) resets the period to what fits it.
    bounds = (journal.id, journal.name, first, last)
    # Streamlit forgets a widget's value while its page is not shown; without a value, the
    # date input would fall back to a single day (today), so the period is set again.
    if state.get("cycle_bounds") != bounds:
        state["cycle_bounds"] = bounds
        state["cycle_range"] = state.get("cycle_range") or "all"
        state["cycle_dates"] = quick_range(state["cycle_range"], first, last)
    elif "cycle_dates" not in state:  # back from another page: the period chosen before
        state["cycle_dates"] = state.get("cycle_period") or quick_range("all", first, last)
        state["cycle_range"] = state.get("cycle_period_range")
    state.setdefault("cycle_partners", [0, 1])
    state.setdefault("cycle_window", DEFAULT_WINDOW_DAYS)

    st.segmented_control(
        msg("cycle_controls.range"), QUICK_RANGES, key="cycle_range",
        format_func=lambda code: msg(f"cycle_controls.range_{code}"),
        on_change=_apply_quick_range, args=(first, last))
    # The finer settings fold away, so on a phone the chart follows the period straight away.
    with st.expander(msg("cycle_controls.more")):
        st.date_input(msg("cycle_controls.dates"), key="cycle_dates", min_value=first,
                      max_value=last, format="DD-MM-YYYY", on_change=_dates_changed)
        partner_column, window_column = st.columns(2)
        partner_column.pills(msg("cycle_controls.partners"), [0, 1], selection_mode="multi",
                             key="cycle_partners",
                             format_func=lambda slot: escape_markdown(journal.partners[slot]))
        window_column.segmented_control(
            msg("cycle_controls.window"), WINDOWS_DAYS, key="cycle_window", required=True,
            format_func=lambda days: msg("cycle_controls.window_days", days=days))

    start, end = chosen_period(state.get("cycle_dates"), first, last)
    state["cycle_period"] = (start, end)
    state["cycle_period_range"] = state.get("cycle_range")
    return CycleView(start=start, end=end,
                     partners=tuple(sorted(state.get("cycle_partners") or [])),
                     window_days=int(state.get("cycle_window") or DEFAULT_WINDOW_DAYS))
