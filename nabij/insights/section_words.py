"""What each part of the Insights page says, in the order the page shows it.

One `SectionWords` per part: the basis that is too small to say something, the sentences, and
the notes under them. The page (components/insights/sections.py) only draws them, so what a
section says for a given journal is decided, and tested, here.
"""

from __future__ import annotations

from dataclasses import dataclass

from nabij.i18n import Messages
from nabij.insights.body import BodyInsight
from nabij.insights.context import MAX_TAGS, ContextInsight
from nabij.insights.evidence import Basis
from nabij.insights.ratio import MAX_WEEKS, WeeklyRatio
from nabij.insights.reflection import Reflection, reflection_sentences
from nabij.insights.repair import MAX_MONTHS, RepairInsight
from nabij.insights.sentences import (
    body_lines,
    context_basis,
    context_lines,
    ratio_summary,
    repair_overall,
    timing_line,
)
from nabij.insights.timing import TimingInsight


@dataclass(frozen=True)
class SectionWords:
    """`too_few` comes first (a notice with the numbers), then `lines`, then `notes`.

    `lines` may hold user text (partner names, context tags): the page shows them as plain
    text. `notes` are Nabij's own messages with numbers only, so they may be Markdown captions.
    A figure belongs beside the words only when nothing is too few.
    """

    too_few: Basis | None = None
    lines: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


def _notes(*pairs: tuple[bool, str]) -> tuple[str, ...]:
    """The notes whose condition holds, in order."""
    return tuple(note for shown, note in pairs if shown)


def reflection_words(reflection: Reflection, partners: tuple[str, str],
                     msg: Messages) -> SectionWords:
    return SectionWords(lines=tuple(reflection_sentences(reflection, partners, msg)),
                        notes=(msg("insights.reflection.rests_on", count=reflection.total),))


def repair_words(repair: RepairInsight, msg: Messages) -> SectionWords:
    """How long repair takes, and the counts behind it; the overall sentence gives way to a
    too-few notice when neither side repaired often enough, while the counts still show."""
    if not repair.enough:
        return SectionWords(too_few=repair.basis)
    counts = msg("insights.repair.counts", same=repair.same.repaired,
                 other=repair.other.repaired, total=repair.basis.count)
    overall = repair_overall(repair, msg)
    notes = _notes((bool(repair.same.open or repair.other.open),
                    msg("insights.repair.open_note")),
                   (True, msg("insights.repair.rests_on", count=repair.basis.count)))
    if isinstance(overall, Basis):
        return SectionWords(too_few=overall, lines=(counts,), notes=notes)
    return SectionWords(lines=(overall, counts), notes=notes)


def repair_phase_words(repair: RepairInsight, msg: Messages) -> SectionWords:
    """The notes under repair by phase: how phases are read, and the moments outside them."""
    return SectionWords(notes=_notes(
        (True, msg("insights.repair.phase_note")),
        (bool(repair.without_phase),
         msg("insights.repair.without_phase", count=repair.without_phase))))


def repair_month_words(repair: RepairInsight, msg: Messages) -> SectionWords:
    return SectionWords(notes=_notes(
        (bool(repair.months_left_out), msg("insights.repair.months_left_out", count=MAX_MONTHS))))


def ratio_words(weekly: WeeklyRatio, msg: Messages) -> SectionWords:
    if not weekly.enough:
        return SectionWords(too_few=weekly.basis)
    return SectionWords(lines=(ratio_summary(weekly, msg),), notes=_notes(
        (True, msg("insights.ratio.rests_on", count=weekly.basis.count)),
        (bool(weekly.weeks_left_out), msg("insights.ratio.weeks_left_out", count=MAX_WEEKS))))


def body_words(body: BodyInsight, partners: tuple[str, str], msg: Messages) -> SectionWords:
    """The body state named most often, and how many moments named none."""
    if not body.enough:
        return SectionWords(too_few=body.basis)
    unnamed = sum(row.unnamed for row in body.rows)
    return SectionWords(lines=tuple(body_lines(body, partners, msg)), notes=_notes(
        (True, msg("insights.body.rests_on", count=body.basis.count)),
        (bool(unnamed), msg("insights.body.unnamed", count=unnamed))))


def timing_words(timing: TimingInsight, msg: Messages) -> SectionWords:
    if not timing.enough:
        return SectionWords(too_few=timing.basis)
    return SectionWords(lines=(timing_line(timing, msg),),
                        notes=(msg("insights.timing.rests_on", count=timing.basis.count),))


def context_words(context: ContextInsight, msg: Messages) -> SectionWords:
    """The tags that stand out; below the threshold, what is too few and what it rests on.
    A journal without any tag gets its own notice on the page, not this."""
    rests_on = msg("insights.context.rests_on", count=context.tagged,
                   distance=context.tagged_distance)
    if not context.enough:
        return SectionWords(too_few=context_basis(context), notes=(rests_on,))
    return SectionWords(lines=tuple(context_lines(context, msg)), notes=_notes(
        (True, rests_on),
        (bool(context.tags_left_out),
         msg("insights.context.tags_left_out", shown=MAX_TAGS, count=context.tags_left_out))))
