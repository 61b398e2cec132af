"""Who signed in (st.login, OpenID Connect): the address a coach's shares are matched with.

The address counts only when the provider says it verified it (`email_verified` true in the
ID token): many providers let anyone sign up with an address they do not own, and a couple
shares with an address, not with an account.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple


class SignedIn(NamedTuple):
    email: str  # trimmed and lower case, as shares are compared
    verified: bool  # only a verified address opens what is shared with it


def signed_in_address(claims: Mapping[str, object]) -> SignedIn | None:
    """The address of the signed-in user (st.user's claims); None if signed out or without one."""
    if not claims.get("is_logged_in"):
        return None
    email = claims.get("email")
    if not email:
        return None
    return SignedIn(str(email).strip().lower(), claims.get("email_verified") is True)
