"""A private moment in the database: what it says sealed with its author's own key.

The kind, strength, body signal, note and context go into one sealed payload; the plain
columns hold the same placeholders for every private moment, so a copy of the database (with
the journal's passphrase too) tells only that a private moment exists and when. The payload
is bound to its author and its time, not to the journal or row id: a backup restored into a
new journal still opens with the author's passphrase, and a payload moved onto another
moment, another partner or a moment no longer marked private does not open.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from nabij.model import BodySignal, Event, Kind, Visibility
from nabij.security.cipher import FieldCipher

# What the plain columns of every sealed private moment hold.
PLACEHOLDER_KIND = Kind.CLOSENESS
PLACEHOLDER_INTENSITY = 1
_COLUMN = "events.private"


@dataclass(frozen=True)
class PersonalKey:
    """A partner's own key (nabij.storage.partner_keys), as a cipher for their private moments."""

    partner: int
    cipher: FieldCipher

    @property
    def fingerprint(self) -> str:
        """Names the key in cache keys without revealing it."""
        return f"{self.partner}:{self.cipher.fingerprint}"


@dataclass(frozen=True)
class PrivateContent:
    kind: Kind
    intensity: int
    body: BodySignal | None
    note: str
    context: str


def _bound_to(partner: int, occurred_at: dt.datetime) -> str:
    """The author and the instant, in whole microseconds of UTC (the same on every database)."""
    instant = occurred_at.astimezone(dt.UTC)
    micros = (instant - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)) // dt.timedelta(microseconds=1)
    return f"{partner}:{micros}"


def seal_private(cipher: FieldCipher, event: Event) -> str:
    content = {"kind": str(event.kind), "intensity": event.intensity,
               "body": str(event.body) if event.body else None, "note": event.note,
               "context": event.context}
    return cipher.seal(_COLUMN, json.dumps(content, ensure_ascii=False),
                       _bound_to(event.partner, event.occurred_at))


def open_private(cipher: FieldCipher, stored: str, partner: int,
                 occurred_at: dt.datetime) -> PrivateContent | None:
    """The moment's content, or None when this key does not open it (not the author's key,
    or the payload was moved or changed)."""
    text = cipher.open(_COLUMN, stored, _bound_to(partner, occurred_at))
    if text is None:
        return None
    try:
        content = json.loads(text)
        return PrivateContent(kind=Kind(content["kind"]), intensity=int(content["intensity"]),
                              body=BodySignal(content["body"]) if content["body"] else None,
                              note=str(content["note"]), context=str(content["context"]))
    except (ValueError, KeyError, TypeError):
        return None


def read_private(personal: PersonalKey | None, stored: str, partner: int,
                 occurred_at: dt.datetime) -> PrivateContent | None:
    """A sealed private moment as this reader may see it: only its author's key opens it."""
    if personal is None or personal.partner != partner:
        return None
    return open_private(personal.cipher, stored, partner, occurred_at)


def placeholder_values() -> dict[str, object]:
    """The plain columns of a sealed private moment."""
    return {"kind": str(PLACEHOLDER_KIND), "intensity": PLACEHOLDER_INTENSITY, "body": None,
            "note": "", "context": "", "visibility": str(Visibility.PRIVATE)}
