"""Why a span got its phase: a short reason computed from the moments, as a message key.

A reason is a reflection aid, never a diagnosis: every text says what the logged moments
suggest and quotes the counts behind it, so a couple can check it against what they lived.
Reasons are message keys with parameters (numbers, dates, names); `describe_reason` turns one
into a sentence in the reader's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from nabij.i18n import Messages
from nabij.phases.features import DailyCounts
from nabij.phases.four_phases import Phase

FEW_MOMENTS = 4         # below this a span's moments say too little to name a reason
CLEAR_BEGIN = 0.75      # share of closeness that "clearly dominates"
CLEAR_TREND = 0.10      # change in closeness share between the halves of a span
DIVERGING = 0.25        # difference in closeness share between the partners in a crisis
RISE = 0.5              # rise in mean distance intensity worth naming

REASON_KEYS = (
    "phase_reason.no_moments_here",
    "phase_reason.one_moment",
    "phase_reason.few_moments",
    "phase_reason.follows_cycle",
    "phase_reason.begin",
    "phase_reason.middle_falling",
    "phase_reason.middle_mixed",
    "phase_reason.crisis",
    "phase_reason.crisis_rising",
    "phase_reason.crisis_only_distance",
    "phase_reason.crisis_diverging",
    "phase_reason.crisis_intense",
    "phase_reason.turning_point_recovers",
    "phase_reason.turning_point_rising",
    "phase_reason.turning_point_closeness",
)
# Why a stretch is left unknown: a silence, or moments that do not tell one phase.
UNKNOWN_KEYS = ("phase_reason.unknown_silence", "phase_reason.unknown_unsure")
# What a suggested span rests on, said after its reason.
BASIS_KEY = "phase_reason.basis"
_BASIS_PARAMS = ("basis_moments", "basis_moment_days", "basis_days")
PARTNER_KEY = "phase_reason.partner"
_PARTNER_PARAMS = ("pursuer", "withdrawer")


@dataclass(frozen=True)
class Reason:
    """A message key of the `phase_reason` table and its parameters.

    Parameters are plain values: int counts, int percentages, float intensities (one
    decimal), `datetime.date` days, and partner names (`pursuer`, `withdrawer`; an empty name
    comes with `pursuer_slot`/`withdrawer_slot` so the text can say "partner 1").
    """

    key: str
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class _Tally:
    closeness: int
    distance: int
    distance_intensity: float | None  # mean over distance moments

    @property
    def total(self) -> int:
        return self.closeness + self.distance

    @property
    def share(self) -> float:
        return self.closeness / self.total if self.total else 0.0


def _tally(moments: np.ndarray) -> _Tally:
    """Counts of a slice of `DailyCounts.moments` (any leading axes)."""
    by_kind = moments.reshape(-1, 2, moments.shape[-1]).sum(axis=0)  # (kind, level)
    distance = int(by_kind[1].sum())
    levels = np.arange(1, by_kind.shape[1] + 1)
    mean = float(by_kind[1] @ levels) / distance if distance else None
    return _Tally(int(by_kind[0].sum()), distance, mean)


def _percent(share: float) -> int:
    return round(100 * share)


def explain_span(counts: DailyCounts, start: int, end: int, phase: Phase,
                 previous: tuple[int, int] | None = None) -> Reason:
    """The reason for days [start, end) (indices into `counts`) being given `phase`.

    `previous` is the index range of the span before, if any, to compare with.
    """
    span = counts.moments[start:end]
    tally = _tally(span)
    if tally.total == 0:
        return Reason("phase_reason.no_moments_here")
    if tally.total == 1:
        return Reason("phase_reason.one_moment")
    if tally.total < FEW_MOMENTS:
        return Reason("phase_reason.few_moments", {"total": tally.total})
    before = _tally(counts.moments[previous[0]:previous[1]]) if previous else None
    first, second = _halves(span)
    reason = None
    if phase is Phase.BEGIN:
        reason = _begin(tally)
    elif phase is Phase.MIDDLE:
        reason = _middle(tally, first, second)
    elif phase is Phase.CRISIS:
        reason = _crisis(counts, start, end, tally, before)
    elif phase is Phase.TURNING_POINT:
        reason = _turning_point(tally, before, first, second)
    return reason or Reason("phase_reason.follows_cycle",
                            {"closeness": tally.closeness, "distance": tally.distance})


def explain_unknown(counts: DailyCounts, start: int, end: int) -> Reason:
    """Why days [start, end) are left unknown: a silence of so many days, or moments too
    few or too mixed to tell one phase (the model was unsure)."""
    tally = _tally(counts.moments[start:end])
    days = end - start
    if tally.total == 0:
        return Reason("phase_reason.unknown_silence", {"count": days, "days": days})
    return Reason("phase_reason.unknown_unsure", {"count": tally.total, "moments": tally.total,
                                                  "days": days})


def with_basis(reason: Reason, counts: DailyCounts, start: int, end: int) -> Reason:
    """`reason` with what it rests on: how many moments, on how many of how many days.

    `describe_reason` says it after the reason itself.
    """
    per_day = counts.moments[start:end].sum(axis=(1, 2, 3))
    return Reason(reason.key, {**reason.params, "basis_moments": int(per_day.sum()),
                               "basis_moment_days": int((per_day > 0).sum()),
                               "basis_days": end - start})


def _halves(span: np.ndarray) -> tuple[_Tally, _Tally]:
    """Tallies of the first and second half of a span's moments (split by moment count)."""
    per_day = span.sum(axis=(1, 2, 3))
    cumulative = np.cumsum(per_day)
    middle = int(np.searchsorted(cumulative, cumulative[-1] / 2)) + 1 if len(span) else 0
    return _tally(span[:middle]), _tally(span[middle:])


