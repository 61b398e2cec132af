"""Both languages complete, every key the code uses present, the right language picked."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from nabij.config import PROJECT_ROOT
from nabij.i18n import LANGUAGES, Messages, catalogue, pick_language

CODE_DIRS = ("nabij", "components", "views")


def test_both_catalogues_have_the_same_keys_and_no_empty_entry():
    dutch, english = catalogue("nl"), catalogue("en")
    assert set(dutch) == set(english)
    assert all(text.strip() for text in [*dutch.values(), *english.values()])


def test_placeholders_match_between_languages():
    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    dutch, english = catalogue("nl"), catalogue("en")
    assert {key for key in dutch if fields(dutch[key]) != fields(english[key])} == set()


def _source_files() -> list[Path]:
    files = [PROJECT_ROOT / "app.py"]
    for folder in CODE_DIRS:
        files.extend((PROJECT_ROOT / folder).rglob("*.py"))
    return files


def test_every_literal_key_used_in_code_exists():
    pattern = re.compile(r"""(?:msg|Messages\([^)]*\))\(\s*["']([a-z_]+\.[a-z_.]+)["']""")
    used = {key for path in _source_files() for key in pattern.findall(path.read_text())}
    model_keys = {key for path in _source_files()
                  for key in re.findall(r'"(error\.[a-z_]+)"', path.read_text())}
    assert len(used) > 30
    missing = sorted((used | model_keys) - set(catalogue("nl")))
    assert missing == []


@pytest.mark.parametrize(("requested", "browser", "expected"), [
    ("en", "nl-NL", "en"), (None, "nl-BE", "nl"), (None, "en-GB", "en"), (None, "de-DE", "en"),
    (None, None, "nl"), ("fr", "nl-NL", "nl"), ("EN", None, "en"),
])
def test_language_choice(requested, browser, expected):
    assert pick_language(requested, browser) == expected


def test_formats_dates_per_language():
    import datetime as dt

    moment = dt.datetime(2025, 3, 4, 21, 15)
    assert Messages("nl").datetime(moment) == "di 4 mrt 2025 21:15"
    assert Messages("en").datetime(moment) == "Tue 4 Mar 2025 21:15"


def test_missing_key_shows_the_key_instead_of_crashing():
    assert Messages("en")("no.such_key") == "no.such_key"


def test_languages_are_dutch_first():
    assert LANGUAGES[0] == "nl"


def test_singular_form_for_one():
    assert Messages("nl")("journals.events_count", count=1) == "1 moment"
    assert Messages("nl")("journals.events_count", count=2) == "2 momenten"
    assert Messages("en")("summary.period", count=1, start="a", end="b") == "From a to b: 1 moment."


def test_placeholders_fit_the_singular_forms_too():
    for language in LANGUAGES:
        messages = catalogue(language)
        for key in messages:
            if key.endswith("_one"):
                assert key[:-4] in messages, key
