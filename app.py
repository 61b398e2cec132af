"""Nabij's entry point: language, open journal and navigation. Run: streamlit run app.py

`streamlit run` finds the `app = st.App(...)` below and serves this same file through it, so
the web server also carries the installable shell (manifest, icons, service worker; see
nabij/shell/web.py). Inside a script run `__name__` is "__main__" and only `main()` runs.
"""

import streamlit as st

from components.contrast import contrast_styles
from components.journal.database import storage_is_ephemeral
from components.journal.picker import journal_picker
from components.language import current_messages, document_language, language_switch
from components.page_actions import close_sidebar_after_a_choice, page_actions
from components.privacy.coach import coach_email, coach_sign_in
from components.privacy.identity import identity_section
from components.privacy.lock import expire_if_idle, idle_watch, lock_notice
from nabij.shell.web import shell_middleware, shell_routes


def main() -> None:
    st.set_page_config(page_title="Nabij", page_icon="🌗", layout="wide")
    contrast_styles()

    expire_if_idle()
    msg = current_messages()
    journal_page = st.Page("views/journal.py", title=msg("nav.journal"),
                           icon=":material/edit_note:")
    pages = [
        st.Page("views/cycle.py", title=msg("nav.cycle"), icon=":material/timeline:",
                default=True),
        journal_page,
        st.Page("views/insights.py", title=msg("insights.nav"), icon=":material/insights:"),
        st.Page("views/session.py", title=msg("nav.session"), icon=":material/groups:"),
        st.Page("views/learn.py", title=msg("nav.learn"), icon=":material/menu_book:"),
        st.Page("views/journals.py", title=msg("nav.journals"), icon=":material/book_2:"),
        st.Page("views/data.py", title=msg("nav_data.title"), icon=":material/swap_vert:"),
    ]
    if coach_email() is not None:  # a signed-in coach: every couple sharing with them
        pages.append(st.Page("views/practice.py", title=msg("nav.practice"),
                             icon=":material/diversity_3:"))
    page = st.navigation(pages, position="top")

    with st.sidebar:
        st.title(msg("app.name"))
        st.caption(msg("app.tagline"))
        journal_picker(msg)
        identity_section(msg)
        idle_watch()
        language_switch(msg)
        coach_sign_in(msg)
        st.caption(msg("app.reflection_note"))
        # Last in the sidebar: their empty elements add no gap above the page's content.
        close_sidebar_after_a_choice(page, msg.language)
        document_language(msg.language)

    if storage_is_ephemeral():
        st.warning(msg("app.cloud_storage_warning"), icon=":material/warning:")
    lock_notice(msg)
    # Log, lock and help: one tap away on every page, also where the sidebar is folded away.
    page_actions(msg, journal_page, page)

    page.run()


if __name__ == "__main__":
    main()
else:
    # Imported by the web server (uvicorn, via `streamlit run app.py`): serve this file.
    app = st.App(__file__, routes=shell_routes(), middleware=shell_middleware())
