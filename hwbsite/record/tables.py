"""The flat tables a board's files are read into, one per schema, each row with its `Source`.

A problem found in a table can then be reported at the line the officer typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from hwbsite.record.fields import Source

REQUIRED_FILES = ("board.yml", "organisations.yml", "people.yml", "memberships.yml")
# The tables whose every row comes from the file: when it cannot be read, references to them are not judged.
DEFINES = {
    "board.yml": ("board",), "organisations.yml": ("organisations",), "memberships.yml": ("memberships",),
    "people.yml": ("people",), "indicators.yml": ("indicators",), "strategy.yml": ("priorities",),
    "forward-plan.yml": ("forward_plan",), "meetings/": ("meetings", "items", "decisions"),
}


@dataclass
class Table:
    name: str
    rows: list[dict] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)

    def add(self, row: dict, source: Source) -> None:
        self.rows.append(row)
        self.sources.append(source)


@dataclass
class BoardFiles:
    """Everything read from one board's folder, before any checking of values."""

    board_id: str
    data_dir: Path
    content_dir: Path
    tables: dict[str, Table]
    unreadable: set[str] = field(default_factory=set)
    unparsed: set[Path] = field(default_factory=set)      # files that could not be read at all
    links: frozenset[Path] = frozenset()

    def behind_link(self, path: Path) -> bool:
        """Whether reading `path` would follow a symbolic link (reported once, never followed)."""
        return any(link == path or link in path.parents for link in self.links)


def present(path: Path) -> bool:
    """Whether a file is there, or a folder or broken link in its place (reported when it is read)."""
    return path.exists() or path.is_symlink()
