"""The explanatory panels in data/content/{nl,en}: Markdown files with a small header.

A file looks like:

    ---
    title: De beginfase
    order: 10
    ---
    Markdown body

The panel's id is its file name, the same in both languages, so code can ask for
"phase_crisis" and get it in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from nabij.config import DATA_DIR

CONTENT_DIR = DATA_DIR / "content"
PHASE_PANELS = {"begin": "phase_begin", "middle": "phase_middle", "crisis": "phase_crisis",
                "turning_point": "phase_turning_point"}
BODY_PANEL = "body"
ABOUT_PANEL = "about"


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
