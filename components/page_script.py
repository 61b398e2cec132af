"""Nabij's few page scripts (components/scripts/*.js): fixed text, never user text.

Streamlit runs an st.html script again only when its text changed: a new `token` gives new
text, so the script runs again. `values` reach the script as JSON (a `values` object), never
spliced into its code.
"""

from __future__ import annotations

import json
from pathlib import Path

import streamlit as st

SCRIPTS = Path(__file__).with_name("scripts")


def page_script(name: str, token: int = 0, **values: str) -> None:
    """Run scripts/`name`.js in the page (a script element only: no space in the layout)."""
    script = (SCRIPTS / f"{name}.js").read_text()
    # Escaped "<": no value can close the script element early.
    data = json.dumps(values).replace("<", "\\u003c")
    st.html(f"<script>/* {int(token)} */\n{{const values = {data};\n{script}}}</script>",
            unsafe_allow_javascript=True)