def _begin(tally: _Tally) -> Reason | None:
    if tally.share >= CLEAR_BEGIN:
        return Reason("phase_reason.begin", {"closeness": tally.closeness, "total": tally.total})
    return None


def _middle(tally: _Tally, first: _Tally, second: _Tally) -> Reason | None:
    if first.total >= 2 and second.total >= 2 and first.share - second.share >= CLEAR_TREND:
        return Reason("phase_reason.middle_falling", {
            "share_from": _percent(first.share), "share_to": _percent(second.share),
            "distance": tally.distance, "total": tally.total})
    if tally.distance and tally.closeness:
        return Reason("phase_reason.middle_mixed",
                      {"closeness": tally.closeness, "distance": tally.distance})
    return None


def _crisis(counts: DailyCounts, start: int, end: int, tally: _Tally,
            before: _Tally | None) -> Reason | None:
    first_day = counts.day(start)
    partners = [_tally(counts.moments[start:end, partner]) for partner in (0, 1)]
    if all(p.total >= 3 for p in partners):
        pursuer = 0 if partners[0].share >= partners[1].share else 1
        chaser, avoider = partners[pursuer], partners[1 - pursuer]
        if (chaser.share - avoider.share >= DIVERGING and avoider.share <= 0.4
                and chaser.closeness >= 2):
            params: dict[str, object] = {
                "start": first_day, "pursuer_closeness": chaser.closeness,
                "withdrawer_distance": avoider.distance, "withdrawer_total": avoider.total}
            for role, slot in (("pursuer", pursuer), ("withdrawer", 1 - pursuer)):
                params[role] = counts.partner_names[slot]
                params[f"{role}_slot"] = slot
            return Reason("phase_reason.crisis_diverging", params)
    intensity = round(tally.distance_intensity or 0.0, 1)
    if tally.distance and not tally.closeness:
        return Reason("phase_reason.crisis_only_distance",
                      {"start": first_day, "distance": tally.distance, "intensity": intensity})
    if tally.distance > tally.closeness:
        ratio = round(tally.distance / tally.closeness, 1)
        if (before is not None and before.distance >= 3 and before.distance_intensity
                is not None and tally.distance_intensity - before.distance_intensity >= RISE):
            return Reason("phase_reason.crisis_rising", {
                "start": first_day, "ratio": ratio, "intensity": intensity,
                "intensity_before": round(before.distance_intensity, 1)})
        return Reason("phase_reason.crisis",
                      {"start": first_day, "ratio": ratio, "intensity": intensity})
    if tally.distance and intensity >= 3.5:
        return Reason("phase_reason.crisis_intense", {
            "start": first_day, "intensity": intensity, "distance": tally.distance,
            "total": tally.total})
    return None


def _turning_point(tally: _Tally, before: _Tally | None, first: _Tally,
                   second: _Tally) -> Reason | None:
    if before is not None and before.total >= FEW_MOMENTS and tally.share > before.share:
        return Reason("phase_reason.turning_point_recovers", {
            "closeness": tally.closeness, "total": tally.total, "share": _percent(tally.share),
            "share_before": _percent(before.share)})
    if first.total >= 2 and second.total >= 2 and second.share - first.share >= CLEAR_TREND:
        return Reason("phase_reason.turning_point_rising", {
            "share_from": _percent(first.share), "share_to": _percent(second.share)})
    if tally.share >= 0.5:
        return Reason("phase_reason.turning_point_closeness",
                      {"closeness": tally.closeness, "total": tally.total})
    return None


def describe_reason(reason: Reason, msg: Messages) -> str:
    """The reason as a sentence in `msg`'s language, with dates and numbers formatted."""
    params: dict[str, object] = {}
    for name, value in reason.params.items():
        if name in _BASIS_PARAMS:
            continue
        if isinstance(value, dt.date):
            params[name] = msg.date(value)
        elif isinstance(value, float):
            params[name] = msg.number(value)
        else:
            params[name] = value
    for role in _PARTNER_PARAMS:
        if role in params and not params[role]:
            params[role] = msg(PARTNER_KEY, number=int(reason.params.get(f"{role}_slot", 0)) + 1)
    text = msg(reason.key, **params)
    if all(name in reason.params for name in _BASIS_PARAMS):
        moments = int(reason.params["basis_moments"])
        text += " " + msg(BASIS_KEY, count=moments, moments=moments,
                          moment_days=reason.params["basis_moment_days"],
                          days=reason.params["basis_days"])
    return text
