"""The shared chain recursions against summing and maximising over every path by hand."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from nabij.phases import chain


def _random_chain(seed: int, steps: int, size: int, forbid: bool):
    rng = np.random.default_rng(seed)
    log_emission = rng.normal(0.0, 2.0, (steps, size))
    transition = rng.random((size, size)) + 0.05
    if forbid:  # a cycle: stay or move on, as the phase chains are
        mask = np.eye(size, dtype=bool) | np.roll(np.eye(size, dtype=bool), 1, axis=1)
        transition = np.where(mask, transition, 0.0)
    transition /= transition.sum(axis=1, keepdims=True)
    start = rng.random(size) + 0.1
    return log_emission, chain.log_of(transition), np.log(start / start.sum())


def _path_scores(log_emission, log_transition, log_start):
    steps, size = log_emission.shape
    for path in itertools.product(range(size), repeat=steps):
        score = log_start[path[0]] + log_emission[0, path[0]]
        for t in range(1, steps):
            score += log_transition[path[t - 1], path[t]] + log_emission[t, path[t]]
        yield path, score


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), steps=st.integers(1, 5), size=st.integers(1, 4),
       forbid=st.booleans())
def test_viterbi_and_marginals_equal_every_path_spelled_out(seed, steps, size, forbid):
    log_emission, log_transition, log_start = _random_chain(seed, steps, size, forbid)
    scored = list(_path_scores(log_emission, log_transition, log_start))
    best_score = max(score for _, score in scored)
    path = chain.viterbi(log_emission, log_transition, log_start)
    path_score = dict(scored)[tuple(int(state) for state in path)]
    assert np.isclose(path_score, best_score)

    expected = np.zeros((steps, size))
    for path_states, score in scored:
        if np.isfinite(score):
            expected[np.arange(steps), list(path_states)] += np.exp(score)
    expected /= expected.sum(axis=1, keepdims=True)
    assert np.allclose(chain.marginals(log_emission, log_transition, log_start), expected)


def test_logsumexp_keeps_an_impossible_row_impossible():
    values = np.array([[-np.inf, -np.inf], [0.0, 0.0]])
    result = chain.logsumexp(values, axis=1)
    assert result[0] == -np.inf
    assert np.isclose(result[1], np.log(2.0))
