"""Which journal a browser session chose, as its state and the sidebar picker hold it.

A choice is the demo, one of the session's own journals (its id) or a journal shared with the
signed-in coach ("coach:<id>"). The picker's value comes from the browser, so a choice is
parsed here before anything is looked up: a value that is none of these opens nothing, and
what it opens is decided by components/journal/source.py.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from nabij.i18n import Messages
from nabij.journal_source import SourceKind
from nabij.model import Journal

DEMO = "demo"
COACH_VIEW = "coach:"

Choice = int | str


def chosen_journal(choice: object) -> tuple[SourceKind, int] | None:
    """The stored journal a choice names, as (OWN, id) or (COACH, id); None for the demo and
    for anything that is no choice at all (a forged widget value, a bool, "coach:x")."""
    if isinstance(choice, str) and choice.startswith(COACH_VIEW):
        suffix = choice.removeprefix(COACH_VIEW)
        # ASCII only: int() also reads other scripts' digits, str.isdigit() also "²".
        if suffix.isascii() and suffix.isdigit():
            return SourceKind.COACH, int(suffix)
        return None
    if isinstance(choice, int) and not isinstance(choice, bool):
        return SourceKind.OWN, choice
    return None


def listable_journals(journals: Iterable[Journal], passphrase_required: bool,
                      opened_ids: Collection[int]) -> list[Journal]:
    """The journals a session may list: all of them at home; on a shared deployment only the
    ones opened here with their passphrase."""
    return [journal for journal in journals
            if not passphrase_required or (journal.protected and journal.id in opened_ids)]


def journal_label(journal: Journal, msg: Messages) -> str:
    """How a journal is named in lists: a locked one by its name only (its partners' names
    are sealed until it is opened), a protected one with a lock."""
    if journal.locked:
        return f"🔒 {journal.name}"
    label = msg("picker.journal_option", name=journal.name, a=journal.partners[0],
                b=journal.partners[1])
    return f"🔒 {label}" if journal.protected else label


def picker_options(journals: Iterable[Journal], shared: Mapping[int, str], chosen: Choice,
                   msg: Messages) -> dict[Choice, str]:
    """The picker's choices and their names: the session's journals, those `shared` with its
    coach (id -> name), the demo last. A `chosen` journal no longer among them (e.g. just
    locked on a shared deployment) stays listed as locked: the picker shows what is open."""
    names: dict[Choice, str] = {journal.id: journal_label(journal, msg)  # type: ignore[misc]
                                for journal in journals}
    names.update({f"{COACH_VIEW}{journal_id}": label for journal_id, label in shared.items()})
    names[DEMO] = msg("picker.demo_option", name=msg("demo.name"))
    names.setdefault(chosen, msg("picker.locked_option"))
    return names
