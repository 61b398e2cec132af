"""The moment form's rules without its widgets: what it starts with, and what it hands on.

The form (components/moments/moment_form.py) keeps its values in session state by field
name; these functions turn an event (or nothing) into those starting values, and the values
back into the `EventInput` that nabij.model validates. What the form shows is rounded to the
minute, so an edit that leaves the time or the note as shown keeps the event's own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from nabij.model import (
    DEFAULT_VISIBILITY,
    EARLIEST_DAY,
    BodySignal,
    Event,
    EventInput,
    Journal,
    Problem,
    Visibility,
)
from nabij.moment_presets import Preset

DEFAULT_INTENSITY = 3
# "" is "not filled in": a real option, so the radio shows it as chosen.
BODY_CHOICES: list[str] = ["", *(str(signal) for signal in BodySignal)]
VISIBILITY_CHOICES = [str(visibility) for visibility in Visibility]


def now_local(journal: Journal) -> dt.datetime:
    """Now in the journal's zone, to the minute (what the form's time field can show)."""
    return dt.datetime.now(journal.zone).replace(second=0, microsecond=0)


def starting_values(journal: Journal, event: Event | None, now: dt.datetime,
                    preset: Preset | None = None) -> dict[str, object]:
    """A new moment's values (now, and what the last moment logged had, if anything) or the
    event's as the form shows them."""
    if event is None:
        return {"date": now.date(), "time": now.time(),
                "kind": preset.kind if preset else None,
                "intensity": preset.intensity if preset else DEFAULT_INTENSITY,
                "body": "", "note": "", "context": "", "visibility": str(DEFAULT_VISIBILITY)}
    local = event.occurred_at.astimezone(journal.zone)
    return {"date": local.date(), "time": local.time().replace(second=0, microsecond=0),
            "partner": event.partner, "kind": str(event.kind), "intensity": event.intensity,
            "body": str(event.body) if event.body else "", "note": event.note,
            "context": event.context, "visibility": str(event.visibility)}


def form_updates(current: Mapping[str, object], journal: Journal, event: Event | None,
                 now: dt.datetime, choices: Sequence[str], me: int | None = None,
                 preset: Preset | None = None) -> dict[str, object]:
    """What the form's state must be given before its widgets render, by field name.

    `current` is what the state holds already (typed values survive a rerun), `choices` the
    visibilities on offer. Values already there are kept, except where someone just said who
    they are (`me`): the form then becomes theirs, preset as their last moment.
    """
    values = starting_values(journal, event, now, preset)
    if event is not None:
        # The form shows minutes; an imported moment may have seconds. Left as shown, the
        # moment keeps its exact time (an edit never changes what it does not show).
        values.update(shown_at=(values["date"], values["time"], event.occurred_at),
                      shown_note=event.note)
    updates = {field: value for field, value in values.items() if field not in current}
    if event is None and "date" not in current:
        # Remember the "now" shown, so an untouched form saved later logs the save time.
        updates["shown_now"] = (values["date"], values["time"])
    if event is None and me is not None and current.get("me") != me:
        # Someone just said who they are: the form becomes theirs, preset as their last.
        updates.update(me=me, partner=me, kind=values["kind"], intensity=values["intensity"])
    after = {**current, **updates}
    if after.get("partner") is None:
        # Nobody picked a partner yet: the one using this browser, once they said who, else
        # whoever logged the last moment.
        updates["partner"] = me if me is not None or preset is None else preset.partner
    if after.get("visibility") not in choices:
        updates["visibility"] = str(DEFAULT_VISIBILITY)
    return updates


def more_open(context: object, errors: Mapping[str, Problem], editing: Event | None) -> bool:
    """"More" opens by itself where it holds something to see: an edit (its fields are the
    moment's own), a context already typed, or a message about one of its fields."""
    return (editing is not None or bool(context)
            or any(field in errors for field in ("body", "context", "occurred_at")))


def date_bounds(journal: Journal, editing: Event | None,
                today: dt.date) -> tuple[dt.date, dt.date]:
    """The days the date picker offers, EARLIEST_DAY to tomorrow. An imported moment may lie
    ahead, or (saved before dates had bounds) before 1900: the picker must show it; saving it
    unmoved explains the bounds."""
    earliest, latest = EARLIEST_DAY, today + dt.timedelta(days=1)
    if editing is None:
        return earliest, latest
    day = editing.occurred_at.astimezone(journal.zone).date()
    return min(earliest, day), max(latest, day)


def browser_line_breaks(text: str) -> str:
    """A text as a browser's text box gives it back: every line break a single \\n."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def moment_input(values: Mapping[str, object], now: dt.datetime) -> EventInput:
    """The form's values as input for validation.

    `shown_now` is the (date, time) a new form first showed: left so, the moment is logged at
    `now`, the time of saving. `shown_at` is an edited event's (date, time, exact moment) and
    `shown_note` its note: left as shown, they stay exactly what they were (seconds, \\r\\n).
    """
    day, time = values.get("date"), values.get("time")
    when: object = dt.datetime.combine(day, time) if day and time else ""
    if (day, time) == values.get("shown_now"):
        when = now.replace(tzinfo=None)
    shown_at = values.get("shown_at")
    if isinstance(shown_at, tuple) and (day, time) == shown_at[:2]:
        when = shown_at[2]
    note = values.get("note") or ""
    shown_note = values.get("shown_note")
    if isinstance(shown_note, str) and note == browser_line_breaks(shown_note):
        note = shown_note
    return EventInput(occurred_at=when, partner=values.get("partner"),
                      kind=values.get("kind") or "", intensity=values.get("intensity"),
                      note=note, body=values.get("body"), context=values.get("context") or "",
                      visibility=values.get("visibility") or DEFAULT_VISIBILITY)


def visibility_choices(can_keep_private: bool, editing: Event | None) -> list[str]:
    """"Only me" is offered only where this device holds the author's own key: anything else
    would promise what the database does not keep. An earlier private moment being edited
    keeps its choice on the list (saving it then asks for the key)."""
    keep_private = can_keep_private or (editing is not None
                                        and editing.visibility == Visibility.PRIVATE)
    return [code for code in VISIBILITY_CHOICES
            if code != str(Visibility.PRIVATE) or keep_private]
