"""A journal's events kept in memory and brought up to date by what changed, not reloaded.

Adding one moment to a journal of 100,000 should cost a query for that one row, not a reload
of all of them. Every write stamps its rows with the journal's new revision, so a snapshot
asks only for rows stamped after the revision it last saw. A count check falls back to a
full reload if anything does not add up, so the snapshot can never silently drift.
"""

from __future__ import annotations

import threading

import pandas as pd

from nabij.storage.store import Store

TABLE_COLUMNS = ["id", "occurred_at", "partner", "kind", "intensity", "body", "note", "context",
                 "visibility"]


class JournalSnapshot:
    """The live rows of one journal; `table()` returns a DataFrame nobody may modify."""

    def __init__(self, store: Store, journal_id: int):
        self._store = store
        self._journal_id = journal_id
        self._lock = threading.Lock()
        self._table: pd.DataFrame | None = None
        self._revision = -1
        self.full_loads = 0
        self.incremental_loads = 0

    def table(self) -> pd.DataFrame:
        with self._lock:
            # The revision is read before the rows: a write in between is fetched again
            # next time (harmless, rows merge by id), never missed.
            revision = self._store.revision(self._journal_id)
            if self._table is None:
                self._load_all(revision)
            elif revision != self._revision:
                self._load_changes(revision)
            assert self._table is not None
            return self._table

    def _load_all(self, revision: int) -> None:
        self._table = self._store.events_table(self._journal_id)[TABLE_COLUMNS]
        self._revision = revision
        self.full_loads += 1

    def _load_changes(self, revision: int) -> None:
        assert self._table is not None
        changes = self._store.events_table(self._journal_id, since_revision=self._revision)
        replaced = self._table["id"].isin(changes["id"]).to_numpy()
        kept = self._table[~replaced] if replaced.any() else self._table
        alive = changes.loc[~changes["deleted"], TABLE_COLUMNS]
        merged = pd.concat([kept, alive], ignore_index=True) if not alive.empty else kept
        if _follows(kept, alive):
            # The usual write: new moments after the last one. Both parts are in order (the
            # query sorts), so sorting all the rows again would only cost time.
            if merged is kept and replaced.any():
                merged = merged.reset_index(drop=True)  # only removals: close the gaps
        else:
            merged = merged.sort_values(["occurred_at", "id"], kind="stable", ignore_index=True)
        if len(merged) != self._store.count_events(self._journal_id):
            self._load_all(revision)  # rows written outside Nabij's store: start over
            return
        self._table = merged
        self._revision = revision
        self.incremental_loads += 1


def _follows(kept: pd.DataFrame, alive: pd.DataFrame) -> bool:
    """Whether `alive` (in time order) comes wholly after `kept` (in time order)."""
    if kept.empty or alive.empty:
        return True
    last = (kept["occurred_at"].iloc[-1], kept["id"].iloc[-1])
    return (alive["occurred_at"].iloc[0], alive["id"].iloc[0]) > last
