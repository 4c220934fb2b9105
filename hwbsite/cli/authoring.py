"""The commands that write into the record for the officer: new and import."""

from __future__ import annotations

import sys
from pathlib import Path

from hwbsite.checks import check_board
from hwbsite.cli.common import UsageError, check_all, chosen_boards, one_board
from hwbsite.problems import Problems, as_text


def _ask(value, flag: str, question: str):
    """A missing value is asked for in a terminal; a script must give the flag."""
    if value:
        return value
    if sys.stdin.isatty():
        answer = input(f"{question}: ").strip()
        if answer:
            return answer
    raise UsageError(f"give {flag}")


def new(args) -> int:
    from datetime import date

    from hwbsite.tools import scaffold

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
    found = check_all(args, [one_board(args)], "Nothing was written: correct the errors above first.")
    if found is None:
        return 1
    board, files = found[0].board, found[0].files
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


def import_data(args) -> int:
    if args.source == "moderngov":
        return _import_moderngov(args)
    from hwbsite.tools.fingertips import FingertipsError, read_fingertips, write_values
    from hwbsite.record.loader import load_yaml

    board = one_board(args)
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
    except FingertipsError as error:
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

    from hwbsite.tools.moderngov_client import Client, SourceError
    from hwbsite.tools.moderngov_import import ImportStopped, run_import

    try:
        client = Client(args.base_url)
    except ValueError as error:
        raise UsageError(str(error)) from None
    if not args.committee.strip().isdigit():
        raise UsageError(f"--committee `{args.committee}` is not a ModernGov committee id: give the number "
                         "shown as CId= in the committee's web addresses")
    board = chosen_boards(args.repo, args.board)[0]
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
        print(as_text(problems.sorted()))
        print("The imported board has errors (above): correct them before publishing.")
        return 1
    print("Check the changes with: hwbsite validate, then git diff")
    return 1 if report.failed else 0


