"""A sealed note changed in the database reads as unreadable on every page; nothing crashes."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from nabij.i18n import Messages
from nabij.model import Visibility
from tests.pages.privacy_helpers import PAGES, opened_at_home, protected_journal, rendered

PASSPHRASE = "een zin om te knoeien 7"
KEPT = "deze-notitie-blijft-leesbaar"
TAMPERED = "deze-notitie-wordt-veranderd"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_tampered_note_is_reported_as_unreadable_and_the_rest_still_shows(store, lang):
    journal = protected_journal(store, "Knoei", PASSPHRASE,
                                notes={Visibility.PARTNER: KEPT, Visibility.COACH: TAMPERED})
    with store.engine.begin() as conn:
        rows = conn.execute(text("SELECT id, note FROM events WHERE journal_id = :j ORDER BY id"),
                            {"j": journal.id}).all()
        sealed = rows[1].note
        # One character of the sealed value changed: AES-GCM's tag no longer matches.
        changed = sealed[:-3] + ("A" if sealed[-3] != "A" else "B") + sealed[-2:]
        conn.execute(text("UPDATE events SET note = :n WHERE id = :i"),
                     {"n": changed, "i": rows[1].id})
    unreadable = Messages(lang)("privacy.unreadable")
    app = opened_at_home(journal, PASSPHRASE, "views/journal.py", lang)
    shown = rendered(app)
    assert KEPT in shown
    assert unreadable in shown
    assert TAMPERED not in shown
    for page in PAGES:
        app.switch_page(page).run()
        assert not app.exception, (page, app.exception)
