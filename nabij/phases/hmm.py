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
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nabij.phases.codes import PHASE_ORDER
from nabij.phases.features import DailyCounts

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
    steps = settings.substeps
    loglik = np.repeat(class_loglik(counts, emissions, 1.0), steps, axis=1)
    if settings.trend:
        position = (np.arange(steps) + 0.5) / steps - 0.5
        odds = np.log(emissions.closeness / (1 - emissions.closeness))
        drifted = 1 / (1 + np.exp(-(odds[:, None] + settings.trend * TREND[:, None] * position)))
        base = np.log(np.stack([emissions.closeness, 1 - emissions.closeness], axis=1))
        change = np.log(np.stack([drifted, 1 - drifted], axis=1)) - base[:, :, None]  # (r,k,j)
        by_role = np.einsum("tpk,rkj->tprj", counts.per_kind.astype(float), change)
        extra = by_role[:, 0, ROLE[:, 0]] + by_role[:, 1, ROLE[:, 1]]           # (t, c, j)
        loglik += extra.reshape(loglik.shape[0], -1)
    return settings.temper * loglik


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


def forward_backward(state_loglik: np.ndarray, matrix: np.ndarray,
                     start: np.ndarray) -> np.ndarray:
    """Posterior probability of each state per day (scaled forward-backward).

    Each day's likelihoods are divided by their largest, and the forward and backward vectors
    are renormalised every day, so nothing underflows however long the journal.
    """
    days, size = state_loglik.shape
    likelihood = np.exp(state_loglik - state_loglik.max(axis=1, keepdims=True))
    alpha = np.empty((days, size))
    current = start * likelihood[0]
    alpha[0] = current / current.sum()
    for t in range(1, days):
        current = (alpha[t - 1] @ matrix) * likelihood[t]
        alpha[t] = current / current.sum()
    posterior = np.empty((days, size))
    posterior[-1] = alpha[-1]
    beta = np.ones(size)
    for t in range(days - 2, -1, -1):
        beta = matrix @ (likelihood[t + 1] * beta)
        total = beta.sum()
        # With hundreds of moments a day the evidence is so sharp that forward and backward
        # can disagree to the last bit; then trust the forward pass rather than divide 0 by 0.
        beta = beta / total if total > 0 else np.ones(size)
        joint = alpha[t] * beta
        total = joint.sum()
        posterior[t] = joint / total if total > 0 else alpha[t]
    return posterior


def viterbi(state_loglik: np.ndarray, matrix: np.ndarray, start: np.ndarray) -> np.ndarray:
    """The most probable state path; impossible transitions have log-probability -inf."""
    days, size = state_loglik.shape
    with np.errstate(divide="ignore"):
        log_matrix = np.log(matrix)
        score = np.log(start) + state_loglik[0]
    back = np.empty((days, size), dtype=np.int64)
    for t in range(1, days):
        candidates = score[:, None] + log_matrix
        back[t] = candidates.argmax(axis=0)
        score = candidates[back[t], np.arange(size)] + state_loglik[t]
    path = np.empty(days, dtype=np.int64)
    path[-1] = int(score.argmax())
    for t in range(days - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    return path


def cyclic_decode(phase_posterior: np.ndarray, switch_cost: float) -> np.ndarray:
    """The phase path along the cycle with the most expected right days.

    Each day earns the posterior probability of its phase; each change of phase costs
    `switch_cost`. A phase can only stay or move on to the next one, so the path follows the
    cycle. This is maximum expected accuracy decoding: unlike Viterbi, which picks the single
    most probable sub-state path, it weighs every way a phase may have run.
    """
    days, count = phase_posterior.shape
    moves = np.full((count, count), -np.inf)
    for phase in range(count):
        moves[phase, phase] = 0.0
        moves[phase, (phase + 1) % count] = -switch_cost
    score = phase_posterior[0].copy()
    back = np.empty((days, count), dtype=np.int64)
    columns = np.arange(count)
    for t in range(1, days):
        candidates = score[:, None] + moves
        back[t] = candidates.argmax(axis=0)
        score = candidates[back[t], columns] + phase_posterior[t]
    path = np.empty(days, dtype=np.int64)
    path[-1] = int(score.argmax())
    for t in range(days - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    return path


def _refit(counts: DailyCounts, class_posterior: np.ndarray, settings: HmmSettings,
           prior: Emissions) -> Emissions:
    """M-step: expected counts under the posterior plus prior pseudo-counts."""
    weight = settings.prior_weight
    per_kind = counts.per_kind.astype(float)
    role_kind = np.zeros((ROLE_COUNT, 2))
    role_body = np.zeros((ROLE_COUNT, 2, 3))
    for cls in range(CLASS_COUNT):
        for partner in (0, 1):
            role = ROLE[cls, partner]
            role_kind[role] += class_posterior[:, cls] @ per_kind[:, partner]
            role_body[role] += np.einsum("t,tkb->kb", class_posterior[:, cls],
                                         counts.bodies[:, partner].astype(float))
    phase_posterior = np.zeros((class_posterior.shape[0], len(PHASE_ORDER)))
    for cls, phase in enumerate(CLASS_PHASE):
        phase_posterior[:, phase] += class_posterior[:, cls]
    phase_levels = np.einsum("ts,tki->ski", phase_posterior,
                             counts.moments.sum(axis=1).astype(float))
    closeness = (role_kind[:, 0] + weight * prior.closeness) / (role_kind.sum(axis=1) + weight)
    intensity = phase_levels + weight * prior.intensity
    body = role_body + weight * prior.body
    return Emissions(closeness=closeness,
                     intensity=intensity / intensity.sum(axis=2, keepdims=True),
                     body=body / body.sum(axis=2, keepdims=True))


def fit_and_decode(counts: DailyCounts, settings: HmmSettings | None = None,
                   prior: Emissions = PRIOR) -> HmmResult:
    """Fit the emission tables to this journal, then decode the most probable phases."""
    settings = settings or HmmSettings()
    matrix = transition_matrix(settings)
    start = initial_distribution(settings)
    emissions = prior
    for _ in range(settings.em_rounds):
        posterior = forward_backward(state_loglik(counts, emissions, settings), matrix, start)
        class_posterior = posterior.reshape(-1, CLASS_COUNT, settings.substeps).sum(axis=2)
        emissions = _refit(counts, class_posterior, settings, prior)
    loglik = state_loglik(counts, emissions, settings)
    posterior = forward_backward(loglik, matrix, start)
    class_posterior = posterior.reshape(-1, CLASS_COUNT, settings.substeps).sum(axis=2)
    phase_posterior = np.zeros((counts.day_count, len(PHASE_ORDER)))
    for cls, phase in enumerate(CLASS_PHASE):
        phase_posterior[:, phase] += class_posterior[:, cls]
    if settings.decoder == "viterbi":
        phases = CLASS_PHASE[viterbi(loglik, matrix, start) // settings.substeps]
    else:
        phases = cyclic_decode(phase_posterior, settings.switch_cost)
    return HmmResult(phase_index=phases, posterior=phase_posterior, emissions=emissions)
