"""A new journal from what the create form holds: checked all at once, then stored.

Every problem in the form is named in one go, the names and the passphrase alike, so a couple
fixes them together rather than one per try. A journal with a passphrase has it from its first
moment (nabij.storage.protection): its names are never stored readable.
"""

from __future__ import annotations

from nabij.model import InvalidInput, Journal, Problem, validate_journal
from nabij.security.cipher import FieldCipher
from nabij.security.passphrase import check_optional_new
from nabij.storage.protection import create_protected_journal
from nabij.storage.store import Store


def checked_new_journal(name: object, partner_a: object, partner_b: object, timezone: object,
                        passphrase: object, repeat: object, *,
                        required: bool) -> tuple[Journal, str | None]:
    """The journal to create and its passphrase (None: none typed and none `required`);
    InvalidInput with the problems of both."""
    problems: list[Problem] = []
    journal = chosen = None
    try:
        journal = validate_journal(name, partner_a, partner_b, timezone)
    except InvalidInput as invalid:
        problems += invalid.problems
    try:
        chosen = check_optional_new(passphrase, repeat, required)
    except InvalidInput as invalid:
        problems += invalid.problems
    if problems or journal is None:
        raise InvalidInput(problems)
    return journal, chosen


def create_journal(store: Store, journal: Journal,
                   passphrase: str | None) -> tuple[Journal, FieldCipher | None]:
    """Store a new journal, with a passphrase where one was chosen; its key (None without)."""
    if passphrase is None:
        return store.create_journal(journal), None
    return create_protected_journal(store, journal, passphrase)
