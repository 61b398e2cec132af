"""A chart download's file name: what it shows, in characters every file system takes."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given
from hypothesis import strategies as st

from nabij.cycle.view import CycleView, chart_file_name

VIEW = CycleView(dt.date(2025, 3, 1), dt.date(2025, 3, 31), (0, 1), 14)


def test_the_name_says_journal_and_period():
    assert chart_file_name("Sanne & Daan!", VIEW) == "nabij-sanne-daan-2025-03-01-2025-03-31"
    assert chart_file_name("Wij", VIEW) == "nabij-wij-2025-03-01-2025-03-31"


def test_a_name_without_plain_letters_becomes_journal():
    assert chart_file_name("Één ♥ ✨", VIEW) == "nabij-n-2025-03-01-2025-03-31"
    assert chart_file_name("♥ ✨ ...", VIEW) == "nabij-journal-2025-03-01-2025-03-31"


@given(st.text(max_size=80))
def test_any_journal_name_gives_a_tidy_file_name(name):
    file_name = chart_file_name(name, VIEW)
    assert re.fullmatch(r"nabij-[0-9a-z]+(-[0-9a-z]+)*-2025-03-01-2025-03-31", file_name)
