"""The commands that check and publish: validate, build, urls and serve."""

from __future__ import annotations

import logging
import sys

from hwbsite import problems as render
from hwbsite.checks import check_board
from hwbsite.cli.common import UsageError, check_all, chosen_boards, one_board, print_per_board
from hwbsite.problems import Problems

FORMATS = {"text": render.as_text, "github": render.as_github, "gitlab": render.as_gitlab, "json": render.as_json}


def validate(args) -> int:
    from hwbsite.checks.base import check_against_base, older_warnings_note
    from hwbsite.record.gitrefs import GitError

    problems, held = Problems(args.repo), 0
    boards = chosen_boards(args.repo, args.board)
    if args.base is None:
        for board in boards:
            check_board(args.repo, board, problems)
        shown = problems.sorted()
    else:
        try:
            shown, held = check_against_base(args.repo, boards, args.base, problems)
        except GitError as error:
            raise UsageError(f"cannot compare with --base {args.base}: {error}") from None
    output = FORMATS[args.format](shown)
    if output:
        print(output)
    if args.format == "text":
        print_per_board(problems, boards)
    if held:  # told beside the list, never inside it: json and gitlab output stay a list of problems
        note = older_warnings_note(held)
        print(f"::notice title=older-warnings::{note}" if args.format == "github" else note,
              file=sys.stdout if args.format in ("text", "github") else sys.stderr)
    return 1 if problems.errors else 0


def build(args) -> int:
    from hwbsite.site.cms import editor_plan
    from hwbsite.site.plugin import build_site
    from hwbsite.site.index import board_index, not_found_page
    from hwbsite.site.sitedir import SiteDirError, Staging, check_site_dir

    boards = chosen_boards(args.repo, args.board)
    try:
        site_dir = check_site_dir(args.repo, args.site_dir or args.repo / "site", boards,
                                  with_index=args.board is None)
    except SiteDirError as error:
        raise UsageError(str(error)) from None
    checked = check_all(args, boards, "Nothing was built: correct the errors above and build again (the boards are published "
                       "together, so one board's errors hold back every board).",
                       show_warnings=True)
    if checked is None:
        return 1
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    built = [board.board for board in checked]
    staging = Staging(site_dir)
    try:
        for board in checked:
            build_site(args.repo, board, staging.folder(board.board.id))
        root = args.board is None
        staging.publish([board.id for board in built], board_index(args.repo, built) if root else None,
                        not_found_page(args.repo, built) if root else None)
    finally:
        staging.cleanup()
    for board in built:
        print(f"Built {board.info['name']} into {site_dir / board.id}; {editor_plan(args.repo, board).note}")
    if args.board is None:
        print(f"Wrote the index of boards to {site_dir / 'index.html'} and the page for missing addresses "
              f"to {site_dir / '404.html'}")
    return 0


def urls(args) -> int:
    from hwbsite.checks.ledger import content_pages, update_ledger
    from hwbsite.model.urls import site_paths

    checked = check_all(args, chosen_boards(args.repo, args.board),
                       "The ledger was not changed: correct the errors above first.")
    if checked is None:
        return 1
    for board in checked:
        model = board.board
        if args.update:
            path, added = update_ledger(model, board.files)
            print(f"Recorded {added} new address(es) in {Problems(args.repo).relative(path)}")
        else:
            print("\n".join(sorted(site_paths(model, content_pages(board.files.content_dir)))))
    return 0



def serve(args) -> int:
    from hwbsite.site.plugin import serve_site

    board = one_board(args)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    serve_site(args.repo, board, args.address)
    return 0

