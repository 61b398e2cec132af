"""On Streamlit Community Cloud with SQLite every page warns that the data will not last."""

from __future__ import annotations

import pytest

import components.journal.database
from components.journal.database import storage_is_ephemeral
from tests.pages.conftest import open_app

WARNING_START = {"nl": "Deze installatie bewaart gegevens in een lokaal SQLite-bestand",
                 "en": "This installation keeps its data in a local SQLite file"}


@pytest.fixture
def on_community_cloud(tmp_path, monkeypatch):
    """Community Cloud is recognised by its source folder (/mount/src): point it here."""
    monkeypatch.setattr(components.journal.database, "COMMUNITY_CLOUD_SOURCE_DIR", tmp_path)


def _warnings(app) -> list[str]:
    return [warning.value for warning in app.warning]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("page", [None, "views/journal.py", "views/data.py"])
def test_cloud_with_sqlite_warns_on_every_page(store, on_community_cloud, lang, page):
    app = open_app(page, lang=lang)
    assert any(text.startswith(WARNING_START[lang]) for text in _warnings(app))


def test_no_warning_off_the_cloud(store, tmp_path, monkeypatch):
    monkeypatch.setattr(components.journal.database, "COMMUNITY_CLOUD_SOURCE_DIR",
                        tmp_path / "absent")
    app = open_app()
    assert not any(text.startswith(WARNING_START["nl"]) for text in _warnings(app))


def test_no_warning_on_the_cloud_with_a_server_database(on_community_cloud, monkeypatch):
    monkeypatch.setenv("NABIJ_DATABASE_URL", "postgresql+psycopg://nabij@db.example/nabij")
    assert storage_is_ephemeral() is False
    monkeypatch.setenv("NABIJ_DATABASE_URL", "sqlite:///var/nabij.sqlite3")
    assert storage_is_ephemeral() is True
