"""Two small scripts for the chart on a phone: one tap selects a point, and the moment it
selected comes into view (components/scripts/). They hold no user text: only fixed selectors
and, for the scroll, a widget key and a number."""

from __future__ import annotations

from components.page_script import page_script


def select_on_first_tap() -> None:
    page_script("select_on_first_tap")


def bring_into_view(key: str, token: int) -> None:
    """Scroll the element keyed `key` into view if it is not (a phone: below the chart).

    `token` names the selection: a new one gives new script text, which runs again.
    """
    if not key.replace("_", "").isalnum():
        raise ValueError(f"not a widget key: {key!r}")
    page_script("bring_into_view", token, key=key)
