"""Values from Streamlit secrets, read safely: a missing secrets.toml means "not set"."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from nabij.config import idle_lock_minutes, passphrase_forced
from nabij.security.cipher import sharing_key as derive_sharing_key


def secret(name: str, default: Any = None) -> Any:
    try:
        return st.secrets.get(name, default)
    except FileNotFoundError:  # no secrets.toml at all
        return default


def sign_in_configured() -> bool:
    """A coach can sign in when secrets has an [auth] section (st.login's OpenID Connect)."""
    auth = secret("auth")
    return isinstance(auth, Mapping) and bool(auth)


def sharing_key() -> bytes | None:
    """The key that seals journal keys for coaches: `sharing_secret`, else the sign-in
    cookie secret. None without either (journals can then not be shared)."""
    value = secret("sharing_secret")
    if not value:
        auth = secret("auth")
        value = auth.get("cookie_secret") if isinstance(auth, Mapping) else None
    return derive_sharing_key(str(value)) if value else None


def forced_passphrase() -> bool:
    return passphrase_forced(secret("require_passphrase"))


def idle_minutes() -> float:
    return idle_lock_minutes(secret("idle_lock_minutes"))
