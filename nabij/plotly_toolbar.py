"""Plotly's toolbar (the modebar) in the user's language, and only the buttons Nabij needs.

Plotly.js looks a tooltip up in `config.locales[locale].dictionary` before its own registry,
so a chart can carry its translation in its config: Streamlit's bundled Plotly has no Dutch
locale registered, and nothing has to be loaded from elsewhere.
"""

from __future__ import annotations

from nabij.i18n import Messages, catalogue

PREFIX = "plotly_toolbar."
# Selecting by box or lasso, and autoscale, crowd the toolbar on a phone; the chart keeps
# panning (its drag mode), zooming in and out, resetting and the PNG download.
REMOVED_BUTTONS = ("select2d", "lasso2d", "autoScale2d", "zoom2d")


def toolbar_dictionary(language: str) -> dict[str, str]:
    """Plotly's English tooltip texts mapped to `language` (data/messages/*/charts.toml)."""
    return {key.removeprefix(PREFIX): text for key, text in catalogue(language).items()
            if key.startswith(PREFIX)}


def toolbar_config(msg: Messages, **extra: object) -> dict:
    """A `config` for st.plotly_chart: the toolbar's tooltips in `msg`'s language, a smaller
    set of buttons, no Plotly logo; `extra` adds to it or overrides it."""
    return {"displaylogo": False, "locale": msg.language,
            "locales": {msg.language: {"dictionary": toolbar_dictionary(msg.language)}},
            "modeBarButtonsToRemove": list(REMOVED_BUTTONS), **extra}
