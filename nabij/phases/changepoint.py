"""Method 2: change-point segmentation of daily features, then labels along the cycle.

First the journal is cut where the daily mix of moments changes, by optimal penalised
segmentation (PELT) with a least-squares cost: the same as `ruptures.Pelt(model="l2")`, written
out here so that each day can weigh by how many moments it holds. Only days with moments take
part; a change between two such days is placed halfway through the empty days between them.
Then every segment gets a phase by dynamic programming along the cycle, scored with the same
per-moment probabilities as the hidden Markov model (its prior tables), each change of phase
costing `switch_cost`. Neighbouring segments with the same phase merge.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nabij.phases import chain
from nabij.phases.features import DailyCounts
from nabij.phases.four_phases import PHASE_ORDER
from nabij.phases.hmm import CLASS_COUNT, CLASS_PHASE, PRIOR, SUCCESSORS, class_loglik


@dataclass(frozen=True)
class ChangePointSettings:
    penalty: float = 0.6       # cost of one change point, in squared feature units x moments
    switch_cost: float = 1.5   # log-probability cost of one change of phase when labelling
    weight_cap: int = 3        # a busy day counts as at most this many moments


@dataclass(frozen=True)
class ChangePointResult:
    phase_index: np.ndarray    # (T,) phase per day, index into PHASE_ORDER
    posterior: np.ndarray      # (T, 4) probability of each phase per day
    breaks: tuple[int, ...]    # day indices where a segment starts (after the first)


def day_features(counts: DailyCounts) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Day indices with moments, their feature rows and weights.

    Features: share of closeness, mean signed intensity / 5 (closeness counts +, distance -),
    and distance load (summed distance intensity / 5 per moment).
    """
    levels = np.arange(1, counts.moments.shape[3] + 1, dtype=float)
    by_kind = counts.moments.sum(axis=1).astype(float)            # (T, kind, level)
    number = by_kind.sum(axis=(1, 2))
    days = np.flatnonzero(number > 0)
    n = number[days]
    closeness = by_kind[days, 0].sum(axis=1)
    closeness_load = by_kind[days, 0] @ levels
    distance_load = by_kind[days, 1] @ levels
    features = np.column_stack([closeness / n, (closeness_load - distance_load) / (5 * n),
                                distance_load / (5 * n)])
    return days, features, n


def pelt(features: np.ndarray, weights: np.ndarray, penalty: float) -> list[int]:
    """Optimal segmentation minimising weighted squared error + penalty per segment.

    Returns the exclusive end index of every segment (the last one is len(features)).
    """
    size = len(features)
    s0 = np.concatenate([[0.0], np.cumsum(weights)])
    s1 = np.vstack([np.zeros(features.shape[1]), np.cumsum(features * weights[:, None], axis=0)])
    s2 = np.concatenate([[0.0], np.cumsum(weights * (features ** 2).sum(axis=1))])
    best = np.empty(size + 1)
    best[0] = -penalty
    previous = np.zeros(size + 1, dtype=np.int64)
    candidates = np.array([0], dtype=np.int64)
    for end in range(1, size + 1):
        mass = s0[end] - s0[candidates]
        spread = (s2[end] - s2[candidates]
                  - ((s1[end] - s1[candidates]) ** 2).sum(axis=1) / mass)
        total = best[candidates] + spread + penalty
        pick = int(total.argmin())
        best[end] = total[pick]
        previous[end] = candidates[pick]
        keep = best[candidates] + spread <= best[end]  # PELT pruning
        candidates = np.append(candidates[keep], end)
    ends = []
    end = size
    while end > 0:
        ends.append(end)
        end = int(previous[end])
    return ends[::-1]


def label_segments(segment_loglik: np.ndarray, switch_cost: float) -> tuple[np.ndarray,
                                                                             np.ndarray]:
    """Class per segment along the cycle (max-product) and phase marginals (sum-product)."""
    count = segment_loglik.shape[0]
    moves = np.full((CLASS_COUNT, CLASS_COUNT), -np.inf)
    np.fill_diagonal(moves, 0.0)
    for cls, successors in SUCCESSORS.items():
        for successor, weight in successors:
            moves[cls, successor] = -switch_cost + np.log(weight)
    start = np.log(np.array([1.0, 1.0, 0.5, 0.5, 1.0]) / 4)

    path = chain.viterbi(segment_loglik, moves, start)
    joint = chain.marginals(segment_loglik, moves, start)
    marginal = np.zeros((count, len(PHASE_ORDER)))
    for cls, phase in enumerate(CLASS_PHASE):
        marginal[:, phase] += joint[:, cls]
    return path, marginal


def segment_and_label(counts: DailyCounts,
                      settings: ChangePointSettings | None = None) -> ChangePointResult:
    settings = settings or ChangePointSettings()
    days, features, number = day_features(counts)
    weights = np.minimum(number, settings.weight_cap)
    ends = pelt(features, weights, settings.penalty)
    # Segment k covers event days [start_k, end_k); in calendar days it starts halfway
    # between the last event day of the segment before and its own first event day.
    starts = [0]
    for end in ends[:-1]:
        before, after = days[end - 1], days[end]
        starts.append(int(before + (after - before + 1) // 2))
    bounds = [*starts, counts.day_count]
    daily = class_loglik(counts, PRIOR)
    cumulative = np.vstack([np.zeros(CLASS_COUNT), np.cumsum(daily, axis=0)])
    segment_loglik = cumulative[bounds[1:]] - cumulative[bounds[:-1]]
    path, marginal = label_segments(segment_loglik, settings.switch_cost)
    lengths = np.diff(bounds)
    phase_index = np.repeat(CLASS_PHASE[path], lengths)
    posterior = np.repeat(marginal, lengths, axis=0)
    return ChangePointResult(phase_index=phase_index, posterior=posterior,
                             breaks=tuple(starts[1:]))
