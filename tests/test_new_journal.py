"""A new journal from the create form: every problem at once, and stored with or without a
passphrase."""

from __future__ import annotations

import pytest

from nabij.model import InvalidInput, Journal
from nabij.storage.new_journal import checked_new_journal, create_journal
from nabij.storage.protection import Opened, open_journal

GOOD = "een lange zin die niemand raadt"
NAMES = ("Ons dagboek", "Anna", "Bram", "Europe/Amsterdam")


def _problems(*typed: object, required: bool = False) -> list[tuple[str, str]]:
    with pytest.raises(InvalidInput) as error:
        checked_new_journal(*typed, required=required)
    return [(problem.field, problem.key) for problem in error.value.problems]


def test_names_and_a_passphrase_typed_twice_give_the_journal_and_the_passphrase():
    journal, passphrase = checked_new_journal(*NAMES, GOOD, GOOD, required=True)
    assert journal == Journal(id=None, name="Ons dagboek", partners=("Anna", "Bram"),
                              timezone="Europe/Amsterdam")
    assert passphrase == GOOD


def test_at_home_no_passphrase_typed_means_none():
    assert checked_new_journal(*NAMES, "", "", required=False)[1] is None
    assert checked_new_journal(*NAMES, None, None, required=False)[1] is None


def test_where_a_passphrase_is_required_an_empty_one_is_refused():
    assert _problems(*NAMES, "", "", required=True) == [("passphrase", "passphrase.empty")]


def test_problems_with_the_names_and_the_passphrase_are_named_together():
    """A couple fixes everything in one go, not one problem per try."""
    problems = _problems("", "Anna", "", "Europe/Amsterdam", GOOD, "anders getypt")
    assert problems == [("name", "error.journal_name_empty"),
                        ("partner_b", "error.partner_name_empty"),
                        ("repeat", "passphrase.mismatch")]


def test_only_a_passphrase_problem_is_still_refused():
    assert _problems(*NAMES, "kort", "kort") == [("passphrase", "passphrase.too_short")]


def test_a_journal_without_a_passphrase_is_stored_without_a_key(store):
    journal, _ = checked_new_journal(*NAMES, "", "", required=False)
    created, cipher = create_journal(store, journal, None)
    assert cipher is None
    assert created.id is not None and not created.protected
    assert store.get_journal(created.id).partners == ("Anna", "Bram")


def test_a_journal_with_a_passphrase_is_protected_from_the_start_and_opens_with_it(store):
    journal, passphrase = checked_new_journal(*NAMES, GOOD, GOOD, required=True)
    created, cipher = create_journal(store, journal, passphrase)
    assert created.protected and cipher is not None and cipher.journal_id == created.id
    opened = open_journal(store, "Ons dagboek", GOOD)
    assert isinstance(opened, Opened) and opened.journal.id == created.id
