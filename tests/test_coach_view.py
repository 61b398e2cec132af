"""A journal as its coach reads it: only what is shared with a verified coach, read-only."""

from __future__ import annotations

import pytest

from nabij.model import Journal
from nabij.security.cipher import sharing_key
from nabij.storage.protection import create_protected_journal, set_passphrase
from nabij.storage.shares import coach_view, share_with, withdraw
from nabij.storage.store import JournalLocked

SHARING = sharing_key("een-lang-geheim-van-de-installatie")
COACH = "coach@example.org"


@pytest.fixture
def shared(store):
    journal, cipher = create_protected_journal(
        store, Journal(None, "Ons dagboek", ("Anna", "Bram"), "Europe/Amsterdam"),
        "onze gedeelde zin voor het dagboek")
    share_with(store.with_keys({journal.id: cipher}), journal.id, COACH, cipher, SHARING)
    return journal, cipher


def test_the_coach_reads_the_shared_journal_read_only_with_the_partners_names(store, shared):
    journal, cipher = shared
    viewed, coach_cipher = coach_view(store, journal.id, COACH, SHARING)
    assert coach_cipher is not None and coach_cipher.key != cipher.key
    assert (viewed.id, viewed.name, viewed.partners) == (journal.id, "Ons dagboek",
                                                         ("Anna", "Bram"))
    assert viewed.read_only and viewed.protected and not viewed.locked


def test_the_share_opens_the_names_where_the_store_holds_an_older_key_of_its_own(store, shared):
    journal, old = shared
    set_passphrase(store.with_keys({journal.id: old}), journal.id, "een heel nieuwe zin", SHARING)
    viewed, _ = coach_view(store.with_keys({journal.id: old}), journal.id, COACH, SHARING)
    assert viewed.partners == ("Anna", "Bram") and not viewed.locked


@pytest.mark.parametrize(("email", "key"), [
    (None, SHARING),  # nobody signed in with a verified address
    (COACH, None),  # a deployment without a sharing secret
    ("iemand@example.org", SHARING),  # never shared with this address
])
def test_nothing_opens_without_a_verified_coach_it_is_shared_with(store, shared, email, key):
    with pytest.raises(LookupError):
        coach_view(store, shared[0].id, email, key)


def test_a_withdrawn_share_no_longer_opens(store, shared):
    journal, cipher = shared
    withdraw(store.with_keys({journal.id: cipher}), journal.id, COACH)
    with pytest.raises(LookupError):
        coach_view(store, journal.id, COACH, SHARING)


def test_another_deployments_secret_opens_nothing(store, shared):
    with pytest.raises(JournalLocked):
        coach_view(store, shared[0].id, COACH, sharing_key("een-ander-geheim-van-elders"))
