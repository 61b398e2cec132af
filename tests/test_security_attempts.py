"""Wrong passphrases: the first few are free, then each waits longer (up to a cap), then the name
is locked for a while. Attempts are counted per typed name, case and spacing ignored."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nabij.security.attempts import DEFAULT_POLICY, AttemptPolicy, lock_wait, name_key

NOW = dt.datetime(2025, 3, 4, 21, 15, tzinfo=dt.UTC)
POLICIES = [
    pytest.param(DEFAULT_POLICY, id="default"),
    pytest.param(AttemptPolicy(free=1, lock_after=4, lock_minutes=2.5, max_delay_seconds=3.0),
                 id="strict"),
    pytest.param(AttemptPolicy(free=0, lock_after=20, lock_minutes=60, max_delay_seconds=30.0),
                 id="no-free-long"),
]


@pytest.mark.parametrize("policy", POLICIES)
def test_free_attempts_have_no_delay(policy):
    assert [policy.delay_after(failures) for failures in range(policy.free + 1)] == \
        [0.0] * (policy.free + 1)
    assert policy.delay_after(policy.free + 1) > 0


@pytest.mark.parametrize("policy", POLICIES)
def test_delays_grow_until_the_cap_and_stay_there(policy):
    delays = [policy.delay_after(failures)
              for failures in range(policy.free + 1, policy.free + 40)]
    assert all(0 < delay <= policy.max_delay_seconds for delay in delays)
    assert delays[-1] == policy.max_delay_seconds
    capped_from = delays.index(policy.max_delay_seconds)
    growing = delays[:capped_from + 1]
    assert all(later > earlier for earlier, later in itertools.pairwise(growing))
    assert set(delays[capped_from:]) == {policy.max_delay_seconds}


@pytest.mark.parametrize("policy", POLICIES)
@given(failures=st.integers(min_value=0, max_value=100_000))
def test_any_number_of_failures_waits_between_nothing_and_the_cap(policy, failures):
    assert 0.0 <= policy.delay_after(failures) <= policy.max_delay_seconds


@pytest.mark.parametrize("policy", POLICIES)
def test_locked_from_lock_after_failures_for_lock_minutes(policy):
    for failures in range(policy.lock_after):
        assert policy.locked_until(failures, NOW) is None
    until = policy.locked_until(policy.lock_after, NOW)
    assert until is not None
    assert until - NOW == dt.timedelta(minutes=policy.lock_minutes)


@pytest.mark.parametrize("policy", POLICIES)
def test_each_mistake_after_a_lock_locks_again_twice_as_long_up_to_the_cap(policy):
    """No fresh start once a lock runs out: a guesser gets one try per ever longer lock."""
    minutes = [policy.lock_minutes_after(failures)
               for failures in range(policy.lock_after, policy.lock_after + 40)]
    capped_from = minutes.index(policy.max_lock_minutes)
    assert minutes[:capped_from + 1] == [
        min(policy.max_lock_minutes, policy.lock_minutes * 2 ** n) for n in range(capped_from + 1)]
    assert set(minutes[capped_from:]) == {policy.max_lock_minutes}
    assert minutes[1] == 2 * minutes[0]


@pytest.mark.parametrize("policy", POLICIES)
@given(failures=st.integers(min_value=0, max_value=10_000_000))
def test_any_number_of_failures_locks_between_nothing_and_the_cap(policy, failures):
    until = policy.locked_until(failures, NOW)
    assert until is None or NOW < until <= NOW + dt.timedelta(minutes=policy.max_lock_minutes)


@pytest.mark.parametrize("same", ["Wij", "wij", "WIJ", "  Wij", "Wij  ", "\tWij\n", " wIj "])
def test_name_key_ignores_case_and_surrounding_spaces(same):
    assert name_key(same) == name_key("Wij")


@pytest.mark.parametrize("same", ["Ons dagboek", "ons  dagboek", " ONS\tDagboek ",
                                  "ons \n dagboek"])
def test_name_key_ignores_how_many_spaces_are_between_words(same):
    assert name_key(same) == name_key("Ons Dagboek")


def test_name_key_treats_composed_and_decomposed_letters_alike():
    assert name_key("Caf\u00e9") == name_key("Cafe\u0301") == name_key("CAFE\u0301")


@pytest.mark.parametrize(("one", "other"), [("Wij", "Wij2"), ("Wij", "Zij"),
                                            ("Ons dagboek", "Onsdagboek"), ("Café", "Cafe"),
                                            ("Wij", ""), ("a b", "ab")])
def test_name_key_tells_different_names_apart(one, other):
    assert name_key(one) != name_key(other)


@given(name=st.text(max_size=80))
def test_name_key_of_any_name_ignores_spaces_around_it_and_hides_the_name(name):
    key = name_key(name)
    assert name_key(f"  {name}\t ") == key
    assert len(key) == 64 and all(char in "0123456789abcdef" for char in key)


@pytest.mark.parametrize(("left", "told"), [
    (dt.timedelta(seconds=1), ("privacy.locked_out", 1)),
    (dt.timedelta(minutes=15), ("privacy.locked_out", 15)),
    (dt.timedelta(minutes=14, seconds=1), ("privacy.locked_out", 15)),
    (dt.timedelta(minutes=90), ("privacy.locked_out", 90)),
    (dt.timedelta(minutes=120), ("privacy.locked_out_hours", 2)),
    (dt.timedelta(hours=24), ("privacy.locked_out_hours", 24)),
    (dt.timedelta(seconds=-5), ("privacy.locked_out", 1)),
])
def test_a_lock_is_told_in_minutes_and_a_long_one_in_hours_rounded_up(left, told):
    assert lock_wait(NOW + left, NOW) == told


def test_every_lock_length_has_its_message_in_both_languages():
    from nabij.i18n import Messages

    for language in ("nl", "en"):
        for key in ("privacy.locked_out", "privacy.locked_out_hours"):
            assert Messages(language)(key, count=3) != key
            assert "3" in Messages(language)(key, count=3)
