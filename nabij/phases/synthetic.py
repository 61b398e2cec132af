"""Seeded synthetic journals with known phases, to measure how well phases are suggested.

A generated couple goes through 1 to 3 rounds of the cycle, starting in any phase, with phases of
10 to 60 days. Each partner logs at their own rate (0.3 to 3 moments a day), rates their moments a
little higher or lower than the other and leans a little more to closeness or to distance.
Within a phase the mix drifts: in the middle the share of closeness falls, at the turning point
it recovers. In a crisis one partner pursues (keeps reaching out with closeness, often alarmed)
while the other withdraws (mostly distance, often shut down). Stretches of days or weeks without
any moment (holidays, forgetting), a partner who stops logging for a while, busy or quiet
days and situations that both partners log, each from their side, make the data as patchy and
as little independent as real journals are.

Everything comes from one `random.Random(seed)`, so a seed always gives the same journal.
"""

from __future__ import annotations

import datetime as dt
import math
import operator
import random
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from nabij.model import BodySignal, Event, Journal, Kind
from nabij.phases.four_phases import PHASE_ORDER, Phase, next_phase

PHASE_DAYS = (10, 60)
RATE_RANGE = (0.3, 3.0)
CYCLES = (1, 3)
SILENCE_DAYS = (3, 21)  # how long a stretch lasts in which nobody logs
SILENCE_EVERY = 70      # at most one such stretch per this many days
SYNTHETIC_TIMEZONE = "Europe/Amsterdam"

# Nominal look of each phase; every journal jitters these. Shares are of closeness among the
# moments logged, as (at the start of the phase, at its end); intensities are means on 1..5.
_SHARE = {
    Phase.BEGIN: (0.88, 0.85),
    Phase.MIDDLE: (0.68, 0.42),
    Phase.TURNING_POINT: (0.50, 0.78),
}
_CRISIS_SHARE = {"pursuer": 0.40, "withdrawer": 0.08}
_CLOSENESS_INTENSITY = {
    Phase.BEGIN: (4.0, 4.0),
    Phase.MIDDLE: (3.5, 3.3),
    Phase.CRISIS: (3.4, 3.4),
    Phase.TURNING_POINT: (3.4, 3.8),
}
_DISTANCE_INTENSITY = {
    Phase.BEGIN: (1.8, 1.9),
    Phase.MIDDLE: (2.5, 3.2),
    Phase.CRISIS: (4.0, 4.3),
    Phase.TURNING_POINT: (2.4, 1.9),
}
# How much more (or less) each role logs in a crisis.
_CRISIS_RATE = {"pursuer": 1.25, "withdrawer": 0.75}
# Body signal when one is given: (calm, alarm, shutdown) per phase or crisis role and kind.
_BODY = {
    (Phase.BEGIN, Kind.CLOSENESS): (0.85, 0.10, 0.05),
    (Phase.BEGIN, Kind.DISTANCE): (0.30, 0.50, 0.20),
    (Phase.MIDDLE, Kind.CLOSENESS): (0.70, 0.20, 0.10),
    (Phase.MIDDLE, Kind.DISTANCE): (0.15, 0.55, 0.30),
    ("pursuer", Kind.CLOSENESS): (0.20, 0.70, 0.10),
    ("pursuer", Kind.DISTANCE): (0.05, 0.75, 0.20),
    ("withdrawer", Kind.CLOSENESS): (0.40, 0.20, 0.40),
    ("withdrawer", Kind.DISTANCE): (0.05, 0.25, 0.70),
    (Phase.TURNING_POINT, Kind.CLOSENESS): (0.80, 0.12, 0.08),
    (Phase.TURNING_POINT, Kind.DISTANCE): (0.30, 0.45, 0.25),
}
_BODIES = (BodySignal.CALM, BodySignal.ALARM, BodySignal.SHUTDOWN)


@dataclass(frozen=True)
class PhaseStretch:
    """One phase of a generated journal, in local calendar days (both ends included)."""

    start: dt.date
    end: dt.date
    phase: Phase
    pursuer: int | None = None  # in a crisis: the partner who keeps reaching out


