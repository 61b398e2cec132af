"""Choosing a passphrase that is easy to guess: refused with a message that says why, in the
user's language, and nothing changes (issue #18). The same rule holds on every form that sets
one; here the Journals page's change form."""

from __future__ import annotations

import pytest

from nabij.model import Journal, Visibility
from tests.pages.privacy_helpers import messages, opened_at_home, protected_journal
from tests.pages.test_privacy_passphrase import save
from tests.security_helpers import sealed_column_values

PASSPHRASE = "een zin die alleen wij kennen"
WHY = {("nl", "common"): "Deze wachtzin (of een die er sterk op lijkt) kiezen veel mensen",
       ("en", "common"): "Many people choose this passphrase (or one very like it)",
       ("nl", "weak"): "Deze wachtzin is makkelijk te raden",
       ("en", "weak"): "This passphrase is easy to guess"}


@pytest.fixture
def ours(store) -> Journal:
    return protected_journal(store, "Ons Geheim", PASSPHRASE,
                             notes={Visibility.PARTNER: "Eerste notitie"})


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(("chosen", "why"), [("password", "common"), ("Welkom2024!", "common"),
                                             ("Annelies1985", "weak"), ("kkkkkkkk", "weak")])
def test_an_easy_passphrase_is_refused_with_the_reason(store, ours, lang, chosen, why):
    before = sealed_column_values(store.engine, ours.id)
    app = opened_at_home(ours, PASSPHRASE, "views/journals.py", lang)
    save(app, lang, chosen, chosen, current=PASSPHRASE)
    errors = messages(app, "error")
    assert len(errors) == 1 and errors[0].startswith(WHY[lang, why]), errors
    assert not app.success
    assert sealed_column_values(store.engine, ours.id) == before  # nothing re-sealed
