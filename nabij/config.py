"""Where Nabij keeps its data: one answer for the app, the command line and the tests."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
# User data lives outside data/ (which holds content shipped with Nabij) and is git-ignored.
DEFAULT_DATABASE_PATH = PROJECT_ROOT / "var" / "nabij.sqlite3"
DATABASE_URL_ENV = "NABIJ_DATABASE_URL"


def database_url(secret_url: str | None = None,
                 environ: Mapping[str, str] | None = None) -> str:
    """The database URL: environment first, then Streamlit secrets, else the local SQLite file.

    The environment wins so a test or an operator can always redirect a deployment without
    editing its secrets.
    """
    environ = os.environ if environ is None else environ
    from_env = environ.get(DATABASE_URL_ENV, "").strip()
    if from_env:
        return from_env
    if secret_url and secret_url.strip():
        return secret_url.strip()
    return f"sqlite:///{DEFAULT_DATABASE_PATH}"


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def auth_configured(auth: object) -> bool:
    """A coach can sign in when secrets has an [auth] section (st.login's OpenID Connect)."""
    return isinstance(auth, Mapping) and bool(auth)


def sharing_secret(secret_value: object, auth: object) -> str | None:
    """What seals journal keys for coaches: `sharing_secret`, else the sign-in cookie secret.
    None without either (journals can then not be shared)."""
    value = secret_value or (auth.get("cookie_secret") if isinstance(auth, Mapping) else None)
    return str(value) if value else None


REQUIRE_PASSPHRASE_ENV = "NABIJ_REQUIRE_PASSPHRASE"
IDLE_LOCK_ENV = "NABIJ_IDLE_LOCK_MINUTES"
DEFAULT_IDLE_LOCK_MINUTES = 15.0
_TRUE = {"1", "true", "yes", "on"}


def passphrase_forced(secret_value: object = None,
                      environ: Mapping[str, str] | None = None) -> bool:
    """Whether the operator asks for passphrases even on loopback (environment, then secrets).

    Nabij already requires them on any request that is not loopback; this is for a machine
    that sits behind a tunnel or proxy Nabij cannot see through.
    """
    environ = os.environ if environ is None else environ
    raw = environ.get(REQUIRE_PASSPHRASE_ENV, "").strip()
    if raw:
        return raw.lower() in _TRUE
    if isinstance(secret_value, bool):
        return secret_value
    return str(secret_value or "").strip().lower() in _TRUE


def idle_lock_minutes(secret_value: object = None,
                      environ: Mapping[str, str] | None = None) -> float:
    """Minutes without use after which an open journal locks itself (environment, secrets).

    Anything that is not a positive number falls back to the default rather than switching
    the lock off by accident.
    """
    environ = os.environ if environ is None else environ
    for raw in (environ.get(IDLE_LOCK_ENV, "").strip(), secret_value):
        if raw is None or raw == "":
            continue
        try:
            minutes = float(raw)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            continue
        if minutes > 0:
            return minutes
    return DEFAULT_IDLE_LOCK_MINUTES
