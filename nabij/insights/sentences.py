"""The Insights page's sentences: what each section says about the journal, in words.

Each function gets one insight and returns plain sentences in the user's language;
section_words.py puts them in each section's order, and the page shows them with st.text,
because some hold user text (partner names, context tags).
"""

from __future__ import annotations

from nabij.i18n import Messages
from nabij.insights.body import BodyInsight
from nabij.insights.context import ContextInsight
from nabij.insights.evidence import MIN_PER_GROUP, Basis, share
from nabij.insights.ratio import WeeklyRatio
from nabij.insights.repair import RepairInsight
from nabij.insights.timing import TimingInsight
from nabij.insights.wording import duration, percentage

STANDOUTS_SHOWN = 3


def repair_overall(repair: RepairInsight, msg: Messages) -> str | Basis:
    """How long repair takes from the same side and from the other, or the basis that is too
    small to say it (neither side repaired often enough)."""
    same, other = repair.same.median_hours, repair.other.median_hours
    if same is not None and other is not None:
        return msg("insights.repair.overall_both", same=duration(same, msg),
                   other=duration(other, msg))
    if same is None and other is None:
        return Basis(max(repair.same.repaired, repair.other.repaired))
    side = "same" if same is not None else "other"
    return msg("insights.repair.overall_one_side", side=msg(f"insights.repair.side_{side}"),
               duration=duration(same if same is not None else other, msg))


def ratio_summary(weekly: WeeklyRatio, msg: Messages) -> str:
    line = msg("insights.ratio.summary", closeness=weekly.closeness, distance=weekly.distance)
    if weekly.ratio is not None:
        line += " " + msg("insights.ratio.summary_ratio", ratio=msg.number(round(weekly.ratio, 1)))
    return line


def body_lines(body: BodyInsight, partners: tuple[str, str], msg: Messages) -> list[str]:
    """Per partner and kind with enough named signals: the body state named most often."""
    return [msg("insights.body.line", name=partners[row.partner], kind=msg(f"kind.{row.kind}"),
                state=msg(f"insights.body.state_{row.most_common}"),
                count=row.count(row.most_common), named=row.named)
            for row in body.rows if row.enough and row.most_common]


def timing_line(timing: TimingInsight, msg: Messages) -> str:
    """When distance comes most often, against how often any moment falls then."""
    peak = timing.peak
    if peak is None:
        return msg("insights.timing.no_peak")
    return msg("insights.timing.peak",
               when=msg(f"insights.when.{peak.part}",
                        weekday=msg(f"insights.weekday.{peak.weekday}")),
               count=peak.distance, total=peak.distance_total,
               share=percentage(peak.distance_share, msg),
               overall=percentage(peak.moments_share, msg))


def context_basis(context: ContextInsight) -> Basis:
    """What is too few where the context section cannot say anything yet: tagged moments, or
    tagged distance moments."""
    if not context.basis.enough:
        return Basis(context.tagged)
    return Basis(context.tagged_distance, needed=MIN_PER_GROUP)


def context_lines(context: ContextInsight, msg: Messages) -> list[str]:
    """The tags that stand out (at most STANDOUTS_SHOWN), or that none does."""
    if not context.standouts:
        return [msg("insights.context.no_standout")]
    return [msg("insights.context.standout_intro")] + [
        msg("insights.context.standout", tag=row.tag, count=row.distance,
            total=context.tagged_distance, share=percentage(context.share_of_distance(row), msg),
            overall=percentage(share(row.moments, context.tagged), msg))
        for row in context.standouts[:STANDOUTS_SHOWN]]
