"""Where the data lives: environment over secrets over the local SQLite file."""

from nabij.config import DEFAULT_DATABASE_PATH, auth_configured, database_url, sharing_secret


def test_default_is_the_local_sqlite_file():
    assert database_url(None, {}) == f"sqlite:///{DEFAULT_DATABASE_PATH}"


def test_secret_is_used_when_set():
    assert database_url("postgresql+psycopg://u@h/db", {}) == "postgresql+psycopg://u@h/db"


def test_environment_wins_over_secrets():
    env = {"NABIJ_DATABASE_URL": "sqlite:////tmp/x.sqlite3"}
    assert database_url("postgresql+psycopg://u@h/db", env) == "sqlite:////tmp/x.sqlite3"


def test_blank_values_fall_through():
    assert database_url("  ", {"NABIJ_DATABASE_URL": " "}).startswith("sqlite:///")


def test_sign_in_needs_a_filled_auth_section():
    assert auth_configured({"client_id": "x", "cookie_secret": "c"})
    assert not auth_configured({}) and not auth_configured(None) and not auth_configured("auth")


def test_the_sharing_secret_comes_first_then_the_sign_in_cookie_secret():
    auth = {"cookie_secret": "from cookie"}
    assert sharing_secret("own secret", auth) == "own secret"
    assert sharing_secret("", auth) == sharing_secret(None, auth) == "from cookie"
    assert sharing_secret(12345, None) == "12345"


def test_without_either_journals_cannot_be_shared():
    assert sharing_secret(None, None) is None
    assert sharing_secret("", {"client_id": "x"}) is None
    assert sharing_secret(None, "not a section") is None
