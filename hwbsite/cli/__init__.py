"""The `hwbsite` command: the only package that prints.

Exit codes: 0 clean (or warnings only), 1 errors in the board's files, 2 usage.
Each command lives in `publish` (validate, build, urls, serve) or `authoring` (new, import); they import
the stages they need when they run, so `hwbsite validate` never loads MkDocs.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

from hwbsite import cache
from hwbsite.cli.common import UsageError
from hwbsite.errors import BuildError

FORMAT_NAMES = ("text", "github", "gitlab", "json")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hwbsite", description="Publish a Health and Wellbeing Board's record.")
    parser.add_argument("--repo", type=Path, default=Path.cwd(),
                        help="the board repository (default: the current folder)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate = commands.add_parser("validate", help="check a board's files and report every problem")
    validate.add_argument("--board", help="the board's folder name under data/ (optional with one board)")
    validate.add_argument("--format", choices=sorted(FORMAT_NAMES), default="text",
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




def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    args.repo = args.repo.resolve()
    try:
        if why := cache.misplaced(args.repo):
            raise UsageError(why)
        if args.command in ("new", "import"):
            from hwbsite.cli import authoring
            command = {"new": authoring.new, "import": authoring.import_data}[args.command]
        else:
            from hwbsite.cli import publish
            command = {"validate": publish.validate, "build": publish.build, "serve": publish.serve,
                       "urls": publish.urls}[args.command]
        return command(args)
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


