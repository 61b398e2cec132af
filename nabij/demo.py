"""The demo journal shipped in data/examples: read-only and never stored with user journals.

It is read from its CSV file into memory, so it cannot mix with, or be changed like, a
journal in the database.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from nabij.config import DATA_DIR
from nabij.i18n import DEFAULT_LANGUAGE, LANGUAGES
from nabij.io.canonical_csv import read_csv_file
from nabij.model import Event, Journal, Visibility

EXAMPLES_DIR = DATA_DIR / "examples"
DEMO_TIMEZONE = "Europe/Amsterdam"


@dataclass(frozen=True)
class DemoJournal:
    journal: Journal
    events: tuple[Event, ...]


@cache
def demo_journal(language: str = DEFAULT_LANGUAGE, name: str = "Demo") -> DemoJournal:
    """The demo in the given language (the notes are written in both)."""
    language = language if language in LANGUAGES else DEFAULT_LANGUAGE
    result = read_csv_file(EXAMPLES_DIR / f"demo_{language}.csv")
    if result.problems:
        raise ValueError(f"the demo journal has bad rows: {result.problems[:3]}")
    journal = Journal(id=None, name=name, partners=result.partners, timezone=DEMO_TIMEZONE,
                      read_only=True)
    # The invented couple shares their whole journal with their coach, so a session on the
    # example has moments to show (a session with the coach shows only what is shared).
    numbered = tuple(replace(event.with_id(index), visibility=Visibility.COACH)
                     for index, event in enumerate(result.events, 1))
    return DemoJournal(journal=journal, events=numbered)
