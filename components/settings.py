"""Values from Streamlit secrets, read safely: a missing secrets.toml means "not set"."""

from __future__ import annotations

from typing import Any

import streamlit as st

from nabij.config import auth_configured, idle_lock_minutes, passphrase_forced, sharing_secret
from nabij.security.cipher import sharing_key as derive_sharing_key


def secret(name: str, default: Any = None) -> Any:
    try:
        return st.secrets.get(name, default)
    except FileNotFoundError:  # no secrets.toml at all
        return default


def sign_in_configured() -> bool:
    return auth_configured(secret("auth"))


def sharing_key() -> bytes | None:
    """The key that seals journal keys for coaches; None where journals cannot be shared."""
    value = sharing_secret(secret("sharing_secret"), secret("auth"))
    return derive_sharing_key(value) if value else None


def forced_passphrase() -> bool:
    return passphrase_forced(secret("require_passphrase"))


def idle_minutes() -> float:
    return idle_lock_minutes(secret("idle_lock_minutes"))
