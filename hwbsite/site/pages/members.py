"""Who sits on the board, in which seat, and each person's memberships, attendance and declarations."""

from __future__ import annotations

from collections import Counter

from hwbsite import words
from hwbsite.model import STATUTORY_SEATS, Person
from hwbsite.model.urls import item_url, person_url
from hwbsite.site.pages.common import Page, View, meeting_row, person_link, priority_link


def pages(view: View) -> list[Page]:
    return [index(view)] + [person(view, p) for p in view.board.people.values()]


def index(view: View) -> Page:
    today, b = view.today, view.board
    current = b.members_on(today)
    seats = []
    for seat in (*STATUTORY_SEATS, "other"):
        holders = [m for m in current if m.seat == seat]
        seats.append({"seat": seat, "label": words.SEATS[seat], "statutory": seat in STATUTORY_SEATS,
                      "members": [person_link(m.person) | {"role": words.ROLES[m.role], "voting": m.voting}
                                  for m in holders]})
    current_ids = {m.person.id for m in current}
    # Officers enter appointments in advance: someone not yet on the board is shown from their start date.
    upcoming = {}
    for m in sorted((m for m in b.memberships if m.start > today), key=lambda m: m.start):
        if m.person.id not in current_ids and m.person.id not in upcoming:
            upcoming[m.person.id] = person_link(m.person) | {
                "from": words.short_date(m.start), "seat": words.SEATS[m.seat], "role": words.ROLES[m.role]}
    past = {}
    ended = (m for m in b.memberships if m.end and m.end < today)
    for m in sorted(ended, key=lambda m: m.end, reverse=True):
        if m.person.id not in current_ids | upcoming.keys() and m.person.id not in past:
            past[m.person.id] = person_link(m.person) | {"until": words.short_date(m.end),
                                                         "seat": words.SEATS[m.seat]}
    return Page("members/", "members.html", "Members",
                "Who sits on the board, in which seat, and who has sat on it before.",
                {"seats": seats, "upcoming": list(upcoming.values()), "past": list(past.values())})


def person(view: View, person: Person) -> Page:
    b = view.board
    attended = []
    counts = Counter()
    for meeting in b.meetings:
        for a in meeting.attendance:
            if a.person.id == person.id:
                counts[a.status] += 1
                attended.append(meeting_row(meeting) | {"attendance": words.ATTENDANCE[a.status],
                                                        "for": person_link(a.substitute_for)})
    declarations = [{"meeting": meeting_row(b.meeting_by_id[d.meeting_id]),
                     "item_url": item_url(d.meeting_id, d.item_number), "item": d.item_number,
                     "interest": d.interest, "kind": words.INTEREST_KINDS[d.kind], "action": d.action}
                    for m in b.meetings for d in m.declarations if d.person.id == person.id]
    memberships = [{"seat": words.SEATS[m.seat], "role": words.ROLES[m.role], "voting": m.voting,
                    "start": words.short_date(m.start), "end": words.short_date(m.end) if m.end else None}
                   for m in b.memberships_of(person.id)]
    context = person_link(person) | {
        "job_title": person.job_title, "memberships": memberships,
        "attended": list(reversed(attended)), "declarations": declarations,
        "summary": [{"label": words.ATTENDANCE[s], "count": counts[s]} for s in words.ATTENDANCE if counts[s]],
        "led": [priority_link(b, p.id) for p in b.priorities.values() if p.lead and p.lead.id == person.id],
    }
    return Page(person_url(person.id), "person.html", person.name,
                f"{person.name}: membership of the board, attendance and declarations of interest.", context,
                record=True)
