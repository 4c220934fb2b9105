"""The meetings: upcoming and past, and each meeting's agenda, papers, minutes, attendance and decisions."""

from __future__ import annotations

from collections import defaultdict

from hwbsite import words
from hwbsite.model import Meeting
from hwbsite.model.urls import item_anchor, meeting_url
from hwbsite.site.linked_data import meeting_jsonld
from hwbsite.site.markup import render_markdown
from hwbsite.site.pages.common import (Page, View, meeting_detail, meeting_row, meeting_title, paper_row,
                                       person_link, priority_link)

ATTENDANCE_ORDER = ("present", "substitute", "apologies", "absent", "in-attendance")


def pages(view: View) -> list[Page]:
    return [index(view)] + [meeting(view, m) for m in view.board.meetings]


def index(view: View) -> Page:
    past = [m for m in reversed(view.board.meetings) if m not in view.upcoming]
    years: dict[str, list[dict]] = {}
    for m in past:
        years.setdefault(str(m.start.year), []).append(meeting_row(m))
    context = {"upcoming": [meeting_row(m) for m in view.upcoming],
               "years": [{"year": y, "meetings": rows} for y, rows in years.items()]}
    return Page("meetings/", "meetings.html", "Meetings",
                "Upcoming and past meetings of the board, with agendas, papers and minutes.", context)


def meeting(view: View, meeting: Meeting) -> Page:
    b = view.board
    declarations = defaultdict(list)
    for d in meeting.declarations:
        declarations[d.item_number].append({"person": person_link(d.person), "interest": d.interest,
                                            "kind": words.INTEREST_KINDS[d.kind], "action": d.action})
    items = []
    for item in meeting.items:
        topics = {d.topic for d in item.decisions if d.topic}
        items.append({
            "number": item.number, "anchor": item_anchor(item.number), "title": item.title,
            "former_anchor": item_anchor(item.formerly) if item.formerly else None,
            "topic_history": [view.row(d) for topic in sorted(topics) for d in b.on_topic(topic)
                              if d.meeting_id != meeting.id],
            "purpose": words.PURPOSES.get(item.purpose or "", ""),
            "exempt": item.exempt, "exempt_reason": words.SCHEDULE_12A.get(item.exempt or 0),
            "urgency": item.urgency,
            "papers": [paper_row(p) for p in item.papers if p.public],
            "withheld": sum(1 for p in item.papers if not p.public),
            "priorities": [priority_link(b, p) for p in item.priorities],
            "minutes": render_markdown(item.minutes),
            "decisions": [view.row(d) for d in item.decisions],
            "declarations": declarations.get(item.number, []),
        })
    groups = defaultdict(list)
    for a in meeting.attendance:
        groups[a.status].append(person_link(a.person) | {"for": person_link(a.substitute_for)})
    attendance = [{"label": words.ATTENDANCE[s], "people": groups[s]} for s in ATTENDANCE_ORDER if groups[s]]
    context = meeting_detail(view, meeting) | {
        "board": b.info, "chair": person_link(meeting.chair), "items": items,
        "attendance": attendance, "key_messages": render_markdown(meeting.key_messages),
        "minutes_status": meeting.minutes_status,
        "minutes_published": words.short_date(meeting.minutes_published) if meeting.minutes_published else None,
    }
    url = meeting_url(meeting.id)
    moved = any(new == url for _, new in b.redirects)
    return Page(url, "meeting.html", meeting_title(meeting),
                f"Agenda, papers, minutes and decisions of the {b.info['name']} "
                f"on {words.long_date(meeting.start.date())}.", context,
                {"jsonld": meeting_jsonld(b, meeting, meeting_title(meeting), moved),
                 "lastmod": meeting.last_changed}, record=True)
