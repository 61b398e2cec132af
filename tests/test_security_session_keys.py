"""The keys a browser session holds: who says who they are, what a share adds, what locks."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from nabij.security.cipher import FieldCipher
from nabij.security.session_keys import TOGETHER, WHO_CHOICES, SessionKeys, partner_slot
from nabij.storage.private_moments import PersonalKey

JOURNAL = 7


def cipher(journal_id: int = JOURNAL, key: bytes = b"k" * 32) -> FieldCipher:
    return FieldCipher(journal_id=journal_id, key=key)


def empty() -> SessionKeys:
    return SessionKeys(journals={}, coach={}, me={}, personal={})


def test_the_dicts_are_the_sessions_own_not_copies():
    journals: dict = {}
    me: dict = {}
    keys = SessionKeys(journals=journals, coach={}, me=me, personal={})
    keys.journals[JOURNAL] = cipher()
    keys.set_me(JOURNAL, 1)
    assert journals == {JOURNAL: cipher()} and me == {JOURNAL: 1}


def test_the_sessions_own_key_wins_over_a_coachs_share_of_the_same_journal():
    own, shared = cipher(key=b"o" * 32), cipher(key=b"s" * 32)
    keys = empty()
    keys.journals[JOURNAL] = own
    keys.remember_coach(shared)
    keys.remember_coach(cipher(8))
    assert keys.all_ciphers() == {JOURNAL: own, 8: cipher(8)}


def test_a_share_is_new_only_the_first_time():
    keys = empty()
    assert keys.remember_coach(cipher()) is True
    assert keys.remember_coach(cipher(key=b"n" * 32)) is False
    assert keys.coach == {JOURNAL: cipher(key=b"n" * 32)}  # the newest key is kept


def test_nobody_has_said_who_they_are_until_someone_does_together_included():
    keys = empty()
    assert not keys.has_said_who(JOURNAL) and keys.who_am_i(JOURNAL) is None
    keys.set_me(JOURNAL, TOGETHER)
    assert keys.has_said_who(JOURNAL) and keys.who_am_i(JOURNAL) is None
    keys.set_me(JOURNAL, 1)
    assert keys.who_am_i(JOURNAL) == 1
    assert not keys.has_said_who(JOURNAL + 1) and not keys.has_said_who(None)


def test_saying_you_are_someone_else_drops_the_other_partners_key_at_once():
    anna = PersonalKey(partner=0, cipher=cipher(key=b"a" * 32))
    keys = empty()
    keys.set_me(JOURNAL, 0)
    keys.personal[JOURNAL] = anna
    keys.set_me(JOURNAL, 0)
    assert keys.personal == {JOURNAL: anna}  # the same partner again keeps her key
    keys.set_me(JOURNAL, 1)
    assert keys.personal == {}
    keys.personal[JOURNAL] = anna
    keys.set_me(JOURNAL, TOGETHER)
    assert keys.personal == {}  # together: nobody's private moments


def test_a_forged_answer_counts_as_together():
    keys = empty()
    keys.personal[JOURNAL] = PersonalKey(partner=1, cipher=cipher())
    for forged in ("1", 2, -1, None, "anna", 1.5):
        keys.set_me(JOURNAL, forged)
        assert keys.who_am_i(JOURNAL) is None and keys.personal == {}


def test_only_keys_are_something_to_lock_not_who_is_using_the_browser():
    keys = empty()
    keys.set_me(JOURNAL, 0)
    assert not keys.holds_any()
    for name in ("journals", "coach"):
        held = empty()
        getattr(held, name)[JOURNAL] = cipher()
        assert held.holds_any(), name
    held = empty()
    held.personal[JOURNAL] = PersonalKey(partner=0, cipher=cipher())
    assert held.holds_any()


def test_the_choices_are_both_partners_and_together():
    assert [partner_slot(choice) for choice in WHO_CHOICES] == [0, 1, None]


@given(st.one_of(st.integers(), st.text(), st.none(), st.floats(allow_nan=False)))
def test_a_partner_slot_is_0_or_1_or_nothing(choice):
    slot = partner_slot(choice)
    assert slot in (0, 1, None)
    assert (slot is not None) == (type(choice) is int and choice in (0, 1))


def test_an_own_key_is_open_only_for_the_partner_who_says_it_is_them():
    keys = empty()
    assert not keys.own_key_open(JOURNAL)
    keys.set_me(JOURNAL, 1)
    assert not keys.own_key_open(JOURNAL)
    keys.personal[JOURNAL] = PersonalKey(partner=1, cipher=cipher())
    assert keys.own_key_open(JOURNAL) and not keys.own_key_open(JOURNAL + 1)
    keys.me[JOURNAL] = 0  # said otherwise behind set_me's back: still not theirs
    assert not keys.own_key_open(JOURNAL)
