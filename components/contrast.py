"""Nabij's small static stylesheet for contrast and touch targets (components/contrast.css).

The light and dark themes in .streamlit/config.toml do most of the work; this covers the two
things no theme option reaches: the text colour of primary buttons in the dark theme, and
the size of Plotly's toolbar buttons on a phone. tests/e2e/test_accessibility.py checks both.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

CSS = Path(__file__).with_name("contrast.css")


def contrast_styles() -> None:
    """Add the stylesheet to the page (a style element only: no space in the layout)."""
    st.html(CSS)
