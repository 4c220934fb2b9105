"""The board's own record of how it honours the public's rights, for /transparency/.

Attendance is counted at formal meetings (ordinary and extraordinary) held
while the person was a member. A substitute who attends for a member is
counted separately: it is not the member's own attendance.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from hwbsite import words
from hwbsite.model import Access, Board, Meeting, MeetingRecord, Person
from hwbsite.model.urls import item_url, meeting_url, person_url
from hwbsite.problems import Problem
from hwbsite.site.pages.common import Page, View

FORMAL = ("ordinary", "extraordinary")
STALE_YEARS = 3


@dataclass
class AttendanceCount:
    expected: int = 0
    present: int = 0
    apologies: int = 0
    absent: int = 0
    not_recorded: int = 0
    substituted: int = 0          # meetings where a substitute attended in their place

    def add(self, other: "AttendanceCount") -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def view(self) -> dict:
        rate = f"{round(100 * self.present / self.expected)}%" if self.expected else "none expected"
        return {**self.__dict__, "rate": rate}


@dataclass
class PersonAttendance:
    person: Person
    recent: AttendanceCount = field(default_factory=AttendanceCount)
    all_time: AttendanceCount = field(default_factory=AttendanceCount)


def attendance(board: Board, today: date) -> list[PersonAttendance]:
    """Each member's attendance at the formal meetings held while they were a member."""
    since = today - timedelta(days=365)
    rows = []
    for person in board.people.values():
        memberships = board.memberships_of(person.id)
        if not memberships:
            continue
        row = PersonAttendance(person)
        for meeting in board.meetings:
            day = meeting.start.date()
            if meeting.status != "held" or meeting.kind not in FORMAL or day > today:
                continue
            if not any(m.current_on(day) for m in memberships):
                continue
            counts = [row.all_time] + ([row.recent] if day >= since else [])
            status = next((a.status for a in meeting.attendance if a.person.id == person.id), None)
            substituted = any(a.substitute_for and a.substitute_for.id == person.id for a in meeting.attendance)
            for count in counts:
                count.expected += 1
                count.substituted += substituted
                if status in ("present", "apologies", "absent"):
                    setattr(count, status, getattr(count, status) + 1)
                else:
                    count.not_recorded += 1
        rows.append(row)
    return rows


def pages(view: View) -> list[Page]:
    return [Page("transparency/", "transparency.html", "Transparency",
                 "Whether the board publishes its papers on time, is quorate and keeps its seats filled, "
                 "and who attends.", transparency_context(view.board, view.access, view.warnings, view.today))]


def transparency_context(board: Board, access: Access, warnings: tuple[Problem, ...], today: date) -> dict:
    members = attendance(board, today)
    organisations: dict[str, PersonAttendance] = {}
    for row in members:
        organisation = row.person.organisation
        key = organisation.name if organisation else "No organisation given"
        total = organisations.setdefault(key, PersonAttendance(row.person))
        total.recent.add(row.recent)
        total.all_time.add(row.all_time)
    declarations = defaultdict(list)
    for meeting in board.meetings:
        for d in meeting.declarations:
            declarations[d.person.id].append({
                "date": words.short_date(meeting.start.date()), "url": item_url(meeting.id, d.item_number),
                "item": d.item_number, "interest": d.interest, "kind": words.INTEREST_KINDS[d.kind],
                "action": d.action})
    held = [r for r in access.records.values() if r.meeting.status == "held" and r.meeting.kind in FORMAL]
    noticed = [r for r in held if r.notice_days is not None]
    minuted = [r for r in held if r.minutes_lag is not None]
    # A warning names the meeting's file, which keeps its name when the officer changes the meeting's id.
    meeting_files = {f"data/{board.id}/meetings/{m.source.name}": m for m in board.meetings if m.source}
    return {
        "board": board.info,
        "summary": {
            "held": len(held),
            "on_time": sum(1 for r in noticed if not r.notice_late), "noticed": len(noticed),
            "minutes_on_time": sum(1 for r in minuted if not r.minutes_late), "minuted": len(minuted),
            "required": access.notice_required, "minutes_limit": access.minutes_limit,
        },
        "meetings": [_meeting_row(r) for r in reversed(list(access.records.values()))
                     if r.meeting.status in ("held", "cancelled") or r.notice_days is not None],
        "members": [{"name": r.person.name, "url": person_url(r.person.id),
                     "recent": r.recent.view(), "all_time": r.all_time.view()}
                    for r in sorted(members, key=lambda r: r.person.name)],
        "organisations": [{"name": name, "recent": r.recent.view(), "all_time": r.all_time.view()}
                          for name, r in sorted(organisations.items())],
        "declarations": [{"name": board.people[pid].name, "url": person_url(pid), "entries": entries}
                         for pid, entries in sorted(declarations.items(), key=lambda e: board.people[e[0]].name)],
        "warnings": [{"message": p.message, "meeting": _meeting_link(meeting_files.get(p.file))}
                     for p in warnings],
        "jsna": jsna_chapters(board, today),
    }


def jsna_chapters(board: Board, today: date) -> list[dict]:
    """The JSNA's chapters, those last updated over three years ago (or never dated) marked stale."""
    limit = today.replace(year=today.year - STALE_YEARS) if not (today.month == 2 and today.day == 29) \
        else today.replace(year=today.year - STALE_YEARS, day=28)
    chapters = board.strategy.jsna if board.strategy else ()
    return [{"title": c["title"], "url": c["url"],
             "updated": words.short_date(c["updated"]) if c["updated"] else None,
             "stale": c["updated"] is None or c["updated"] < limit} for c in chapters]


def _meeting_link(meeting: Meeting | None) -> dict | None:
    return {"url": meeting_url(meeting.id), "date": words.short_date(meeting.start.date())} if meeting else None


def _meeting_row(record: MeetingRecord) -> dict:
    meeting = record.meeting
    if record.notice_days is None:
        notice = "No agenda published"
    elif record.urgent and record.notice_days < record.notice_required:
        notice = f"{record.notice_days} days: urgent business"
    else:
        notice = f"{record.notice_days} days: {'late' if record.notice_late else 'on time'}"
    if record.minutes_lag is None:
        minutes = "Not published" if meeting.status == "held" and meeting.kind in FORMAL else "Not applicable"
    else:
        minutes = f"{record.minutes_lag} days: {'late' if record.minutes_late else 'on time'}"
        minutes += " (draft)" if meeting.minutes_status == "draft" else ""
    if record.quorate is None:
        quorum = "Not recorded" if meeting.status == "held" else "Not applicable"
    else:
        quorum = f"{'Quorate' if record.quorate else 'Not quorate'} ({record.voting_present} voting members)"
    seats = ("All filled" if not record.vacant_seats
             else "Vacant: " + ", ".join(words.SEATS[s] for s in record.vacant_seats))
    return {"url": meeting_url(meeting.id), "date": words.short_date(meeting.start.date()),
            "iso": meeting.start.date().isoformat(), "kind": words.MEETING_KINDS[meeting.kind],
            "status": words.MEETING_STATUS[meeting.status], "notice": notice, "notice_late": record.notice_late,
            "minutes": minutes, "minutes_late": record.minutes_late, "quorum": quorum,
            "inquorate": record.quorate is False, "seats": seats, "vacant": bool(record.vacant_seats)}
