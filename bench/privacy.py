"""What privacy costs: opening a journal, reading it sealed, and changing its passphrase.

    python bench/privacy.py            # 10k and 100k moments, 5 runs each
    python bench/privacy.py --quick    # 10k, 3 runs
    python bench/privacy.py --attempts # only the memory of 20 unlock attempts at once

For each size, one journal without a passphrase and one with, same moments (notes of about 40
characters, as people write them), in fresh SQLite files. Medians of several runs:
- opening with the passphrase (Argon2id verify + key derivation), and a refused attempt;
- reading all moments into the chart's table (`Store.events_table`, the cold first load;
  later loads are incremental and read only what changed);
- adding one moment and refreshing the in-memory table (JournalSnapshot, what the page does);
- changing the passphrase, which re-seals every note and context in one transaction;
- a partner's own key: opening it with their own passphrase (one Argon2id derivation and an
  unwrap), and reading a journal where one moment in ten is private, sealed whole with it,
  as its author (who opens them) and as the other partner (who never sees them);
- the peak memory of 20 unlock attempts arriving at once (each Argon2 run takes 64 MiB; the
  process-wide bound in nabij/security/argon2_slots.py lets only a few run together), measured
  in a fresh process with the bound and, for comparison, without it.
The machine is shared and noisy: read medians and same-run ratios.
"""

from __future__ import annotations

import argparse
import dataclasses
import multiprocessing
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import generated_events  # noqa: E402
from nabij.model import Journal, Visibility  # noqa: E402
from nabij.security.attempts import AttemptPolicy  # noqa: E402
from nabij.storage import Store, open_engine, upgrade_to_latest  # noqa: E402
from nabij.storage.partner_keys import (  # noqa: E402
    open_personal_key,
    set_personal_passphrase,
)
from nabij.storage.protection import (  # noqa: E402
    Opened,
    create_protected_journal,
    open_journal,
    set_passphrase,
)
from nabij.storage.snapshot import JournalSnapshot  # noqa: E402

PASSPHRASE = "een zin die alleen wij kennen"
OWN_PASSPHRASE = "een zin die alleen A kent"
LENIENT = AttemptPolicy(free=10_000, lock_after=10_000)


