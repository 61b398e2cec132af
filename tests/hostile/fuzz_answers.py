"""What the app does with a file someone hands it, through the entry points the import page,
the restore page and `python -m nabij check` call: rows read, or a message. Shared by the
fuzz tests; nothing here may swallow an exception other than the refusals the app shows."""

from __future__ import annotations

import json
from collections.abc import Mapping

from nabij.i18n import catalogue
from nabij.io.canonical_csv import UnreadableFile
from nabij.io.files import read_table
from nabij.io.importing import (
    guess_mapping,
    journal_from_file,
    partner_names,
    plan_import,
    read_events,
    suggest_partner_map,
)
from nabij.model import Journal
from nabij.storage import Store
from nabij.storage.backup import parse_backup, restore_journal, summarise_backup

JOURNAL = Journal(id=1, name="Wij", partners=("Anna", "Bram"), timezone="Europe/Amsterdam")


def said(key: str, params: Mapping[str, object]) -> str:
    """The message in both languages: the key must exist and its parameters must fit."""
    texts = []
    for language in ("nl", "en"):
        text = catalogue(language).get(key)
        assert text is not None, f"no message {key!r} in {language}"
        texts.append(text.format(**params))
    return texts[1]


def answer_data_file(data: bytes, name: str) -> tuple:
    """As the import page (with a journal of its own) and the check command (a journal made
    from the file) read it: ("rows", count, problems) or ("message", text)."""
    try:
        table = read_table(data, name)
    except UnreadableFile as refused:
        return ("message", said(refused.key, refused.params))
    mapping = guess_mapping(table.header)
    names = partner_names(table, mapping) if mapping.get("partner") is not None else []
    try:
        as_checked = read_events(table, mapping, journal_from_file(table, mapping))
        as_imported = read_events(table, mapping, JOURNAL, suggest_partner_map(names, JOURNAL))
    except UnreadableFile as refused:
        return ("message", said(refused.key, refused.params))
    for result in (as_checked, as_imported):
        for problem in result.problems:
            said(problem.key, problem.params)
    plan_import(as_imported.events, [])
    return ("rows", len(as_imported.rows), len(as_imported.problems))


def answer_backup(data: bytes, store: Store | None = None) -> tuple:
    """As the restore page reads a backup: its summary, then (with a store) the restore."""
    try:
        backup = parse_backup(data)
        summary = summarise_backup(backup)
        if store is None:
            return ("summary", summary.events)
        journal = restore_journal(store, backup, name="Hersteld")
    except UnreadableFile as refused:
        return ("message", said(refused.key, refused.params))
    return ("restored", len(store.list_events(journal.id)))


def backup_bytes(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")
