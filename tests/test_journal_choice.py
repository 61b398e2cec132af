"""Which journal a session chose: parsing what the picker and session state hold, and the
picker's options and names."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nabij.i18n import Messages
from nabij.journal_choice import (
    COACH_VIEW,
    DEMO,
    chosen_journal,
    journal_label,
    listable_journals,
    picker_options,
)
from nabij.journal_source import SourceKind
from nabij.model import Journal

MSG = Messages("en")
PLAIN = Journal(id=1, name="Us", partners=("Anna", "Bram"))
PROTECTED = Journal(id=2, name="Ours", partners=("Cas", "Dewi"), protected=True)
LOCKED = Journal(id=3, name="Sealed", partners=("", ""), protected=True, locked=True)


def test_an_own_journal_is_chosen_by_its_id_and_a_shared_one_by_the_coach_prefix():
    assert chosen_journal(7) == (SourceKind.OWN, 7)
    assert chosen_journal(f"{COACH_VIEW}7") == (SourceKind.COACH, 7)


@pytest.mark.parametrize("value", [DEMO, None, True, False, 1.0, "7", "coach:", "coach:x",
                                   "coach:-1", "coach: 7", "coach:7 ", "coach:²", "coach:٣",
                                   "Coach:7", b"coach:7", [7]])
def test_the_demo_and_anything_that_is_no_choice_name_no_stored_journal(value):
    assert chosen_journal(value) is None


@given(st.integers())
def test_every_int_is_an_own_journal_id_as_it_is(journal_id):
    assert chosen_journal(journal_id) == (SourceKind.OWN, journal_id)


@given(st.text())
def test_any_text_a_browser_sends_is_parsed_without_an_error_and_only_digits_name_an_id(text):
    chosen = chosen_journal(text)
    suffix = text.removeprefix(COACH_VIEW)
    if text.startswith(COACH_VIEW) and suffix.isascii() and suffix.isdigit():
        assert chosen == (SourceKind.COACH, int(suffix))
    else:
        assert chosen is None


def test_a_journal_is_named_with_its_partners_and_a_lock_where_it_has_a_passphrase():
    assert journal_label(PLAIN, MSG) == "Us (Anna & Bram)"
    assert journal_label(PROTECTED, MSG) == "🔒 Ours (Cas & Dewi)"


def test_a_locked_journal_is_named_by_its_name_only():
    """Its partners' names are sealed until it is opened: never shown as empty names."""
    assert journal_label(LOCKED, MSG) == "🔒 Sealed"


def test_the_picker_lists_own_journals_then_shared_ones_then_the_demo():
    options = picker_options([PLAIN, PROTECTED], {9: "Theirs (coach view)"}, PLAIN.id, MSG)
    assert list(options) == [1, 2, "coach:9", DEMO]
    assert options[1] == "Us (Anna & Bram)"
    assert options["coach:9"] == "Theirs (coach view)"
    assert options[DEMO] == MSG("picker.demo_option", name=MSG("demo.name"))


def test_a_chosen_journal_no_longer_listed_stays_in_the_picker_as_locked():
    options = picker_options([PLAIN], {}, 5, MSG)
    assert list(options) == [1, DEMO, 5]
    assert options[5] == MSG("picker.locked_option")


@pytest.mark.parametrize("chosen", [DEMO, 1, "coach:9"])
def test_a_listed_choice_is_not_added_twice(chosen):
    options = picker_options([PLAIN], {9: "Theirs"}, chosen, MSG)
    assert list(options) == [1, "coach:9", DEMO]


def test_at_home_every_journal_is_listed():
    assert listable_journals([PLAIN, PROTECTED, LOCKED], False, set()) == [PLAIN, PROTECTED,
                                                                          LOCKED]


def test_on_a_shared_deployment_only_journals_opened_here_with_their_passphrase_are_listed():
    """A journal without a passphrase never shows there, even with a key for its id."""
    assert listable_journals([PLAIN, PROTECTED, LOCKED], True, {1, 2}) == [PROTECTED]
    assert listable_journals([PLAIN, PROTECTED, LOCKED], True, set()) == []
