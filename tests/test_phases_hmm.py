"""The hidden Markov model's parts against brute force on tiny cases."""

from __future__ import annotations

import itertools

import numpy as np

from nabij.phases import hmm
from nabij.phases.four_phases import follows_cycle


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


# Reference implementations: the straightforward forms the fast ones in hmm.py replace
# (numpy per day, einsum per table). The fast ones must give the same answers.

def reference_forward_backward(loglik: np.ndarray, matrix: np.ndarray,
                               start: np.ndarray) -> np.ndarray:
    days, size = loglik.shape
    likelihood = np.exp(loglik - loglik.max(axis=1, keepdims=True))
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
        beta = beta / total if total > 0 else np.ones(size)
        joint = alpha[t] * beta
        total = joint.sum()
        posterior[t] = joint / total if total > 0 else alpha[t]
    return posterior


def reference_cyclic_decode(phase_posterior: np.ndarray, switch_cost: float) -> np.ndarray:
    days, count = phase_posterior.shape
    moves = np.full((count, count), -np.inf)
    for phase in range(count):
        moves[phase, phase] = 0.0
        moves[phase, (phase + 1) % count] = -switch_cost
    score = phase_posterior[0].copy()
    back = np.empty((days, count), dtype=np.int64)
    for t in range(1, days):
        candidates = score[:, None] + moves
        back[t] = candidates.argmax(axis=0)
        score = candidates[back[t], np.arange(count)] + phase_posterior[t]
    path = np.empty(days, dtype=np.int64)
    path[-1] = int(score.argmax())
    for t in range(days - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    return path


def reference_state_loglik(counts, emissions, settings) -> np.ndarray:
    steps = settings.substeps
    loglik = np.repeat(hmm.class_loglik(counts, emissions, 1.0), steps, axis=1)
    if settings.trend:
        position = (np.arange(steps) + 0.5) / steps - 0.5
        odds = np.log(emissions.closeness / (1 - emissions.closeness))
        drifted = 1 / (1 + np.exp(-(odds[:, None]
                                    + settings.trend * hmm.TREND[:, None] * position)))
        base = np.log(np.stack([emissions.closeness, 1 - emissions.closeness], axis=1))
        change = np.log(np.stack([drifted, 1 - drifted], axis=1)) - base[:, :, None]
        by_role = np.einsum("tpk,rkj->tprj", counts.per_kind.astype(float), change)
        extra = by_role[:, 0, hmm.ROLE[:, 0]] + by_role[:, 1, hmm.ROLE[:, 1]]
        loglik += extra.reshape(loglik.shape[0], -1)
    return settings.temper * loglik


def reference_refit(counts, class_posterior, settings, prior) -> hmm.Emissions:
    weight = settings.prior_weight
    per_kind = counts.per_kind.astype(float)
    role_kind = np.zeros((hmm.ROLE_COUNT, 2))
    role_body = np.zeros((hmm.ROLE_COUNT, 2, 3))
    for cls in range(hmm.CLASS_COUNT):
        for partner in (0, 1):
            role = hmm.ROLE[cls, partner]
            role_kind[role] += class_posterior[:, cls] @ per_kind[:, partner]
            role_body[role] += np.einsum("t,tkb->kb", class_posterior[:, cls],
                                         counts.bodies[:, partner].astype(float))
    phase_posterior = np.zeros((class_posterior.shape[0], 4))
    for cls, phase in enumerate(hmm.CLASS_PHASE):
        phase_posterior[:, phase] += class_posterior[:, cls]
    levels = np.einsum("ts,tki->ski", phase_posterior, counts.moments.sum(axis=1).astype(float))
    closeness = (role_kind[:, 0] + weight * prior.closeness) / (role_kind.sum(axis=1) + weight)
    intensity = levels + weight * prior.intensity
    body = role_body + weight * prior.body
    return hmm.Emissions(closeness, intensity / intensity.sum(axis=2, keepdims=True),
                         body / body.sum(axis=2, keepdims=True))


def synthetic_counts(seed: int, **options):
    from nabij.frames import events_frame
    from nabij.phases.features import daily_counts
    from nabij.phases.synthetic import generate_journal

    journal = generate_journal(seed, **options)
    return daily_counts(events_frame(journal.events, journal.journal))


def random_emissions(rng: np.random.Generator) -> hmm.Emissions:
    return hmm.Emissions(closeness=rng.uniform(0.05, 0.95, hmm.ROLE_COUNT),
                         intensity=rng.dirichlet(np.ones(5), size=(4, 2)),
                         body=rng.dirichlet(np.ones(3), size=(hmm.ROLE_COUNT, 2)))


def test_day_loglik_as_one_product_equals_the_tables_one_by_one():
    rng = np.random.default_rng(11)
    for seed in range(4):
        counts = synthetic_counts(seed)
        for settings in (hmm.HmmSettings(), hmm.HmmSettings(substeps=3, trend=0.0),
                         hmm.HmmSettings(trend=0.4, temper=1.0)):
            emissions = hmm.PRIOR if seed == 0 else random_emissions(rng)
            assert np.allclose(hmm.state_loglik(counts, emissions, settings),
                               reference_state_loglik(counts, emissions, settings),
                               rtol=1e-12, atol=1e-9)


def test_refit_from_feature_counts_equals_refit_table_by_table():
    rng = np.random.default_rng(12)
    settings = hmm.HmmSettings()
    for seed in range(4):
        counts = synthetic_counts(seed)
        posterior = rng.dirichlet(np.ones(hmm.CLASS_COUNT), size=counts.day_count)
        fast = hmm._refit(hmm._features(counts), posterior, settings, hmm.PRIOR)
        slow = reference_refit(counts, posterior, settings, hmm.PRIOR)
        for name in ("closeness", "intensity", "body"):
            assert np.allclose(getattr(fast, name), getattr(slow, name), rtol=1e-12)


def test_forward_backward_equals_the_day_by_day_recursion_on_generated_journals():
    settings = hmm.HmmSettings()
    matrix = hmm.transition_matrix(settings)
    start = hmm.initial_distribution(settings)
    for seed, options in [(0, {}), (1, {}), (2, {"rate_range": (0.3, 0.5)}), (3, {})]:
        loglik = hmm.state_loglik(synthetic_counts(seed, **options), hmm.PRIOR, settings)
        assert np.allclose(hmm.forward_backward(loglik, matrix, start),
                           reference_forward_backward(loglik, matrix, start), atol=1e-12)


def test_forward_backward_rescales_through_sharp_and_contradicting_evidence():
    # Hundreds of moments a day: each day rules out all but a few states by hundreds of nats,
    # so the running vectors shrink below any fixed scale within days.
    settings = hmm.HmmSettings(substeps=2)
    matrix = hmm.transition_matrix(settings)
    start = hmm.initial_distribution(settings)
    rng = np.random.default_rng(4)
    loglik = -rng.uniform(0, 400, size=(400, len(start)))
    posterior = hmm.forward_backward(loglik, matrix, start)
    assert np.isfinite(posterior).all()
    assert np.allclose(posterior.sum(axis=1), 1.0)
    assert np.allclose(posterior, reference_forward_backward(loglik, matrix, start), atol=1e-9)


def test_fast_cyclic_decode_equals_the_argmax_recursion_ties_included():
    rng = np.random.default_rng(6)
    for index in range(200):
        posterior = rng.dirichlet(np.ones(4), size=int(rng.integers(1, 40)))
        if index % 2:
            posterior = np.round(posterior, 1)  # many exact ties
        for cost in (0.0, 0.3, 0.5):
            assert np.array_equal(hmm.cyclic_decode(posterior, cost),
                                  reference_cyclic_decode(posterior, cost))


# Warm start: a fit of the journal before a change, reused for the journal after it.

def with_moments(counts, changes: list[tuple[int, int, int, int, int]]):
    """`counts` with moments added (+n) or taken away (-n): (day, partner, kind, level, n).

    A day past the end extends the journal with empty days up to it.
    """
    from dataclasses import replace

    days = max([counts.day_count - 1, *(day for day, *_ in changes)]) + 1
    moments = np.zeros((days, *counts.moments.shape[1:]), dtype=counts.moments.dtype)
    bodies = np.zeros((days, *counts.bodies.shape[1:]), dtype=counts.bodies.dtype)
    moments[:counts.day_count], bodies[:counts.day_count] = counts.moments, counts.bodies
    for day, partner, kind, level, number in changes:
        moments[day, partner, kind, level] += number
        if number < 0 and moments[day, partner, kind, level] < bodies[day, partner, kind].sum():
            bodies[day, partner, kind] = 0  # a removed moment may have named a body signal
    assert (moments >= 0).all()
    return replace(counts, moments=moments, bodies=bodies)


def busiest_cell(counts, day: int) -> tuple[int, int, int]:
    flat = int(counts.moments[day].argmax())
    return np.unravel_index(flat, counts.moments.shape[1:])  # type: ignore[return-value]


def test_refreshing_only_what_a_change_reaches_equals_a_full_pass():
    settings = hmm.HmmSettings()
    matrix = hmm.transition_matrix(settings)
    start = hmm.initial_distribution(settings)
    for seed in range(3):
        counts = synthetic_counts(seed)
        last = counts.day_count - 1
        middle = next(day for day in range(counts.day_count // 2, last)
                      if counts.moments[day].sum())
        cases = {
            "one more on the last day": [(last, 0, 0, 4, 1)],
            "a new day after three empty ones": [(last + 4, 1, 1, 2, 1)],
            "one more in the middle": [(middle, 1, 1, 3, 1)],
            "one fewer in the middle": [(middle, *busiest_cell(counts, middle), -1)],
            "several here and there": [(5, 0, 0, 0, 1), (middle, 0, 1, 4, 2),
                                       (last, 1, 0, 2, 1)],
        }
        previous = hmm.fit(counts)
        for name, changes in cases.items():
            changed = with_moments(counts, changes)
            loglik = hmm.state_loglik(changed, previous.result.emissions, settings)
            alpha, beta = hmm._refresh(previous, changed, loglik, matrix, start)
            full_alpha, full_beta = hmm._forward_backward(loglik, matrix, start)
            assert np.allclose(alpha, full_alpha, atol=1e-10), name
            assert np.allclose(beta, full_beta, atol=1e-10), name


def test_a_few_new_moments_give_the_answer_of_a_fit_from_scratch(monkeypatch):
    """Equivalent, not identical: the reused tables were fitted without the newest moments.

    Where the answers differ at all, the model was split on that day (a phase change one day
    earlier or later, or which phase an ambiguous first few days belong to); the posteriors
    differ by a fraction of a percent on average.
    """
    # Generated journals hold a few hundred moments; a looser bound than the real one lets
    # the tables be reused across all three steps, and the answer must still agree.
    monkeypatch.setattr(hmm, "REUSE_SHARE", 0.01)
    agree, days = 0, 0
    for seed in range(24):
        counts = synthetic_counts(seed, rate_range=(2.0, 3.0))
        last = counts.day_count - 1
        warm = hmm.fit(counts)
        for step in range(3):  # moments logged one after the other on the last days
            counts = with_moments(counts, [(last + step, step % 2, 0, 3, 1)])
            warm = hmm.fit(counts, warm)
            assert warm.fitted_counts is not counts  # the tables were reused
        cold = hmm.fit(counts)
        assert np.abs(warm.result.posterior - cold.result.posterior).mean() < 0.005
        agree += int((warm.result.phase_index == cold.result.phase_index).sum())
        days += counts.day_count
    assert agree >= 0.998 * days


def test_the_tables_are_fitted_again_once_the_journal_has_moved_on():
    counts = synthetic_counts(1, rate_range=(2.0, 3.0))
    first = hmm.fit(counts)
    total = int(counts.moments.sum())
    few = max(1, int(hmm.REUSE_SHARE * total) // 2)
    near = with_moments(counts, [(counts.day_count - 1, 0, 0, 2, few)])
    assert hmm.fit(near, first).fitted_counts is counts
    far = with_moments(counts, [(counts.day_count - 1, 0, 0, 2, 4 * few + 2)])
    refitted = hmm.fit(far, first)
    assert refitted.fitted_counts is far
    cold = hmm.fit(far)
    assert np.array_equal(refitted.result.phase_index, cold.result.phase_index)
    assert np.allclose(refitted.result.posterior, cold.result.posterior, atol=1e-12)


def test_the_same_moments_again_reuse_the_fit_as_it_is():
    counts = synthetic_counts(2)
    first = hmm.fit(counts)
    again = hmm.fit(counts, first)  # e.g. a phase was marked: a new revision, same moments
    assert again.alpha is first.alpha and again.beta is first.beta
    assert np.array_equal(again.result.phase_index, first.result.phase_index)


def test_a_journal_that_now_starts_earlier_is_fitted_from_scratch():
    import datetime as dt
    from dataclasses import replace

    counts = synthetic_counts(3)
    first = hmm.fit(counts)
    earlier = replace(counts, first_day=counts.first_day - dt.timedelta(days=1))
    assert hmm.fit(earlier, first).fitted_counts is earlier
