"""Message catalogues and formatting per language (Dutch first, English second).

Every sentence a user reads comes from `data/messages/{nl,en}/*.toml` (one file per area of
the app, merged); code only holds keys.
That keeps translations in one reviewable place and lets a test prove both languages are
complete.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel.dates import format_date, format_datetime, format_time
from babel.numbers import format_decimal

from nabij.config import DATA_DIR

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
MESSAGES_DIR = DATA_DIR / "messages"


def _flatten(table: dict, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = str(value)
    return flat


@cache
def catalogue(language: str, directory: Path = MESSAGES_DIR) -> dict[str, str]:
    """All messages of one language as flat dotted keys; read once per process."""
    merged: dict[str, str] = {}
    for path in sorted((directory / language).glob("*.toml")):
        with open(path, "rb") as handle:
            messages = _flatten(tomllib.load(handle))
        clashes = merged.keys() & messages.keys()
        if clashes:
            raise ValueError(f"{path} repeats message keys: {sorted(clashes)[:5]}")
        merged.update(messages)
    return merged


def pick_language(requested: str | None = None, browser_locale: str | None = None) -> str:
    """The language to show: an explicit choice (URL or switch) first, then the browser's."""
    for candidate in (requested, browser_locale):
        if candidate:
            code = candidate.replace("_", "-").split("-")[0].lower()
            if code in LANGUAGES:
                return code
    return DEFAULT_LANGUAGE if browser_locale is None else "en"


@dataclass(frozen=True)
class Messages:
    """Translation and formatting bound to one language, passed to whoever shows text."""

    language: str

    def __call__(self, key: str, **params: object) -> str:
        """The message for `key`, filled in; with count=1 the `<key>_one` form where it exists.

        Dutch and English need only a singular and a plural, which keeps this one rule.
        """
        messages = catalogue(self.language)
        text = messages.get(key)
        if params.get("count") == 1:
            text = messages.get(f"{key}_one", text)
        if text is None:
            # A missing key is a bug the catalogue test catches; show the key, never crash.
            return key
        return text.format(**params) if params else text

    def datetime(self, moment: dt.datetime, zone: dt.tzinfo | None = None) -> str:
        local = moment.astimezone(zone) if zone else moment
        return format_datetime(local, "EEE d MMM y HH:mm", tzinfo=local.tzinfo,
                               locale=self.language)

    def date(self, day: dt.date, style: str = "medium") -> str:
        return format_date(day, style, locale=self.language)

    def month(self, day: dt.date) -> str:
        return format_date(day, "LLLL y", locale=self.language)

    def time(self, moment: dt.datetime | dt.time) -> str:
        return format_time(moment, "HH:mm", locale=self.language)

    def number(self, value: float) -> str:
        return format_decimal(value, locale=self.language)
