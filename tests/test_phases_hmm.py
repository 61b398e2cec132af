"""The hidden Markov model's parts against brute force on tiny cases."""

from __future__ import annotations

import itertools

import numpy as np

from nabij.phases import hmm
from nabij.phases.codes import follows_cycle


def test_transitions_only_stay_or_move_on_along_the_cycle():
    settings = hmm.HmmSettings(substeps=3)
    matrix = hmm.transition_matrix(settings)
    assert np.allclose(matrix.sum(axis=1), 1.0)
    phase_of_state = np.repeat(hmm.CLASS_PHASE, settings.substeps)
    for source, target in zip(*np.nonzero(matrix), strict=True):
        assert (phase_of_state[target] - phase_of_state[source]) % 4 in (0, 1)


def test_forward_backward_equals_summing_over_every_path():
    settings = hmm.HmmSettings(substeps=2)
    matrix = hmm.transition_matrix(settings)
    start = hmm.initial_distribution(settings)
    rng = np.random.default_rng(3)
    loglik = rng.normal(scale=2.0, size=(4, len(start)))
    loglik[2] = 0.0  # an empty day
    size = len(start)
    expected = np.zeros_like(loglik)
    for path in itertools.product(range(size), repeat=len(loglik)):
        weight = start[path[0]] * np.exp(loglik[0, path[0]])
        for t in range(1, len(path)):
            weight *= matrix[path[t - 1], path[t]] * np.exp(loglik[t, path[t]])
        for t, state in enumerate(path):
            expected[t, state] += weight
    expected /= expected.sum(axis=1, keepdims=True)
    assert np.allclose(hmm.forward_backward(loglik, matrix, start), expected)


def test_cyclic_decode_finds_the_best_path_along_the_cycle():
    rng = np.random.default_rng(5)
    for _ in range(20):
        posterior = rng.dirichlet(np.ones(4), size=6)
        path = hmm.cyclic_decode(posterior, switch_cost=0.3)

        def score(candidate, posterior=posterior):
            changes = sum(a != b for a, b in itertools.pairwise(candidate))
            return sum(posterior[t, p] for t, p in enumerate(candidate)) - 0.3 * changes

        allowed = [candidate for candidate in itertools.product(range(4), repeat=6)
                   if all((b - a) % 4 in (0, 1) for a, b in itertools.pairwise(candidate))]
        assert follows_cycle([hmm.PHASE_ORDER[p] for p in path])
        assert np.isclose(score(path), max(score(candidate) for candidate in allowed))