@dataclass(frozen=True)
class SyntheticJournal:
    """A generated journal and its known answer.

    `events` have UTC times. `truth` gives the true phase of every local calendar day (in the
    journal's zone) from the first to the last day of the generated period, in order; the first
    and last of these days may have no event.
    """

    seed: int
    journal: Journal
    events: list[Event]
    truth: dict[dt.date, Phase]
    stretches: tuple[PhaseStretch, ...]
    rates: tuple[float, float]

    @property
    def events_per_day(self) -> float:
        return len(self.events) / max(1, len(self.truth))


def generate_journal(seed: int, *, cycles: int | None = None, start_phase: Phase | None = None,
                     days: int | None = None, phase_days: tuple[int, int] = PHASE_DAYS,
                     rate_range: tuple[float, float] = RATE_RANGE, gaps: bool = True,
                     silence_days: tuple[int, int] = SILENCE_DAYS,
                     silence_every: int = SILENCE_EVERY,
                     long_silence: tuple[int, int] | None = None,
                     timezone: str = SYNTHETIC_TIMEZONE) -> SyntheticJournal:
    """One journal from `seed`; the same arguments always give the same journal.

    Unset choices are drawn from the seed: `cycles` (1 to 3 rounds of four phases),
    `start_phase`, each phase's length within `phase_days`, each partner's rate within
    `rate_range` (moments per day, log-uniform). With `days` the phases follow each other until
    that many days are filled (the last one cut short), whatever `cycles` says. `gaps=False`
    leaves out the silent stretches; otherwise up to one in `silence_every` days starts one,
    lasting `silence_days` (both ends included). `long_silence` (first day index, length) adds
    one more stretch in which nobody logs, as a couple who stopped for months.
    """
    seed = operator.index(seed)
    rng = random.Random(seed)
    zone = ZoneInfo(timezone)
    first_day = dt.date(2023, 1, 2) + dt.timedelta(days=rng.randrange(700))
    phase = start_phase if start_phase is not None else rng.choice(PHASE_ORDER)
    rounds = cycles if cycles is not None else rng.randint(*CYCLES)

    lengths: list[tuple[Phase, int]] = []
    total = 0
    while (days is None and len(lengths) < 4 * rounds) or (days is not None and total < days):
        length = rng.randint(*phase_days)
        if days is not None:
            length = min(length, days - total)
        lengths.append((phase, length))
        total += length
        phase = next_phase(phase)

    stretches: list[PhaseStretch] = []
    day = first_day
    for phase, length in lengths:
        pursuer = rng.randrange(2) if phase is Phase.CRISIS else None
        end = day + dt.timedelta(days=length - 1)
        stretches.append(PhaseStretch(day, end, phase, pursuer))
        day = end + dt.timedelta(days=1)

    couple = _Couple.draw(rng, rate_range)
    silent = _silent_days(rng, total, gaps, silence_days, silence_every)
    if long_silence is not None:
        begin, length = long_silence
        silent.update((day, None) for day in range(begin, min(total, begin + length)))
    events: list[Event] = []
    truth: dict[dt.date, Phase] = {}
    offset = 0
    for stretch in stretches:
        length = (stretch.end - stretch.start).days + 1
        for index in range(length):
            day = stretch.start + dt.timedelta(days=index)
            truth[day] = stretch.phase
            position = (index + 0.5) / length
            busy = rng.gammavariate(2.0, 0.5)  # some days more gets logged, some days less
            present = [partner for partner in (0, 1) if (offset + index, partner) not in silent
                       and (offset + index, None) not in silent]
            for partner in present:
                role = _role(stretch, partner)
                expected = couple.rates[partner] * busy * _CRISIS_RATE.get(role, 1.0)
                for _ in range(_poisson(rng, expected)):
                    event = couple.event(rng, zone, day, partner, stretch.phase, role, position)
                    events.append(event)
                    other = 1 - partner
                    if other in present and rng.random() < couple.echo:
                        # The other partner logs the same situation from their side.
                        events.append(couple.event(rng, zone, day, other, stretch.phase,
                                                   _role(stretch, other), position, event.kind))
        offset += length
    journal = Journal(id=None, name=f"Synthetic {seed}", partners=("A", "B"), timezone=timezone)
    return SyntheticJournal(seed=seed, journal=journal, events=events, truth=truth,
                            stretches=tuple(stretches), rates=couple.rates)


def generate_journals(count: int, first_seed: int = 0, **options: object) -> list[SyntheticJournal]:
    """`count` journals with the seeds first_seed, first_seed + 1, …"""
    return [generate_journal(seed, **options) for seed in range(first_seed, first_seed + count)]


