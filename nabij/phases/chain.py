"""A Markov chain read in log space: the most probable path (Viterbi) and state marginals.

Both phase methods walk a chain of states along the cycle: the hidden Markov model over days
and sub-states (hmm.py), the change-point method over segments and classes (changepoint.py).
They share this one implementation, so a fix or a test of the recursion holds for both.

Everything is in log space, so an impossible move is simply -inf and nothing underflows
however long the chain. hmm.py keeps its own scaled forward-backward for the days of a
journal, which is several times faster there; tests/test_phases_hmm.py checks the two agree.
"""

from __future__ import annotations

import numpy as np


def log_of(values: np.ndarray) -> np.ndarray:
    """The natural log, with log(0) = -inf and no warning: zero means impossible."""
    with np.errstate(divide="ignore"):
        return np.log(values)


def logsumexp(values: np.ndarray, axis: int) -> np.ndarray:
    """log(sum(exp(values))) along `axis`, safe for rows that are all -inf (they stay -inf)."""
    top = values.max(axis=axis, keepdims=True)
    top = np.where(np.isfinite(top), top, 0.0)
    with np.errstate(divide="ignore"):
        return np.log(np.exp(values - top).sum(axis=axis)) + top.squeeze(axis)


def viterbi(log_emission: np.ndarray, log_transition: np.ndarray,
            log_start: np.ndarray) -> np.ndarray:
    """The most probable state path, shape (T,).

    `log_emission[t, s]`: log-probability of step t's evidence in state s; `log_transition[a, b]`
    of moving from a to b (-inf where impossible); `log_start[s]` of starting in s. Ties go to
    the lowest state index.
    """
    steps, size = log_emission.shape
    score = log_start + log_emission[0]
    back = np.zeros((steps, size), dtype=np.int64)
    for t in range(1, steps):
        candidates = score[:, None] + log_transition
        back[t] = candidates.argmax(axis=0)
        score = candidates[back[t], np.arange(size)] + log_emission[t]
    path = np.empty(steps, dtype=np.int64)
    path[-1] = int(score.argmax())
    for t in range(steps - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    return path


def marginals(log_emission: np.ndarray, log_transition: np.ndarray,
              log_start: np.ndarray) -> np.ndarray:
    """Probability of each state at each step given all the evidence: shape (T, S), rows sum
    to 1 (forward-backward in log space)."""
    steps, size = log_emission.shape
    forward = np.empty((steps, size))
    forward[0] = log_start + log_emission[0]
    for t in range(1, steps):
        forward[t] = logsumexp(forward[t - 1][:, None] + log_transition, axis=0) \
            + log_emission[t]
    backward = np.zeros((steps, size))
    for t in range(steps - 2, -1, -1):
        backward[t] = logsumexp(log_transition
                                + (log_emission[t + 1] + backward[t + 1])[None, :], axis=1)
    joint = forward + backward
    joint = np.exp(joint - joint.max(axis=1, keepdims=True))
    return joint / joint.sum(axis=1, keepdims=True)
