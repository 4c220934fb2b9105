"""Checks of dates against today and the board's calendar: what an officer can get wrong in time.

A meeting marked held before its day, a publication dated in the future, a forward-plan entry
for a day with no meeting, a correction dated before its decision: each is reported at the line
that fixes it. "Today" is the day in the board's time zone, not the computer's.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from hwbsite import words
from hwbsite.record.tables import BoardFiles
from hwbsite.problems import WARNING, Problems


def board_today(typed: dict[str, list[dict]]) -> date:
    """Today where the board meets: a pipeline running in UTC at 00:30 in summer is already tomorrow."""
    zone = next((row.get("timezone") for row in typed["board"]), None)
    try:
        return datetime.now(ZoneInfo(zone)).date()
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        return date.today()


def check_calendar(files: BoardFiles, typed: dict[str, list[dict]], problems: Problems, today: date) -> None:
    _meetings(files, typed, problems, today)
    _forward_plan(files, typed, problems)
    _corrections(files, typed, problems)


def _meetings(files: BoardFiles, typed: dict[str, list[dict]], problems: Problems, today: date) -> None:
    for row, source in zip(typed["meetings"], files.tables["meetings"].sources):
        start = row.get("start")
        if not start:
            continue
        day = start.date()
        # `cancelled` ahead of the day is how residents learn not to come, so only `held` is refused.
        if row.get("status") == "held" and day > today:
            problems.at(source, "status", "status-before-meeting",
                        f"the meeting is marked held but it is on {words.short_date(day)}, after today",
                        "use `status: scheduled` until the day of the meeting")
        for column, what in (("agenda_published", "agenda"), ("minutes_published", "minutes")):
            published = row.get(column)
            if published and published > today:
                problems.at(source, column, "published-in-future",
                            f"the {what} is recorded as published on {words.short_date(published)}, after today",
                            f"give `{column}:` the day the {what} was published, once it has been; "
                            "leave it blank until then", severity=WARNING)


def _forward_plan(files: BoardFiles, typed: dict[str, list[dict]], problems: Problems) -> None:
    """A planned date must be a meeting's date, unless it is past the last meeting in the calendar:
    boards plan items for next year before they fix next year's dates."""
    days = sorted({row["start"].date() for row in typed["meetings"] if row.get("start")})
    if not days:
        return
    for row, source in zip(typed["forward_plan"], files.tables["forward_plan"].sources):
        planned = row.get("meeting")
        if not planned or planned in days or planned > days[-1]:
            continue
        nearest = min(days, key=lambda day: (abs((day - planned).days), day < planned))
        problems.at(source, "meeting", "forward-plan-no-meeting",
                    f"no meeting is on {words.short_date(planned)}, the date this entry is planned for",
                    f"did you mean `{nearest.isoformat()}`, the nearest meeting? The date must be a meeting's "
                    "date; if the meeting is new, add its file to meetings/ first")


def _corrections(files: BoardFiles, typed: dict[str, list[dict]], problems: Problems) -> None:
    starts = {row["id"]: row.get("start") for row in typed["meetings"] if row.get("id")}
    taken = {row["id"]: starts.get(row.get("meeting")) for row in typed["decisions"] if row.get("id")}
    for row, source in zip(typed["decision_corrections"], files.tables["decision_corrections"].sources):
        when = taken.get(row.get("decision"))
        if when and row.get("date") and row["date"] < when.date():
            problems.at(source, "date", "correction-before-decision",
                        f"this correction ({row['date']:%Y-%m-%d}) is dated before the decision was taken "
                        f"({when:%Y-%m-%d})", "give the day the published text was corrected")
