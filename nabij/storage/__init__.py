"""Storage: the engine, the tables, the migrations and the journal store on top of them."""

from nabij.storage.engine import open_engine, reading
from nabij.storage.migrate import upgrade_to_latest
from nabij.storage.store import EventNotFound, JournalLocked, JournalNotFound, StaleEdit, Store

__all__ = ["EventNotFound", "JournalLocked", "JournalNotFound", "StaleEdit", "Store",
           "open_engine", "reading", "upgrade_to_latest"]
