"""Checks that the schemas cannot express: rules across fields, rows and files.

They run on rows already typed by the schemas; a value the schemas rejected is
None here and is not reported twice.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import cache
from zoneinfo import available_timezones

from hwbsite.record.tables import BoardFiles, Table
from hwbsite.checks.papers import DEFAULT_MAX_MB
from hwbsite.problems import WARNING, Problems
from hwbsite.checks.publishing import check_papers
from hwbsite.record.fields import suggest
from hwbsite.checks.text import check_free_text


def check_rules(files: BoardFiles, typed: dict[str, list[dict]], problems: Problems,
                today: date | None = None) -> None:
    tables = files.tables
    _timezone(tables["board"], typed["board"], problems)
    _site_url(tables["board"], typed["board"], problems)
    for name in ("memberships", "meetings", "strategy", "groups"):
        _end_after_start(tables[name], typed[name], problems)
    _substitutes(tables["attendance"], typed["attendance"], problems)
    _decision_ids(files, typed, problems)
    _decision_life(files, typed, problems)
    _former_numbers(files.tables["items"], typed["items"], problems)
    _papers(files, typed, problems, today or date.today())
    check_free_text(files, problems)


def _rows(table: Table, typed: list[dict]):
    return zip(typed, table.sources)


@cache
def _zones() -> frozenset[str]:
    """The system's time zones: read from its time zone database once (30 ms), not at every check."""
    return frozenset(available_timezones())


def _timezone(table: Table, typed: list[dict], problems: Problems) -> None:
    for row, source in _rows(table, typed):
        zone = row.get("timezone")
        if zone and zone not in _zones():
            problems.at(source, "timezone", "unknown-timezone", f"`{zone}` is not a time zone",
                 suggest(zone, _zones()) or "boards in England use `Europe/London`")


def _site_url(table: Table, typed: list[dict], problems: Problems) -> None:
    for row, raw, source in zip(typed, table.rows, table.sources):
        if not raw.get("site_url"):
            problems.at(source, "", "no-site-url", "the board does not say at which address its site is published",
                        "add `site_url: https://...` to board.yml: without it pages have no canonical link, "
                        "citations of decisions carry no full address, and feeds and calendars cannot link "
                        "to the site", severity=WARNING)


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
    limits = [row.get("max_paper_mb") for row in typed["board"] if row.get("max_paper_mb") is not None]
    max_mb = float(limits[0]) if limits else DEFAULT_MAX_MB
    # PDF accessibility matters while a paper can still be replaced: the last twelve months and the future.
    recent = today - timedelta(days=365)
    meetings = {row["id"] for row in typed["meetings"] if row.get("id") and row.get("start")
                and row["start"].date() >= recent}
    check_papers(files, typed, problems, max_mb, meetings)
