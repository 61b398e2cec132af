"""Panels: both languages complete and in our own words, never copied from the source."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nabij.config import PROJECT_ROOT
from nabij.content import (
    ABOUT_PANEL,
    BODY_PANEL,
    CYCLE_OPPONENT_PANEL,
    HELP_PANEL,
    PHASE_PANELS,
    BadPanel,
    compact_body,
    get_panel,
    learn_url,
    linked_panel_ids,
    links_to_learn_page,
    load_panels,
    panel_ids,
    parse_panel,
    requested_panel,
    without_panel_links,
)
from nabij.i18n import LANGUAGES
from nabij.session.cycle_map import FIVE_STEPS_PANEL

SOURCE_NAME = Path("shared") / "source" / "000_702852fd8224774e.txt"


def _source_text() -> Path:
    """The source text in the shared/ folder beside the repo, beside the main checkout of a
    git worktree, or beside the repo this one was cloned from (a check in a fresh clone
    elsewhere, `git clone . /tmp/x`, still finds it)."""
    places = [PROJECT_ROOT.parent / SOURCE_NAME]
    common = subprocess.run(["git", "-C", str(PROJECT_ROOT), "rev-parse", "--path-format=absolute",
                             "--git-common-dir"], capture_output=True, text=True,
                            check=False).stdout.strip()
    if common:
        places.append(Path(common).parent.parent / SOURCE_NAME)
    origin = subprocess.run(["git", "-C", str(PROJECT_ROOT), "config", "--get",
                             "remote.origin.url"], capture_output=True, text=True,
                            check=False).stdout.strip()
    if origin and Path(origin).is_dir():
        places.append(Path(origin).resolve().parent / SOURCE_NAME)
    return next((place for place in places if place.exists()), places[0])


SOURCE = _source_text()
EXPECTED = {"cycle_overview", "phase_begin", "phase_middle", "phase_crisis",
            "phase_turning_point", "common_opponent", "fear", "attachment", "body", "flooding",
            "five_steps", "turning_toward", "responding", "tips", "science", "about", "help",
            "closing"}
# The same file types the stop hook reads (/work/shared/hooks/before-stop, section 2).
CHECKED_FILES = re.compile(r"\.(md|py|ya?ml|json|toml|txt|csv|html)$")


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


def test_the_learn_page_opens_with_the_overview_and_ends_on_hope():
    for language in LANGUAGES:
        ids = [panel.id for panel in load_panels(language)]
        assert ids[0] == "cycle_overview" and ids[-1] == "closing"


def test_nl_and_en_panels_have_the_same_headings_and_links():
    for panel in load_panels("nl"):
        english = get_panel("en", panel.id)
        assert panel.body.count("\n### ") == english.body.count("\n### "), panel.id
        assert linked_panel_ids(panel.body) == linked_panel_ids(english.body), panel.id


def test_every_link_to_a_panel_leads_to_a_panel():
    for language in LANGUAGES:
        ids = panel_ids(language)
        for panel in load_panels(language):
            assert set(linked_panel_ids(panel.body)) <= ids, (language, panel.id)
        code_targets = {HELP_PANEL, CYCLE_OPPONENT_PANEL, FIVE_STEPS_PANEL, BODY_PANEL,
                        ABOUT_PANEL, *PHASE_PANELS.values()}
        assert code_targets <= ids


def test_help_panel_carries_every_number_in_both_languages():
    for language in LANGUAGES:
        body = get_panel(language, HELP_PANEL).body
        for number in ("112", "0800-2000", "Veilig Thuis", "113", "0800-0113", "huisarts"):
            assert number in body, (language, number)
    english = get_panel("en", HELP_PANEL).body.lower()
    assert "local emergency number" in english and "domestic-violence" in english
    assert "crisis or suicide-prevention line" in english


def test_crisis_panel_and_overview_lead_to_help_and_the_common_opponent():
    for language in LANGUAGES:
        crisis = linked_panel_ids(get_panel(language, "phase_crisis").body)
        assert HELP_PANEL in crisis and CYCLE_OPPONENT_PANEL in crisis and "flooding" in crisis
        overview = linked_panel_ids(get_panel(language, "cycle_overview").body)
        assert set(PHASE_PANELS.values()) <= set(overview)


def test_links_outside_the_learn_page_open_it_at_the_panel():
    body = "Lees [Hulp en veiligheid](#help) en [De crisis](#phase_crisis)."
    assert links_to_learn_page(body, "nl") == (
        "Lees [Hulp en veiligheid](learn?panel=help&lang=nl) "
        "en [De crisis](learn?panel=phase_crisis&lang=nl).")
    assert without_panel_links(body) == "Lees Hulp en veiligheid en De crisis."
    assert learn_url("help", "en") == "learn?panel=help&lang=en"


def test_beside_the_chart_headings_shrink_and_links_open_the_learn_page():
    body = "### Wat helpt\nLees [De crisis](#phase_crisis).\n#### Blijft\nGeen ### hier"
    assert compact_body(body, "en") == (
        "##### Wat helpt\nLees [De crisis](learn?panel=phase_crisis&lang=en).\n"
        "#### Blijft\nGeen ### hier")


def test_a_known_panel_is_found_by_its_id():
    assert requested_panel("en", "help").title == get_panel("en", "help").title


@given(st.one_of(st.none(), st.integers(), st.lists(st.text()), st.text()))
def test_any_other_panel_value_from_the_url_finds_nothing(value):
    if isinstance(value, str) and value in EXPECTED:
        return
    assert requested_panel("nl", value) is None


def test_no_raw_html_in_panels():
    for language in LANGUAGES:
        for panel in load_panels(language):
            assert not re.search(r"<[a-zA-Z/!]", panel.body), panel.id


def _words(text: str) -> list[str]:
    return re.findall(r"[a-zà-ÿ]+", text.lower())


def _checked_files() -> list[Path]:
    """What the stop hook reads (every tracked file of these types), plus files not yet added,
    so a copied sentence is caught before it is committed."""
    listed = subprocess.run(["git", "-C", str(PROJECT_ROOT), "ls-files", "-co",
                             "--exclude-standard"], capture_output=True, text=True,
                            check=True).stdout.split()
    return [PROJECT_ROOT / name for name in listed
            if CHECKED_FILES.search(name) and (PROJECT_ROOT / name).is_file()]


def test_no_run_of_seven_words_is_copied_from_the_source():
    assert SOURCE.exists(), f"the source text is not at {SOURCE} (shared/ beside the repo)"
    source = _words(SOURCE.read_text(encoding="utf-8"))
    grams = {tuple(source[i:i + 7]) for i in range(len(source) - 6)}
    copied = {}
    for path in _checked_files():
        try:
            words = _words(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            continue
        hits = [" ".join(words[i:i + 7]) for i in range(len(words) - 6)
                if tuple(words[i:i + 7]) in grams]
        if hits:
            copied[str(path.relative_to(PROJECT_ROOT))] = hits[:3]
    assert copied == {}


def test_the_copy_check_finds_a_copied_sentence():
    """The check above can fail: a run of seven of the source's own words is found."""
    source = _words(SOURCE.read_text(encoding="utf-8"))
    grams = {tuple(source[i:i + 7]) for i in range(len(source) - 6)}
    borrowed = _words("Zo las ik: " + " ".join(source[40:47]) + ".")
    assert any(tuple(borrowed[i:i + 7]) in grams for i in range(len(borrowed) - 6))


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
