"""PELT against an exhaustive search over every way to cut a short series."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from nabij.phases.changepoint import pelt


def _cost(features: np.ndarray, weights: np.ndarray, ends: list[int], penalty: float) -> float:
    """Weighted squared error around each segment's weighted mean, plus the penalty each."""
    total, start = 0.0, 0
    for end in ends:
        rows, w = features[start:end], weights[start:end]
        mean = (rows * w[:, None]).sum(axis=0) / w.sum()
        total += float((w * ((rows - mean) ** 2).sum(axis=1)).sum()) + penalty
        start = end
    return total


def _every_segmentation(size: int):
    for cuts in itertools.product((False, True), repeat=size - 1):
        yield [index + 1 for index, cut in enumerate(cuts) if cut] + [size]


@settings(max_examples=80, deadline=None)
@given(seed=st.integers(0, 100_000), size=st.integers(1, 9), width=st.integers(1, 3),
       penalty=st.sampled_from([0.0, 0.05, 0.3, 0.6, 2.0]))
def test_pelt_finds_the_cheapest_segmentation_of_all(seed, size, width, penalty):
    rng = np.random.default_rng(seed)
    # Levels with jumps, so that cutting is sometimes worth its penalty and sometimes not.
    levels = rng.choice([0.0, 0.5, 1.0], size=size)
    features = np.column_stack([levels + rng.normal(0, 0.2, size) for _ in range(width)])
    weights = rng.integers(1, 4, size).astype(float)
    found = pelt(features, weights, penalty)
    assert found[-1] == size and found == sorted(set(found))
    best = min(_cost(features, weights, ends, penalty) for ends in _every_segmentation(size))
    assert np.isclose(_cost(features, weights, found, penalty), best, atol=1e-9)


def test_pelt_cuts_where_a_clear_level_changes():
    features = np.array([[0.0]] * 4 + [[1.0]] * 4)
    assert pelt(features, np.ones(8), penalty=0.3) == [4, 8]
