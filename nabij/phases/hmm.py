"""Method 1: a cyclic hidden Markov model over days, read along the cycle.

Hidden state: the phase, split into a chain of `substeps` sub-states so that a phase lasts at
least that many days and its length follows a gamma-like (negative binomial) curve instead of
the memoryless one of a plain HMM. The only ways out of a phase lead into the next phase of the
cycle. A crisis exists twice, once with each partner as the one who keeps reaching out; both
count as crisis.

Observation: the moments of a day. Each moment's kind, intensity and body signal has a
probability that depends on the phase and, in a crisis, on the partner's role; within the middle
phase the share of closeness drifts down, within the turning point up. A day without moments has
probability 1 under every phase: it is missing, not evidence. The emission tables start from
the phase definitions below and are then fitted to the journal itself with a few rounds of EM
(Baum-Welch with a Dirichlet prior), which absorbs how a couple happens to log.

Decoding: forward-backward gives each day's probability of each phase; the answer is the path
along the cycle (stay, or move on to the next phase) with the most expected right days. The
classic Viterbi path is available for comparison (`decoder="viterbi"`) but loses short and
sparsely logged phases (see bench/README.md).

After a journal changes by a few moments, `fit` can start from the previous fit of the same
journal: its tables are kept and only the days the change reaches are computed again (see
REUSE_SHARE).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nabij.phases import chain
from nabij.phases.features import DailyCounts
from nabij.phases.four_phases import PHASE_ORDER

# Emission classes: begin, middle, crisis with partner 0 pursuing, crisis with partner 1
# pursuing, turning point. CLASS_PHASE maps them onto the phase index.
CLASS_PHASE = np.array([0, 1, 2, 2, 3])
CLASS_COUNT = len(CLASS_PHASE)
# Role of partner p in class c: 0 begin, 1 middle, 2 pursuer, 3 withdrawer, 4 turning point.
ROLE = np.array([[0, 0], [1, 1], [2, 3], [3, 2], [4, 4]])
ROLE_COUNT = 5
# Which classes a class leads into when its phase ends, with their weights.
SUCCESSORS = {0: ((1, 1.0),), 1: ((2, 0.5), (3, 0.5)), 2: ((4, 1.0),), 3: ((4, 1.0),),
              4: ((0, 1.0),)}

# Prior emission tables, read from the phase definitions: how often a moment is closeness
# (per role), how strong it is (per phase and kind) and which body signal it names.
PRIOR_CLOSENESS = np.array([0.85, 0.55, 0.35, 0.10, 0.65])
PRIOR_INTENSITY = np.array([
    [[0.02, 0.08, 0.20, 0.40, 0.30], [0.35, 0.35, 0.20, 0.07, 0.03]],  # begin
    [[0.04, 0.12, 0.34, 0.32, 0.18], [0.10, 0.30, 0.35, 0.18, 0.07]],  # middle
    [[0.06, 0.16, 0.34, 0.28, 0.16], [0.02, 0.06, 0.17, 0.35, 0.40]],  # crisis
    [[0.04, 0.12, 0.32, 0.33, 0.19], [0.25, 0.35, 0.25, 0.10, 0.05]],  # turning point
])
PRIOR_BODY = np.array([  # (calm, alarm, shutdown) for closeness, then for distance
    [[0.80, 0.12, 0.08], [0.30, 0.45, 0.25]],  # begin
    [[0.65, 0.20, 0.15], [0.15, 0.50, 0.35]],  # middle
    [[0.25, 0.60, 0.15], [0.10, 0.65, 0.25]],  # crisis, pursuer
    [[0.35, 0.25, 0.40], [0.10, 0.30, 0.60]],  # crisis, withdrawer
    [[0.75, 0.15, 0.10], [0.25, 0.45, 0.30]],  # turning point
])


@dataclass(frozen=True)
class HmmSettings:
    substeps: int = 5          # sub-states per phase: the shortest phase in days
    substep_days: float = 7.0  # mean days per sub-state: a phase lasts about 5 x 7 days
    em_rounds: int = 2         # rounds of EM fitting the emission tables to the journal
    prior_weight: float = 20.0  # pseudo-moments per table row holding EM near the prior
    temper: float = 0.7        # weight of one moment's evidence: moments of one day often tell
    #                            the same situation from both sides, so they are not independent
    decoder: str = "mea"       # "mea": most expected right days along the cycle; "viterbi"
    switch_cost: float = 0.5   # in days: what one phase change costs the "mea" decoder
    trend: float = 1.0         # how strongly the closeness share drifts within middle and
    #                            turning point (0: flat phases)


@dataclass(frozen=True)
class Emissions:
    closeness: np.ndarray  # (ROLE_COUNT,) probability a moment is closeness
    intensity: np.ndarray  # (4 phases, 2 kinds, 5 levels)
    body: np.ndarray       # (ROLE_COUNT, 2 kinds, 3 signals)


PRIOR = Emissions(PRIOR_CLOSENESS, PRIOR_INTENSITY, PRIOR_BODY)
# Drift of the closeness share (log-odds from the start to the end of a phase), per role: in the
# middle closeness falls, at the turning point it recovers.
TREND = np.array([0.0, -1.2, 0.0, 0.0, 1.2])


@dataclass(frozen=True)
class HmmResult:
    phase_index: np.ndarray   # (T,) decoded phase per day, index into PHASE_ORDER
    posterior: np.ndarray     # (T, 4) probability of each phase per day
    emissions: Emissions


def class_loglik(counts: DailyCounts, emissions: Emissions, temper: float = 1.0) -> np.ndarray:
    """Log-probability of each day's moments under each emission class: shape (T, 5)."""
    per_kind = counts.per_kind.astype(float)                       # (T, p, k)
    log_kind = np.log(np.stack([emissions.closeness, 1 - emissions.closeness], axis=1))
    by_role = np.einsum("tpk,rk->tpr", per_kind, log_kind)
    by_role += np.einsum("tpkb,rkb->tpr", counts.bodies.astype(float), np.log(emissions.body))
    by_phase = np.einsum("tki,ski->ts", counts.moments.sum(axis=1).astype(float),
                         np.log(emissions.intensity))
    loglik = (by_role[:, 0, ROLE[:, 0]] + by_role[:, 1, ROLE[:, 1]]
              + by_phase[:, CLASS_PHASE])
    return temper * loglik


