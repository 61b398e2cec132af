"""Creating a SQLAlchemy engine that is safe for several people writing at once."""

from __future__ import annotations

import logging
import random
import sqlite3
import time
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

SQLITE_BUSY_TIMEOUT_MS = 10_000
# How long a write waits for its turn when many write at once, and how it asks for it.
SQLITE_WRITE_WAIT_S = 30
SQLITE_BEGIN_POLL_MS = 5
# The execution option that marks a connection as one that only reads (see `reading`).
READ_ONLY_OPTION = "nabij_read_only"


class _NoRowData(logging.Filter):
    """Drops SQLAlchemy's row-by-row debug records, which would copy journal rows (notes of a
    journal without a passphrase, passphrase hashes) into whatever log an operator keeps."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (isinstance(record.msg, str) and record.msg.startswith(("Row ", "Col ")))


_ROW_FILTER = _NoRowData()
logging.getLogger("sqlalchemy.engine.Engine").addFilter(_ROW_FILTER)


def open_engine(url: str) -> Engine:
    """An engine for `url`; for SQLite, WAL, a busy timeout and foreign keys on every connection.

    WAL lets one partner read while the other writes, the busy timeout makes a second writer
    wait instead of failing, and foreign keys are off in SQLite unless asked for.
    SQL parameters are never logged or put into error messages (`hide_parameters`): they are
    what people wrote. SQLite overwrites deleted content with zeros (`secure_delete`), so text
    sealed after the fact leaves no readable copy in the file's free pages.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, hide_parameters=True)

    database = parsed.database
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
                           hide_parameters=True)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # pragma: no cover - trivial
        # pysqlite's own transaction handling would defer BEGIN; take control of it so
        # writes start with BEGIN IMMEDIATE and never deadlock on a lock upgrade.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:  # pragma: no cover - trivial
        if connection.get_execution_options().get(READ_ONLY_OPTION):
            # Deferred: in WAL a reader sees one snapshot and never blocks a writer.
            connection.exec_driver_sql("BEGIN")
        else:
            _begin_immediate(connection)

    return engine


def reading(engine: Engine) -> Connection:
    """A connection for reads only, used as `with reading(engine) as conn:`.

    On SQLite every other transaction begins IMMEDIATE, which takes the write lock at once
    (so a writer never deadlocks upgrading a read lock). A read has no need of it, and taking
    it made one long read stall every other session's write; reads say so here and begin
    deferred. Writing through this connection is a mistake: it could fail with "database is
    locked" instead of waiting its turn. An unmarked connection stays IMMEDIATE, which is
    always safe. On PostgreSQL the mark changes nothing.
    """
    return engine.connect().execution_options(**{READ_ONLY_OPTION: True})


def _begin_immediate(connection) -> None:
    """BEGIN IMMEDIATE, asked for again with a short random pause while another writes.

    SQLite's own busy handler sleeps ever longer (up to 100 ms) between tries, so with many
    writers at once an unlucky one keeps waking up to a lock that was just taken again, and
    gave up with "database is locked" after the busy timeout (seen with 20 writers on a
    loaded machine). Short polls with jitter give every writer its turn. Nothing has been
    written when BEGIN fails, so asking again is always safe.
    """
    deadline = time.monotonic() + SQLITE_WRITE_WAIT_S
    connection.exec_driver_sql(f"PRAGMA busy_timeout={SQLITE_BEGIN_POLL_MS}")
    try:
        while True:
            try:
                connection.exec_driver_sql("BEGIN IMMEDIATE")
                return
            except OperationalError as error:
                code = getattr(error.orig, "sqlite_errorcode", None)
                if code not in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) \
                        or time.monotonic() >= deadline:
                    raise
            time.sleep(random.uniform(0.0005, 0.005))
    finally:
        connection.exec_driver_sql(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
