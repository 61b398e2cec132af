"""A whole journal as one JSON file, and back again into a new journal.

The backup holds the journal's row and every row of every table that has a `journal_id`
column, found in `nabij.storage.tables.metadata` at run time: a table added by a later
version is backed up without changing this module. Events are kept whole, deleted ones
included (so an undo still works after a restore), with their versions and times.

Free text sealed with the journal's passphrase key is written out readable: a backup is the
couple's own copy and the way back when a passphrase is forgotten, so it needs the journal open.
The passphrase hash, its salt and shares with a coach belong to one installation and are left
out; a restored journal gets a passphrase of its own (or none, at home).

Restoring never overwrites: it always creates a new journal, in one transaction, and gives
every row a new id (references between the backed-up tables are translated). Event rows are
judged by `nabij.model.validate_event` like any other input, so a damaged or edited backup is
refused as a whole instead of filling a journal with what the app could never have saved.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Column, Engine, MetaData, Table, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DataError, IntegrityError, StatementError

from nabij import __version__
from nabij.i18n import Messages
from nabij.io.files import megabytes
from nabij.io.problems import UnreadableFile
from nabij.model import (
    DEFAULT_VISIBILITY,
    NOTE_MAX_CHARS,
    EventInput,
    InvalidInput,
    Journal,
    Problem,
    validate_event,
    validate_journal,
)
from nabij.phases.four_phases import Phase
from nabij.session.records import validate_check_in, validate_cycle_map, validate_next_step
from nabij.storage.engine import reading
from nabij.storage.store import (
    PLAIN,
    JournalNotFound,
    Store,
    TextCodec,
    _now,
    write_partners,
    write_sealed,
)
from nabij.storage.tables import (
    SEALED_COLUMNS,
    SEALED_JOURNAL_COLUMNS,
    SEALED_ROW_KEYS,
    journals,
    label_of,
)
from nabij.storage.tables import metadata as nabij_metadata
from nabij.text_safety import escape_markdown

BACKUP_FORMAT = "nabij-journal-backup"
BACKUP_VERSION = 1
MAX_BACKUP_BYTES = 10 * 1024 * 1024
JOURNAL_KEY = "journal_id"
# Counters (revision, version) and small numbers restored from a backup: far below the
# 32-bit limit, so the writes that follow a restore (revision + 1) always fit on PostgreSQL.
MAX_RESTORED_COUNT = 2**30
MAX_DATABASE_INT = 2**31 - 1
# Free text without a length of its own in the schema: the longest the app writes is a note.
MAX_RESTORED_TEXT = NOTE_MAX_CHARS
# Columns of the journal that describe its use on one installation, not its content. The
# revision is kept: events remember the revision of their last write (changed_revision).
_JOURNAL_LOCAL_COLUMNS = ("id", "last_opened_at", "passphrase_hash", "key_salt",
                          "coach_key_wrapped")
# Tables about who may open the journal on this installation, not about its content.
_LOCAL_TABLES = ("journal_shares",)


def journal_tables(metadata: MetaData = nabij_metadata) -> list[Table]:
    """Every table holding rows of one journal, parents before the tables that refer to them."""
    return [table for table in metadata.sorted_tables
            if JOURNAL_KEY in table.c and table.name != journals.name
            and table.name not in _LOCAL_TABLES]


def _to_json(value: Any) -> Any:
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def _python_type(column: Column) -> type | None:
    """The Python type of a column's values, looking through TypeDecorators (UTCDateTime)."""
    kind = getattr(column.type, "impl_instance", column.type)
    try:
        return kind.python_type
    except NotImplementedError:
        return None


