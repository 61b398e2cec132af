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
from nabij.session.records import SCORE_MAX, CheckIn
from nabij.text_safety import markdown_params


def period_sentence(period: tuple[dt.date, dt.date], msg: Messages) -> str:
    return msg("session.period", start=msg.date(period[0]), end=msg.date(period[1]))


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
