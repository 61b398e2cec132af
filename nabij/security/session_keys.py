"""The keys one browser session holds, and who is using it: the rules, on plain dicts.

The app keeps the dicts in the session's state on the server (components/privacy/access.py);
the rules live here so they are tested without Streamlit. Saying you are someone else drops the
other partner's key at once; locking (access.forget_keys) empties every dict.
"""

from __future__ import annotations

from dataclasses import dataclass

from nabij.security.cipher import FieldCipher
from nabij.storage.private_moments import PersonalKey

# The "who am I" answer for both partners on one shared screen: nobody's private moments.
TOGETHER = "together"
WHO_CHOICES: tuple[int | str, ...] = (0, 1, TOGETHER)


def partner_slot(choice: object) -> int | None:
    """A "who am I" answer as a partner slot: 0 or 1, else None (together, or nothing)."""
    return choice if isinstance(choice, int) and choice in (0, 1) else None


@dataclass(frozen=True)
class SessionKeys:
    """The session's dicts themselves, not copies: what changes here changes in the session."""

    journals: dict[int, FieldCipher]  # opened here with the journal's passphrase
    # Keys of journals shared with the signed-in coach: they open the coach's read-only view and
    # are never listed as the session's own journals.
    coach: dict[int, FieldCipher]
    # Per journal: the partner using this browser (a slot, or None for together), and that
    # partner's own key once they opened it with their personal passphrase.
    me: dict[int, int | None]
    personal: dict[int, PersonalKey]

    def all_ciphers(self) -> dict[int, FieldCipher]:
        """Every journal key, the coach's included; the session's own key wins over a share."""
        return {**self.coach, **self.journals}

    def remember_coach(self, cipher: FieldCipher) -> bool:
        """Keep a shared journal's key; True when the session did not hold it yet."""
        new = cipher.journal_id not in self.coach
        self.coach[cipher.journal_id] = cipher
        return new

    def who_am_i(self, journal_id: int | None) -> int | None:
        """The partner slot using this browser for the journal, or None (not said, or together)."""
        return partner_slot(self.me.get(journal_id))  # type: ignore[arg-type]

    def has_said_who(self, journal_id: int | None) -> bool:
        """Whether someone in this browser said who they are for the journal (or "together")."""
        return journal_id in self.me

    def own_key_open(self, journal_id: int) -> bool:
        """Whether the partner using this browser opened their own key for the journal."""
        key = self.personal.get(journal_id)
        return key is not None and key.partner == self.who_am_i(journal_id)

    def set_me(self, journal_id: int, choice: object) -> None:
        """Say who uses this browser (a "who am I" answer); another partner's key goes at once."""
        slot = partner_slot(choice)
        self.me[journal_id] = slot
        key = self.personal.get(journal_id)
        if key is not None and key.partner != slot:
            del self.personal[journal_id]

    def holds_any(self) -> bool:
        """Whether there is anything to lock: a journal's, a shared or a partner's own key."""
        return bool(self.journals or self.coach or self.personal)