def state_loglik(counts: DailyCounts, emissions: Emissions,
                 settings: HmmSettings) -> np.ndarray:
    """Log-probability of each day's moments under each sub-state: shape (T, 5 * substeps).

    Sub-states of one phase share the tables, except that the closeness share drifts from the
    first sub-state to the last as TREND says.
    """
    return _features(counts) @ _feature_weights(emissions, settings)


# A day's log-probability is linear in its counts: (moments per partner and kind, body signals
# per partner and kind, moments per kind and intensity) times the log of the table entry each
# one draws. So all days under all sub-states are one product of a (T, 26) count matrix with a
# (26, S) weight matrix, instead of a chain of einsums per round of EM.
_KIND_FEATURES = slice(0, 4)     # partner p, kind k at 2p + k
_BODY_FEATURES = slice(4, 16)    # partner p, kind k, signal b at 4 + 6p + 3k + b
_LEVEL_FEATURES = slice(16, 26)  # kind k, intensity level i at 16 + 5k + i


def _features(counts: DailyCounts) -> np.ndarray:
    """The counts of each day as a (T, 26) float matrix, in the order of the slices above."""
    days = counts.day_count
    return np.concatenate([counts.moments.sum(axis=3).reshape(days, 4),
                           counts.bodies.reshape(days, 12),
                           counts.moments.sum(axis=1).reshape(days, 10)], axis=1).astype(float)


