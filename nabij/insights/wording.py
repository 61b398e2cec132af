"""Small pieces of wording the insights share: durations and percentages in the user's language."""

from __future__ import annotations

from nabij.i18n import Messages


def duration(hours: float, msg: Messages) -> str:
    """'40 minutes', '5.5 hours', '2 days': the unit that reads naturally for the length."""
    if hours < 1:
        minutes = max(1, round(hours * 60))
        return msg("insights.duration.minutes", count=minutes, number=msg.number(minutes))
    if hours < 48:
        value = round(hours) if hours >= 10 else round(hours, 1)
        return msg("insights.duration.hours", count=value, number=msg.number(value))
    days = round(hours / 24, 1)
    return msg("insights.duration.days", count=days, number=msg.number(days))


def percentage(value: float | None, msg: Messages) -> str:
    """A share as a whole percentage, or a dash for a share of nothing."""
    return "–" if value is None else f"{msg.number(round(value * 100))}%"
