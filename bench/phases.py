"""Benchmark of the phase suggestion methods on generated journals with a known answer.

    .venv/bin/python bench/phases.py            # 120 mixed + 100 sparse journals
    .venv/bin/python bench/phases.py --quick    # 30 + 30 journals, for a quick look

Two sets of generated journals with fixed seeds: a mixed set (0.3 to 3 moments per partner per
day) and a sparse set (0.3 to 0.5). For every method: mean, 10th percentile and worst day
accuracy (a day within 3 days of a true change counts as right with either neighbouring
phase), median time per journal (from the events frame to the answer, one core), the time for
ten years of daily moments and the accuracy on the demo journal against its intended phases.
Rows marked "ablation" switch off one part of the hidden Markov model, to show what each part
adds. Prints a Markdown table; the measured one is in bench/README.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nabij.demo import demo_journal
from nabij.frames import events_frame
from nabij.phases import hmm
from nabij.phases.features import DailyCounts, daily_counts
from nabij.phases.four_phases import PHASE_ORDER, Phase
from nabij.phases.scoring import accepted_phases, day_accuracy
from nabij.phases.suggest import suggest_from_counts
from nabij.phases.synthetic import RATE_RANGE, generate_journal, ten_year_journal

SPARSE_RATES = (0.3, 0.5)  # moments per partner per day in the sparse set

Method = Callable[[DailyCounts], np.ndarray]


def _suggest(name: str) -> Method:
    def run(counts: DailyCounts) -> np.ndarray:
        suggestion = suggest_from_counts(counts, method=name)
        return np.array([day.phase.index for day in suggestion.days])
    return run


def _hmm(**changes: object) -> Method:
    settings = replace(hmm.HmmSettings(), **changes)
    return lambda counts: hmm.fit_and_decode(counts, settings).phase_index


def _peeled(counts: DailyCounts, number: int) -> list[DailyCounts]:
    """`counts` without its last `number` moments, then with them back one at a time.

    Moments come off the last days first; a body signal goes with its moment. Trailing days
    left empty are dropped, as `daily_counts` would.
    """
    moments, bodies = counts.moments.copy(), counts.bodies.copy()
    taken = []
    for day in range(counts.day_count - 1, -1, -1):
        for cell in zip(*np.nonzero(moments[day]), strict=True):
            while moments[day][cell] and len(taken) < number:
                moments[day][cell] -= 1
                partner, kind = cell[0], cell[1]
                named = np.flatnonzero(bodies[day, partner, kind])
                body = None
                if bodies[day, partner, kind].sum() > moments[day, partner, kind].sum():
                    body = int(named[0])
                    bodies[day, partner, kind, body] -= 1
                taken.append((day, cell, body))
        if len(taken) >= number:
            break
    steps = []
    for day, cell, body in reversed(taken):
        last = int(np.flatnonzero(moments.reshape(len(moments), -1).any(axis=1))[-1])
        steps.append(replace(counts, moments=moments[:last + 1].copy(),
                             bodies=bodies[:last + 1].copy()))
        moments[day][cell] += 1
        if body is not None:
            bodies[day, cell[0], cell[1], body] += 1
    steps.append(counts)
    return steps


def _warm(counts: DailyCounts) -> np.ndarray:
    """The kept method reached by warm starts (hmm.fit with the previous fit), as the app
    does after each new moment: fitted without the last 1 % of the moments (at least one),
    then given them back one at a time, the tables reused all the way (REUSE_SHARE raised to
    1 % for the run, so that small generated journals reuse them too)."""
    share, hmm.REUSE_SHARE = hmm.REUSE_SHARE, 0.01
    try:
        steps = _peeled(counts, max(1, int(0.01 * counts.moments.sum())))
        fit = hmm.fit(steps[0])
        for step in steps[1:]:
            fit = hmm.fit(step, fit)
        return fit.result.phase_index
    finally:
        hmm.REUSE_SHARE = share


METHODS: dict[str, Method] = {
    "hmm (kept)": _suggest("hmm"),
    "hmm, warm starts (1 % of moments added one by one)": _warm,
    "changepoint": _suggest("changepoint"),
    "hmm ablation: Viterbi decoding": _hmm(decoder="viterbi"),
    "hmm ablation: no drift in phases": _hmm(trend=0.0),
    "hmm ablation: no EM (prior tables)": _hmm(em_rounds=0),
}

DEMO_PHASES = ((Phase.BEGIN, "2025-02-03"), (Phase.MIDDLE, "2025-03-10"),
               (Phase.CRISIS, "2025-04-14"), (Phase.TURNING_POINT, "2025-05-19"))


def _as_days(counts: DailyCounts, phase_index: np.ndarray) -> dict:
    return {counts.day(t): PHASE_ORDER[int(p)] for t, p in enumerate(phase_index)}


def _timed(method: Method, counts_of: Callable[[], DailyCounts]) -> tuple[np.ndarray, float,
                                                                           DailyCounts]:
    start = time.perf_counter()
    counts = counts_of()
    phase_index = method(counts)
    return phase_index, time.perf_counter() - start, counts


def _demo_truth() -> dict:
    import datetime as dt

    starts = [(phase, dt.date.fromisoformat(day)) for phase, day in DEMO_PHASES]
    truth, day = {}, starts[0][1]
    ends = [start for _, start in starts[1:]] + [dt.date(2025, 6, 21)]
    for (phase, _), end in zip(starts, ends, strict=True):
        while day < end:
            truth[day] = phase
            day += dt.timedelta(days=1)
    return truth


def _scores(method: Method, journals: list, frames: list) -> tuple[list[float], list[float]]:
    scores, times = [], []
    for journal, frame in zip(journals, frames, strict=True):
        phase_index, seconds, counts = _timed(method, lambda f=frame: daily_counts(f))
        scores.append(day_accuracy(journal.truth, _as_days(counts, phase_index)))
        times.append(seconds)
    return scores, times


def _row(name: str, scores: list[float], times: list[float], extra: str = "") -> str:
    # A warm-start row times a whole sequence of fits, not one answer: no time shown.
    time_text = "-" if "warm" in name else f"{1000 * statistics.median(times):.1f}"
    return (f"| {name} | {np.mean(scores):.3f} | {np.quantile(scores, 0.1):.3f} | "
            f"{min(scores):.3f} | {time_text} |{extra}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="30 journals per set instead of 120 and 100")
    args = parser.parse_args(argv)
    mixed_count, sparse_count = (30, 30) if args.quick else (120, 100)

    mixed = [generate_journal(seed) for seed in range(mixed_count)]
    sparse = [generate_journal(seed, rate_range=SPARSE_RATES) for seed in range(sparse_count)]
    mixed_frames = [events_frame(j.events, j.journal) for j in mixed]
    sparse_frames = [events_frame(j.events, j.journal) for j in sparse]
    long_journal = ten_year_journal()
    long_frame = events_frame(long_journal.events, long_journal.journal)
    demo = demo_journal("en")
    demo_frame = events_frame(demo.events, demo.journal)
    demo_truth = _demo_truth()

    def describe(journals: list) -> str:
        return (f"{len(journals)} journals, {sum(len(j.truth) for j in journals)} days, "
                f"{sum(len(j.events) for j in journals)} moments, "
                f"{np.mean([j.events_per_day for j in journals]):.2f} moments a day on average")

    print(f"Mixed set (seeds 0..{mixed_count - 1}, rates {RATE_RANGE[0]}-{RATE_RANGE[1]} "
          f"moments per partner per day): {describe(mixed)}")
    print(f"Sparse set (seeds 0..{sparse_count - 1}, rates {SPARSE_RATES[0]}-{SPARSE_RATES[1]}): "
          f"{describe(sparse)}")
    print(f"Ten-year journal: {len(long_journal.truth)} days, {len(long_journal.events)} moments "
          "(time: median of 3 runs; accuracy in brackets)\n")

    print("| method | mean | p10 | worst | median ms | sparse mean | sparse p10 | sparse worst "
          "| ten years s | demo |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, method in METHODS.items():
        scores, times = _scores(method, mixed, mixed_frames)
        sparse_scores, _ = _scores(method, sparse, sparse_frames)
        long_text = "-"
        if "ablation" not in name and "warm" not in name:
            runs = [_timed(method, lambda: daily_counts(long_frame)) for _ in range(3)]
            long_accuracy = day_accuracy(long_journal.truth, _as_days(runs[0][2], runs[0][0]))
            long_text = f"{statistics.median(run[1] for run in runs):.2f} ({long_accuracy:.2f})"
        demo_index, _, demo_counts = _timed(method, lambda: daily_counts(demo_frame))
        demo_score = day_accuracy(demo_truth, _as_days(demo_counts, demo_index))
        print(_row(name, scores, times,
                   f" {np.mean(sparse_scores):.3f} | {np.quantile(sparse_scores, 0.1):.3f} | "
                   f"{min(sparse_scores):.3f} | {long_text} | {demo_score:.3f} |"))
    _calibration(mixed, mixed_frames)
    return 0


def _calibration(journals: list, frames: list) -> None:
    """Does a confidence of 0.8 mean right 8 times in 10? For the kept method, mixed set."""
    confidence, strict, tolerant = [], [], []
    for journal, frame in zip(journals, frames, strict=True):
        accepted = accepted_phases(journal.truth)
        for day in suggest_from_counts(daily_counts(frame)).days:
            confidence.append(day.confidence)
            strict.append(day.phase == journal.truth[day.day])
            tolerant.append(day.phase in accepted[day.day])
    values, right, near = np.array(confidence), np.array(strict), np.array(tolerant)
    print("\n| confidence | days | mean confidence | right (exact day) | right (3-day rule) |")
    print("|---|---|---|---|---|")
    for low, high in ((0.0, 0.7), (0.7, 0.9), (0.9, 0.99), (0.99, 1.0)):
        band = (values >= low) & ((values < high) if high < 1.0 else (values <= high))
        if band.any():
            print(f"| {low:.2f}-{high:.2f} | {band.sum()} | {values[band].mean():.3f} | "
                  f"{right[band].mean():.3f} | {near[band].mean():.3f} |")


if __name__ == "__main__":
    sys.exit(main())
