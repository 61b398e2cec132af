"""Step 5: the cycle map of one shared distance moment, filled in together, drawn as a loop,
with the one of the five steps that fits it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.field_error import field_error
from components.panel import learn_link, show_panel
from components.privacy.locked_elsewhere import guard_locked
from components.session.screen import Screen
from components.session.state import keep, kept, prepare_widget, show_notice
from nabij.content import CYCLE_OPPONENT_PANEL, get_panel
from nabij.i18n import Messages
from nabij.model import InvalidInput
from nabij.moment_input import BODY_CHOICES
from nabij.session.cycle_map import FIVE_STEPS_PANEL, fitting_step, five_step_panel, map_moment
from nabij.session.records import MAP_FIELDS, TEXT_MAX_CHARS, CycleMap
from nabij.session.saving import write_cycle_map
from nabij.session.sentences import moment_option
from nabij.session.session_figures import STATIC_CONFIG, cycle_map_figure
from nabij.storage import EventNotFound
from nabij.text_safety import escape_markdown

ERRORS_KEY = "session_map_errors"
NOTICE_KEY = "session_map_notice"


def field_key(event_id: int, name: str) -> str:
    return f"session_map_{event_id}_{name}"


@guard_locked
def _save_map(screen: Screen, event_id: int) -> None:
    state = st.session_state
    try:
        write_cycle_map(screen.records, screen.journal_id, event_id,
                        {name: state.get(field_key(event_id, name)) for name in MAP_FIELDS})
    except InvalidInput as invalid:
        state[ERRORS_KEY] = invalid.by_field()
        return
    except (EventNotFound, ValueError):
        state[ERRORS_KEY] = {}
        state[NOTICE_KEY] = ("error", screen.msg("events.gone"))
        return
    state.pop(ERRORS_KEY, None)
    state[NOTICE_KEY] = ("success", screen.msg("session_map.saved"))


def _text(label: str, value: str, key: str, problem: str, msg: Messages) -> None:
    """A box of the map, with the problem it was refused for under it."""
    st.text_area(label, value=value, max_chars=TEXT_MAX_CHARS, key=key)
    field_error(ERRORS_KEY, problem, msg)


def _form(screen: Screen, row: pd.Series, saved: CycleMap) -> None:
    msg, names = screen.msg, screen.journal.partners
    event_id, first = int(row["id"]), int(row["partner"])
    with st.form(f"session_map_form_{event_id}", border=True):
        _text(msg("session_map.trigger"), saved.triggered_by, field_key(event_id, "trigger"),
              "triggered_by", msg)
        columns = st.columns(2, gap="large")
        for column, slot in zip(columns, (first, 1 - first), strict=True):
            name = escape_markdown(names[slot])
            with column:
                _text(msg("session_map.felt", name=name), saved.felt[slot],
                      field_key(event_id, f"felt_{slot}"), f"felt_{slot}", msg)
                body = saved.body[slot]
                st.radio(msg("session_map.body", name=name), BODY_CHOICES, horizontal=True,
                         index=BODY_CHOICES.index(str(body) if body else ""),
                         key=field_key(event_id, f"body_{slot}"),
                         format_func=lambda code: msg(f"body.{code}") if code
                         else msg("session_map.body_none"))
                label = "session_map.did" if slot == first else "session_map.reacted"
                _text(msg(label, name=name), saved.did[slot],
                      field_key(event_id, f"did_{slot}"), f"did_{slot}", msg)
        st.form_submit_button(msg("session_map.save"), type="primary", width="stretch",
                              on_click=_save_map, args=(screen, event_id))
    st.caption(msg("session_map.unsaved_hint"))


def _fitting_step(saved: CycleMap, msg: Messages) -> None:
    step = fitting_step(saved)
    panel = five_step_panel(get_panel(msg.language, FIVE_STEPS_PANEL), step.number)
    with st.container(border=True, key="session_map_step"):
        st.markdown(f"#### {msg('session_map.step_heading')}")
        st.text(msg(step.reason, step=step.number))
        if panel is not None:
            show_panel(panel, msg.language)
        learn_link(msg, FIVE_STEPS_PANEL, msg("session_map.learn_more"))


def map_step(screen: Screen) -> None:
    msg, view, names = screen.msg, screen.view, screen.journal.partners
    moments = view.distance_moments()
    if moments.empty:
        st.info(msg("session_map.none"), icon=":material/info:")
        return
    maps = screen.records.cycle_maps(screen.journal_id)
    ids = [int(event_id) for event_id in moments["id"]]
    key = prepare_widget("map_event", map_moment(kept("map_event"), ids, maps))
    rows = {int(row["id"]): row for _, row in moments.iterrows()}
    selected = st.selectbox(msg("session_map.pick"), ids, key=key,
                            format_func=lambda event_id: moment_option(rows[event_id], names, msg),
                            on_change=keep, args=("map_event",))
    row = rows[selected]
    if row["note"]:  # empty unless the couple asked to see notes
        st.text(row["note"])
    show_notice(NOTICE_KEY)
    saved = maps.get(selected, CycleMap(selected))
    _form(screen, row, saved)
    # The loop shows from the start, its stations empty until the map is saved.
    st.plotly_chart(cycle_map_figure(saved, int(row["partner"]), names, msg,
                                     theme=st.context.theme.type),
                    config=STATIC_CONFIG, key="session_cycle_map")
    learn_link(msg, CYCLE_OPPONENT_PANEL, msg("session_map.cycle_panel"))
    if not saved.is_empty:
        _fitting_step(saved, msg)
