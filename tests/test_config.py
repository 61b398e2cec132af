"""Where the data lives: environment over secrets over the local SQLite file."""

from nabij.config import DEFAULT_DATABASE_PATH, database_url


def test_default_is_the_local_sqlite_file():
    assert database_url(None, {}) == f"sqlite:///{DEFAULT_DATABASE_PATH}"


def test_secret_is_used_when_set():
    assert database_url("postgresql+psycopg://u@h/db", {}) == "postgresql+psycopg://u@h/db"


def test_environment_wins_over_secrets():
    env = {"NABIJ_DATABASE_URL": "sqlite:////tmp/x.sqlite3"}
    assert database_url("postgresql+psycopg://u@h/db", env) == "sqlite:////tmp/x.sqlite3"


def test_blank_values_fall_through():
    assert database_url("  ", {"NABIJ_DATABASE_URL": " "}).startswith("sqlite:///")
