"""Showing user text as text: the one place that knows how to keep it from becoming markup."""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:&])")


def escape_markdown(text: str) -> str:
    """Backslash-escape everything Markdown (and Streamlit's extensions) would interpret.

    Partner and journal names are typed by users; putting them into a Markdown line must
    never turn `**x**`, a link or `:red[...]` into formatting.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", " ")
