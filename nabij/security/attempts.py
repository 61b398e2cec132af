"""How wrong passphrases slow down and then lock: the policy, as plain arithmetic.

The first few mistakes are free (people mistype). After that each one waits a little longer,
and after `lock_after` mistakes the name is locked for `lock_minutes`, right passphrase or not.
Attempts are counted per journal *name*, whether or not a journal has that name, so neither
the waiting nor the lock tells anyone which names exist.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class AttemptPolicy:
    free: int = 3
    lock_after: int = 8
    lock_minutes: float = 15.0
    max_delay_seconds: float = 8.0

    def delay_after(self, failures: int) -> float:
        """Seconds to wait before answering, given the mistakes so far (this one included)."""
        if failures <= self.free:
            return 0.0
        doublings = min(failures - self.free - 1, 32)  # 2**32 halves is past any cap
        return min(self.max_delay_seconds, 0.5 * 2 ** doublings)

    def locked_until(self, failures: int, now: dt.datetime) -> dt.datetime | None:
        if failures < self.lock_after:
            return None
        return now + dt.timedelta(minutes=self.lock_minutes)


DEFAULT_POLICY = AttemptPolicy()


def name_key(name: str) -> str:
    """The key attempts are counted under: the name as typed, case and spacing ignored."""
    folded = " ".join(unicodedata.normalize("NFC", name).casefold().split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()
