"""Bringing any database up to the current schema through Alembic.

Running the migrations at start-up, rather than `create_all`, means an older journal file is
upgraded in place when Nabij is upgraded, and SQLite and PostgreSQL follow the same path.

Several app servers may start at once on one PostgreSQL database (deploy/). Alembic itself
does not guard against two upgrades at the same time: both would read "no schema yet" and
both would create the tables, and one of them would fail. On PostgreSQL the upgrade runs
under an advisory lock, so the second server waits for the first and then finds nothing left
to do. SQLite is one machine's file, opened by one server.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The advisory lock key that upgrades take on PostgreSQL: any fixed 64-bit number that no
# other application sharing the database uses ("nabij" in ASCII, then "mig").
MIGRATION_LOCK_KEY = 0x6E6162696A6D6967


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def upgrade_to_latest(engine: Engine) -> None:
    """Apply every migration the database does not have yet; a no-op when it is current.

    On PostgreSQL only one server upgrades at a time (see the module's docstring); whoever
    waited looks again once it holds the lock, and usually has nothing left to do.
    """
    if current_revision(engine) == latest_revision():
        return
    if engine.dialect.name != "postgresql":
        command.upgrade(alembic_config(engine), "head")
        return
    # A session-level lock on a connection of its own, outside any transaction, so that it is
    # held across the migrations' own transactions on another connection.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as lock:
        lock.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        try:
            if current_revision(engine) != latest_revision():
                command.upgrade(alembic_config(engine), "head")
        finally:
            lock.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK_KEY})


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def latest_revision() -> str | None:
    return ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()
