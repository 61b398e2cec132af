"""The sentences a session says, shared by the session view and the summary to take home.

Names and dates are plain text here; whoever shows a sentence shows it as text (st.text,
or html.escape in the summary). The words describe what was logged, never who is to blame.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from nabij.i18n import Messages
from nabij.model import InvalidInput, Journal
from nabij.session.checkins import latest_before
from nabij.session.prepare import Missing, Perspectives
from nabij.session.records import SCORE_MAX, CheckIn, SessionNote
from nabij.session.steps import STEPS
from nabij.text_safety import markdown_params


def period_sentence(period: tuple[dt.date, dt.date], msg: Messages) -> str:
    return msg("session.period", start=msg.date(period[0]), end=msg.date(period[1]))


def step_of_sentence(step: int, msg: Messages) -> str:
    """Where the session is: "step 3 of 7", with the step's title."""
    return msg("session.step_of", number=step + 1, total=len(STEPS),
               title=msg(f"session_steps.{STEPS[step]}"))


def last_session_sentence(last_session: SessionNote | None, msg: Messages) -> str:
    """Why the period starts where it does: the day of the last session, or that there was none."""
    if last_session is None:
        return msg("session_start.no_last")
    return msg("session_start.since_last", date=msg.date(last_session.held_on))


def audience_sentence(view: Perspectives, msg: Messages) -> str:
    """Which moments the chart holds for this audience, and whether their notes are hidden."""
    rule = msg(f"session_audience.{view.audience}_rule")
    return rule if view.notes_shown else rule + " " + msg("session.notes_hidden")


def pursue_sentences(view: Perspectives, journal: Journal, msg: Messages) -> list[str]:
    names = journal.partners
    return [msg("session_chart.pursue", number=number, start=msg.date(stretch.start),
                end=msg.date(stretch.end), pursuer=names[stretch.pursuer],
                withdrawer=names[stretch.withdrawer], reaching=stretch.reaching_out,
                withdrawing=stretch.withdrawing)
            for number, stretch in enumerate(view.pursuits, 1)]


def drift_sentences(view: Perspectives, msg: Messages) -> list[str]:
    return [msg("session_chart.drift", start=msg.date(stretch.start), end=msg.date(stretch.end),
                count=stretch.days)
            for stretch in view.drifts]


def chart_sentences(view: Perspectives, journal: Journal, msg: Messages) -> list[str]:
    """What the chart shows in words: per partner, then the drift and pursue-withdraw."""
    lines = []
    for slot, name in enumerate(journal.partners):
        rows = view.moments[view.moments["partner"] == slot] if not view.moments.empty else []
        closeness = int((rows["kind"] == "closeness").sum()) if len(rows) else 0
        distance = int((rows["kind"] == "distance").sum()) if len(rows) else 0
        lines.append(msg("session_chart.partner_counts", name=name, closeness=closeness,
                         distance=distance, count=closeness + distance))
    lines.extend(drift_sentences(view, msg))
    lines.extend(pursue_sentences(view, journal, msg))
    if not view.drifts and not view.pursuits and len(view.logging_partners()) == 2:
        lines.append(msg("session_chart.no_stretches"))
    return lines


def check_in_sentences(journal: Journal, today: dt.date, scores: Mapping[int, int],
                       history: Iterable[CheckIn], present: tuple[bool, bool],
                       msg: Messages) -> list[str]:
    """Each partner's check-in today, against their previous one, and the gap between."""
    before = latest_before(history, today)
    lines = []
    for slot, name in enumerate(journal.partners):
        if not present[slot]:
            lines.append(msg("session_missing.absent", name=name))
            continue
        if slot not in scores:
            lines.append(msg("session_missing.check_in", name=name))
            continue
        line = msg("session_checkin.score_line", name=name, score=scores[slot], max=SCORE_MAX)
        if slot in before:
            line += " " + msg("session_checkin.previous", score=before[slot].score,
                              date=msg.date(before[slot].day))
        lines.append(line)
    if 0 in scores and 1 in scores:
        gap = abs(scores[0] - scores[1])
        lines.append(msg("session_checkin.same") if gap == 0
                     else msg("session_checkin.gap", count=gap))
    return lines


def missing_sentences(missing: Iterable[Missing], msg: Messages) -> list[str]:
    return [msg(item.key, **item.params) for item in missing]


def moment_option(row: pd.Series, names: Sequence[str], msg: Messages) -> str:
    """One distance moment as the cycle map step offers it: when, whose, how strong."""
    return msg("session_map.option", when=msg.datetime(row["occurred_at"]),
               name=names[int(row["partner"])], intensity=int(row["intensity"]))


def problem_message(invalid: InvalidInput, msg: Messages) -> str:
    """The first problem of refused input, for a notice shown as Markdown: what the user typed
    is escaped there, so it cannot become a link."""
    problem = invalid.problems[0]
    return msg(problem.key, **markdown_params(problem.params))