def _feature_weights(emissions: Emissions, settings: HmmSettings) -> np.ndarray:
    """(26, S): what one count of each feature adds to each sub-state's log-probability."""
    steps = settings.substeps
    log_kind = np.log(np.stack([emissions.closeness, 1 - emissions.closeness], axis=1))  # (r,k)
    drift = np.zeros((ROLE_COUNT, 2, steps))
    if settings.trend:
        position = (np.arange(steps) + 0.5) / steps - 0.5
        odds = np.log(emissions.closeness / (1 - emissions.closeness))
        drifted = 1 / (1 + np.exp(-(odds[:, None] + settings.trend * TREND[:, None] * position)))
        drift = np.log(np.stack([drifted, 1 - drifted], axis=1)) - log_kind[:, :, None]
    log_body = np.log(emissions.body)
    log_level = np.log(emissions.intensity)
    weights = np.zeros((26, CLASS_COUNT, steps))
    for cls in range(CLASS_COUNT):
        for partner in (0, 1):
            role = ROLE[cls, partner]
            kind_rows = slice(2 * partner, 2 * partner + 2)
            weights[kind_rows, cls] += log_kind[role][:, None] + drift[role]
            body_rows = slice(4 + 6 * partner, 10 + 6 * partner)
            weights[body_rows, cls] += log_body[role].reshape(6)[:, None]
        weights[_LEVEL_FEATURES, cls] += log_level[CLASS_PHASE[cls]].reshape(10)[:, None]
    return settings.temper * weights.reshape(26, CLASS_COUNT * steps)


def transition_matrix(settings: HmmSettings) -> np.ndarray:
    """Dense (S, S) matrix over the CLASS_COUNT * substeps states; rows sum to 1."""
    steps = settings.substeps
    advance = 1.0 / settings.substep_days
    size = CLASS_COUNT * steps
    matrix = np.zeros((size, size))
    for cls in range(CLASS_COUNT):
        for step in range(steps):
            state = cls * steps + step
            matrix[state, state] = 1 - advance
            if step + 1 < steps:
                matrix[state, state + 1] = advance
            else:
                for successor, weight in SUCCESSORS[cls]:
                    matrix[state, successor * steps] = advance * weight
    return matrix


def initial_distribution(settings: HmmSettings) -> np.ndarray:
    """A journal may start anywhere: each phase equally, each sub-state equally."""
    weights = np.repeat(np.array([1.0, 1.0, 0.5, 0.5, 1.0]), settings.substeps)
    return weights / weights.sum()


# Below this total the running forward or backward vector is rescaled: rescaling only now
# and then (instead of every day) saves numpy calls, and 1e-100 leaves a margin of 200 orders
# of magnitude before anything could underflow.
_RESCALE_BELOW = 1e-100


def forward_backward(state_loglik: np.ndarray, matrix: np.ndarray,
                     start: np.ndarray) -> np.ndarray:
    """Posterior probability of each state per day (scaled forward-backward)."""
    return _posterior(*_forward_backward(state_loglik, matrix, start))


