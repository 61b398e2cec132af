"""Shared fixtures: a migrated database on SQLite and, where configured, on PostgreSQL.

The PostgreSQL half runs when NABIJ_TEST_POSTGRES_URL names a server (scripts/test starts a
throwaway one). In CI a missing server fails the run instead of skipping it.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import settings
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from nabij.model import Journal
from nabij.storage import Store, open_engine, upgrade_to_latest

POSTGRES_ENV = "NABIJ_TEST_POSTGRES_URL"

# A busy 2-core machine can take longer than Hypothesis' 200 ms for one example: the tests
# judge what comes out, never how long it took.
settings.register_profile("nabij", deadline=None)
settings.load_profile("nabij")


def postgres_admin_url() -> str:
    url = os.environ.get(POSTGRES_ENV, "").strip()
    if not url:
        message = (f"{POSTGRES_ENV} is not set: the PostgreSQL tests need a server "
                   "(bash scripts/test starts one)")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return url


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """A new, empty database on the test server, dropped afterwards."""
    admin_url = make_url(postgres_admin_url())
    name = f"nabij_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    with fresh_postgres_database() as url:
        yield url


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'nabij.sqlite3'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request) -> str:
    """Each storage test runs once per supported database."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def store(database_url) -> Iterator[Store]:
    engine = open_engine(database_url)
    upgrade_to_latest(engine)
    yield Store(engine)
    engine.dispose()


@pytest.fixture
def journal(store) -> Journal:
    return store.create_journal(Journal(id=None, name="Wij", partners=("Anna", "Bram"),
                                        timezone="Europe/Amsterdam"))
