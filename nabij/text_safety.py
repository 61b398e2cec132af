"""Showing user text as text: the one place that knows how to keep it from becoming markup."""

from __future__ import annotations

import html
import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:&])")


def escape_markdown(text: str) -> str:
    """Backslash-escape everything Markdown (and Streamlit's extensions) would interpret.

    Partner and journal names are typed by users; putting them into a Markdown line must
    never turn `**x**`, a link or `:red[...]` into formatting.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def escape_plotly(text: str) -> str:
    """User text for a Plotly label (legend, hover, tick, annotation): shown as typed.

    Plotly reads a small set of HTML tags in every label (`<a href>`, `<span style>`, `<b>`,
    ...), in the app and in a downloaded chart alike; escaping `<`, `>` and `&` makes it print
    them instead. Quotes need no escaping: outside a tag they are plain characters.
    """
    return html.escape(text, quote=False)
