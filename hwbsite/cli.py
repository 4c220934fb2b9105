"""The `hwbsite` command: the only module that prints.

Exit codes: 0 clean (or warnings only), 1 errors in the board's files, 2 usage.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from pathlib import Path

from . import problems as render
from .problems import Problems
from .sites import BuildError
from .validate import check_board, find_boards

FORMATS = {"text": render.as_text, "github": render.as_github, "gitlab": render.as_gitlab, "json": render.as_json}


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
                          help="text for people, github for pull request annotations, "
                               "gitlab for a Code Quality report, json for tools")
    validate.add_argument("--base", metavar="REF",
                          help="also compare with the site the git revision REF publishes (a pull request's "
                               "target branch): its addresses must survive, and only warnings in changed files "
                               "are listed")
    build = commands.add_parser("build", help="check, then build each board's site into DIR/<board>/")
    build.add_argument("--board", help="build only this board")
    build.add_argument("--site-dir", type=Path, default=None, help="where to write the sites (default: site/)")
    urls = commands.add_parser("urls", help="list the addresses a board's site publishes; --update records them")
    urls.add_argument("--board", help="the board (optional with one board)")
    urls.add_argument("--update", action="store_true",
                      help="add the current addresses to data/<board>/published-urls.txt (never removes one)")
    new = commands.add_parser("new", help="start a correct file: a meeting, a person, a decision or a paper")
    kinds = new.add_subparsers(dest="kind", required=True, metavar="KIND")
    board = kinds.add_parser("board", help="a new board's required files")
    board.add_argument("--id", dest="board_id", help="the board's permanent id, used in its address")
    board.add_argument("--name", dest="board_name", help="the board's full name")
    board.add_argument("--council-id", help="an id for the council, such as exampleshire-council")
    board.add_argument("--council-name", help="the council's name")
    meeting = kinds.add_parser("meeting", help="a meeting file with the standard opening items")
    meeting.add_argument("--date", help="the meeting's date, YYYY-MM-DD")
    meeting.add_argument("--time", default="14:00", help="when it starts, HH:MM (default 14:00)")
    meeting.add_argument("--kind", dest="kind_of_meeting", default="ordinary",
                         choices=["ordinary", "extraordinary", "development-session"])
    person = kinds.add_parser("person", help="a person added to people.yml")
    person.add_argument("--id", help="a permanent id such as cllr-jane-smith")
    person.add_argument("--name", help="the name as it should be shown")
    person.add_argument("--organisation", help="their organisation's id")
    person.add_argument("--job-title", help="their role or job title")
    decision = kinds.add_parser("decision", help="a decision, with the next free id, under an agenda item")
    decision.add_argument("--meeting", help="the meeting id")
    decision.add_argument("--item", help="the agenda item's number")
    decision.add_argument("--text", help="the decision as resolved")
    decision.add_argument("--outcome", choices=["agreed", "noted", "deferred", "rejected", "recommended"])
    decision.add_argument("--for", dest="votes_for", type=int, help="votes for, when a vote was counted")
    decision.add_argument("--against", dest="votes_against", type=int, help="votes against")
    decision.add_argument("--abstain", dest="votes_abstain", type=int, help="abstentions")
    decision.add_argument("--casting-vote", action="store_true", help="the chair's casting vote decided it")
    paper = kinds.add_parser("paper", help="a paper copied into the meeting's folder and listed under its item")
    paper.add_argument("file", type=Path, nargs="?", help="the paper to add")
    paper.add_argument("--meeting", help="the meeting id")
    paper.add_argument("--item", help="the agenda item's number")
    paper.add_argument("--title", help="the paper's title as it should be shown")
    for kind in (meeting, person, decision, paper):
        kind.add_argument("--board", help="the board (optional with one board)")
    importer = commands.add_parser("import", help="bring in data from another system")
    sources = importer.add_subparsers(dest="source", required=True, metavar="SOURCE")
    fingertips = sources.add_parser("fingertips", help="an indicator's values from an OHID Fingertips CSV export")
    fingertips.add_argument("file", type=Path, help="the CSV exported from Fingertips")
    fingertips.add_argument("--board", help="the board (optional with one board)")
    fingertips.add_argument("--indicator", required=True, help="the indicator's id in indicators.yml")
    fingertips.add_argument("--area", required=True, help="the area code, such as E10000099")
    fingertips.add_argument("--fingertips-id", help="Fingertips' indicator number, when the file holds several")
    fingertips.add_argument("--sex", help="the sex to keep (default: the only one given, or Persons)")
    fingertips.add_argument("--age", help="the age group to keep, when the area has several")
    moderngov = sources.add_parser("moderngov", help="a committee's meetings, minutes and papers from ModernGov")
    moderngov.add_argument("base_url", metavar="BASE_URL",
                           help="the web service's address, ending in mgWebService.asmx")
    moderngov.add_argument("--committee", required=True, help="the committee's ModernGov id (CId in its addresses)")
    moderngov.add_argument("--board", required=True, help="the board to import into (create it with hwbsite new board)")
    moderngov.add_argument("--from", dest="from_date", help="the first meeting date to import, YYYY-MM-DD")
    moderngov.add_argument("--to", dest="to_date", help="the last meeting date to import, YYYY-MM-DD")
    serve = commands.add_parser("serve", help="preview one board's site, rebuilding as files change")
    serve.add_argument("--board", help="the board to preview (optional with one board)")
    serve.add_argument("--address", default="127.0.0.1:8000", help="host:port to serve on")
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


def _one_board(args) -> str:
    boards = _boards(args.repo, args.board)
    if len(boards) != 1:
        raise UsageError(f"choose a board with --board: {', '.join(boards)}")
    return boards[0]


def _checked(args, boards: list[str], refusal: str, show_warnings: bool = False):
    """The boards checked, or None after printing their errors and `refusal` (nothing was done)."""
    problems = Problems(args.repo)
    checked = [check_board(args.repo, board, problems) for board in boards]
    if problems.errors or (show_warnings and problems.items):
        print(render.as_text(problems.sorted()))
        _print_per_board(problems, boards)
    if problems.errors:
        print(refusal)
        return None
    return checked


def _print_per_board(problems: Problems, boards: list[str]) -> None:
    """With several boards, which board each count belongs to, so one board's mistakes are not another's."""
    if len(boards) < 2:
        return
    for board in boards:
        own = [p for p in problems.items if p.file.split("/")[:2] in (["data", board], ["content", board])]
        errors = sum(p.severity == "error" for p in own)
        print(f"  {board}: {errors} error(s), {len(own) - errors} warning(s)")


def _validate(args) -> int:
    from .basecheck import check_against_base, older_warnings_note
    from .gitrefs import GitError

    problems, held = Problems(args.repo), 0
    boards = _boards(args.repo, args.board)
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
        _print_per_board(problems, boards)
    if held:  # told beside the list, never inside it: json and gitlab output stay a list of problems
        note = older_warnings_note(held)
        print(f"::notice title=older-warnings::{note}" if args.format == "github" else note,
              file=sys.stdout if args.format in ("text", "github") else sys.stderr)
    return 1 if problems.errors else 0


def _build(args) -> int:
    from .model import build_board
    from .cms_site import editor_plan
    from .plugin import build_site
    from .sites import board_index, not_found_page
    from .sitedir import SiteDirError, Staging, check_site_dir

    boards = _boards(args.repo, args.board)
    try:
        site_dir = check_site_dir(args.repo, args.site_dir or args.repo / "site", boards,
                                  with_index=args.board is None)
    except SiteDirError as error:
        raise UsageError(str(error)) from None
    checked = _checked(args, boards, "Nothing was built: correct the errors above and build again (the boards are published "
                       "together, so one board's errors hold back every board).",
                       show_warnings=True)
    if checked is None:
        return 1
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    built = [build_board(board) for board in checked]
    staging = Staging(site_dir)
    try:
        for board in built:
            build_site(args.repo, board, staging.folder(board.id))
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


def _urls(args) -> int:
    from .ledger import content_pages, update_ledger
    from .model import build_board
    from .urls import site_paths

    checked = _checked(args, _boards(args.repo, args.board),
                       "The ledger was not changed: correct the errors above first.")
    if checked is None:
        return 1
    for board in checked:
        model = build_board(board)
        if args.update:
            path, added = update_ledger(model, board.files)
            print(f"Recorded {added} new address(es) in {Problems(args.repo).relative(path)}")
        else:
            print("\n".join(sorted(site_paths(model, content_pages(board.files.content_dir)))))
    return 0


def _ask(value, flag: str, question: str):
    """A missing value is asked for in a terminal; a script must give the flag."""
    if value:
        return value
    if sys.stdin.isatty():
        answer = input(f"{question}: ").strip()
        if answer:
            return answer
    raise UsageError(f"give {flag}")


def _new(args) -> int:
    from datetime import date

    from . import scaffold
    from .model import build_board

    if args.kind == "board":
        try:
            written = scaffold.new_board(
                args.repo, _ask(args.board_id, "--id", "Board id (such as exampleshire)"),
                _ask(args.board_name, "--name", "Board's full name"),
                _ask(args.council_id, "--council-id", "Council id (such as exampleshire-council)"),
                _ask(args.council_name, "--council-name", "Council's name"))
        except scaffold.ScaffoldError as error:
            raise UsageError(str(error)) from None
        print(f"Wrote {Problems(args.repo).relative(written)}/: add people and memberships, then hwbsite validate")
        return 0
    found = _checked(args, [_one_board(args)], "Nothing was written: correct the errors above first.")
    if found is None:
        return 1
    board, files = build_board(found[0]), found[0].files
    problems = Problems(args.repo)
    try:
        if args.kind == "meeting":
            day = date.fromisoformat(_ask(args.date, "--date", "Date of the meeting (YYYY-MM-DD)"))
            written = scaffold.new_meeting(board, files.data_dir, day, args.time, args.kind_of_meeting)
            print(f"Wrote {problems.relative(written)}")
        elif args.kind == "person":
            person_id = _ask(args.id, "--id", "Permanent id (such as cllr-jane-smith)")
            name = _ask(args.name, "--name", "Name as it should be shown")
            written = scaffold.new_person(files.data_dir, person_id, name, args.organisation, args.job_title,
                                          set(board.people))
            print(f"Added {person_id} to {problems.relative(written)}")
        elif args.kind == "decision":
            meeting_id = _ask(args.meeting, "--meeting", "Meeting id")
            item = _ask(args.item, "--item", "Agenda item number")
            text = _ask(args.text, "--text", "The decision as resolved")
            outcome = _ask(args.outcome, "--outcome", "Outcome (agreed, noted, deferred, rejected, recommended)")
            counts = (args.votes_for, args.votes_against, args.votes_abstain)
            if any(c is not None for c in counts) and None in counts:
                raise UsageError("give all three of --for, --against and --abstain (0 where none)")
            decision_id = scaffold.new_decision(board, files.data_dir, meeting_id, item, text, outcome,
                                                None if counts[0] is None else counts, args.casting_vote)
            print(f"Added decision {decision_id} under item {item} of meetings/{meeting_id}.yml")
        else:
            source = Path(_ask(str(args.file) if args.file else None, "the paper's file", "Paper to add"))
            meeting_id = _ask(args.meeting, "--meeting", "Meeting id")
            item = _ask(args.item, "--item", "Agenda item number")
            title = _ask(args.title, "--title", "Title of the paper")
            relative = scaffold.new_paper(board, files.data_dir, files.content_dir, source, meeting_id, item, title)
            print(f"Copied the paper to content/{board.id}/{relative} and listed it under item {item}")
    except (scaffold.ScaffoldError, ValueError) as error:
        raise UsageError(str(error)) from None
    print("Check the change with: hwbsite validate")
    return 0


def _import(args) -> int:
    if args.source == "moderngov":
        return _import_moderngov(args)
    from .fingertips import ImportError_, read_fingertips, write_values
    from .loader import load_yaml

    board = _one_board(args)
    data_dir = args.repo / "data" / board
    problems = Problems(args.repo)
    listed = load_yaml(data_dir / "indicators.yml", problems) if (data_dir / "indicators.yml").is_file() else None
    known = [entry.get("id") for entry in listed or [] if hasattr(entry, "get")]
    if args.indicator not in known:
        raise UsageError(f"there is no indicator `{args.indicator}` in data/{board}/indicators.yml; "
                         "add it there first")
    if not args.file.is_file():
        raise UsageError(f"no such file: {args.file}")
    try:
        imported = read_fingertips(args.file, args.area, args.fingertips_id, args.sex, args.age)
    except ImportError_ as error:
        raise UsageError(str(error)) from None
    target = data_dir / "indicators" / f"{args.indicator}.csv"
    write_values(target, imported)
    print(f"Wrote {len(imported.rows)} period(s) to {problems.relative(target)}")
    for reason, count in sorted(imported.skipped.items()):
        if count:
            print(f"  skipped {count} row(s): {reason}")
    if imported.missing_values:
        print(f"  no value published for: {', '.join(imported.missing_values)} (kept, left blank)")
    return 0


def _day(value: str | None, flag: str, default):
    from datetime import date

    if value is None:
        return default
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{flag} `{value}` is not a date: write it as YYYY-MM-DD, for example 2024-05-01") from None


def _import_moderngov(args) -> int:
    from datetime import date, timedelta

    from .tools.moderngov_client import Client, SourceError
    from .tools.moderngov_import import ImportStopped, run_import

    try:
        client = Client(args.base_url)
    except ValueError as error:
        raise UsageError(str(error)) from None
    if not args.committee.strip().isdigit():
        raise UsageError(f"--committee `{args.committee}` is not a ModernGov committee id: give the number "
                         "shown as CId= in the committee's web addresses")
    board = _boards(args.repo, args.board)[0]
    today = date.today()
    start = _day(args.from_date, "--from", date(1990, 1, 1))
    end = _day(args.to_date, "--to", today + timedelta(days=366))
    if end < start:
        raise UsageError(f"--to {end} is before --from {start}")

    def progress(done: int, total: int, label: str) -> None:
        print(f"[{done}/{total}] {label}", file=sys.stderr, flush=True)

    print(f"Importing committee {args.committee} from {client.base_url} (a slow council site can take a minute "
          "to answer each request)", file=sys.stderr)
    try:
        report = run_import(args.repo, board, client, args.committee.strip(), start, end, today, progress)
    except ImportStopped as error:
        print(f"hwbsite: nothing was imported: {error}", file=sys.stderr)
        return 1
    except SourceError as error:
        print(f"hwbsite: nothing was imported: {error}", file=sys.stderr)
        return 1
    problems = Problems(args.repo)
    print(f"Imported {report.meetings} meeting(s) into data/{board}/meetings/ ({len(report.written)} file(s) "
          f"checked or written); {report.notes} thing(s) to check are listed in {problems.relative(report.review)}")
    for failure in report.failed:
        print(f"  not imported: {failure}")
    check_board(args.repo, board, problems)
    if problems.errors:
        print(render.as_text(problems.sorted()))
        print("The imported board has errors (above): correct them before publishing.")
        return 1
    print("Check the changes with: hwbsite validate, then git diff")
    return 1 if report.failed else 0


def _serve(args) -> int:
    from .plugin import serve_site

    board = _one_board(args)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    serve_site(args.repo, board, args.address)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    args.repo = args.repo.resolve()
    try:
        commands = {"validate": _validate, "build": _build, "serve": _serve, "urls": _urls, "import": _import,
                    "new": _new}
        return commands[args.command](args)
    except BuildError as error:
        print(f"hwbsite: the site could not be built: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # output piped into a command that stopped reading, such as `head`
        sys.stdout = open(os.devnull, "w")
        return 0
    except UsageError as error:
        print(f"hwbsite: {error}", file=sys.stderr)
        return 2
    except OSError as error:  # the disk, the folders or their permissions, not hwbsite
        where = error.filename or "a file"
        print(f"hwbsite: could not read or write {where} ({error.strerror or error}); check that the folder "
              "exists, that you may write to it and that the disk has space, then run the command again",
              file=sys.stderr)
        return 1
    except Exception as error:  # a bug in hwbsite, not in the officer's files
        if os.environ.get("HWBSITE_DEBUG"):
            traceback.print_exc()
        print(f"hwbsite: internal error ({type(error).__name__}: {error}). This is a fault in hwbsite, "
              "not in your files; please report it, with HWBSITE_DEBUG=1 set to see the details.",
              file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
