"""Benchmark of the phase suggestion methods on generated journals with a known answer.

    .venv/bin/python bench/phases.py            # 120 mixed + 100 sparse journals
    .venv/bin/python bench/phases.py --quick    # 30 + 30 journals, for a quick look

Two sets of generated journals with fixed seeds: a mixed set (0.3 to 3 moments per partner per
day) and a sparse set (0.3 to 0.5). For every method: mean, 10th percentile and worst day
accuracy (a day within 3 days of a true change counts as right with either neighbouring
phase), median time per journal (from the events frame to the answer, one core), the time for
ten years of daily moments and the accuracy on the demo journal against its intended phases.
Rows marked "ablation" switch off one part of the hidden Markov model, to show what each part
adds. These read every day (the model's own answer). A second table is the suggestion as the
app shows it, which leaves days unknown (nabij/phases/claims.py): per way of logging (daily,
sparse 0.1 to 0.5, gappy with silences of 5 to 20 days), how right the claimed days are and
what share is claimed, and how much of a 300-day silence is claimed. Prints Markdown tables;
the measured ones are in bench/README.md.
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
from nabij.phases import changepoint, claims, hmm
from nabij.phases.features import DailyCounts, daily_counts
from nabij.phases.four_phases import PHASE_ORDER, Phase
from nabij.phases.scoring import accepted_phases, day_accuracy
from nabij.phases.suggest import DayPhase, suggest_from_counts
from nabij.phases.synthetic import RATE_RANGE, generate_journal, ten_year_journal

SPARSE_RATES = (0.3, 0.5)  # moments per partner per day in the sparse set
SPARSE_HONEST_RATES = (0.1, 0.5)  # the sparse set of the claimed-days table

Method = Callable[[DailyCounts], np.ndarray]


def _model(name: str) -> Method:
    """The method's own reading of every day, before unknown days are set apart."""
    if name == "changepoint":
        return lambda counts: changepoint.segment_and_label(counts).phase_index
    return lambda counts: hmm.fit_and_decode(counts).phase_index


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
    "hmm (kept)": _model("hmm"),
    "hmm, warm starts (1 % of moments added one by one)": _warm,
    "changepoint": _model("changepoint"),
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
    _honesty(30 if args.quick else 100)
    return 0


# The sets of the honesty table: how a couple logs, as options of `generate_journal`.
HONESTY_SETS = {
    "daily (1-3 a day, no silences)": {"rate_range": (1.0, 3.0), "gaps": False},
    "sparse (0.1-0.5 a day)": {"rate_range": SPARSE_HONEST_RATES},
    "gappy (silences of 5-20 days)": {"silence_days": (5, 20), "silence_every": 25},
}
SILENCE_AT, SILENCE_DAYS = 60, 300  # the long-silence journals: 60 days, 300 silent, 60


def _claimed_scores(journal, frame) -> tuple[int, int, int]:
    """(days claimed, of them right by the 3-day rule, days in the suggestion)."""
    accepted = accepted_phases(journal.truth)
    suggestion = suggest_from_counts(daily_counts(frame))
    days = [day for day in suggestion.days if day.day in accepted]
    claimed_days = [day for day in days if day.phase is not None]
    right = sum(day.phase in accepted[day.day] for day in claimed_days)
    return len(claimed_days), right, len(days)


def _honesty(count: int) -> None:
    """How much the suggestion claims and how right it is there, by how a couple logs."""
    print(f"\nClaimed days (rule: a moment within {claims.REACH_DAYS} days, at least "
          f"{claims.MIN_MOMENTS_NEAR} moments within that reach, confidence at least "
          f"{claims.CLAIM_CONFIDENCE}); seeds 0..{count - 1} per set.\n")
    print("| set | moments a day | claimed right | p10 per journal | claimed share | "
          "right on every day (model) |")
    print("|---|---|---|---|---|---|")
    for name, options in HONESTY_SETS.items():
        journals = [generate_journal(seed, **options) for seed in range(count)]
        claimed_total = right_total = day_total = 0
        per_journal, model_scores = [], []
        for journal in journals:
            frame = events_frame(journal.events, journal.journal)
            claimed_count, right, days = _claimed_scores(journal, frame)
            claimed_total, right_total, day_total = (claimed_total + claimed_count,
                                                     right_total + right, day_total + days)
            if claimed_count:
                per_journal.append(right / claimed_count)
            counts = daily_counts(frame)
            model_scores.append(day_accuracy(journal.truth, _as_days(
                counts, hmm.fit_and_decode(counts).phase_index)))
        rate = np.mean([j.events_per_day for j in journals])
        print(f"| {name} | {rate:.2f} | {right_total / claimed_total:.3f} | "
              f"{np.quantile(per_journal, 0.1):.3f} | {claimed_total / day_total:.2f} | "
              f"{np.mean(model_scores):.3f} |")
    in_silence = claimed_in_silence = 0
    for seed in range(count):
        journal = generate_journal(seed, days=2 * SILENCE_AT + SILENCE_DAYS,
                                   long_silence=(SILENCE_AT, SILENCE_DAYS))
        suggestion = suggest_from_counts(daily_counts(events_frame(journal.events,
                                                                   journal.journal)))
        first = min(journal.truth)
        silent = [day for day in suggestion.days
                  if SILENCE_AT <= (day.day - first).days < SILENCE_AT + SILENCE_DAYS]
        in_silence += len(silent)
        claimed_in_silence += sum(day.phase is not None for day in silent)
    print(f"\nA silence of {SILENCE_DAYS} days between two stretches of {SILENCE_AT} logged days "
          f"({count} journals): {claimed_in_silence / in_silence:.1%} of its days claimed.")


def _calibration(journals: list, frames: list) -> None:
    """Does a confidence of 0.8 mean right 8 times in 10? For the kept method, mixed set."""
    confidence, strict, tolerant = [], [], []
    for journal, frame in zip(journals, frames, strict=True):
        accepted = accepted_phases(journal.truth)
        counts = daily_counts(frame)
        fitted = hmm.fit_and_decode(counts)
        for t, phase_index in enumerate(fitted.phase_index.tolist()):
            day = DayPhase(counts.day(t), PHASE_ORDER[phase_index],
                           float(fitted.posterior[t, phase_index]))
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
