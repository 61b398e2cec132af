"""A process-wide bound on how many Argon2 runs happen at once.

Each run takes 64 MiB for a moment. Without a bound, a burst of unlock attempts (or many
couples opening their journal at the same minute) would ask for 64 MiB per request at the
same time and could exhaust the server's memory; with it, extra runs wait their turn and the
memory Argon2 needs stays at `MAX_CONCURRENT` times 64 MiB, whatever arrives.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# Argon2 is CPU-bound: more runs at once than cores only adds memory, not speed.
MAX_CONCURRENT = max(1, min(4, os.cpu_count() or 1))

_SLOTS = threading.BoundedSemaphore(MAX_CONCURRENT)


@contextmanager
def argon2_slot() -> Iterator[None]:
    """Hold one of the slots for one Argon2 run; waits while all are taken."""
    with _SLOTS:
        yield
