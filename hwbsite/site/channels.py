"""How people follow a board outside its pages: a calendar of meetings and Atom feeds.

Every date and identifier comes from the record, never the build clock, so
the same record always gives the same bytes.
"""

from __future__ import annotations

from datetime import date, datetime, time, timezone
from functools import cache
from zoneinfo import ZoneInfo

from feedgen.feed import FeedGenerator
from icalendar import Calendar, Event, Timezone

from hwbsite.model import Board, Meeting
from hwbsite.site.linked_data import decision_records
from hwbsite.site.opendata import package_files
from hwbsite.site.pages.common import meeting_title
from hwbsite.model.urls import (CALENDAR, DECISIONS_FEED, PAPERS_FEED, absolute, decision_url, meeting_calendar_url,
                                 meeting_id_of, meeting_url)

ICS_STATUS = {"scheduled": "CONFIRMED", "held": "CONFIRMED", "cancelled": "CANCELLED", "postponed": "TENTATIVE"}


def earlier_ids(board: Board, meeting_id: str) -> list[str]:
    """The ids a meeting had before it moved, oldest first, from the board's redirects."""
    chain, current = [], meeting_url(meeting_id)
    previous = {new: old for old, new in board.redirects if meeting_id_of(old)}
    while current in previous and len(chain) < 50:
        current = previous[current]
        chain.insert(0, meeting_id_of(current))
    return chain


def _event(board: Board, meeting: Meeting) -> Event:
    zone = ZoneInfo(board.info["timezone"])
    moves = earlier_ids(board, meeting.id)
    event = Event()
    event.add("uid", f"{(moves or [meeting.id])[0]}@{board.id}.hwbsite")
    event.add("sequence", len(moves))
    event.add("dtstamp", _at(meeting.last_changed))
    event.add("dtstart", meeting.start.replace(tzinfo=zone))
    if meeting.end:
        event.add("dtend", meeting.end.replace(tzinfo=zone))
    event.add("summary", f"{board.info.get('short_name') or board.info['name']}: {meeting_title(meeting)}")
    event.add("status", ICS_STATUS[meeting.status])
    if meeting.venue:
        event.add("location", meeting.venue)
    url = absolute(board, meeting_url(meeting.id))
    if url:
        event.add("url", url)
    lines = []
    if meeting.status == "cancelled":
        lines.append("This meeting is cancelled.")
    if meeting.agenda_published and meeting.items:
        lines.append("Agenda:")
        lines += [f"{item.number}. {item.title}" for item in meeting.items]
    if url:
        lines.append(f"Papers and minutes: {url}")
    if lines:
        event.add("description", "\n".join(lines))
    return event


def _calendar(board: Board, meetings: list[Meeting]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//hwbsite//Health and Wellbeing Board meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", board.info["name"])
    calendar.add("x-wr-timezone", board.info["timezone"])
    for meeting in meetings:
        calendar.add_component(_event(board, meeting))
    missing = calendar.get_missing_tzids()
    if len(missing) != 1 or not meetings:
        calendar.add_missing_timezones()
        return calendar.to_ical()
    # What add_missing_timezones() would insert before the first event, made once per build: the same
    # zone's VTIMEZONE is the same bytes in every calendar, and making it was most of a calendar's cost.
    head, event, rest = calendar.to_ical().partition(b"BEGIN:VEVENT\r\n")
    return head + _timezone(missing.pop()) + event + rest


@cache
def _timezone(tzid: str) -> bytes:
    try:
        return Timezone.from_tzid(tzid).to_ical()
    except ValueError:      # a zone icalendar does not know is left out, as add_missing_timezones does
        return b""


def calendars(board: Board) -> dict[str, bytes]:
    """The board's whole calendar, and one calendar per meeting for "add to calendar"."""
    files = {CALENDAR: _calendar(board, list(board.meetings))}
    files.update({meeting_calendar_url(m.id): _calendar(board, [m]) for m in board.meetings})
    return files


def _feed(board: Board, path: str, title: str, entries: list[dict]) -> bytes:
    feed = FeedGenerator()
    home = absolute(board, "") or "/"
    feed.id(absolute(board, path) or f"tag:hwbsite,2024:{board.id}:{path}")
    feed.title(f"{board.info['name']}: {title}")
    feed.author({"name": board.info["name"]})
    feed.link(href=home, rel="alternate")
    feed.language("en-GB")
    if absolute(board, path):
        feed.link(href=absolute(board, path), rel="self")
    newest = max((e["updated"] for e in entries), default=datetime(2000, 1, 1, tzinfo=timezone.utc))
    feed.updated(newest)
    for entry in sorted(entries, key=lambda e: (e["updated"], e["id"])):
        item = feed.add_entry(order="append")
        item.id(entry["id"])
        item.title(entry["title"])
        item.updated(entry["updated"])
        item.link(href=entry["link"])
        item.summary(entry["summary"])
    return feed.atom_str(pretty=True)


def _at(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=timezone.utc)


def feeds(board: Board) -> dict[str, bytes]:
    decisions = []
    for decision in board.decisions.values():
        changed = board.last_changed(decision)
        link = absolute(board, decision_url(decision.id)) or decision_url(decision.id)
        decisions.append({"id": f"tag:hwbsite,2024:{board.id}:decision:{decision.id}",
                          "title": f"{decision.reference}: {board.item(decision).title}",
                          "updated": _at(changed), "link": link, "summary": decision.text})
    papers = []
    for meeting in board.meetings:
        link = absolute(board, meeting_url(meeting.id)) or meeting_url(meeting.id)
        if meeting.agenda_published:
            count = sum(1 for item in meeting.items for p in item.papers if p.public)
            papers.append({"id": f"tag:hwbsite,2024:{board.id}:agenda:{meeting.id}",
                           "title": f"Agenda and papers: {meeting_title(meeting)}",
                           "updated": _at(meeting.agenda_published), "link": link,
                           "summary": f"The agenda and {count} public paper(s) are published."})
        if meeting.minutes_published:
            draft = "Draft minutes" if meeting.minutes_status == "draft" else "Minutes"
            papers.append({"id": f"tag:hwbsite,2024:{board.id}:minutes:{meeting.id}",
                           "title": f"{draft}: {meeting_title(meeting)}",
                           "updated": _at(meeting.minutes_published), "link": link,
                           "summary": f"{draft} of the meeting are published."})
    return {DECISIONS_FEED: _feed(board, DECISIONS_FEED, "decisions", decisions),
            PAPERS_FEED: _feed(board, PAPERS_FEED, "papers and minutes", papers)}


def data_files(board: Board, typed: dict[str, list[dict]],
               old_addresses: list[tuple[str, str]] = ()) -> dict[str, str | bytes]:
    """{path under the site: content} for every file of the record that is not a page: the open data
    package, each decision's data, the calendars and the feeds; and, given the redirects' (old, new)
    file addresses, the same content at each old address of one of them."""
    made = {**decision_records(board), **package_files(board, typed), **calendars(board), **feeds(board)}
    return made | {old: made[new] for old, new in old_addresses if new in made}
