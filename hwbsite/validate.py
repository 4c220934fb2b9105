"""One board, read and checked: the stage every command starts with."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .calendarchecks import board_today, check_calendar
from .normalise import BoardFiles, read_board
from .pagechecks import check_content_pages
from .problems import Problems
from .rules import check_rules
from .schemas import check_tables

if TYPE_CHECKING:
    from .model import Board


@dataclass
class CheckedBoard:
    files: BoardFiles
    typed: dict[str, list[dict]]
    problems: Problems
    board: Board | None = None      # the model, when the files were sound enough to build it

    @property
    def ok(self) -> bool:
        return not self.problems.errors


def find_boards(repo: Path) -> list[str]:
    data = repo / "data"
    return sorted(p.name for p in data.iterdir() if p.is_dir()) if data.is_dir() else []


def check_board(repo: Path, board_id: str, problems: Problems | None = None,
                today: date | None = None) -> CheckedBoard:
    """Every problem in one board's files. The access rules (notice, minutes, quorum, seats) run
    only once the files are otherwise free of errors, since they need the whole record."""
    problems = problems if problems is not None else Problems(repo)
    before = len(problems.errors)
    files = read_board(repo, board_id, problems)
    typed = check_tables(files.tables, problems, frozenset(files.unreadable))
    today = today or board_today(typed)
    check_rules(files, typed, problems, today)
    check_calendar(files, typed, problems, today)
    from .ledger import content_pages

    check_content_pages(files.content_dir, content_pages(files.content_dir), problems)
    checked = CheckedBoard(files, typed, problems)
    if len(problems.errors) == before and typed["board"]:
        from .access import Access
        from .access_checks import check_access
        from .ledger import check_ledger
        from .model import build_board

        board = checked.board = build_board(checked)
        check_access(board, Access(board), files, problems, today)
        check_ledger(board, files, problems)
    return checked