def ten_year_journal(seed: int = 0) -> SyntheticJournal:
    """Ten years of daily logging by a busy couple: the size a phase suggestion must handle."""
    return generate_journal(seed, days=3652, rate_range=(1.5, 3.0), gaps=False)


def _role(stretch: PhaseStretch, partner: int) -> str:
    if stretch.pursuer is None:
        return "both"
    return "pursuer" if partner == stretch.pursuer else "withdrawer"


@dataclass(frozen=True)
class _Couple:
    """What makes two partners differ, and how this journal's phases look."""

    rates: tuple[float, float]
    intensity_offset: tuple[float, float]
    closeness_lean: tuple[float, float]
    body_habit: tuple[float, float]
    echo: float  # chance that a moment is logged by both partners, each from their side
    jitter: dict[str, float]

    @classmethod
    def draw(cls, rng: random.Random, rate_range: tuple[float, float]) -> _Couple:
        low, high = (math.log(rate) for rate in rate_range)
        rates = (round(math.exp(rng.uniform(low, high)), 3),
                 round(math.exp(rng.uniform(low, high)), 3))
        return cls(
            rates=rates,
            intensity_offset=(rng.uniform(-0.6, 0.6), rng.uniform(-0.6, 0.6)),
            closeness_lean=(rng.uniform(-0.4, 0.4), rng.uniform(-0.4, 0.4)),
            body_habit=(rng.uniform(0.0, 0.9), rng.uniform(0.0, 0.9)),
            echo=rng.uniform(0.0, 0.4),
            jitter={"share": rng.uniform(-0.05, 0.05), "crisis": rng.uniform(-0.08, 0.08),
                    "closeness": rng.uniform(-0.3, 0.3), "distance": rng.uniform(-0.3, 0.3)},
        )

    def event(self, rng: random.Random, zone: ZoneInfo, day: dt.date, partner: int,
              phase: Phase, role: str, position: float, kind: Kind | None = None) -> Event:
        if kind is None:
            if role == "both":
                start, end = _SHARE[phase]
                share = start + (end - start) * position + self.jitter["share"]
            else:
                share = _CRISIS_SHARE[role] + self.jitter["crisis"]
            share = min(0.97, max(0.03, share))
            lean = math.log(share / (1 - share)) + self.closeness_lean[partner]
            kind = Kind.CLOSENESS if rng.random() < 1 / (1 + math.exp(-lean)) \
                else Kind.DISTANCE

        table = _CLOSENESS_INTENSITY if kind is Kind.CLOSENESS else _DISTANCE_INTENSITY
        start, end = table[phase]
        mean = (start + (end - start) * position + self.intensity_offset[partner]
                + self.jitter[kind.value])
        intensity = min(5, max(1, round(rng.gauss(mean, 0.8))))

        body = None
        if rng.random() < self.body_habit[partner]:
            weights = _BODY[(phase if role == "both" else role, kind)]
            body = rng.choices(_BODIES, weights=weights)[0]

        local = dt.datetime.combine(day, dt.time(rng.randint(7, 23), rng.randrange(60)),
                                    tzinfo=zone)
        return Event(occurred_at=local.astimezone(dt.UTC), partner=partner, kind=kind,
                     intensity=intensity, body=body)


def _silent_days(rng: random.Random, total: int, gaps: bool, silence_days: tuple[int, int],
                 silence_every: int) -> set[tuple[int, int | None]]:
    """Day indices on which nobody (None) or one partner (0 or 1) logs anything."""
    silent: set[tuple[int, int | None]] = set()
    if not gaps:
        return silent
    for _ in range(rng.randint(0, 1 + total // silence_every)):  # both quiet: days to weeks
        start, length = rng.randrange(total), rng.randint(*silence_days)
        silent.update((day, None) for day in range(start, min(total, start + length)))
    if rng.random() < 0.3:  # one partner stops logging for a while
        partner, start, length = rng.randrange(2), rng.randrange(total), rng.randint(5, 20)
        silent.update((day, partner) for day in range(start, min(total, start + length)))
    return silent


def _poisson(rng: random.Random, mean: float) -> int:
    """Knuth's method: exact and fast for the small means used here."""
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count
