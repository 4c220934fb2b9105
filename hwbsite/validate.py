"""One board, read and checked: the stage every command starts with."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .normalise import BoardFiles, read_board
from .problems import Problems
from .rules import check_rules
from .schemas import check_tables


@dataclass
class CheckedBoard:
    files: BoardFiles
    typed: dict[str, list[dict]]
    problems: Problems

    @property
    def ok(self) -> bool:
        return not self.problems.errors


def find_boards(repo: Path) -> list[str]:
    data = repo / "data"
    return sorted(p.name for p in data.iterdir() if p.is_dir()) if data.is_dir() else []


def check_board(repo: Path, board_id: str, problems: Problems | None = None) -> CheckedBoard:
    problems = problems if problems is not None else Problems(repo)
    files = read_board(repo, board_id, problems)
    typed = check_tables(files.tables, problems, frozenset(files.unreadable))
    check_rules(files, typed, problems)
    return CheckedBoard(files, typed, problems)
