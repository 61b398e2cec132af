"""The explanatory panels in data/content/{nl,en}: Markdown files with a small header.

A file looks like:

    ---
    title: De beginfase
    order: 10
    ---
    Markdown body

The panel's id is its file name, the same in both languages, so code can ask for
"phase_crisis" and get it in the reader's language. A panel links to another one as
`[text](#panel_id)`: on the Learn page that is the panel's anchor, so the content files stay
plain Markdown; wherever a panel is shown elsewhere, the link is rewritten (see
`rewrite_panel_links`) because there is no anchor to jump to.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlencode

from nabij.config import DATA_DIR

CONTENT_DIR = DATA_DIR / "content"
PHASE_PANELS = {"begin": "phase_begin", "middle": "phase_middle", "crisis": "phase_crisis",
                "turning_point": "phase_turning_point"}
BODY_PANEL = "body"
ABOUT_PANEL = "about"
HELP_PANEL = "help"
CYCLE_OPPONENT_PANEL = "common_opponent"
LEARN_PAGE = "learn"  # the Learn page's URL path, from views/learn.py
PANEL_LINK = re.compile(r"\[([^\]]+)\]\(#([a-z_]+)\)")


class BadPanel(ValueError):
    """A content file without its header, title or order: a packaging error, not user input."""


@dataclass(frozen=True)
class Panel:
    id: str
    title: str
    order: int
    body: str


def parse_panel(panel_id: str, text: str) -> Panel:
    lines = text.lstrip("\ufeff").splitlines()
    if not lines or lines[0].strip() != "---":
        raise BadPanel(f"{panel_id}: the file must start with a '---' header")
    try:
        end = next(index for index, line in enumerate(lines[1:], 1) if line.strip() == "---")
    except StopIteration:
        raise BadPanel(f"{panel_id}: the header is not closed with '---'") from None
    header: dict[str, str] = {}
    for line in lines[1:end]:
        key, separator, value = line.partition(":")
        if separator:
            header[key.strip().lower()] = value.strip()
    title, order = header.get("title", ""), header.get("order", "")
    if not title or not order.lstrip("-").isdigit():
        raise BadPanel(f"{panel_id}: the header needs a title and a whole-number order")
    body = "\n".join(lines[end + 1:]).strip()
    if not body:
        raise BadPanel(f"{panel_id}: the panel has no text")
    return Panel(id=panel_id, title=title, order=int(order), body=body)


@cache
def load_panels(language: str, directory: Path = CONTENT_DIR) -> tuple[Panel, ...]:
    """Every panel of one language in reading order; read once per process."""
    panels = [parse_panel(path.stem, path.read_text(encoding="utf-8"))
              for path in sorted((directory / language).glob("*.md"))]
    return tuple(sorted(panels, key=lambda panel: (panel.order, panel.id)))


def get_panel(language: str, panel_id: str, directory: Path = CONTENT_DIR) -> Panel:
    for panel in load_panels(language, directory):
        if panel.id == panel_id:
            return panel
    raise KeyError(panel_id)


def panel_ids(language: str, directory: Path = CONTENT_DIR) -> frozenset[str]:
    return frozenset(panel.id for panel in load_panels(language, directory))


def linked_panel_ids(body: str) -> list[str]:
    """The ids a panel's text links to, in order (a test proves each one exists)."""
    return [match.group(2) for match in PANEL_LINK.finditer(body)]


def learn_url(panel_id: str, language: str) -> str:
    """A link to one panel on the Learn page, relative so it works under any base path."""
    return f"{LEARN_PAGE}?{urlencode({'panel': panel_id, 'lang': language})}"


def rewrite_panel_links(body: str, target: Callable[[str, str], str]) -> str:
    """`body` with every `[text](#id)` replaced by `target(text, id)`."""
    return PANEL_LINK.sub(lambda match: target(match.group(1), match.group(2)), body)


def links_to_learn_page(body: str, language: str) -> str:
    """For a panel shown outside the Learn page: its links open the Learn page at that panel."""
    return rewrite_panel_links(
        body, lambda text, panel_id: f"[{text}]({learn_url(panel_id, language)})")


def compact_body(body: str, language: str) -> str:
    """A panel's body for beside the chart: links to the Learn page, and its `###` headings
    two levels smaller, since the column is narrow and the text should stay in view."""
    return re.sub(r"^### ", "##### ", links_to_learn_page(body, language), flags=re.MULTILINE)


def without_panel_links(body: str) -> str:
    """For a page taken home (no app to link to): the link text alone."""
    return rewrite_panel_links(body, lambda text, _panel_id: text)


def requested_panel(language: str, value: object,
                    directory: Path = CONTENT_DIR) -> Panel | None:
    """The panel a `?panel=` value names, or None for a missing, unknown or odd value.

    The value comes from the URL, so anything may arrive; only an exact panel id counts.
    """
    if not isinstance(value, str):
        return None
    try:
        return get_panel(language, value, directory)
    except KeyError:
        return None
