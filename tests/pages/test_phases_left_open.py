"""Mark phases: the stretches Nabij leaves unknown are named, with why, not skipped silently."""

from __future__ import annotations

from nabij.model import Kind
from tests.pages.conftest import add_event, open_app
from tests.pages.test_cycle_page import open_phase_editor


def test_a_long_silence_is_listed_as_left_open_with_its_reason(store, journal):
    for day in range(12):  # twelve days of moments, a silence of ninety days, twelve more
        add_event(store, journal, kind=Kind.CLOSENESS if day % 3 else Kind.DISTANCE,
                  partner=day % 2, hours=24 * day)
        add_event(store, journal, kind=Kind.DISTANCE, partner=(day + 1) % 2,
                  hours=24 * (day + 102))
    app = open_phase_editor(open_app(lang="en"))
    shown = [markdown.value for markdown in app.markdown]
    assert "**Left open**" in shown
    captions = [caption.value for caption in app.caption]
    assert any("No moments were logged in these" in caption for caption in captions)
    app = open_phase_editor(open_app(lang="nl"))
    assert "**Open gelaten**" in [markdown.value for markdown in app.markdown]
