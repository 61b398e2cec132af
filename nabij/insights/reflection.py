"""The weekly reflection: a short, warm text about the journal's last week, from templates.

The week is the seven local days up to and including the day of the last logged moment, so
an old journal (or the example) still has a week to reflect on; the text names the dates.
It says what happened (counts, and the balance against the week before when both weeks hold
enough moments to compare), which phase these days fit, and one small next step from the five
steps that suits that phase:

    begin → step 1; middle → step 2, or 3 when the body was on alert or shut down;
    crisis → step 4, or 3 when the body was on alert or shut down; turning point → step 5.

No external service is involved: every sentence comes from the message catalogue.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from nabij.i18n import Messages
from nabij.insights.evidence import MIN_PER_GROUP, Basis, check_frame, local_days, percent, share
from nabij.phases.marks import PhaseSpan, phase_on

WEEK_DAYS = 7
ALERT_STATES = ("alarm", "shutdown")


@dataclass(frozen=True)
class PartnerWeek:
    partner: int
    closeness: int
    distance: int


@dataclass(frozen=True)
class Reflection:
    start: dt.date
    end: dt.date  # the day of the journal's last moment
    closeness: int
    distance: int
    partners: tuple[PartnerWeek, ...]
    alert_body: int  # moments this week with the body on alert or shut down
    previous_closeness: int  # the seven days before `start`
    previous_distance: int
    phase: str | None  # the phase of `end`, marked or suggested
    phase_suggested: bool
    step: int | None  # 1..5 from the five steps, None without a phase

    @property
    def basis(self) -> Basis:
        return Basis(self.closeness + self.distance, needed=MIN_PER_GROUP)

    @property
    def total(self) -> int:
        return self.closeness + self.distance

    @property
    def previous_total(self) -> int:
        return self.previous_closeness + self.previous_distance

    @property
    def comparable(self) -> bool:
        """Both weeks hold enough moments for their shares of closeness to be compared."""
        return self.total >= MIN_PER_GROUP and self.previous_total >= MIN_PER_GROUP


def step_for(phase: str | None, alert_body: int) -> int | None:
    if phase == "begin":
        return 1
    if phase == "middle":
        return 3 if alert_body else 2
    if phase == "crisis":
        return 3 if alert_body else 4
    if phase == "turning_point":
        return 5
    return None


def weekly_reflection(frame: pd.DataFrame, bands: tuple[PhaseSpan, ...] | list = ()
                      ) -> Reflection | None:
    """The reflection on the last week of moments, or None for a journal without moments."""
    check_frame(frame)
    if frame.empty:
        return None
    days = local_days(frame)
    end = days.max().date()
    start = end - dt.timedelta(days=WEEK_DAYS - 1)
    before = start - dt.timedelta(days=WEEK_DAYS)
    this_week = (days >= pd.Timestamp(start)).to_numpy()
    last_week = ((days >= pd.Timestamp(before)) & (days < pd.Timestamp(start))).to_numpy()
    kind, partner = frame["kind"].to_numpy(), frame["partner"].to_numpy()
    close, apart = kind == "closeness", kind == "distance"
    partners = tuple(PartnerWeek(slot, int((this_week & close & (partner == slot)).sum()),
                                 int((this_week & apart & (partner == slot)).sum()))
                     for slot in (0, 1))
    alert = int((this_week & frame["body"].isin(ALERT_STATES).to_numpy()).sum())
    span = phase_on(sorted(bands, key=lambda band: band.start), end)
    phase = str(span.phase) if span else None
    return Reflection(start=start, end=end, closeness=int((this_week & close).sum()),
                      distance=int((this_week & apart).sum()), partners=partners,
                      alert_body=alert, previous_closeness=int((last_week & close).sum()),
                      previous_distance=int((last_week & apart).sum()), phase=phase,
                      phase_suggested=bool(span and span.suggested),
                      step=step_for(phase, alert))


def reflection_sentences(reflection: Reflection, partners: tuple[str, str],
                         msg: Messages) -> list[str]:
    """The reflection as plain sentences; partner names stay as typed (show them as text)."""
    lines = [msg("insights.reflection.week", start=msg.date(reflection.start),
                 end=msg.date(reflection.end), count=reflection.total,
                 closeness=reflection.closeness, distance=reflection.distance)]
    lines.extend(msg("insights.reflection.partner", name=partners[week.partner],
                     closeness=week.closeness, distance=week.distance)
                 for week in reflection.partners)
    if reflection.comparable:
        lines.append(msg("insights.reflection.compare",
                         share=percent(share(reflection.closeness, reflection.total)),
                         share_before=percent(share(reflection.previous_closeness,
                                                    reflection.previous_total))))
    elif reflection.total < MIN_PER_GROUP:
        lines.append(msg("insights.reflection.few"))
    if reflection.alert_body:
        lines.append(msg("insights.reflection.body", count=reflection.alert_body))
    if reflection.phase:
        key = ("insights.reflection.phase_suggested" if reflection.phase_suggested
               else "insights.reflection.phase_marked")
        lines.append(msg(key, phase=msg(f"phase.{reflection.phase}")))
    if reflection.step:
        lines.append(msg("insights.reflection.step",
                         step=msg(f"insights.step.{reflection.step}.title"),
                         suggestion=msg(f"insights.step.{reflection.step}.suggestion")))
    lines.append(msg("insights.reflection.closing"))
    return lines
