"""Helpers for the privacy page tests: protected journals, unlocking, and what a page shows."""

from __future__ import annotations

import datetime as dt

from google.protobuf import text_format
from sqlalchemy import text

from nabij.model import Event, Journal, Kind, Visibility
from nabij.security.cipher import ROW_PREFIX
from nabij.storage import Store
from nabij.storage.protection import create_protected_journal
from tests.pages.conftest import open_app
from tests.security_helpers import private_writer

PAGES = ("views/cycle.py", "views/journal.py", "views/insights.py", "views/session.py",
         "views/learn.py", "views/journals.py", "views/data.py")
# The pages that show a journal's data and so must show the unlock screen while it is locked.
JOURNAL_PAGES = ("views/cycle.py", "views/journal.py", "views/insights.py", "views/session.py",
                 "views/data.py")
SEALED = ROW_PREFIX  # every note written now is sealed to its own moment


def protected_journal(store: Store, name: str, passphrase: str,
                      partners: tuple[str, str] = ("Anna", "Bram"),
                      notes: dict[Visibility, str] | None = None) -> Journal:
    """A journal with a passphrase and, optionally, one moment per visibility with a note."""
    journal, cipher = create_protected_journal(
        store, Journal(None, name, partners, "Europe/Amsterdam"), passphrase)
    keyed = store.with_keys({journal.id: cipher})
    for hour, (visibility, note) in enumerate((notes or {}).items()):
        writer = (private_writer(keyed, journal.id, hour % 2)
                  if visibility == Visibility.PRIVATE else keyed)
        writer.add_event(journal.id, moment(note, visibility, hour))
    return journal


def moment(note: str, visibility: Visibility = Visibility.PARTNER, hours: int = 0,
           days_ago: int = 3) -> Event:
    when = (dt.datetime.now(dt.UTC).replace(hour=12, minute=0, second=0, microsecond=0)
            - dt.timedelta(days=days_ago) + dt.timedelta(hours=hours))
    return Event(occurred_at=when, partner=hours % 2, kind=Kind.CLOSENESS, intensity=3,
                 note=note, visibility=visibility)


def rendered(app) -> str:
    """Every string of every element the run produced (main, sidebar, forms, options...)."""
    parts = []
    for node in app._tree:
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(text_format.MessageToString(proto, as_utf8=True))
    return "\n".join(parts)


def texts(app) -> list[str]:
    return [element.value for element in app.text]


def messages(app, kind: str) -> list[str]:
    return [element.value for element in getattr(app, kind)]


def picker_labels(app) -> list[str]:
    return list(app.selectbox(key="journal_picker").options)


def click(app, label: str):
    [button] = [b for b in app.button if b.label == label]
    return button.click().run()


def unlock(app, passphrase: str, lang: str = "nl"):
    """Type the passphrase on the unlock screen and press Open."""
    app.text_input(key="unlock_passphrase").input(passphrase)
    return click(app, "Openen" if lang == "nl" else "Open")


def open_by_name(app, name: str, passphrase: str, lang: str = "nl"):
    """On the Journals page of a shared deployment: name, passphrase, Open."""
    app.text_input(key="open_by_name_name").input(name)
    app.text_input(key="open_by_name_passphrase").input(passphrase)
    [button] = [b for b in app.button if b.label == ("Openen" if lang == "nl" else "Open")
                and b.proto.form_id == "open_by_name"]
    return button.click().run()


def opened_at_home(journal: Journal, passphrase: str, page: str | None = None,
                   lang: str | None = None):
    """A new session at home: pick the protected journal and unlock it."""
    app = open_app(lang=lang)
    app.selectbox(key="journal_picker").set_value(journal.id).run()
    unlock(app, passphrase, lang or "nl")
    assert journal.id in app.session_state["nabij_journal_keys"], messages(app, "error")
    if page:
        app.switch_page(page).run()
    assert not app.exception, app.exception
    return app


def count_journals(store: Store) -> int:
    with store.engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM journals")).scalar_one()


def stored_notes(store: Store, journal_id: int) -> list[str]:
    """The notes as they are in the database, in id order (raw SQL: no key, no decoding)."""
    with store.engine.connect() as conn:
        return list(conn.execute(text("SELECT note FROM events WHERE journal_id = :id "
                                      "ORDER BY id"), {"id": journal_id}).scalars())


def stored_secrets(store: Store, journal_id: int) -> tuple[str | None, str | None]:
    with store.engine.connect() as conn:
        return tuple(conn.execute(text("SELECT passphrase_hash, key_salt FROM journals "
                                       "WHERE id = :id"), {"id": journal_id}).one())
