"""Journal passphrases: what is accepted, the Argon2id hash and its cost, and the notes key."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nabij.i18n import Messages
from nabij.model import InvalidInput
from nabij.security.passphrase import (
    KEY_BYTES,
    MAX_CHARS,
    MIN_CHARS,
    check_new,
    check_optional_new,
    check_typed,
    derive_key,
    hash_passphrase,
    new_salt,
    spend_decoy_time,
    verify_passphrase,
)
from tests.security_helpers import parse_phc

# OWASP Password Storage Cheat Sheet, Argon2id minimum: 19 MiB of memory, 2 passes, 1 lane.
OWASP_MIN_MEMORY_KIB = 19 * 1024
OWASP_MIN_TIME_COST = 2
OWASP_MIN_PARALLELISM = 1

E_ACUTE_NFC = "caf\u00e9 op het terras"
E_ACUTE_NFD = "cafe\u0301 op het terras"

UNICODE_PASSPHRASES = [
    pytest.param("👩‍❤️‍👨 samen 🌊🔐", id="emoji-zwj"),
    pytest.param("كلمة المرور الطويلة", id="arabic-rtl"),
    pytest.param("\u202eשלום עולם\u202c abc", id="hebrew-with-bidi-override"),
    pytest.param("zero\u200bwidth\u200dspace\ufeff!", id="zero-width"),
    pytest.param("我们的日记很安全", id="cjk"),
    pytest.param("tab\tand\nnewline and \x00 nul", id="control-chars"),
    pytest.param("𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝔭𝔩𝔞𝔫𝔢 𝔰𝔢𝔳𝔢𝔫𝔱𝔢𝔢𝔫", id="astral-plane"),
]


def problem_keys(error: pytest.ExceptionInfo[InvalidInput]) -> list[tuple[str, str]]:
    return [(problem.field, problem.key) for problem in error.value.problems]


# --- what is accepted ---------------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["", None, 12345678, b"bytes passphrase", ["a list"]])
def test_empty_or_non_text_passphrase_is_refused(typed):
    with pytest.raises(InvalidInput) as error:
        check_typed(typed)
    assert problem_keys(error) == [("passphrase", "passphrase.empty")]


def test_passphrase_longer_than_the_limit_is_refused_and_the_limit_itself_is_fine():
    with pytest.raises(InvalidInput) as error:
        check_typed("x" * (MAX_CHARS + 1))
    assert problem_keys(error) == [("passphrase", "passphrase.too_long")]
    assert error.value.problems[0].params == {"max": MAX_CHARS}
    assert check_typed("x" * MAX_CHARS) == "x" * MAX_CHARS


def test_a_new_passphrase_must_be_long_enough():
    short = "k" * (MIN_CHARS - 1)
    with pytest.raises(InvalidInput) as error:
        check_new(short, short)
    assert problem_keys(error) == [("passphrase", "passphrase.too_short")]
    just_enough = "hond kat"[:MIN_CHARS] + "  muis"  # long enough and not common
    assert check_new(just_enough, just_enough) == just_enough


@pytest.mark.parametrize("common", ["password", "Password1!", "p@ssw0rd", "iloveyou",
                                    "qwertyuiop", "wachtwoord", "Welkom2024!", "ikhouvanjou123",
                                    "Feyenoord1908", "  geheim!! "])
def test_a_common_passphrase_is_refused_with_a_message_that_says_why(common):
    """What people choose most often falls first to anyone guessing, whatever Argon2 costs."""
    with pytest.raises(InvalidInput) as error:
        check_new(common, common)
    assert problem_keys(error) == [("passphrase", "passphrase.common")]


@pytest.mark.parametrize("weak", ["kkkkkkkk", "12345678987", "abcdefghij", "zomeravond",
                                  "Annelies1985", "marieke12", "aaaabbbb"])
def test_a_passphrase_below_the_strength_floor_is_refused_with_a_message_that_says_why(weak):
    with pytest.raises(InvalidInput) as error:
        check_new(weak, weak)
    assert problem_keys(error) == [("passphrase", "passphrase.weak")]


@pytest.mark.parametrize("strong", ["Lange zomeravond aan zee, café 🌊", "hond kat muis",
                                    "een zin die alleen wij kennen", "Tr0ub4dor&3 lantaarn",
                                    "كلمة المرور الطويلة",
                                    ("vijf olifanten dansen op de dijk " * 31)[:MAX_CHARS]])
def test_a_few_unrelated_words_are_strong_enough_however_long(strong):
    assert check_new(strong, strong) == unicodedata.normalize("NFC", strong)


def test_both_messages_exist_in_dutch_and_english():
    for lang in ("nl", "en"):
        msg = Messages(lang)
        for key in ("passphrase.common", "passphrase.weak"):
            assert msg(key) != key and len(msg(key)) > 40


def test_a_new_passphrase_is_also_checked_like_a_typed_one():
    with pytest.raises(InvalidInput) as error:
        check_new("", "")
    assert problem_keys(error) == [("passphrase", "passphrase.empty")]
    too_long = "y" * (MAX_CHARS + 1)
    with pytest.raises(InvalidInput) as error:
        check_new(too_long, too_long)
    assert problem_keys(error) == [("passphrase", "passphrase.too_long")]


@pytest.mark.parametrize("repeated", ["lange zomeravond!", "Lange zomeravond", "lange zomeravon",
                                      "lange zomeravond ", "", None, 42])
def test_a_new_passphrase_typed_differently_the_second_time_is_refused(repeated):
    with pytest.raises(InvalidInput) as error:
        check_new("lange zomeravond", repeated)
    assert problem_keys(error) == [("repeat", "passphrase.mismatch")]


def test_the_same_passphrase_typed_composed_and_decomposed_counts_as_repeated():
    assert E_ACUTE_NFC != E_ACUTE_NFD
    assert check_new(E_ACUTE_NFC, E_ACUTE_NFD) == check_new(E_ACUTE_NFD, E_ACUTE_NFC)
    assert check_typed(E_ACUTE_NFD) == check_typed(E_ACUTE_NFC)


# --- hash and verify ----------------------------------------------------------------------------

# Each example costs two Argon2 runs (about a third of a second each), hence few examples.
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=MAX_CHARS))
def test_any_text_of_allowed_length_round_trips_through_the_hash(passphrase):
    stored = hash_passphrase(check_typed(passphrase))
    assert verify_passphrase(stored, unicodedata.normalize("NFD", passphrase))


@pytest.mark.parametrize("passphrase", UNICODE_PASSPHRASES)
def test_any_unicode_passphrase_opens_its_own_hash(passphrase):
    assert verify_passphrase(hash_passphrase(check_typed(passphrase)), passphrase)


def test_composed_and_decomposed_e_acute_are_the_same_passphrase():
    assert verify_passphrase(hash_passphrase(E_ACUTE_NFC), E_ACUTE_NFD)
    assert verify_passphrase(hash_passphrase(E_ACUTE_NFD), E_ACUTE_NFC)


def test_a_wrong_passphrase_is_false():
    stored = hash_passphrase("lange zomeravond aan zee")
    for wrong in ("Lange zomeravond aan zee", "lange zomeravond"):
        assert verify_passphrase(stored, wrong) is False
    assert verify_passphrase(stored, "lange zomeravond aan zee") is True


@pytest.mark.parametrize("stored", ["", "not a hash", "$argon2id$v=19$m=65536,t=3,p=4$xx$yy",
                                    "$2b$12$abcdefghijklmnopqrstuu"])
def test_a_damaged_stored_hash_is_false_not_an_error(stored):
    assert verify_passphrase(stored, "lange zomeravond aan zee") is False


def test_the_decoy_check_accepts_any_typed_passphrase_without_error():
    for passphrase in ("lange zomeravond aan zee", "👩‍❤️‍👨 \u200b كلمة"):
        assert spend_decoy_time(passphrase) is None


def test_stored_hash_is_argon2id_with_at_least_owasp_minimum_cost():
    stored = hash_passphrase("lange zomeravond aan zee")
    phc = parse_phc(stored)
    assert phc.variant == "argon2id"
    assert phc.version == 19
    assert phc.memory_kib >= OWASP_MIN_MEMORY_KIB
    assert phc.time_cost >= OWASP_MIN_TIME_COST
    assert phc.parallelism >= OWASP_MIN_PARALLELISM
    assert len(phc.salt) >= 16
    assert len(phc.digest) >= 32


def test_two_hashes_of_one_passphrase_differ_by_their_salt():
    first, second = (parse_phc(hash_passphrase("lange zomeravond aan zee")) for _ in range(2))
    assert first.salt != second.salt
    assert first.digest != second.digest


def test_the_stored_hash_does_not_contain_the_passphrase():
    passphrase = "lange zomeravond aan zee"
    assert passphrase not in hash_passphrase(passphrase)


# --- the notes key ------------------------------------------------------------------------------

def test_derived_key_is_32_bytes_and_depends_on_salt_and_passphrase():
    salt, other_salt = new_salt(), new_salt()
    assert salt != other_salt
    key = derive_key("lange zomeravond aan zee", salt)
    assert isinstance(key, bytes)
    assert len(key) == KEY_BYTES == 32
    assert derive_key("lange zomeravond aan zee", salt) == key
    assert derive_key("lange zomeravond aan zee", other_salt) != key
    assert derive_key("lange zomeravond aan zeE", salt) != key


def test_derived_key_treats_composed_and_decomposed_text_alike():
    salt = new_salt()
    assert derive_key(E_ACUTE_NFC, salt) == derive_key(E_ACUTE_NFD, salt)


def test_derived_key_differs_from_the_verification_hash():
    passphrase = "lange zomeravond aan zee"
    stored = hash_passphrase(passphrase)
    phc = parse_phc(stored)
    key = derive_key(passphrase, new_salt())
    assert key != phc.digest
    assert key.hex() not in stored


def test_a_passphrase_may_be_left_out_only_where_none_is_required():
    assert check_optional_new("", "", required=False) is None
    assert check_optional_new(None, None, required=False) is None
    with pytest.raises(InvalidInput):
        check_optional_new("", "", required=True)
    with pytest.raises(InvalidInput):  # typed once is a choice: it must be right
        check_optional_new("", "de gele fiets van oom", required=False)
    chosen = "de gele fiets van oom Kees"
    assert check_optional_new(chosen, chosen, required=False) == chosen
