"""AppTest fixtures: the whole app (app.py with navigation) on a fresh SQLite database."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from nabij.config import PROJECT_ROOT
from nabij.model import Event, Journal, Kind
from nabij.storage import Store, open_engine, upgrade_to_latest

APP = str(PROJECT_ROOT / "app.py")


@pytest.fixture
def db_url(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'nabij.sqlite3'}"
    monkeypatch.setenv("NABIJ_DATABASE_URL", url)
    return url


@pytest.fixture
def store(db_url) -> Store:
    engine = open_engine(db_url)
    upgrade_to_latest(engine)
    yield Store(engine)
    engine.dispose()


@pytest.fixture
def journal(store) -> Journal:
    return store.create_journal(Journal(None, "Wij", ("Anna", "Bram"), "Europe/Amsterdam"))


def open_app(page: str | None = None, lang: str | None = None, secrets: dict | None = None,
             user: dict | None = None) -> AppTest:
    """The whole app after its first run (on `page`), with these secrets and st.user."""
    app = AppTest.from_file(APP, default_timeout=30)
    for key, value in (secrets or {}).items():
        app.secrets[key] = value
    if user is not None:
        app.user = user
    if lang:
        app.query_params["lang"] = lang
    app.run()
    if page:
        app.switch_page(page).run()
    assert not app.exception, app.exception
    return app


def add_event(store: Store, journal: Journal, note: str = "", kind: Kind = Kind.CLOSENESS,
              partner: int = 0, intensity: int = 3, hours: int = 0) -> Event:
    moment = dt.datetime(2025, 3, 4, 20, 0, tzinfo=dt.UTC) + dt.timedelta(hours=hours)
    return store.add_event(journal.id, Event(occurred_at=moment, partner=partner, kind=kind,
                                             intensity=intensity, note=note))
