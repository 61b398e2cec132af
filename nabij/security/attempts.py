"""How wrong passphrases slow down and then lock: the policy, as plain arithmetic.

The first few mistakes are free (people mistype). After that each one waits a little longer,
and after `lock_after` mistakes the name is locked for `lock_minutes`, right passphrase or not.
The count does not start over when a lock runs out: each further mistake locks the name again,
twice as long as the time before (up to `max_lock_minutes`), so someone guessing gets one try
per lock instead of eight every fifteen minutes. Only the right passphrase clears the count.
Attempts are counted per journal *name*, whether or not a journal has that name, so neither
the waiting nor the lock tells anyone which names exist.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class AttemptPolicy:
    free: int = 3
    lock_after: int = 8
    lock_minutes: float = 15.0
    max_delay_seconds: float = 8.0
    max_lock_minutes: float = 24 * 60.0

    def delay_after(self, failures: int) -> float:
        """Seconds to wait before answering, given the mistakes so far (this one included)."""
        if failures <= self.free:
            return 0.0
        doublings = min(failures - self.free - 1, 32)  # 2**32 halves is past any cap
        return min(self.max_delay_seconds, 0.5 * 2 ** doublings)

    def lock_minutes_after(self, failures: int) -> float:
        """How long the name stays locked after this many mistakes (0: not locked)."""
        if failures < self.lock_after:
            return 0.0
        doublings = min(failures - self.lock_after, 32)  # 2**32 locks is past any cap
        return min(self.max_lock_minutes, self.lock_minutes * 2 ** doublings)

    def locked_until(self, failures: int, now: dt.datetime) -> dt.datetime | None:
        minutes = self.lock_minutes_after(failures)
        return None if minutes == 0 else now + dt.timedelta(minutes=minutes)


DEFAULT_POLICY = AttemptPolicy()

# Up to this many minutes a lock is told in minutes, longer ones in hours ("1440 minutes"
# says less than "24 hours").
MINUTES_TOLD_UP_TO = 90


def lock_wait(locked_until: dt.datetime, now: dt.datetime) -> tuple[str, int]:
    """The message key and count that tell how long a name stays locked, rounded up, never 0."""
    minutes = max(1, math.ceil((locked_until - now).total_seconds() / 60))
    if minutes <= MINUTES_TOLD_UP_TO:
        return "privacy.locked_out", minutes
    return "privacy.locked_out_hours", math.ceil(minutes / 60)


def name_key(name: str) -> str:
    """The key attempts are counted under: the name as typed, case and spacing ignored."""
    folded = " ".join(unicodedata.normalize("NFC", name).casefold().split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()
