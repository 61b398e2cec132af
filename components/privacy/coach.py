"""The coach's side: sign in (st.login, OpenID Connect from secrets), see what couples share.

Only where the deployment configures sign-in. A coach sees the journals shared with their
sign-in address, read-only, and of those only the moments marked for the coach. Without
sign-in configured none of this shows and Nabij works with passphrases alone. Only an address
the provider verified opens anything (nabij.security.sign_in says why).
"""

from __future__ import annotations

import streamlit as st

from components.journal.choice import switch_to
from components.journal.database import get_store
from components.privacy.access import forget_keys, held, remember_coach_key
from components.settings import sharing_key, sign_in_configured
from nabij.i18n import Messages
from nabij.journal_choice import COACH_VIEW
from nabij.journal_source import Access
from nabij.model import Journal
from nabij.security.sign_in import SignedIn, signed_in_address
from nabij.storage import JournalLocked
from nabij.storage.shares import coach_view, journals_shared_with_coach
from nabij.text_safety import escape_markdown


def _signed_in() -> SignedIn | None:
    """The signed-in user's address and whether the provider verified it; None if signed out."""
    return signed_in_address(st.user) if sign_in_configured() else None


def coach_email() -> str | None:
    """The signed-in coach's verified address, or None (not configured, signed out, or an
    address the provider did not verify: then nothing shared with it opens)."""
    signed_in = _signed_in()
    return signed_in.email if signed_in is not None and signed_in.verified else None


def shared_journal_options(msg: Messages) -> dict[int, str]:
    """The journals shared with the signed-in coach, by id, as the picker names them."""
    email = coach_email()
    if email is None:
        return {}
    return {journal.id: msg("coach.option", name=journal.name)  # type: ignore[misc]
            for journal in journals_shared_with_coach(get_store(), email)}


def open_as_coach(journal_id: int, msg: Messages) -> tuple[Journal, int, Access] | None:
    """A shared journal as the signed-in coach reads it (read-only, with the key the share
    wraps), its revision and access; None where it is not (any more) shared with them."""
    store = get_store()
    try:
        viewed, cipher = coach_view(store, journal_id, coach_email(), sharing_key())
    except (LookupError, JournalLocked) as refused:  # withdrawn, never shared, or stale
        held().coach.pop(journal_id, None)
        if isinstance(refused, JournalLocked):
            st.warning(msg("coach.share_stale"), icon=":material/lock:")
        return None
    if cipher is not None:
        remember_coach_key(cipher)  # phase marks and the like read through the session's Store
    access = Access(cipher=cipher, unreadable=msg("privacy.unreadable"), coach=True)
    return viewed, store.revision(journal_id), access


def coach_sign_in(msg: Messages) -> None:
    """Sidebar: sign in or out as a coach, where sign-in is configured."""
    if not sign_in_configured():
        return
    signed_in = _signed_in()
    if signed_in is None:
        st.button(msg("coach.sign_in"), icon=":material/login:", key="coach_sign_in",
                  on_click=st.login, width="stretch")
        return
    email, verified = signed_in
    st.caption(msg("coach.signed_in", email=escape_markdown(email)))
    if not verified:
        st.warning(msg("coach.unverified"), icon=":material/mail:")
    st.button(msg("coach.sign_out"), icon=":material/logout:", key="coach_sign_out",
              on_click=_sign_out, width="stretch")


def _sign_out() -> None:
    forget_keys()
    st.logout()


def shared_journals_section(msg: Messages) -> None:
    """Journals page, for a signed-in coach: the journals couples share with them."""
    email = coach_email()
    if email is None:
        return
    st.subheader(msg("coach.shared_heading"))
    journals = journals_shared_with_coach(get_store(), email)
    if not journals:
        st.caption(msg("coach.shared_none"))
    for journal in journals:
        with st.container(border=True, key=f"shared_{journal.id}"):
            name_column, button_column = st.columns([3, 1], vertical_alignment="center")
            name_column.text(msg("coach.option", name=journal.name))
            button_column.button(msg("journals.open"), key=f"open_shared_{journal.id}",
                                 on_click=switch_to, args=(f"{COACH_VIEW}{journal.id}",))