def _forward_backward(state_loglik: np.ndarray, matrix: np.ndarray,
                      start: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Forward and backward vectors per day, each normalised to sum 1: (alpha, beta).

    Each day's likelihoods are divided by their largest, and the running forward and backward
    vectors are rescaled whenever they grow small, so nothing underflows however long the
    journal.

    The recursion is sequential, so what it costs is numpy's overhead per call, once per day.
    To pay it once instead of four times, the forward pass (from the first day) and the
    backward pass (from the last) run in the same loop as one vector and one block matrix:
    each half carries an extra slot that the product fills with its total (a column or row of
    ones in the matrix), so no separate sum is needed. Normalising and the posterior are done
    for all days at once afterwards. This is the arithmetic of rescaling every day, up to
    rounding.
    """
    days, size = state_loglik.shape
    width = size + 1
    likelihood = np.zeros((days, width))  # slot `size` stays 0: it clears the carried total
    likelihood[:, :size] = np.exp(state_loglik - state_loglik.max(axis=1, keepdims=True))
    # Step t multiplies the forward half by day t's likelihood, the backward half by day
    # days-1-t's.
    step_likelihood = np.concatenate([likelihood, likelihood[::-1]], axis=1)
    block = np.zeros((2 * width, 2 * width))
    # Forward: predicted_{t+1} = (predicted_t * likelihood_t) @ matrix, total in slot `size`.
    block[:size, :size] = matrix
    block[:size, size] = 1.0
    # Backward: beta_{t-1} = matrix @ (likelihood_t * beta_t), written as a row times the
    # transposed matrix, total in the last slot.
    block[width:width + size, width:width + size] = matrix.T
    block[width:width + size, -1] = 1.0
    fresh_beta = np.zeros(width)
    fresh_beta[:size] = 1.0
    vector = np.concatenate([np.append(start, 0.0), fresh_beta])
    seen: list[np.ndarray] = [vector] * days
    for t in range(days):
        seen[t] = vector
        vector = (vector * step_likelihood[t]) @ block
        if vector[size] < _RESCALE_BELOW or vector[-1] < _RESCALE_BELOW:
            vector = _rescaled(vector, size, fresh_beta)
    stacked = np.array(seen)
    alpha = stacked[:, :size] * likelihood[:, :size]  # predicted times the day's evidence
    alpha /= alpha.sum(axis=1, keepdims=True)
    beta = np.ascontiguousarray(stacked[::-1, width:width + size])
    totals = beta.sum(axis=1, keepdims=True)
    beta = np.divide(beta, totals, out=np.full_like(beta, 1.0 / size), where=totals > 0)
    return alpha, beta


def _posterior(alpha: np.ndarray, beta: np.ndarray) -> np.ndarray:
    joint = alpha * beta
    totals = joint.sum(axis=1, keepdims=True)
    return np.divide(joint, totals, out=alpha.copy(), where=totals > 0)


def _rescaled(vector: np.ndarray, size: int, fresh_beta: np.ndarray) -> np.ndarray:
    """Both halves of the forward-backward vector brought back to a total of 1 where small.

    With hundreds of moments a day the evidence is so sharp that forward and backward can
    disagree to the last bit and the backward half becomes all zeros; then it starts again
    from ones, which trusts the forward pass rather than dividing 0 by 0.
    """
    vector = vector.copy()
    forward_total, backward_total = vector[size], vector[-1]
    if 0 < forward_total < _RESCALE_BELOW:
        vector[:size + 1] /= forward_total
    if backward_total < _RESCALE_BELOW:
        if backward_total > 0:
            vector[size + 1:] /= backward_total
        else:
            vector[size + 1:] = fresh_beta
    return vector


def viterbi(state_loglik: np.ndarray, matrix: np.ndarray, start: np.ndarray) -> np.ndarray:
    """The most probable state path; impossible transitions (0 in `matrix`) stay impossible."""
    return chain.viterbi(state_loglik, chain.log_of(matrix), chain.log_of(start))


def cyclic_decode(phase_posterior: np.ndarray, switch_cost: float) -> np.ndarray:
    """The phase path along the cycle with the most expected right days.

    Each day earns the posterior probability of its phase; each change of phase costs
    `switch_cost`. A phase can only stay or move on to the next one, so the path follows the
    cycle. This is maximum expected accuracy decoding: unlike Viterbi, which picks the single
    most probable sub-state path, it weighs every way a phase may have run.

    Four phases with two ways into each are a handful of float operations a day, so this runs
    on plain Python floats: numpy's overhead per call would cost several times more. Ties are
    broken as a first-maximum argmax over the phases would: staying wins for the first phase,
    moving on for the others.
    """
    days, count = phase_posterior.shape
    if count != len(PHASE_ORDER):
        raise ValueError(f"expected {len(PHASE_ORDER)} phases, got {count}")
    if days == 0:
        return np.empty(0, dtype=np.int64)
    rows = phase_posterior.tolist()
    a, b, c, d = rows[0]
    cost = switch_cost
    moved: list[int] = []  # per day from the second: bit p set when p was reached by moving
    append = moved.append
    for pa, pb, pc, pd in rows[1:]:
        from_d, from_a, from_b, from_c = d - cost, a - cost, b - cost, c - cost
        move_a = from_d > a
        move_b = from_a >= b
        move_c = from_b >= c
        move_d = from_c >= d
        append(move_a | move_b << 1 | move_c << 2 | move_d << 3)
        a, b, c, d = ((from_d if move_a else a) + pa, (from_a if move_b else b) + pb,
                      (from_b if move_c else c) + pc, (from_c if move_d else d) + pd)
    final = [a, b, c, d]
    phase = final.index(max(final))
    path = [0] * days
    path[-1] = phase
    for t in range(days - 1, 0, -1):
        if moved[t - 1] >> phase & 1:
            phase = (phase - 1) % count
        path[t - 1] = phase
    return np.array(path, dtype=np.int64)


def _refit(features: np.ndarray, class_posterior: np.ndarray, settings: HmmSettings,
           prior: Emissions) -> Emissions:
    """M-step: expected counts under the posterior plus prior pseudo-counts.

    `features` is `_features(counts)`; the expected count of each feature per class is one
    product, then each class's counts go to the roles and phase it stands for.
    """
    weight = settings.prior_weight
    expected = class_posterior.T @ features  # (class, feature)
    role_kind = np.zeros((ROLE_COUNT, 2))
    role_body = np.zeros((ROLE_COUNT, 2, 3))
    phase_levels = np.zeros((len(PHASE_ORDER), 2, 5))
    for cls in range(CLASS_COUNT):
        for partner in (0, 1):
            role = ROLE[cls, partner]
            role_kind[role] += expected[cls, 2 * partner:2 * partner + 2]
            role_body[role] += expected[cls, 4 + 6 * partner:10 + 6 * partner].reshape(2, 3)
        phase_levels[CLASS_PHASE[cls]] += expected[cls, _LEVEL_FEATURES].reshape(2, 5)
    closeness = (role_kind[:, 0] + weight * prior.closeness) / (role_kind.sum(axis=1) + weight)
    intensity = phase_levels + weight * prior.intensity
    body = role_body + weight * prior.body
    return Emissions(closeness=closeness,
                     intensity=intensity / intensity.sum(axis=2, keepdims=True),
                     body=body / body.sum(axis=2, keepdims=True))


def fit_and_decode(counts: DailyCounts, settings: HmmSettings | None = None,
                   prior: Emissions = PRIOR) -> HmmResult:
    """Fit the emission tables to this journal, then decode the most probable phases."""
    return fit(counts, settings=settings, prior=prior).result


# A journal changes by a moment or a few at a time, and tables fitted to thousands of moments
# barely move for a few more. So the tables of the last fit are reused as long as the journal
# differs from the one they were fitted to by at most this share of its moments (0.2 %: 200
# moments in 100,000; in a journal of under 500 moments every change refits). Then only the
# days whose evidence changed are computed again (see `_refresh`), instead of every day in
# every round of EM. The answer is equivalent to a fit from scratch, not identical: where
# they differ at all, the model was split on that day (a phase change a day earlier or
# later). tests/test_phases_hmm.py and the warm-start row of bench/phases.py measure it.
REUSE_SHARE = 0.002
# Below this difference (per state, in probability) a backward vector recomputed after a
# change equals the one kept from before; from there on back nothing changed.
_SAME_BACKWARD = 1e-13


@dataclass(frozen=True)
class Fit:
    """A fit of one journal and what the next fit of the same journal can reuse."""

    result: HmmResult
    counts: DailyCounts          # the journal this fit decoded
    fitted_counts: DailyCounts   # the journal the emission tables were fitted to (EM)
    alpha: np.ndarray            # (T, S) forward vectors, normalised, under result.emissions
    beta: np.ndarray             # (T, S) backward vectors, normalised
    settings: HmmSettings
    prior: Emissions


def fit(counts: DailyCounts, previous: Fit | None = None, *,
        settings: HmmSettings | None = None, prior: Emissions = PRIOR) -> Fit:
    """Fit and decode `counts`, reusing `previous` (a fit of the same journal) where it can.

    From scratch, the emission tables are fitted with `settings.em_rounds` rounds of EM and
    every day is decoded under them. With a previous fit whose tables were fitted to nearly
    the same journal (see REUSE_SHARE), those tables are kept and only the changed days and
    the days their evidence reaches are computed again.
    """
    settings = settings or HmmSettings()
    matrix = transition_matrix(settings)
    start = initial_distribution(settings)
    features = _features(counts)
    if _can_reuse(previous, counts, settings, prior):
        assert previous is not None
        emissions = previous.result.emissions
        loglik = features @ _feature_weights(emissions, settings)
        alpha, beta = _refresh(previous, counts, loglik, matrix, start)
        fitted_counts = previous.fitted_counts
    else:
        emissions = prior
        for _ in range(settings.em_rounds):
            loglik = features @ _feature_weights(emissions, settings)
            posterior = forward_backward(loglik, matrix, start)
            class_posterior = posterior.reshape(-1, CLASS_COUNT, settings.substeps).sum(axis=2)
            emissions = _refit(features, class_posterior, settings, prior)
        loglik = features @ _feature_weights(emissions, settings)
        alpha, beta = _forward_backward(loglik, matrix, start)
        fitted_counts = counts
    posterior = _posterior(alpha, beta)
    class_posterior = posterior.reshape(-1, CLASS_COUNT, settings.substeps).sum(axis=2)
    phase_posterior = np.zeros((counts.day_count, len(PHASE_ORDER)))
    for cls, phase in enumerate(CLASS_PHASE):
        phase_posterior[:, phase] += class_posterior[:, cls]
    if settings.decoder == "viterbi":
        phases = CLASS_PHASE[viterbi(loglik, matrix, start) // settings.substeps]
    else:
        phases = cyclic_decode(phase_posterior, settings.switch_cost)
    result = HmmResult(phase_index=phases, posterior=phase_posterior, emissions=emissions)
    return Fit(result=result, counts=counts, fitted_counts=fitted_counts, alpha=alpha,
               beta=beta, settings=settings, prior=prior)


def _moments_apart(first: DailyCounts, second: DailyCounts) -> int:
    """How many moments (or body signals) one journal has that the other has not, day by day.

    Both start on the same day (`_can_reuse` checks that first).
    """
    common = min(first.day_count, second.day_count)
    apart = 0
    for mine, theirs in ((first.moments, second.moments), (first.bodies, second.bodies)):
        apart += int(np.abs(mine[:common] - theirs[:common]).sum())
        apart += int(mine[common:].sum()) + int(theirs[common:].sum())
    return apart


def _can_reuse(previous: Fit | None, counts: DailyCounts, settings: HmmSettings,
               prior: Emissions) -> bool:
    if previous is None or previous.settings != settings or previous.prior is not prior:
        return False
    if settings.decoder != "mea" or previous.counts.first_day != counts.first_day:
        return False
    return _moments_apart(previous.fitted_counts, counts) <= \
        REUSE_SHARE * int(counts.moments.sum())


def _first_change(before: DailyCounts, after: DailyCounts) -> int:
    """The first day whose counts differ (the shorter length when one only adds days)."""
    common = min(before.day_count, after.day_count)
    differs = ((before.moments[:common] != after.moments[:common]).reshape(common, -1).any(1)
               | (before.bodies[:common] != after.bodies[:common]).reshape(common, -1).any(1))
    changed = np.flatnonzero(differs)
    if len(changed):
        return int(changed[0])
    return common if before.day_count != after.day_count else after.day_count


def _refresh(previous: Fit, counts: DailyCounts, loglik: np.ndarray, matrix: np.ndarray,
             start: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Forward and backward vectors for `counts` under the previous fit's tables.

    Forward vectors depend only on the days up to theirs, so those before the first changed
    day are kept. Backward vectors depend on the days after theirs: they are computed again
    from the last day back until one equals the kept one before the change; from there on
    back the same steps apply to the same vector (and the steps only pull vectors together),
    so the kept ones are the answer. The same arithmetic as `_forward_backward` up to
    rounding, for a fraction of the days.
    """
    days, size = loglik.shape
    changed = _first_change(previous.counts, counts)
    if changed >= days and days == previous.counts.day_count:
        return previous.alpha, previous.beta  # the same moments: nothing to compute
    likelihood = np.exp(loglik - loglik.max(axis=1, keepdims=True))
    alpha = np.empty((days, size))
    alpha[:changed] = previous.alpha[:changed]
    current = alpha[changed - 1] if changed else None
    for t in range(changed, days):
        current = (start if current is None else current @ matrix) * likelihood[t]
        current = current / current.sum()
        alpha[t] = current
    beta = np.empty((days, size))
    beta[-1] = current = np.full(size, 1.0 / size)
    kept = previous.beta
    for t in range(days - 2, -1, -1):
        current = matrix @ (likelihood[t + 1] * current)
        total = current.sum()
        current = current / total if total > 0 else np.full(size, 1.0 / size)
        beta[t] = current
        if t < changed and np.abs(current - kept[t]).max() < _SAME_BACKWARD:
            beta[:t] = kept[:t]
            break
    return alpha, beta
