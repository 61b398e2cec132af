"""Panels: both languages complete and in our own words, never copied from the source."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from nabij.config import PROJECT_ROOT
from nabij.content import (
    CONTENT_DIR,
    PHASE_PANELS,
    BadPanel,
    get_panel,
    load_panels,
    parse_panel,
)
from nabij.i18n import LANGUAGES

SOURCE_NAME = Path("shared") / "source" / "000_702852fd8224774e.txt"


def _source_text() -> Path:
    """The source text in the shared/ folder beside the repo, or beside the repo this one was
    cloned from (a check in a fresh clone elsewhere, `git clone . /tmp/x`, still finds it)."""
    places = [PROJECT_ROOT.parent / SOURCE_NAME]
    origin = subprocess.run(["git", "-C", str(PROJECT_ROOT), "config", "--get",
                             "remote.origin.url"], capture_output=True, text=True,
                            check=False).stdout.strip()
    if origin and Path(origin).is_dir():
        places.append(Path(origin).resolve().parent / SOURCE_NAME)
    return next((place for place in places if place.exists()), places[0])


SOURCE = _source_text()
EXPECTED = {"phase_begin", "phase_middle", "phase_crisis", "phase_turning_point", "fear",
            "attachment", "body", "five_steps", "tips", "science", "about"}


def test_both_languages_have_the_same_panels_in_the_same_order():
    ids = {language: [panel.id for panel in load_panels(language)] for language in LANGUAGES}
    assert set(ids["nl"]) == EXPECTED
    assert ids["nl"] == ids["en"]


def test_every_panel_has_title_and_text():
    for language in LANGUAGES:
        for panel in load_panels(language):
            assert panel.title.strip() and len(panel.body.split()) > 60, panel.id


def test_phase_panels_cover_what_happens_feelings_body_and_help():
    for language in LANGUAGES:
        for panel_id in PHASE_PANELS.values():
            assert get_panel(language, panel_id).body.count("### ") >= 4, (language, panel_id)


def test_about_panel_carries_the_safety_note():
    for language in LANGUAGES:
        body = get_panel(language, "about").body
        assert "Veilig Thuis" in body and "0800-2000" in body and "112" in body


def test_no_raw_html_in_panels():
    for language in LANGUAGES:
        for panel in load_panels(language):
            assert not re.search(r"<[a-zA-Z/!]", panel.body), panel.id


def _words(text: str) -> list[str]:
    return re.findall(r"[a-zà-ÿ]+", text.lower())


def test_no_run_of_seven_words_is_copied_from_the_source():
    if not SOURCE.exists():
        message = f"the source text is not at {SOURCE} (the shared/ folder beside the repo)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    source = _words(SOURCE.read_text(encoding="utf-8"))
    grams = {tuple(source[i:i + 7]) for i in range(len(source) - 6)}
    copied = {}
    for path in sorted(CONTENT_DIR.rglob("*.md")):
        words = _words(path.read_text(encoding="utf-8"))
        hits = [" ".join(words[i:i + 7]) for i in range(len(words) - 6)
                if tuple(words[i:i + 7]) in grams]
        if hits:
            copied[str(path.relative_to(CONTENT_DIR))] = hits[:3]
    assert copied == {}


def test_header_is_required(tmp_path: Path):
    with pytest.raises(BadPanel):
        parse_panel("x", "no header")
    with pytest.raises(BadPanel):
        parse_panel("x", "---\ntitle: T\n---\n")
    with pytest.raises(BadPanel):
        parse_panel("x", "---\ntitle: T\norder: first\n---\ntext")
    assert parse_panel("x", "---\ntitle: T\norder: 5\n---\n\ntext\n").body == "text"


def test_unknown_panel_is_a_key_error():
    with pytest.raises(KeyError):
        get_panel("nl", "does_not_exist")
