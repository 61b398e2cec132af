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
