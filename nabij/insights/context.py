"""Context: in which situations distance moments were logged more often than usual.

A moment's optional context holds tags separated by `;` (or `,`), such as `work;family`: the
situation the moment came out of. Only moments with at least one tag say anything about
context, so every share is taken among them. For each tag:

- its share of the distance moments: distance moments with the tag / distance moments, and
- its share of all moments: moments with the tag / moments,

and a tag *stands out* when the first is clearly larger than the second (and it was used
often enough to say so). A moment with two tags counts for both; a tag written twice on one
moment, or in another case, counts once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from nabij.insights.evidence import MIN_PER_GROUP, Basis, check_frame

TAG_SEPARATORS = r"[;,]"
# A tag stands out when its share of distance moments is at least this many times its share
# of all moments.
STANDOUT_LIFT = 1.25
# Tags shown in the chart: the most used ones, so the chart stays readable on a phone.
MAX_TAGS = 12


@dataclass(frozen=True)
class TagRow:
    tag: str  # as written most often (user text: show it as plain text only)
    moments: int  # moments with this tag
    distance: int  # of those, distance moments


@dataclass(frozen=True)
class ContextInsight:
    basis: Basis  # moments with at least one tag
    tagged_distance: int  # of those, distance moments
    rows: tuple[TagRow, ...]  # the MAX_TAGS most used tags, most used first
    tags_left_out: int  # other tags, not in `rows`
    standouts: tuple[TagRow, ...]  # tags that stand out, the most striking first

    @property
    def tagged(self) -> int:
        return self.basis.count

    @property
    def enough(self) -> bool:
        return self.basis.enough and self.tagged_distance >= MIN_PER_GROUP

    def share_of_distance(self, row: TagRow) -> float | None:
        return row.distance / self.tagged_distance if self.tagged_distance else None

    def share_of_all(self, row: TagRow) -> float | None:
        return row.moments / self.tagged if self.tagged else None

    def lift(self, row: TagRow) -> float | None:
        of_distance, of_all = self.share_of_distance(row), self.share_of_all(row)
        return of_distance / of_all if of_distance is not None and of_all else None


def tags_in(text: str) -> list[tuple[str, str]]:
    """The tags of one context as (tag as written, spaces tidied; case-folded key), each key
    once, in the order written."""
    seen: dict[str, str] = {}
    for part in re.split(TAG_SEPARATORS, text):
        tag = " ".join(part.split())
        if tag and tag.casefold() not in seen:
            seen[tag.casefold()] = tag
    return [(tag, key) for key, tag in seen.items()]


def used_tags(contexts: Iterable[str], limit: int = MAX_TAGS) -> list[str]:
    """The tags a journal already uses, most used first (then alphabetically), each once:
    what the log form offers, so a tag is written the same way again."""
    counts: dict[str, int] = {}
    written: dict[str, str] = {}
    for text in contexts:
        for tag, key in tags_in(text or ""):
            counts[key] = counts.get(key, 0) + 1
            written.setdefault(key, tag)
    ranked = sorted(counts, key=lambda key: (-counts[key], key))
    return [written[key] for key in ranked[:limit]]


def split_tags(context: pd.Series) -> pd.DataFrame:
    """One row per (moment, tag): columns `row` (position in `context`), `tag` and `key`."""
    rows, tags, keys = [], [], []
    for position, text in enumerate(context.fillna("").astype(str)):
        for tag, key in tags_in(text):
            rows.append(position)
            tags.append(tag)
            keys.append(key)
    return pd.DataFrame({"row": pd.Series(rows, dtype="int64"),
                         "tag": pd.Series(tags, dtype="object"),
                         "key": pd.Series(keys, dtype="object")})


def context_before_distance(frame: pd.DataFrame) -> ContextInsight:
    check_frame(frame)
    # Contexts repeat a lot: split each distinct text once, then count it with its rows.
    codes, texts = pd.factorize(frame["context"].fillna("").astype(str), sort=False)
    is_distance = (frame["kind"] == "distance").to_numpy()
    moments_per_text = np.bincount(codes[codes >= 0], minlength=len(texts))
    distance_per_text = np.bincount(codes[(codes >= 0) & is_distance], minlength=len(texts))
    per_key: dict[str, tuple[list[int], dict[str, int]]] = {}
    tagged = tagged_distance = 0
    for index, text in enumerate(texts):
        tags = tags_in(str(text))
        if not tags:
            continue
        moments, apart = int(moments_per_text[index]), int(distance_per_text[index])
        tagged += moments
        tagged_distance += apart
        for tag, key in tags:
            counts, spellings = per_key.setdefault(key, ([0, 0], {}))
            counts[0] += moments
            counts[1] += apart
            spellings[tag] = spellings.get(tag, 0) + moments
    # Each tag as written most often (the first in sorted order on a tie).
    rows = [TagRow(min(spellings, key=lambda tag: (-spellings[tag], tag)), counts[0], counts[1])
            for counts, spellings in per_key.values()]
    rows.sort(key=lambda row: (-row.moments, row.tag))
    insight = ContextInsight(Basis(tagged), tagged_distance, tuple(rows[:MAX_TAGS]),
                             max(0, len(rows) - MAX_TAGS), ())
    if not insight.enough:
        return insight
    standouts = [row for row in rows if row.moments >= MIN_PER_GROUP
                 and (insight.lift(row) or 0) >= STANDOUT_LIFT]
    standouts.sort(key=lambda row: (-(insight.lift(row) or 0), -row.distance, row.tag))
    return ContextInsight(insight.basis, tagged_distance, insight.rows, insight.tags_left_out,
                          tuple(standouts))
