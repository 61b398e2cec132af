"""Free text sealed with AES-GCM: it round-trips, hides the text, and anything changed, moved or
never sealed opens to None (never to other text, never to an exception)."""

from __future__ import annotations

import base64
import secrets

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from nabij.security.cipher import (
    PREFIX,
    ROW_PREFIX,
    FieldCipher,
    is_sealed,
    unwrap_key,
    wrap_key,
)
from tests.security_helpers import random_cipher

COLUMNS = ("events.note", "events.context", "cycle_maps.triggered_by", "cycle_maps.felt_0",
           "cycle_maps.did_1", "sessions.next_step")
columns = st.sampled_from(COLUMNS)
texts = st.text()
non_empty = st.text(min_size=1)
FAST = settings(deadline=None)


def payload(sealed: str) -> bytes:
    assert sealed.startswith(PREFIX)
    return base64.urlsafe_b64decode(sealed[len(PREFIX):])


def reseal_payload(raw: bytes) -> str:
    return PREFIX + base64.urlsafe_b64encode(raw).decode("ascii")


@FAST
@given(text=texts, column=columns)
def test_any_text_round_trips(text, column):
    cipher = random_cipher()
    sealed = cipher.seal(column, text)
    assert cipher.open(column, sealed) == text


def test_empty_text_stays_empty_and_reads_as_empty():
    cipher = random_cipher()
    assert cipher.seal("events.note", "") == ""
    assert cipher.open("events.note", "") == ""
    assert cipher.open("events.note", None) == ""


@FAST
@given(text=non_empty, column=columns)
def test_a_sealed_value_is_marked_and_plain_ascii(text, column):
    sealed = random_cipher().seal(column, text)
    assert is_sealed(sealed)
    assert sealed.isascii()
    assert not is_sealed("")
    assert not is_sealed(None)


@FAST
@given(text=st.text(min_size=4), column=columns)
def test_a_sealed_value_never_contains_the_text(text, column):
    sealed = random_cipher().seal(column, text)
    if text not in PREFIX:  # "bij:" is part of every sealed value's marker, by design
        assert text not in sealed
    assert text.encode("utf-8") not in payload(sealed)


@FAST
@given(text=non_empty, column=columns)
def test_sealing_the_same_text_twice_gives_different_values(text, column):
    cipher = random_cipher()
    first, second = cipher.seal(column, text), cipher.seal(column, text)
    assert first != second
    assert payload(first)[:12] != payload(second)[:12]  # a fresh nonce each time
    assert cipher.open(column, first) == cipher.open(column, second) == text


@FAST
@given(text=non_empty, column=columns, data=st.data())
def test_any_flipped_bit_opens_to_none(text, column, data):
    cipher = random_cipher()
    raw = bytearray(payload(cipher.seal(column, text)))
    position = data.draw(st.integers(0, len(raw) - 1), label="byte")
    raw[position] ^= 1 << data.draw(st.integers(0, 7), label="bit")
    assert cipher.open(column, reseal_payload(bytes(raw))) is None


@FAST
@given(text=non_empty, column=columns, data=st.data())
def test_any_truncated_value_opens_to_none(text, column, data):
    cipher = random_cipher()
    sealed = cipher.seal(column, text)
    cut = data.draw(st.integers(1, len(sealed) - 1), label="keep")
    assert cipher.open(column, sealed[:cut]) is None


@FAST
@given(text=non_empty, data=st.data())
def test_a_value_moved_to_another_column_opens_to_none(text, data):
    cipher = random_cipher()
    column = data.draw(columns, label="column")
    other = data.draw(columns.filter(lambda name: name != column), label="other column")
    assert cipher.open(other, cipher.seal(column, text)) is None


@FAST
@given(text=non_empty, column=columns, journal_id=st.integers(1, 10**9),
       other_id=st.integers(1, 10**9))
def test_a_value_moved_to_another_journal_opens_to_none_even_with_the_same_key(
        text, column, journal_id, other_id):
    if journal_id == other_id:
        other_id += 1
    key = secrets.token_bytes(32)
    sealed = FieldCipher(journal_id=journal_id, key=key).seal(column, text)
    assert FieldCipher(journal_id=other_id, key=key).open(column, sealed) is None


@FAST
@given(text=non_empty, column=columns)
def test_another_key_opens_to_none(text, column):
    sealed = random_cipher().seal(column, text)
    assert random_cipher().open(column, sealed) is None


@FAST
@given(stored=non_empty, column=columns)
def test_a_plain_value_never_sealed_opens_to_none(stored, column):
    assume(not stored.startswith(PREFIX))
    assert random_cipher().open(column, stored) is None


@FAST
@given(rest=st.text(), column=columns)
def test_anything_after_the_marker_that_is_not_a_sealed_value_opens_to_none(rest, column):
    assert random_cipher().open(column, PREFIX + rest) is None


@FAST
@given(garbage=st.binary(max_size=200), column=columns)
def test_random_bytes_behind_the_marker_open_to_none(garbage, column):
    assert random_cipher().open(column, reseal_payload(garbage)) is None


