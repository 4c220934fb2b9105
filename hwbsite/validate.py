"""One board, read and checked: the stage every command starts with."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .calendarchecks import board_today, check_calendar
from .cms_checks import check_editor
from .normalise import BoardFiles, read_board
from .pagechecks import check_content_pages
from .problems import Problems
from .publishing import pages
from .rules import check_rules
from .schemas import check_tables
from .usable import usable_rows

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


WHOLE_RECORD = frozenset({"board", "organisations", "people", "memberships"})


def check_board(repo: Path, board_id: str, problems: Problems | None = None,
                today: date | None = None) -> CheckedBoard:
    """Every problem in one board's files, in one run.

    The checks that need the whole record (notice, minutes, quorum, votes, seats) run on every row
    that no error touches, so a typo in one file does not hide an impossible vote in another. The
    ledger of published addresses waits until there are no errors: with rows set aside, addresses
    would seem to be dropped that are only waiting for a correction.
    """
    problems = problems if problems is not None else Problems(repo)
    before = len(problems.items)
    files = read_board(repo, board_id, problems)
    typed = check_tables(files.tables, problems, frozenset(files.unreadable))
    today = today or board_today(typed)
    check_rules(files, typed, problems, today)
    check_calendar(files, typed, problems, today)
    check_editor(files, problems)
    check_content_pages(files.content_dir, pages(files.content_dir), problems)
    checked = CheckedBoard(files, typed, problems)
    errors = [p for p in problems.items[before:] if p.severity == "error"]
    usable = usable_rows(files, typed, errors, problems) if errors else typed
    # Who sat on the board, and when, decides quorum, votes and seats: without those files read, wait.
    if usable["board"] and not files.unreadable & WHOLE_RECORD:
        from .access import Access
        from .access_checks import check_access
        from .ledger import check_ledger
        from .model import build_board

        board = build_board(CheckedBoard(files, usable, problems))
        check_access(board, Access(board), files, problems, today)
        if not errors:
            checked.board = board
            check_ledger(board, files, problems)
    return checked

