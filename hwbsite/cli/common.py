"""What every command shares: usage errors, choosing boards, and checking them before anything is done."""

from __future__ import annotations

from pathlib import Path

from hwbsite.checks import check_board, find_boards
from hwbsite.problems import Problems, as_text


class UsageError(Exception):
    """A mistake in how the command was called (exit 2)."""


def chosen_boards(repo: Path, board: str | None) -> list[str]:
    boards = find_boards(repo)
    if not boards:
        raise UsageError(f"no boards found: {repo / 'data'} has no board folders "
                         "(run hwbsite from the repository's top folder, or give --repo)")
    if board is None:
        return boards
    if board not in boards:
        raise UsageError(f"no board `{board}` in {repo / 'data'}; the boards are: {', '.join(boards)}")
    return [board]


def one_board(args) -> str:
    boards = chosen_boards(args.repo, args.board)
    if len(boards) != 1:
        raise UsageError(f"choose a board with --board: {', '.join(boards)}")
    return boards[0]


def check_all(args, boards: list[str], refusal: str, show_warnings: bool = False):
    """The boards checked, or None after printing their errors and `refusal` (nothing was done)."""
    problems = Problems(args.repo)
    checked = [check_board(args.repo, board, problems) for board in boards]
    if problems.errors or (show_warnings and problems.items):
        print(as_text(problems.sorted()))
        print_per_board(problems, boards)
    if problems.errors:
        print(refusal)
        return None
    return checked


def print_per_board(problems: Problems, boards: list[str]) -> None:
    """With several boards, which board each count belongs to, so one board's mistakes are not another's."""
    if len(boards) < 2:
        return
    for board in boards:
        own = [p for p in problems.items if p.file.split("/")[:2] in (["data", board], ["content", board])]
        errors = sum(p.severity == "error" for p in own)
        print(f"  {board}: {errors} error(s), {len(own) - errors} warning(s)")


