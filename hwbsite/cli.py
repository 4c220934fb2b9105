"""The `hwbsite` command: the only module that prints.

Exit codes: 0 clean (or warnings only), 1 errors in the board's files, 2 usage.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

from . import problems as render
from .problems import Problem, Problems
from .validate import check_board, find_boards

FORMATS = {"text": render.as_text, "github": render.as_github, "json": render.as_json}


class UsageError(Exception):
    """A mistake in how the command was called (exit 2)."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hwbsite", description="Publish a Health and Wellbeing Board's record.")
    parser.add_argument("--repo", type=Path, default=Path.cwd(),
                        help="the board repository (default: the current folder)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate = commands.add_parser("validate", help="check a board's files and report every problem")
    validate.add_argument("--board", help="the board's folder name under data/ (optional with one board)")
    validate.add_argument("--format", choices=sorted(FORMATS), default="text",
                          help="text for people, github for pull request annotations, json for tools")
    return parser


def _boards(repo: Path, board: str | None) -> list[str]:
    boards = find_boards(repo)
    if not boards:
        raise UsageError(f"no boards found: {repo / 'data'} has no board folders "
                         "(run hwbsite from the repository's top folder, or give --repo)")
    if board is None:
        return boards
    if board not in boards:
        raise UsageError(f"no board `{board}` in {repo / 'data'}; the boards are: {', '.join(boards)}")
    return [board]


def _validate(args) -> int:
    found: list[Problem] = []
    problems = Problems(args.repo)
    for board in _boards(args.repo, args.board):
        check_board(args.repo, board, problems)
    found = problems.sorted()
    output = FORMATS[args.format](found)
    if output:
        print(output)
    return 1 if problems.errors else 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    args.repo = args.repo.resolve()
    try:
        return {"validate": _validate}[args.command](args)
    except UsageError as error:
        print(f"hwbsite: {error}", file=sys.stderr)
        return 2
    except Exception as error:  # a bug in hwbsite, not in the officer's files
        if os.environ.get("HWBSITE_DEBUG"):
            traceback.print_exc()
        print(f"hwbsite: internal error ({type(error).__name__}: {error}). This is a fault in hwbsite, "
              "not in your files; please report it, with HWBSITE_DEBUG=1 set to see the details.",
              file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