def median_ms(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def journal_pair(directory: Path, count: int):
    engine = open_engine(f"sqlite:///{directory / 'bench.sqlite3'}")
    upgrade_to_latest(engine)
    store = Store(engine)
    events = generated_events(count)
    plain = store.create_journal(Journal(None, "Open", ("A", "B"), "Europe/Amsterdam"))
    sealed, cipher = create_protected_journal(
        store, Journal(None, "Dicht", ("A", "B"), "Europe/Amsterdam"), PASSPHRASE)
    opened = store.with_keys({sealed.id: cipher})
    for start in range(0, count, 20_000):
        store.add_events(plain.id, events[start:start + 20_000])
        opened.add_events(sealed.id, events[start:start + 20_000])
    return store, plain, sealed, cipher


def journal_with_private(store: Store, count: int):
    """A protected journal where every tenth moment is partner 0's private one."""
    journal, cipher = create_protected_journal(
        store, Journal(None, "Eigen", ("A", "B"), "Europe/Amsterdam"), PASSPHRASE)
    couple = store.with_keys({journal.id: cipher})
    own = set_personal_passphrase(couple, journal.id, 0, OWN_PASSPHRASE)
    author = couple.with_personal(journal.id, own)
    events = [dataclasses.replace(event, partner=0, visibility=Visibility.PRIVATE)
              if index % 10 == 0 else event
              for index, event in enumerate(generated_events(count))]
    for start in range(0, count, 20_000):
        author.add_events(journal.id, events[start:start + 20_000])
    return journal, couple, author


def measure(count: int, runs: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        store, plain, sealed, cipher = journal_pair(Path(tmp), count)
        opened = store.with_keys({sealed.id: cipher})
        result = {
            "open_ms": median_ms(lambda: open_journal(store, "Dicht", PASSPHRASE,
                                                      policy=LENIENT), runs),
            "refused_ms": median_ms(lambda: open_journal(store, "Dicht", "niet de goede zin",
                                                         policy=LENIENT), runs),
            "read_plain_ms": median_ms(lambda: store.events_table(plain.id), runs),
            "read_sealed_ms": median_ms(lambda: opened.events_table(sealed.id), runs),
        }
        extra = generated_events(runs, seed=99)
        for name, journal_store, journal in (("plain", store, plain), ("sealed", opened, sealed)):
            snapshot = JournalSnapshot(journal_store, journal.id)
            snapshot.table()
            pending = list(extra)

            def add_and_refresh(snapshot=snapshot, journal_store=journal_store,
                                journal=journal, pending=pending) -> None:
                journal_store.add_event(journal.id, pending.pop())
                snapshot.table()

            result[f"add_{name}_ms"] = median_ms(add_and_refresh, runs)
        keys = {"current": opened}

        def change() -> None:
            new = set_passphrase(keys["current"], sealed.id, PASSPHRASE)
            keys["current"] = store.with_keys({sealed.id: new})

        result["change_ms"] = median_ms(change, max(1, runs // 2))
        own_journal, partner, author = journal_with_private(store, count)
        result["open_own_ms"] = median_ms(
            lambda: open_personal_key(store, own_journal.id, 0, OWN_PASSPHRASE), runs)
        result["read_author_ms"] = median_ms(lambda: author.events_table(own_journal.id), runs)
        result["read_partner_ms"] = median_ms(lambda: partner.events_table(own_journal.id),
                                              runs)
        check = open_journal(store, "Dicht", PASSPHRASE, policy=LENIENT)
        assert isinstance(check, Opened)
        store.engine.dispose()
    return result


CONCURRENT_ATTEMPTS = 20


def _resident_kib(field: str) -> int:
    """VmRSS (now) or VmHWM (the peak since the last reset) of this process, in KiB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/self/status")


def _peak_of_concurrent_attempts(bounded: bool, directory: str) -> float:
    """In a fresh process: MiB the peak resident memory rose while 20 attempts ran at once."""
    import nabij.security.argon2_slots as slots

    if not bounded:
        slots._SLOTS = threading.BoundedSemaphore(CONCURRENT_ATTEMPTS)
    engine = open_engine(f"sqlite:///{Path(directory) / 'attempts.sqlite3'}")
    upgrade_to_latest(engine)
    store = Store(engine)
    create_protected_journal(store, Journal(None, "Dicht", ("A", "B"), "Europe/Amsterdam"),
                             PASSPHRASE)
    open_journal(store, "Dicht", "een eerste gok vooraf", policy=LENIENT)  # warm every path
    start = threading.Barrier(CONCURRENT_ATTEMPTS)

    def attempt(number: int) -> None:
        start.wait()
        open_journal(store, "Dicht", f"verkeerde gok {number}", policy=LENIENT)

    before = _resident_kib("VmRSS")
    Path("/proc/self/clear_refs").write_text("5")  # the peak starts again from now
    with ThreadPoolExecutor(max_workers=CONCURRENT_ATTEMPTS) as pool:
        list(pool.map(attempt, range(CONCURRENT_ATTEMPTS)))
    return (_resident_kib("VmHWM") - before) / 1024


def _in_fresh_process(bounded: bool) -> float:
    with tempfile.TemporaryDirectory() as tmp, \
            multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(_peak_of_concurrent_attempts, (bounded, tmp))


def concurrent_attempts_line() -> str:
    from nabij.security.argon2_slots import MAX_CONCURRENT

    bounded, unbounded = _in_fresh_process(True), _in_fresh_process(False)
    return (f"| {CONCURRENT_ATTEMPTS} unlock attempts at once | peak memory +{bounded:.0f} MiB "
            f"with at most {MAX_CONCURRENT} Argon2 runs together | +{unbounded:.0f} MiB "
            "without the bound |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--attempts", action="store_true")
    args = parser.parse_args()
    if args.attempts:
        print(concurrent_attempts_line())
        return
    sizes, runs = ((10_000,), 3) if args.quick else ((10_000, 100_000), 5)
    print("| moments | open ms | refused ms | read plain ms | read sealed ms | ratio | "
          "add+refresh plain ms | add+refresh sealed ms | change passphrase s | "
          "open own key ms | read, 10 % private, as author ms | as the other partner ms |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for count in sizes:
        r = measure(count, runs)
        print(f"| {count:,} | {r['open_ms']:.0f} | {r['refused_ms']:.0f} | "
              f"{r['read_plain_ms']:.0f} | {r['read_sealed_ms']:.0f} | "
              f"{r['read_sealed_ms'] / r['read_plain_ms']:.1f}x | {r['add_plain_ms']:.0f} | "
              f"{r['add_sealed_ms']:.0f} | {r['change_ms'] / 1000:.1f} | "
              f"{r['open_own_ms']:.0f} | {r['read_author_ms']:.0f} | "
              f"{r['read_partner_ms']:.0f} |", flush=True)
    print()
    print("| what | bounded | unbounded |")
    print("|---|---|---|")
    print(concurrent_attempts_line(), flush=True)


if __name__ == "__main__":
    main()
