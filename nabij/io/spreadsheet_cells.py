"""Cells a spreadsheet could run as a formula, written safely and read back exactly.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and, in some, a tab or a
carriage return) as a formula. A note like `=HYPERLINK(...)` must never do that, so export
writes such a cell with a single quote in front, which spreadsheets show as text; the import
removes exactly that quote again, so export and import round-trip. Both sides live here so
that neither depends on the other.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def needs_neutralising(cell: str) -> bool:
    """True for a cell a spreadsheet could run, also after quotes it would hide."""
    return cell.lstrip(QUOTE).startswith(FORMULA_STARTS)


def neutralise_cell(cell: str) -> str:
    """The cell with a single quote in front when a spreadsheet could run it as a formula.

    A cell that already starts with quotes before a formula character gets one more, so that
    `unescape_cell` can always take exactly one away.
    """
    return QUOTE + cell if needs_neutralising(cell) else cell


def unescape_cell(cell: str) -> str:
    """Undo `neutralise_cell`: unescape_cell(neutralise_cell(x)) == x for every text x."""
    if cell.startswith(QUOTE) and needs_neutralising(cell[1:]):
        return cell[1:]
    return cell
