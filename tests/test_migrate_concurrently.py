"""Two app servers starting at once on one fresh PostgreSQL database (deploy/, issue #20).

Each runs `upgrade_to_latest` in a process of its own. The test holds the migration lock
itself until both are waiting for it, so the two upgrades really start together every time,
then lets go: both must succeed, and the database must hold one schema at the latest revision.
Without the lock neither would wait, and the test says so instead of passing by luck.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from nabij.storage import open_engine, upgrade_to_latest
from nabij.storage.migrate import MIGRATION_LOCK_KEY, current_revision, latest_revision
from nabij.storage.tables import metadata

PROJECT_ROOT = Path(__file__).resolve().parents[1]
UPGRADE = ("import sys; from nabij.storage import open_engine, upgrade_to_latest; "
           "upgrade_to_latest(open_engine(sys.argv[1]))")
WAIT_FOR_WAITERS_S = 60
UPGRADE_TIMEOUT_S = 120

_WAITERS = text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
                "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")


def _start_upgrade(url: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", UPGRADE, url], cwd=PROJECT_ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _output(process: subprocess.Popen) -> str:
    if process.poll() is None:
        process.kill()
    return process.communicate()[0]


@pytest.mark.postgres
def test_two_servers_starting_together_migrate_once_and_both_start(postgres_url):
    engine = open_engine(postgres_url)
    try:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as gate:
            gate.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
            upgrades = [_start_upgrade(postgres_url), _start_upgrade(postgres_url)]
            try:
                deadline = time.monotonic() + WAIT_FOR_WAITERS_S
                while gate.execute(_WAITERS).scalar_one() < 2:
                    finished = [process for process in upgrades if process.poll() is not None]
                    if finished or time.monotonic() > deadline:
                        pytest.fail("the two upgrades did not both wait for the migration lock:\n"
                                    + "\n".join(_output(process) for process in upgrades))
                    time.sleep(0.05)  # polling pg_locks, not a wait for the outcome
            finally:
                gate.execute(text("SELECT pg_advisory_unlock(:key)"),
                             {"key": MIGRATION_LOCK_KEY})
            for process in upgrades:
                output = process.communicate(timeout=UPGRADE_TIMEOUT_S)[0]
                assert process.returncode == 0, output

        assert current_revision(engine) == latest_revision()
        with engine.connect() as conn:
            versions = conn.execute(text("SELECT version_num FROM alembic_version")).all()
        assert versions == [(latest_revision(),)]
        assert set(inspect(engine).get_table_names()) == {*metadata.tables, "alembic_version"}
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_the_migration_lock_is_let_go_after_an_upgrade(postgres_url):
    """A server that upgraded holds no lock afterwards: a later one (a restart, a third
    replica) is not kept waiting."""
    engine = open_engine(postgres_url)
    # Another server: its own engine, so its session is surely not the one that upgraded
    # (the upgrading engine stays open, with every pooled connection it kept).
    other = open_engine(postgres_url)
    try:
        upgrade_to_latest(engine)
        with other.connect() as conn:
            taken = conn.execute(text("SELECT pg_try_advisory_lock(:key)"),
                                 {"key": MIGRATION_LOCK_KEY}).scalar_one()
            conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK_KEY})
        assert taken is True
        assert current_revision(engine) == latest_revision()
    finally:
        other.dispose()
        engine.dispose()
