"""One board, read and checked: the stage every command starts with.

`check_board` reports every problem in one run and, when the record is sound enough, builds the board
once, after every check, so the board and its problems travel together as a `CheckedBoard`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from hwbsite.checks.access import check_access
from hwbsite.checks.calendar import board_today, check_calendar
from hwbsite.checks.editor import check_editor
from hwbsite.checks.ledger import check_ledger
from hwbsite.checks.pages import check_content_pages, check_page_addresses
from hwbsite.checks.publishing import HOUSEKEEPING
from hwbsite.checks.rules import check_rules
from hwbsite.checks.tables import check_tables
from hwbsite.checks.usable import usable_rows
from hwbsite.checks.worker import Typist
from hwbsite.model import Access, Board, build_board
from hwbsite.problems import WARNING, Problem, Problems
from hwbsite.record import BoardFiles, content_pages, find_boards, read_board
from hwbsite.record.parsed import keeping

__all__ = ["CheckedBoard", "check_board", "find_boards"]


@dataclass
class CheckedBoard:
    files: BoardFiles
    typed: dict[str, list[dict]]
    problems: Problems
    board: Board | None = None      # the model, built once when the files have no errors
    access: Access | None = None    # each meeting's notice, minutes, quorum and seats, computed with it

    @property
    def ok(self) -> bool:
        return not self.problems.errors

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """This board's warnings for the transparency page: the officers' housekeeping left out."""
        own = (f"data/{self.files.board_id}/", f"content/{self.files.board_id}/")
        return tuple(p for p in self.problems.sorted() if p.severity == WARNING and p.file.startswith(own)
                     and p.code not in HOUSEKEEPING)


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
    typist = Typist() if not keeping() else None     # starts Frictionless on the other core (worker.py)
    try:
        files = read_board(repo, board_id, problems)
        typed = check_tables(files.tables, problems, frozenset(files.unreadable), typist)
    finally:
        if typist is not None:
            typist.close()
    today = today or board_today(typed)
    check_rules(files, typed, problems, today)
    check_calendar(files, typed, problems, today)
    check_editor(files, problems)
    pages = content_pages(files.content_dir)
    check_content_pages(files.content_dir, pages, problems)
    checked = CheckedBoard(files, typed, problems)
    errors = [p for p in problems.items[before:] if p.severity == "error"]
    usable = usable_rows(files, typed, errors, problems) if errors else typed
    # Who sat on the board, and when, decides quorum, votes and seats: without those files read, wait.
    if usable["board"] and not files.unreadable & WHOLE_RECORD:
        board = build_board(files, usable)
        access = Access(board)
        check_access(board, access, files, problems, today)
        check_page_addresses(board, files.content_dir, pages, problems)
        if not errors:
            checked.board, checked.access = board, access
            check_ledger(board, files, problems)
    return checked

