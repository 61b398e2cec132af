"""What can go wrong when reading a file, as message keys the interface translates.

Two levels, kept apart so a person can fix a file in one go: `UnreadableFile` stops the whole
file (encoding, missing columns, too big), `RowProblem` names one row that cannot be read
while every other row is still judged.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class UnreadableFile(ValueError):
    """The file as a whole cannot be read (encoding, missing columns, too many partners)."""

    def __init__(self, key: str, line: int | None = None, **params: object):
        super().__init__(key if line is None else f"line {line}: {key}")
        self.key = key
        self.line = line
        self.params = params


@dataclass(frozen=True)
class RowProblem:
    """Why one row cannot be read: line, the file's column name, message key and parameters."""

    line: int
    column: str
    key: str
    params: dict[str, object] = field(default_factory=dict)
