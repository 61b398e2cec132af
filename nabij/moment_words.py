"""How a moment reads on the Journal page: the line after a save, and a row of the list.

User text (partner names) is escaped here, because these lines are shown as Markdown.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from nabij.i18n import Messages
from nabij.model import Event, Journal
from nabij.text_safety import escape_markdown


class MomentRow(Protocol):
    """One row of the journal's events frame (nabij/frames.py), as itertuples gives it."""

    occurred_at: dt.datetime
    partner: int
    partner_name: str
    kind: str
    intensity: int
    body: str | None
    visibility: str


def saved_text(event: Event, journal: Journal, msg: Messages, today: dt.date) -> str:
    """"Saved: Closeness 3 · Anna · 21:40": what was saved, short enough to read at a glance.
    The day is added only when the moment was not `today` (in the journal's zone)."""
    local = event.occurred_at.astimezone(journal.zone)
    when = msg.time(local) if local.date() == today else msg.datetime(local)
    return msg("form.saved", kind=msg(f"kind.{event.kind}").capitalize(),
               intensity=event.intensity,
               partner=escape_markdown(journal.partners[event.partner]), when=when)


def row_heading(row: MomentRow, msg: Messages) -> str:
    """When, who, which kind and how strong, in one Markdown line."""
    # Up for closeness, down for distance: the same sides as on the chart.
    mark = ":material/arrow_upward:" if row.kind == "closeness" else ":material/arrow_downward:"
    return (f"{mark} **{escape_markdown(msg.datetime(row.occurred_at))}** · "
            f"{escape_markdown(row.partner_name)} · {msg(f'kind.{row.kind}')} · "
            f"{row.intensity}/5")


def row_caption(row: MomentRow, keyed_partners: frozenset[int], msg: Messages) -> str:
    """What the body did (when filled in) and who may see the moment, in one line.

    `keyed_partners` have a passphrase of their own: their private moments are sealed. A
    private moment of anyone else was marked so before, and says it is still readable.
    """
    if row.visibility == "private" and row.partner not in keyed_partners:
        badge = msg("visibility.badge_private_unsealed")
    else:
        badge = msg(f"visibility.badge_{row.visibility}")
    return " · ".join([*([msg(f"body.{row.body}")] if row.body else []), badge])