# --- bound to a row ------------------------------------------------------------------------------

rows = st.one_of(st.integers(1, 10**12).map(str), st.dates().map(lambda day: day.isoformat()))


@FAST
@given(text=texts, column=columns, row=rows)
def test_text_sealed_to_a_row_round_trips_in_that_row(text, column, row):
    cipher = random_cipher()
    sealed = cipher.seal(column, text, row)
    assert cipher.open(column, sealed, row) == text
    if text:
        assert sealed.startswith(ROW_PREFIX) and is_sealed(sealed)


@FAST
@given(text=non_empty, column=columns, row=rows, other=rows)
def test_text_sealed_to_a_row_does_not_open_in_another_row_or_without_one(text, column, row,
                                                                          other):
    """Two moments' notes swapped in the database read as unreadable, not as each other's."""
    assume(row != other)
    cipher = random_cipher()
    sealed = cipher.seal(column, text, row)
    assert cipher.open(column, sealed, other) is None
    assert cipher.open(column, sealed) is None
    assert cipher.open(column, PREFIX + sealed[len(ROW_PREFIX):], row) is None  # relabelled


@FAST
@given(text=non_empty, column=columns, row=rows)
def test_text_sealed_before_rows_were_named_still_opens(text, column, row):
    """Journals protected before row binding hold "v1" values: they stay readable until the
    next passphrase change writes them bound to their rows."""
    cipher = random_cipher()
    older = cipher.seal(column, text)
    assert older.startswith(PREFIX)
    assert cipher.open(column, older, row) == cipher.open(column, older) == text
    assert cipher.open(column, ROW_PREFIX + older[len(PREFIX):], row) is None  # relabelled


def test_repr_and_str_never_show_the_key():
    cipher = random_cipher(journal_id=7)
    for shown in (repr(cipher), str(cipher), f"{cipher!r}", f"{cipher}"):
        assert cipher.key.hex() not in shown
        assert repr(cipher.key) not in shown
        assert base64.b64encode(cipher.key).decode() not in shown
        assert base64.urlsafe_b64encode(cipher.key).decode() not in shown
        assert "key" not in shown


def test_fingerprint_does_not_reveal_the_key_and_differs_per_key():
    cipher = random_cipher()
    fingerprint = cipher.fingerprint
    assert fingerprint == random_cipher_with(cipher.key).fingerprint  # stable for one key
    assert fingerprint not in cipher.key.hex()
    assert cipher.key.hex()[:len(fingerprint)] != fingerprint
    assert fingerprint.encode() not in cipher.key
    fingerprints = {random_cipher().fingerprint for _ in range(50)}
    assert len(fingerprints) == 50
    assert fingerprint not in fingerprints


def random_cipher_with(key: bytes) -> FieldCipher:
    return FieldCipher(journal_id=99, key=key, salt="other")


# --- wrapping a key for a coach -------------------------------------------------------------------

def test_a_wrapped_key_round_trips_and_does_not_show_the_key():
    wrapping, key = secrets.token_bytes(32), secrets.token_bytes(32)
    wrapped = wrap_key(wrapping, key, "share:12:coach@example.org")
    assert unwrap_key(wrapping, wrapped, "share:12:coach@example.org") == key
    assert key.hex() not in wrapped
    assert base64.urlsafe_b64encode(key).decode().rstrip("=") not in wrapped
    assert wrap_key(wrapping, key, "share:12:coach@example.org") != wrapped


def test_unwrapping_with_the_wrong_key_or_context_is_refused():
    wrapping, key = secrets.token_bytes(32), secrets.token_bytes(32)
    wrapped = wrap_key(wrapping, key, "share:12:coach@example.org")
    assert unwrap_key(secrets.token_bytes(32), wrapped, "share:12:coach@example.org") is None
    assert unwrap_key(wrapping, wrapped, "share:13:coach@example.org") is None
    assert unwrap_key(wrapping, wrapped, "share:12:other@example.org") is None


@pytest.mark.parametrize("damage", ["flip", "truncate", "not base64", "empty", "non-ascii",
                                    "short wrapping key"])
def test_a_damaged_wrapped_key_is_refused_not_an_error(damage):
    wrapping, key = secrets.token_bytes(32), secrets.token_bytes(32)
    wrapped = wrap_key(wrapping, key, "ctx")
    raw = bytearray(base64.urlsafe_b64decode(wrapped))
    raw[len(raw) // 2] ^= 0x01
    damaged, use_key = {
        "flip": (base64.urlsafe_b64encode(bytes(raw)).decode(), wrapping),
        "truncate": (wrapped[:-8], wrapping),
        "not base64": ("%%%%", wrapping),
        "empty": ("", wrapping),
        "non-ascii": ("é" + wrapped, wrapping),
        "short wrapping key": (wrapped, wrapping[:7]),
    }[damage]
    assert unwrap_key(use_key, damaged, "ctx") is None
