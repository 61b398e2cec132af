"""The insight that stands out most, in one sentence, for the side column of the Cycle page.

Candidates, each only when its insight has enough moments:
- a context tag that comes with distance moments more often than usual (its lift: share of
  distance moments over share of all moments);
- the weekday and part of the day where distance moments gather (the same kind of lift, against
  when all moments were logged);
- otherwise the repair time (the median wait for closeness after distance).
The candidate with the largest lift of at least `HIGHLIGHT_LIFT` wins; without one, the repair
time; without that, nothing (the page says there are too few moments yet).
"""

from __future__ import annotations

from dataclasses import dataclass

from nabij.i18n import Messages
from nabij.insights import JournalInsights
from nabij.insights.context import TagRow
from nabij.insights.timing import Cluster
from nabij.insights.wording import duration, percentage

HIGHLIGHT_LIFT = 1.5


@dataclass(frozen=True)
class Highlight:
    topic: str  # "context", "timing" or "repair"
    rests_on: int  # the moments the insight is drawn from
    lift: float | None = None
    tag: TagRow | None = None
    cluster: Cluster | None = None


def strongest(insights: JournalInsights) -> Highlight | None:
    candidates: list[Highlight] = []
    context = insights.context
    if context.enough and context.standouts:
        row = context.standouts[0]
        candidates.append(Highlight("context", context.tagged, context.lift(row), tag=row))
    timing = insights.timing
    if timing.enough and timing.peak is not None:
        candidates.append(Highlight("timing", timing.basis.count, timing.peak.lift,
                                    cluster=timing.peak))
    candidates = [item for item in candidates if (item.lift or 0) >= HIGHLIGHT_LIFT]
    if candidates:
        return max(candidates, key=lambda item: item.lift or 0)
    repair = insights.repair
    if repair.enough and (repair.other.median_hours is not None
                          or repair.same.median_hours is not None):
        return Highlight("repair", repair.basis.count)
    return None


def highlight_sentence(highlight: Highlight, insights: JournalInsights, msg: Messages) -> str:
    """Plain text (a context tag stays as typed: show the sentence as text, never Markdown)."""
    if highlight.topic == "context" and highlight.tag is not None:
        context, row = insights.context, highlight.tag
        return msg("insights.highlight.context", tag=row.tag, count=row.distance,
                   total=context.tagged_distance,
                   share=percentage(context.share_of_distance(row), msg),
                   overall=percentage(context.share_of_all(row), msg))
    if highlight.topic == "timing" and highlight.cluster is not None:
        cluster = highlight.cluster
        return msg("insights.highlight.timing",
                   when=msg(f"insights.when.{cluster.part}",
                            weekday=msg(f"insights.weekday.{cluster.weekday}")),
                   count=cluster.distance, total=cluster.distance_total,
                   share=percentage(cluster.distance_share, msg),
                   overall=percentage(cluster.moments_share, msg))
    repair = insights.repair
    if repair.other.median_hours is not None and repair.same.median_hours is not None:
        return msg("insights.highlight.repair_both",
                   other=duration(repair.other.median_hours, msg),
                   same=duration(repair.same.median_hours, msg),
                   count=repair.basis.count)
    stat, key = ((repair.other, "insights.highlight.repair_other")
                 if repair.other.median_hours is not None
                 else (repair.same, "insights.highlight.repair_same"))
    return msg(key, duration=duration(stat.median_hours or 0.0, msg), count=stat.repaired)


def highlight_basis(highlight: Highlight, insights: JournalInsights, msg: Messages) -> str:
    """What the highlight rests on, in the words of its own section."""
    if highlight.topic == "context":
        basis = msg("insights.context.rests_on", count=insights.context.tagged,
                    distance=insights.context.tagged_distance)
    elif highlight.topic == "timing":
        basis = msg("insights.timing.rests_on", count=insights.timing.basis.count)
    else:
        basis = msg("insights.repair.rests_on", count=insights.repair.basis.count)
    return f"{msg('insights.highlight.whole_journal')} {basis}"