def _from_json(column: Column, value: Any) -> Any:
    """A backed-up value as the column holds it; ValueError for anything the app could never
    have written there (what the domain allows is checked by `_check_rows`)."""
    if value is None:
        if not column.nullable:
            raise ValueError(f"{column.name}: empty")
        return None
    kind = _python_type(column)
    if kind in (dt.datetime, dt.date, dt.time) and not isinstance(value, str):
        raise ValueError(f"{column.name}: not a date or time")
    if kind is dt.datetime:
        moment = dt.datetime.fromisoformat(value)
        return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    if kind is dt.date:
        return dt.date.fromisoformat(value)
    if kind is dt.time:
        return dt.time.fromisoformat(value)
    if kind is int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError(f"{column.name}: not a whole number")
        keyed = column.primary_key or bool(column.foreign_keys)
        if not keyed and not 0 <= value <= MAX_RESTORED_COUNT:
            raise ValueError(f"{column.name}: out of range")
        if keyed and not -MAX_DATABASE_INT <= value <= MAX_DATABASE_INT:
            raise ValueError(f"{column.name}: out of range")
    if kind is str:
        if not isinstance(value, str):
            raise ValueError(f"{column.name}: not text")
        if "\x00" in value:  # PostgreSQL cannot store it: refused here, not in the database
            raise ValueError(f"{column.name}: control character")
        limit = getattr(column.type, "length", None)
        if len(value) > (limit or MAX_RESTORED_TEXT):
            raise ValueError(f"{column.name}: too long")
    return value


def _snapshot(engine: Engine):
    """A connection that sees one consistent state of every table for the whole backup."""
    if engine.dialect.name == "postgresql":
        return reading(engine).execution_options(isolation_level="REPEATABLE READ")
    return reading(engine)


def backup_journal(store: Store, journal_id: int,
                   metadata: MetaData = nabij_metadata) -> dict[str, Any]:
    """The journal and all its rows as a JSON-ready dict (see `backup_json`)."""
    with _snapshot(store.engine) as conn, conn.begin():
        journal_row = conn.execute(select(journals).where(journals.c.id == journal_id)
                                   ).mappings().first()
        if journal_row is None:
            raise JournalNotFound(journal_id)
        codec = store.codec(conn, journal_id)  # JournalLocked without the passphrase
        tables: dict[str, dict[str, list]] = {}
        for table in journal_tables(metadata):
            columns = [column for column in table.c if column.name != JOURNAL_KEY]
            sealed = SEALED_COLUMNS.get(table.name, ())
            order = [table.c.id] if "id" in table.c else list(table.primary_key.columns)
            result = conn.execute(select(*columns).where(table.c[JOURNAL_KEY] == journal_id)
                                  .order_by(*order))
            names = [column.name for column in columns]
            tables[table.name] = {"columns": names,
                                  "rows": [_readable_row(table.name, names, row, sealed, codec)
                                           for row in result]}
    return {
        "format": BACKUP_FORMAT,
        "format_version": BACKUP_VERSION,
        "nabij_version": __version__,
        "created_at": _now().isoformat(),
        "journal": {name: _to_json(codec.open_name(name, value)
                                   if name in SEALED_JOURNAL_COLUMNS else value)
                    for name, value in journal_row.items()
                    if name not in _JOURNAL_LOCAL_COLUMNS},
        "tables": tables,
    }


def _readable_row(table: str, names: list[str], row: Sequence[Any], sealed: tuple[str, ...],
                  codec: TextCodec) -> list[Any]:
    """One row as JSON values, its sealed text opened."""
    values = dict(zip(names, row, strict=True))
    label = label_of(table, values) if sealed else None
    return [_to_json(codec.open(f"{table}.{name}", value, label) if name in sealed else value)
            for name, value in values.items()]


