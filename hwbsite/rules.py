"""Checks that the schemas cannot express: rules across fields, rows and files.

They run on rows already typed by the schemas; a value the schemas rejected is
None here and is not reported twice.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta
from pathlib import Path, PurePosixPath
from zoneinfo import available_timezones

from .normalise import BoardFiles, Table
from .paperchecks import DEFAULT_MAX_MB, check_paper_file
from .problems import WARNING, Problems
from .records import Source, suggest

PUBLISHABLE_ROOT = "papers"


def check_rules(files: BoardFiles, typed: dict[str, list[dict]], problems: Problems,
                today: date | None = None) -> None:
    tables = files.tables
    _timezone(tables["board"], typed["board"], problems)
    for name in ("memberships", "meetings", "strategy", "groups"):
        _end_after_start(tables[name], typed[name], problems)
    _substitutes(tables["attendance"], typed["attendance"], problems)
    _decision_ids(files, typed, problems)
    _decision_life(files, typed, problems)
    _former_numbers(files.tables["items"], typed["items"], problems)
    _papers(files, typed, problems, today or date.today())


def _rows(table: Table, typed: list[dict]):
    return zip(typed, table.sources)


def _timezone(table: Table, typed: list[dict], problems: Problems) -> None:
    for row, source in _rows(table, typed):
        zone = row.get("timezone")
        if zone and zone not in available_timezones():
            problems.at(source, "timezone", "unknown-timezone", f"`{zone}` is not a time zone",
                 suggest(zone, available_timezones()) or "boards in England use `Europe/London`")


def _end_after_start(table: Table, typed: list[dict], problems: Problems) -> None:
    for row, source in _rows(table, typed):
        start, end = row.get("start"), row.get("end")
        if start and end and end < start:
            shown = "%Y-%m-%dT%H:%M" if isinstance(start, datetime) else "%Y-%m-%d"
            problems.at(source, "end", "end-before-start",
                 f"`end` ({end:{shown}}) is before `start` ({start:{shown}})",
                 "check both dates; `end` is the last day or time, so it comes after `start`")


def _substitutes(table: Table, typed: list[dict], problems: Problems) -> None:
    for row, raw, source in zip(typed, table.rows, table.sources):
        if row.get("status") == "substitute" and not raw["for"]:
            problems.at(source, "status", "substitute-without-for",
                 f"`{row['person']}` is a substitute but the entry does not say for whom",
                 "add `for: <person id>` naming the member they stood in for")
        elif row.get("for") and row.get("status") != "substitute":
            problems.at(source, "for", "for-without-substitute",
                 f"`for` is given but `{row['person']}` is not marked as a substitute",
                 "set `status: substitute`, or remove `for`")


def _decision_ids(files: BoardFiles, typed: dict[str, list[dict]], problems: Problems) -> None:
    prefixes = [row.get("decision_prefix") for row in typed["board"]]
    prefix = prefixes[0] if prefixes else None
    starts = {row["id"]: row.get("start") for row in typed["meetings"] if row.get("id")}
    decisions = files.tables["decisions"]
    numbers: dict[int, set[int]] = {}
    for row in typed["decisions"]:
        parts = (row.get("id") or "").split("-")
        if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
            numbers.setdefault(int(parts[1]), set()).add(int(parts[2]))
    for row, source in _rows(decisions, typed["decisions"]):
        start = starts.get(row.get("meeting"))
        if not (prefix and start and row.get("id")):
            continue
        expected = f"{prefix}-{start.year}-"
        if not row["id"].startswith(expected):
            free = max(numbers.get(start.year, {0}) | {0}) + 1
            problems.at(source, "id", "bad-decision-id",
                 f"decision id `{row['id']}` does not start with `{expected}` (the board's prefix "
                 f"and the meeting's year)", f"use an id such as `{expected}{free:03d}`")


def _decision_life(files: BoardFiles, typed: dict[str, list[dict]], problems: Problems) -> None:
    """Updates come after the decision; a decision replaces only an earlier one."""
    starts = {row["id"]: row.get("start") for row in typed["meetings"] if row.get("id")}
    taken = {row["id"]: starts.get(row["meeting"]) for row in typed["decisions"] if row.get("id")}
    # When each decision was taken: the meeting's start, then its place on that meeting's agenda.
    order = {row["id"]: (starts[row["meeting"]], index) for index, row in enumerate(typed["decisions"])
             if row.get("id") and starts.get(row["meeting"])}
    for row, source in _rows(files.tables["decision_updates"], typed["decision_updates"]):
        when = taken.get(row.get("decision"))
        if when and row.get("date") and row["date"] < when.date():
            problems.at(source, "date", "update-before-decision",
                 f"this update ({row['date']:%Y-%m-%d}) is dated before the decision was taken ({when:%Y-%m-%d})",
                 "check the update's date")
    for row, source in _rows(files.tables["decisions"], typed["decisions"]):
        old, when = row.get("supersedes"), taken.get(row.get("id"))
        if old and when and old in order and row["id"] in order and order[old] >= order[row["id"]]:
            problems.at(source, "supersedes", "supersedes-later-decision",
                 f"`{old}` was not taken before `{row['id']}`, so it cannot be superseded by it",
                 "a decision can only replace an earlier one: check both ids")


def _former_numbers(table: Table, typed: list[dict], problems: Problems) -> None:
    numbers: dict[str, set[str]] = {}
    for row in typed:
        numbers.setdefault(row.get("meeting"), set()).add(row.get("number"))
    for row, source in _rows(table, typed):
        if row.get("formerly") and row["formerly"] in numbers.get(row.get("meeting"), set()):
            problems.at(source, "formerly", "formerly-clashes",
                 f"item {row['formerly']} is also on this agenda, so {row['number']} cannot keep that number's link",
                 "remove `formerly`, or correct it to the number the item really had")


def _papers(files: BoardFiles, typed: dict[str, list[dict]], problems: Problems, today: date) -> None:
    referenced: set[str] = set()
    checked_folders: set[Path] = set()
    limits = [row.get("max_paper_mb") for row in typed["board"] if row.get("max_paper_mb") is not None]
    max_mb = float(limits[0]) if limits else DEFAULT_MAX_MB
    recent = today - timedelta(days=365)
    starts = {row["id"]: row.get("start") for row in typed["meetings"] if row.get("id")}
    # The contract: an exempt item lists its papers by title only.
    exempt = {(row.get("meeting"), row.get("number")) for row in typed["items"] if row.get("exempt") is not None}
    for row, source in _rows(files.tables["papers"], typed["papers"]):
        if not row.get("file") and not row.get("url") and (row.get("meeting"), row.get("item")) not in exempt:
            problems.at(source, "title", "paper-without-file",
                 f"the paper `{row.get('title')}` gives neither `file` nor `url`",
                 "add `file: papers/<meeting id>/<file name>` or `url: https://...`")
        elif row.get("file") and row.get("url"):
            problems.at(source, "url", "paper-file-and-url", "the paper gives both `file` and `url`",
                 "keep `file` for a paper kept here, or `url` for one published elsewhere, not both")
        if row.get("file"):
            found = check_paper_path(files.content_dir, row["file"], source, "file", problems, checked_folders)
            if found:
                referenced.add(found)
                start = starts.get(row.get("meeting"))
                check_paper_file(Path(found), source, "file", problems, max_mb,
                                 check_accessibility=bool(start) and start.date() >= recent)
    for row, source in _rows(files.tables["strategy"], typed["strategy"]):
        if row.get("document"):
            found = check_paper_path(files.content_dir, row["document"], source, "document", problems,
                                     checked_folders)
            if found:
                referenced.add(found)
    papers_dir = files.content_dir / PUBLISHABLE_ROOT
    if papers_dir.is_dir() and not papers_dir.is_symlink():
        found = (os.path.join(folder, name) for folder, _, names in os.walk(os.path.abspath(papers_dir))
                 for name in names)
        # A meeting file that could not be read lists nothing yet: its folder's papers wait for it.
        waiting = {os.path.join(os.path.abspath(papers_dir), path.stem) + os.sep
                   for path in files.unparsed if path.parent.name == "meetings"}
        for path in sorted(found):
            if any(path.startswith(folder) for folder in waiting):
                continue
            if path not in referenced or os.path.islink(path):
                problems.add(path, 1, 1, "unreferenced-paper",
                             "no agenda item lists this file, so it will not be published",
                             "list it under an item's `papers:` with `file:`, or delete it",
                             severity=WARNING)


def check_paper_path(content_dir: Path, value: str, source: Source, column: str, problems: Problems,
                     checked_folders: set[Path]) -> str | None:
    """The file's absolute path if `value` names a real file under content/<board>/papers/, else None.

    `checked_folders` remembers folders already found free of links, across calls.
    """
    relative = PurePosixPath(value)
    if "\\" in value:
        problems.at(source, column, "paper-outside-papers", f"`{value}` uses backslashes",
             "write the path with forward slashes, for example papers/2025-03-12/report.pdf")
        return None
    if relative.is_absolute() or ".." in relative.parts or relative.parts[:1] != (PUBLISHABLE_ROOT,):
        problems.at(source, column, "paper-outside-papers",
             f"`{value}` is not inside the board's papers/ folder",
             "give the path from content/<board>/, beginning papers/, for example "
             "papers/2025-03-12/report.pdf")
        return None
    current = content_dir
    for part in ("",) + relative.parts:
        current = current / part if part else current
        if current in checked_folders:
            continue
        if current.is_symlink():
            problems.at(source, column, "paper-symlink",
                 f"`{value}` is reached through a link ({current.name}), not a real file",
                 "copy the file itself into the papers folder instead of linking to it")
            return None
        if current.is_dir():
            checked_folders.add(current)
    path = content_dir.joinpath(*relative.parts)
    if not path.is_file():
        siblings = [p.name for p in path.parent.iterdir()] if path.parent.is_dir() else []
        close = suggest(path.name, siblings)
        problems.at(source, column, "paper-missing", f"there is no file at content/.../{value}",
             close or f"add the file to content/<board>/{relative.parent}/ or correct the path")
        return None
    return os.path.abspath(path)
