"""The page scripts: a file's fixed text, run again for a new token, with values as JSON that
cannot close the script element."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from components.page_script import SCRIPTS


def _scripts_page() -> None:
    import streamlit as st

    from components.page_script import page_script

    page_script("bring_into_view", st.session_state.get("token", 3), key="event_detail")
    page_script("document_language", language='"nl"</script><script>alert(1)')


def _bodies(app: AppTest) -> list[str]:
    return [element.proto.body for element in app.get("html")]


def test_a_script_is_its_file_with_a_token_and_its_values():
    app = AppTest.from_function(_scripts_page).run()
    assert not app.exception, app.exception
    into_view, language = _bodies(app)
    assert into_view.startswith("<script>/* 3 */\n{const values = {\"key\": \"event_detail\"};")
    assert (SCRIPTS / "bring_into_view.js").read_text() in into_view
    app.session_state["token"] = 4
    assert _bodies(app.run())[0].startswith("<script>/* 4 */")
    # A value never ends the script early: its "<" reaches the page escaped.
    assert language.count("</script>") == 1 and language.endswith("</script>")
    assert "\\u003c/script>\\u003cscript>alert(1)" in language