def backup_json(store: Store, journal_id: int, metadata: MetaData = nabij_metadata) -> bytes:
    """The backup file's content: compact UTF-8 JSON."""
    return json.dumps(backup_journal(store, journal_id, metadata), ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


# --- reading a backup -----------------------------------------------------------------------------

@dataclass(frozen=True)
class BackupSummary:
    """What a backup holds, for the page to show before restoring."""

    name: str
    partners: tuple[str, str]
    created_at: str
    events: int
    deleted_events: int
    phase_marks: int
    other_rows: dict[str, int] = field(default_factory=dict)


def summary_text(summary: BackupSummary, msg: Messages) -> str:
    """What a backup holds, in one line to read before restoring it (names escaped)."""
    return msg("data_backup.summary", name=escape_markdown(summary.name),
               a=escape_markdown(summary.partners[0]), b=escape_markdown(summary.partners[1]),
               events=summary.events, deleted=summary.deleted_events,
               marks=summary.phase_marks)


def parse_backup(data: bytes, metadata: MetaData = nabij_metadata) -> dict[str, Any]:
    """The backup in `data`, checked for shape; raises UnreadableFile with a message key."""
    if len(data) > MAX_BACKUP_BYTES:
        raise UnreadableFile("data_file.too_large", max_mb=MAX_BACKUP_BYTES // (1024 * 1024),
                             size_mb=megabytes(len(data)))
    if not data.strip():
        raise UnreadableFile("error.file_empty")
    try:
        backup = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise UnreadableFile("data_backup.not_a_backup") from error
    except RecursionError as error:  # "[[[[…" a few hundred thousand deep: no backup of ours
        raise UnreadableFile("data_backup.damaged", where="JSON") from error
    if not isinstance(backup, dict) or backup.get("format") != BACKUP_FORMAT:
        raise UnreadableFile("data_backup.not_a_backup")
    version = backup.get("format_version")
    if not isinstance(version, int) or version < 1:
        raise UnreadableFile("data_backup.not_a_backup")
    if version > BACKUP_VERSION:
        raise UnreadableFile("data_backup.newer_version", version=version)
    if not isinstance(backup.get("journal"), dict) or not isinstance(backup.get("tables"), dict):
        raise UnreadableFile("data_backup.damaged", where="journal")
    known = {table.name: table for table in journal_tables(metadata)}
    for name, content in backup["tables"].items():
        if name not in known:
            raise UnreadableFile("data_backup.unknown_table", table=str(name)[:60])
        if (not isinstance(content, dict) or not isinstance(content.get("columns"), list)
                or not isinstance(content.get("rows"), list)):
            raise UnreadableFile("data_backup.damaged", where=name)
        columns = content["columns"]
        unknown = [column for column in columns if not isinstance(column, str)
                   or column not in known[name].c or column == JOURNAL_KEY]
        if unknown or len(set(columns)) != len(columns):
            raise UnreadableFile("data_backup.damaged", where=name)
        if any(not isinstance(row, list) or len(row) != len(columns)
               for row in content["rows"]):
            raise UnreadableFile("data_backup.damaged", where=name)
    unknown_journal = [column for column in backup["journal"] if column not in journals.c]
    if unknown_journal:
        raise UnreadableFile("data_backup.damaged", where="journal")
    return backup


def _rows(backup: Mapping[str, Any], table: str) -> list[dict[str, Any]]:
    content = backup["tables"].get(table)
    if not content:
        return []
    return [dict(zip(content["columns"], row, strict=True)) for row in content["rows"]]


def summarise_backup(backup: Mapping[str, Any]) -> BackupSummary:
    journal = backup["journal"]
    events = _rows(backup, "events")
    other = {name: len(content["rows"]) for name, content in backup["tables"].items()
             if name not in ("events", "phase_marks")}
    return BackupSummary(
        name=str(journal.get("name", "")), created_at=str(backup.get("created_at", "")),
        partners=(str(journal.get("partner_a", "")), str(journal.get("partner_b", ""))),
        events=sum(1 for row in events if row.get("deleted_at") is None),
        deleted_events=sum(1 for row in events if row.get("deleted_at") is not None),
        phase_marks=len(_rows(backup, "phase_marks")), other_rows=other)


# --- restoring ------------------------------------------------------------------------------------

def _checked_journal(backup: Mapping[str, Any], name: str | None) -> Journal:
    values = backup["journal"]
    try:
        return validate_journal(name if name is not None else values.get("name"),
                                values.get("partner_a"), values.get("partner_b"),
                                values.get("timezone"))
    except InvalidInput as invalid:
        raise UnreadableFile("data_backup.damaged", where="journal") from invalid


def _check_event_row(row: Mapping[str, Any], journal: Journal, number: int,
                     today: dt.date | None = None) -> None:
    """A backed-up event must be one the app could have saved: same rules as every input.

    `number` counts the backup's moments from 1, so a refusal can say which one it is.
    """
    try:
        when = dt.datetime.fromisoformat(row["occurred_at"])
        validate_event(EventInput(occurred_at=when, partner=row.get("partner"),
                                  kind=row.get("kind"), intensity=row.get("intensity"),
                                  note=row.get("note", ""), body=row.get("body"),
                                  context=row.get("context", ""),
                                  visibility=row.get("visibility", DEFAULT_VISIBILITY)),
                       journal, today)
    except InvalidInput as invalid:
        for problem in invalid.problems:
            if problem.key == "error.timestamp_out_of_range":
                raise UnreadableFile("data_backup.date_out_of_range", number=number,
                                     **problem.params) from invalid
        raise UnreadableFile("data_backup.damaged", where="events") from invalid
    except (KeyError, TypeError, ValueError) as error:
        raise UnreadableFile("data_backup.damaged", where="events") from error


def restore_name_problem(backup: Mapping[str, Any], name: object) -> Problem | None:
    """What is wrong with the name typed for the restored journal, if anything. The backup's
    own values (partners, zone) are judged by `restore_journal`, which says what is wrong."""
    values = backup["journal"]
    try:
        validate_journal(name, values.get("partner_a"), values.get("partner_b"),
                         values.get("timezone"))
    except InvalidInput as invalid:
        return invalid.by_field().get("name")
    return None


def restore_journal(store: Store, backup: Mapping[str, Any], name: str | None = None,
                    metadata: MetaData = nabij_metadata,
                    protect: Callable[[Connection, int], TextCodec] | None = None,
                    today: dt.date | None = None) -> Journal:
    """Create a new journal holding everything in `backup` (from `parse_backup`).

    All or nothing: any row that does not fit leaves the database as it was and raises
    UnreadableFile. `name` replaces the journal's name (it is checked like a new journal's).
    `protect` runs inside the same transaction right after the journal's row is made: it gives
    the journal a passphrase (nabij.storage.protection.restore_protected) and returns how its
    text is sealed, so the restored text is sealed before it is written, never after.
    `today` bounds the moments' dates (see nabij.model.validate_event).
    """
    journal = _checked_journal(backup, name)
    for number, row in enumerate(_rows(backup, "events"), start=1):
        _check_event_row(row, journal, number, today)
    journal_columns = {column: value for column, value in backup["journal"].items()
                       if column not in _JOURNAL_LOCAL_COLUMNS}
    now = _now()
    try:
        journal_values = {column: _from_json(journals.c[column], value)
                          for column, value in journal_columns.items()}
    except (TypeError, ValueError) as error:
        raise UnreadableFile("data_backup.damaged", where="journal") from error
    # A protected journal's names are written sealed once its key exists (below).
    stored_names = ("", "") if protect is not None else journal.partners
    journal_values.update(name=journal.name, partner_a=stored_names[0],
                          partner_b=stored_names[1], timezone=journal.timezone,
                          last_opened_at=now)
    journal_values.setdefault("created_at", now)

    new_ids: dict[str, dict[Any, Any]] = {}
    try:
        with store.engine.begin() as conn:
            new_journal_id = conn.execute(insert(journals).values(**journal_values)
                                          .returning(journals.c.id)).scalar_one()
            codec = PLAIN
            if protect is not None:
                codec = protect(conn, new_journal_id)
                write_partners(conn, new_journal_id, codec, journal.partners)
            for table in journal_tables(metadata):
                ids = _insert_rows(conn, table, _rows(backup, table.name), new_journal_id,
                                   new_ids, codec)
                if _own_id_column(table) is not None:
                    new_ids[table.name] = ids
    except UnreadableFile:
        raise
    except (IntegrityError, DataError, StatementError, TypeError, ValueError) as error:
        raise UnreadableFile("data_backup.damaged", where="database") from error
    return Journal(id=new_journal_id, name=journal.name, partners=journal.partners,
                   timezone=journal.timezone, protected=protect is not None)


def _check_phase_mark(row: Mapping[str, Any]) -> None:
    Phase(row.get("phase"))
    if row.get("end_day") is not None and row["end_day"] < row["start_day"]:
        raise ValueError("phase_marks: ends before it starts")


def _check_cycle_map(row: Mapping[str, Any]) -> None:
    validate_cycle_map(0, row.get("triggered_by", ""),
                       (row.get("felt_0", ""), row.get("felt_1", "")),
                       (row.get("did_0", ""), row.get("did_1", "")),
                       (row.get("body_0"), row.get("body_1")))


# What the app itself allows in each table's rows, checked like the input it came from
# (events are judged by `_check_event_row` before anything is written).
_ROW_CHECKS: dict[str, Callable[[Mapping[str, Any]], object]] = {
    "phase_marks": _check_phase_mark,
    "check_ins": lambda row: validate_check_in(row.get("day"), row.get("partner"),
                                               row.get("score")),
    "cycle_maps": _check_cycle_map,
    "sessions": lambda row: validate_next_step(row.get("next_step", "")),
}


def _check_row(table: str, row: Mapping[str, Any]) -> None:
    check = _ROW_CHECKS.get(table)
    if check is None:
        return
    try:
        check(row)
    except (InvalidInput, KeyError, TypeError, ValueError) as error:
        raise UnreadableFile("data_backup.damaged", where=table) from error


def _own_id_column(table: Table) -> Column | None:
    """The table's single integer primary key, which the database numbers anew."""
    keys = list(table.primary_key.columns)
    if len(keys) == 1 and _python_type(keys[0]) is int and not keys[0].foreign_keys:
        return keys[0]
    return None


def _insert_rows(conn, table: Table, rows: list[dict[str, Any]], journal_id: int,
                 new_ids: Mapping[str, Mapping[Any, Any]], codec: TextCodec) -> dict[Any, Any]:
    own_id = _own_id_column(table)
    sealed = SEALED_COLUMNS.get(table.name, ())
    if not rows:
        return {}
    values: list[dict[str, Any]] = []
    old_ids: list[Any] = []
    for row in rows:
        converted: dict[str, Any] = {JOURNAL_KEY: journal_id}
        for name, value in row.items():
            column = table.c[name]
            if own_id is not None and name == own_id.name:
                old_ids.append(value)
                continue
            converted[name] = _translate(column, _from_json(column, value), journal_id, new_ids)
        _check_row(table.name, converted)
        values.append(converted)
    if own_id is not None and old_ids and len(old_ids) != len(values):
        raise UnreadableFile("data_backup.damaged", where=table.name)
    # Text sealed to its row's own new id can only be sealed once that id exists.
    sealed_later = bool(sealed) and codec.cipher is not None and own_id is not None \
        and SEALED_ROW_KEYS[table.name] == own_id.name
    readable = [{name: row.get(name) for name in sealed} for row in values]
    if codec.cipher is not None:
        for row, text in zip(values, readable, strict=True):
            for name, value in text.items():
                if not isinstance(value, str):
                    continue
                if sealed_later:
                    row[name] = ""
                    continue
                if row.get(SEALED_ROW_KEYS[table.name]) is None:
                    # The row's text cannot be bound to it: not a backup's row.
                    raise UnreadableFile("data_backup.damaged", where=table.name)
                row[name] = codec.seal(f"{table.name}.{name}", value, label_of(table.name, row))
    if own_id is None or (not old_ids and not sealed_later):
        conn.execute(insert(table), values)
        return {}
    ids = conn.execute(insert(table).returning(own_id, sort_by_parameter_order=True),
                       values).scalars().all()
    if sealed_later:
        _seal_by_new_id(conn, table, ids, readable, values, codec)
    return dict(zip(old_ids, ids, strict=True)) if old_ids else {}


def _seal_by_new_id(conn, table: Table, ids: Sequence[Any], readable: list[dict[str, Any]],
                    values: list[dict[str, Any]], codec: TextCodec) -> None:
    """Write the rows' text sealed to their new ids (the rows hold empty text until then)."""
    names = SEALED_COLUMNS[table.name]
    own_key = SEALED_ROW_KEYS[table.name]
    write_sealed(conn, table, codec, [
        (new_id, label_of(table.name, {**row, own_key: new_id}),
         {name: text[name] if isinstance(text[name], str) else "" for name in names})
        for new_id, text, row in zip(ids, readable, values, strict=True)
        if any(isinstance(text[name], str) and text[name] for name in names)])


def _translate(column: Column, value: Any, journal_id: int,
               new_ids: Mapping[str, Mapping[Any, Any]]) -> Any:
    """A reference to the journal or to a restored row, pointed at its new id."""
    if value is None:
        return None
    for foreign_key in column.foreign_keys:
        target = foreign_key.column.table.name
        if target == journals.name:
            return journal_id
        if target in new_ids:
            if value not in new_ids[target]:
                raise UnreadableFile("data_backup.damaged", where=column.table.name)
            return new_ids[target][value]
    return value
