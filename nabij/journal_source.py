"""Which journal a page works on, as whom, and with which keys: the typed handle every cached
page function is keyed on.

Deciding it is the app's job (components/journal/source.py); what it holds is plain data, so
it lives here with the domain, and caches and tests can build one without Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import pandas as pd

from nabij.model import Journal
from nabij.security.cipher import FieldCipher
from nabij.storage.private_moments import PersonalKey


@dataclass(frozen=True)
class Access:
    """How a session reads one journal: with which key, and whether only as its coach.

    Part of every cache key for the journal's data: a key from before a passphrase change,
    or the coach's narrower view, never shares a cached copy with another.
    """

    cipher: FieldCipher | None = None
    unreadable: str = ""
    coach: bool = False
    # The own key of the partner using this browser: their private moments, and no one else's.
    personal: PersonalKey | None = None

    def fingerprint(self) -> str:
        """Names the keys in cache keys without revealing them."""
        return ":".join((self.cipher.fingerprint if self.cipher else "",
                         self.personal.fingerprint if self.personal else ""))


class SourceKind(StrEnum):
    DEMO = "demo"  # the example journal, read-only, in the page's language
    OWN = "own"  # a couple's own journal
    COACH = "coach"  # a journal shared with the signed-in coach: read-only, narrower


@dataclass(frozen=True)
class JournalSource:
    """The journal a page works on, with its events in local time.

    Equal handles name equal data: the revision changes with every write (from any tab or
    server), and the access (key, coach view) is part of it, so a cache keyed on the handle
    never serves one reader's copy to another. `events` is carried along, not compared.
    """

    kind: SourceKind
    journal: Journal
    revision: int
    database_url: str
    access: Access
    language: str
    events: pd.DataFrame = field(compare=False, hash=False, repr=False)

    @property
    def is_demo(self) -> bool:
        """Read-only: the demo, or a coach's view of a journal shared with them."""
        return self.kind is not SourceKind.OWN

    @property
    def is_coach_view(self) -> bool:
        return self.kind is SourceKind.COACH

    @property
    def has_stored_marks(self) -> bool:
        """The demo's phases are suggested only; stored journals have marks too."""
        return self.kind is not SourceKind.DEMO

    def cache_key(self) -> tuple:
        """Plain values that name the data: what the page caches hash instead of the fields."""
        return (str(self.kind), self.database_url, self.journal.id, self.journal.name,
                self.revision, self.access.fingerprint(), self.access.unreadable,
                self.access.coach, self.language)

    def journal_key(self) -> tuple:
        """The journal whatever its revision: what outlives a write (the phase fit). Whose
        private moments are in view is part of it: a fit never mixes two readers' moments."""
        personal = self.access.personal
        return (str(self.kind), self.database_url, self.journal.id, self.journal.name,
                self.language, personal.fingerprint if personal else "")
