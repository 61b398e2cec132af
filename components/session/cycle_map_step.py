"""Step 5: the cycle map of one shared distance moment, filled in together, drawn as a loop,
with the one of the five steps that fits it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.field_error import field_error
from components.panel import learn_link, show_panel
from components.privacy.locked_elsewhere import guard_locked
from components.session.screen import Screen
from components.session.state import keep, kept, kept_key, widget_key
from nabij.content import CYCLE_OPPONENT_PANEL, Panel, get_panel
from nabij.i18n import Messages
from nabij.model import InvalidInput
from nabij.moment_input import BODY_CHOICES
from nabij.session.cycle_map import FIVE_STEPS_PANEL, fitting_step, five_step_section
from nabij.session.records import TEXT_MAX_CHARS, CycleMap, SessionRecords, validate_cycle_map
from nabij.session.session_figures import STATIC_CONFIG, cycle_map_figure
from nabij.storage import EventNotFound
from nabij.text_safety import escape_markdown

ERRORS_KEY = "session_map_errors"


def field_key(event_id: int, name: str) -> str:
    return f"session_map_{event_id}_{name}"


def moment_label(row, names, msg: Messages) -> str:
    return msg("session_map.option", when=msg.datetime(row["occurred_at"]),
               name=names[int(row["partner"])], intensity=int(row["intensity"]))


@guard_locked
def _save_map(records: SessionRecords, journal_id: int | None, event_id: int,
              msg: Messages) -> None:
    state = st.session_state
    try:
        cycle_map = validate_cycle_map(
            event_id, state.get(field_key(event_id, "trigger")),
            felt=(state.get(field_key(event_id, "felt_0")),
                  state.get(field_key(event_id, "felt_1"))),
            did=(state.get(field_key(event_id, "did_0")), state.get(field_key(event_id, "did_1"))),
            body=(state.get(field_key(event_id, "body_0")),
                  state.get(field_key(event_id, "body_1"))))
    except InvalidInput as invalid:
        state[ERRORS_KEY] = invalid.by_field()
        return
    try:
        records.save_cycle_map(journal_id, cycle_map)
    except (EventNotFound, ValueError):
        state[ERRORS_KEY] = {}
        state["session_map_notice"] = ("error", msg("events.gone"))
        return
    state.pop(ERRORS_KEY, None)
    state["session_map_notice"] = ("success", msg("session_map.saved"))


def _form(screen: Screen, row: pd.Series, saved: CycleMap) -> None:
    msg, names = screen.msg, screen.journal.partners
    event_id, first = int(row["id"]), int(row["partner"])
    with st.form(f"session_map_form_{event_id}", border=True):
        st.text_area(msg("session_map.trigger"), value=saved.triggered_by,
                     max_chars=TEXT_MAX_CHARS, key=field_key(event_id, "trigger"))
        field_error(ERRORS_KEY, "triggered_by", msg)
        columns = st.columns(2, gap="large")
        for column, slot in zip(columns, (first, 1 - first), strict=True):
            name = escape_markdown(names[slot])
            with column:
                st.text_area(msg("session_map.felt", name=name), value=saved.felt[slot],
                             max_chars=TEXT_MAX_CHARS, key=field_key(event_id, f"felt_{slot}"))
                field_error(ERRORS_KEY, f"felt_{slot}", msg)
                body = saved.body[slot]
                st.radio(msg("session_map.body", name=name), BODY_CHOICES, horizontal=True,
                         index=BODY_CHOICES.index(str(body) if body else ""),
                         key=field_key(event_id, f"body_{slot}"),
                         format_func=lambda code: msg(f"body.{code}") if code
                         else msg("session_map.body_none"))
                label = "session_map.did" if slot == first else "session_map.reacted"
                st.text_area(msg(label, name=name), value=saved.did[slot],
                             max_chars=TEXT_MAX_CHARS, key=field_key(event_id, f"did_{slot}"))
                field_error(ERRORS_KEY, f"did_{slot}", msg)
        st.form_submit_button(msg("session_map.save"), type="primary", width="stretch",
                              on_click=_save_map,
                              args=(screen.records, screen.journal_id, event_id, msg))
    st.caption(msg("session_map.unsaved_hint"))


def _fitting_step(saved: CycleMap, msg: Messages) -> None:
    step = fitting_step(saved)
    panel: Panel = get_panel(msg.language, FIVE_STEPS_PANEL)
    section = five_step_section(panel.body, step.number)
    with st.container(border=True, key="session_map_step"):
        st.markdown(f"#### {msg('session_map.step_heading')}")
        st.text(msg(step.reason, step=step.number))
        if section is not None:
            heading, text = section
            show_panel(Panel(id=panel.id, title=heading, order=panel.order, body=text),
                       msg.language)
        learn_link(msg, FIVE_STEPS_PANEL, msg("session_map.learn_more"))


def map_step(screen: Screen) -> None:
    msg, view, names = screen.msg, screen.view, screen.journal.partners
    st.subheader(msg("session_steps.cycle_map"))
    st.markdown(msg("session_map.intro"))
    moments = view.distance_moments()
    if moments.empty:
        st.info(msg("session_map.none"), icon=":material/info:")
        return
    maps = screen.records.cycle_maps(screen.journal_id)
    ids = [int(event_id) for event_id in moments["id"]]
    if kept("map_event") not in ids:
        st.session_state[kept_key("map_event")] = next(
            (event_id for event_id in ids if event_id in maps), ids[0])
    st.session_state[widget_key("map_event")] = kept("map_event")
    rows = {int(row["id"]): row for _, row in moments.iterrows()}
    selected = st.selectbox(msg("session_map.pick"), ids, key=widget_key("map_event"),
                            format_func=lambda event_id: moment_label(rows[event_id], names, msg),
                            on_change=keep, args=("map_event",))
    row = rows[selected]
    if row["note"]:  # empty unless the couple asked to see notes
        st.text(row["note"])
    notice = st.session_state.pop("session_map_notice", None)
    if notice is not None:
        (st.success if notice[0] == "success" else st.error)(notice[1])
    saved = maps.get(selected, CycleMap(selected))
    _form(screen, row, saved)
    # The loop shows from the start, its stations empty until the map is saved.
    st.plotly_chart(cycle_map_figure(saved, int(row["partner"]), names, msg,
                                     theme=st.context.theme.type),
                    config=STATIC_CONFIG, key="session_cycle_map")
    learn_link(msg, CYCLE_OPPONENT_PANEL, msg("session_map.cycle_panel"))
    if not saved.is_empty:
        _fitting_step(saved, msg)
