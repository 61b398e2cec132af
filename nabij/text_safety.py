"""Showing user text as text: the one place that knows how to keep it from becoming markup."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

import pandas as pd

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:&])")


def escape_markdown(text: str) -> str:
    """Backslash-escape everything Markdown (and Streamlit's extensions) would interpret.

    Partner and journal names are typed by users; putting them into a Markdown line must
    never turn `**x**`, a link or `:red[...]` into formatting.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def markdown_table(frame: pd.DataFrame) -> pd.DataFrame:
    """A table for st.table, which reads every cell and header as Markdown: the texts
    escaped (names and tags are typed by users), numbers left as numbers."""
    escaped = frame.rename(columns=lambda name: escape_markdown(str(name)))
    for column in escaped.columns:
        if not pd.api.types.is_numeric_dtype(escaped[column]):
            escaped[column] = escaped[column].map(
                lambda value: escape_markdown(value) if isinstance(value, str) else value)
    return escaped


def markdown_params(params: Mapping[str, object]) -> dict[str, object]:
    """A message's parameters for a line Streamlit shows as Markdown (st.error, st.success, a
    label): every text escaped, numbers left as they are. Problems and unreadable files carry
    what the user typed or the file held (a value, a table's name), so none may become a link
    or an image that loads from outside."""
    return {name: escape_markdown(value) if isinstance(value, str) else value
            for name, value in params.items()}


def escape_plotly(text: str) -> str:
    """User text for a Plotly label (legend, hover, tick, annotation): shown as typed.

    Plotly reads a small set of HTML tags in every label (`<a href>`, `<span style>`, `<b>`,
    ...), in the app and in a downloaded chart alike; escaping `<`, `>` and `&` makes it print
    them instead. Quotes need no escaping: outside a tag they are plain characters.
    """
    return html.escape(text, quote=False)
