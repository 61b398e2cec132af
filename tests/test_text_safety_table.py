"""A table shown with st.table: Streamlit reads each cell and header as Markdown, so user
text in it must be escaped and stay readable, and numbers must stay numbers."""

from __future__ import annotations

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from nabij.text_safety import escape_markdown, markdown_table


def test_names_and_headers_are_escaped_and_counts_stay_numbers():
    frame = pd.DataFrame({"Week": ["[x](https://evil.example)", "**vet**"],
                          "Anna :red[!]": [1, 2]})
    table = markdown_table(frame)
    assert list(table.columns) == ["Week", escape_markdown("Anna :red[!]")]
    assert table["Week"].tolist() == [escape_markdown("[x](https://evil.example)"),
                                      escape_markdown("**vet**")]
    assert table.iloc[:, 1].tolist() == [1, 2] and table.iloc[:, 1].dtype.kind == "i"
    assert frame["Week"].tolist()[0] == "[x](https://evil.example)"  # the input is untouched


@given(st.lists(st.text(max_size=20), min_size=1, max_size=5))
def test_no_text_cell_keeps_an_unescaped_markdown_character(cells):
    table = markdown_table(pd.DataFrame({"c": cells}))
    for shown in table["c"]:
        unescaped = shown.replace("\\\\", "").replace("\\[", "").replace("\\*", "")
        assert "[" not in unescaped and "*" not in unescaped
