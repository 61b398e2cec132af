"""User text in a message box stays text (issue #18): st.success, st.error and the like read
Markdown, so a partner's name or a backup's table name written as `![x](https://...)` would
load an image from outside, and `[x](https://...)` would be a link. Escaped, it is shown as
typed and nothing loads."""

from __future__ import annotations

import json

from nabij.i18n import Messages
from nabij.model import Journal, Problem
from nabij.storage.backup import backup_json
from nabij.text_safety import markdown_params
from tests.pages.conftest import open_app
from tests.pages.test_data_page import texts_of, upload
from tests.pages.test_journal_page import fill_log_form, submit

IMAGE = "![x](https://voorbeeld.invalid/p.png)"
LINK = "[klik](https://voorbeeld.invalid/)"


def _no_live_markdown(texts: list[str]) -> None:
    for text in texts:
        assert "![x](" not in text and "[klik](" not in text, text


def test_a_partner_name_in_the_saved_message_is_shown_as_text(store):
    store.create_journal(Journal(None, "Wij", (IMAGE, LINK), "Europe/Amsterdam"))
    app = open_app("views/journal.py")
    fill_log_form(app, partner=0, note="gewoon een moment")
    submit(app)
    assert not app.exception, app.exception
    [saved] = texts_of(app.success)
    assert "Opgeslagen" in saved and "voorbeeld" in saved
    _no_live_markdown([saved])


def test_a_backups_unknown_table_name_in_the_error_is_shown_as_text(store, journal):
    backup = json.loads(backup_json(store, journal.id))
    backup["tables"][IMAGE] = {"columns": [], "rows": []}
    app = open_app("views/data.py", lang="en")
    upload(app, json.dumps(backup).encode(), name="b.json", key="data_restore_file_0")
    errors = texts_of(app.error)
    assert any("voorbeeld" in text for text in errors), errors
    _no_live_markdown(errors)


def test_message_parameters_escape_text_and_leave_numbers():
    """What every st.error of a Problem or an unreadable file passes its parameters through."""
    problem = Problem("timezone", "error.timezone_unknown", {"value": IMAGE, "max": 40})
    params = markdown_params(problem.params)
    assert params["max"] == 40
    shown = Messages("en")(problem.key, **params)
    assert "voorbeeld" in shown
    _no_live_markdown([shown])
