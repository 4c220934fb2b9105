"""Every page of a board's site, as the data its template shows.

Links are paths from the site's root (`meetings/2025-03-12/`); each page's
`base` climbs from the page to that root, so a site works under any prefix.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from . import text as words
from .model import STATUTORY_SEATS, AgendaItem, Board, Decision, Meeting, Person
from .access import Access
from .indicators import assess, chart
from .data import decision_citation, meeting_jsonld, organisation_jsonld
from .opendata import LICENCE, table_guide
from .text import render_markdown
from .transparency import jsna_chapters, transparency_context
from .urls import decision_data_url, decision_url, item_url, meeting_url, person_url, priority_url

LATEST_DECISIONS = 6


@dataclass(frozen=True)
class Page:
    uri: str                 # the generated source file, e.g. meetings/2025-03-12.md
    template: str            # under theme/hwb/
    title: str
    description: str
    context: dict
    head: dict = field(default_factory=dict)   # "meta", "jsonld" for the <head>; "lastmod" for the sitemap

    @property
    def url(self) -> str:
        stem = self.uri[:-3]
        if stem == "index":
            return ""
        return (stem[: -len("index")] if stem.endswith("/index") else stem + "/")

    @property
    def base(self) -> str:
        return "../" * self.url.count("/")


def meeting_title(meeting: Meeting) -> str:
    return f"{words.MEETING_KINDS[meeting.kind]} on {words.long_date(meeting.start.date())}"


def build_pages(board: Board, now: datetime | None = None) -> list[Page]:
    """All the generated pages; `now` decides which meetings are upcoming."""
    zone = ZoneInfo(board.info["timezone"])
    now = (now or datetime.now(zone)).astimezone(zone).replace(tzinfo=None)
    return _Site(board, now).pages()


class _Site:
    def __init__(self, board: Board, now: datetime) -> None:
        self.board, self.now = board, now
        self.decisions_by_priority: dict[str, list[Decision]] = defaultdict(list)
        self.items_by_priority: dict[str, list[AgendaItem]] = defaultdict(list)
        for meeting in board.meetings:
            for item in meeting.items:
                for priority in item.priorities:
                    self.items_by_priority[priority].append(item)
                    self.decisions_by_priority[priority].extend(item.decisions)

    def pages(self) -> list[Page]:
        b = self.board
        pages = [self.home(), self.meetings_index(), self.decisions_index(), self.members_index(),
                 self.strategy_index(), self.forward_plan(), self.groups(), self.accessibility(), self.search(),
                 self.transparency(), self.open_data()]
        pages += [self.meeting(m) for m in b.meetings]
        pages += [self.decision(d) for d in b.decisions.values()]
        pages += [self.person(p) for p in b.people.values()]
        pages += [self.priority(p) for p in b.priorities.values()]
        return pages

    # -- shared pieces ---------------------------------------------------------------
    def person_link(self, person: Person | None) -> dict | None:
        if person is None:
            return None
        return {"name": person.name, "url": person_url(person.id),
                "organisation": person.organisation.name if person.organisation else None}

    def decision_row(self, decision: Decision) -> dict:
        meeting = self.board.meeting_by_id[decision.meeting_id]
        item = self.board.item(decision)
        return {
            "reference": decision.reference, "url": decision_url(decision.id), "text": decision.text,
            "outcome": decision.outcome, "outcome_label": words.OUTCOMES[decision.outcome],
            "date": words.short_date(meeting.start.date()), "iso_date": meeting.start.date().isoformat(),
            "year": str(meeting.start.year), "meeting_url": meeting_url(meeting.id),
            "item_url": item_url(meeting.id, item.number), "item_title": item.title,
            "priorities": [self.priority_link(p) for p in item.priorities],
            "vote": self.vote(decision),
        }

    @staticmethod
    def paper_row(paper) -> dict:
        return {"title": paper.title, "url": paper.file or paper.url, "kind": paper.kind,
                "size": words.file_size(paper.size) if paper.file else "", "external": not paper.file}

    def decision_life(self, decision: Decision) -> dict:
        """Its current state, its history, what it replaced and what replaced it, and its topic's story."""
        later = self.board.superseded_by(decision.id)
        if later:
            state = "Superseded by " + ", ".join(d.reference for d in later)
        elif decision.updates:
            state = words.UPDATES[decision.updates[-1]["status"]]
        else:
            state = words.OUTCOMES[decision.outcome]
        return {
            "state": state,
            "history": [{"date": words.short_date(u["date"]), "iso": u["date"].isoformat(),
                         "status": words.UPDATES[u["status"]], "note": u["note"]} for u in decision.updates],
            "corrections": [{"date": words.short_date(c["date"]), "iso": c["date"].isoformat(), "note": c["note"],
                             "previous": c["previous"]} for c in decision.corrections],
            "supersedes": self.decision_row(self.board.decisions[decision.supersedes]) if decision.supersedes else None,
            "superseded_by": [self.decision_row(d) for d in later],
            "topic": decision.topic,
            "topic_history": ([self.decision_row(d) | {"current": d.id == decision.id}
                               for d in self.board.on_topic(decision.topic)] if decision.topic else []),
        }

    def priority_link(self, priority_id: str) -> dict:
        return {"id": priority_id, "title": self.board.priorities[priority_id].title,
                "url": priority_url(priority_id)}

    @staticmethod
    def vote(decision: Decision) -> str | None:
        if not decision.voted:
            return None
        parts = [f"{decision.vote_for or 0} for", f"{decision.vote_against or 0} against",
                 f"{decision.vote_abstain or 0} abstaining"]
        summary = ", ".join(parts)
        return summary + (", decided by the chair's casting vote" if decision.casting_vote else "")

    def meeting_row(self, meeting: Meeting) -> dict:
        return {"title": meeting_title(meeting), "url": meeting_url(meeting.id),
                "date": words.long_date(meeting.start.date()), "iso": meeting.start.isoformat(),
                "time": words.clock(meeting.start), "status": meeting.status,
                "status_label": words.MEETING_STATUS[meeting.status],
                "kind_label": words.MEETING_KINDS[meeting.kind],
                "decisions": sum(len(i.decisions) for i in meeting.items)}

    def upcoming(self) -> list[Meeting]:
        return [m for m in self.board.meetings if m.start >= self.now and m.status != "held"]

    # -- pages -----------------------------------------------------------------------
    def home(self) -> Page:
        b = self.board
        upcoming = self.upcoming()
        nxt = upcoming[0] if upcoming else None
        latest = b.decisions_in_order
        context = {
            "board": b.info,
            "next": self.meeting_detail(nxt) if nxt else None,
            "latest": [self.decision_row(d) for d in reversed(latest[-LATEST_DECISIONS:])],
            "priorities": [{"title": p.title, "url": priority_url(p.id), "summary": render_markdown(p.summary),
                            "status": self.priority_status(p)} for p in b.priorities.values()],
            "strategy_title": b.strategy.title if b.strategy else None,
        }
        return Page("index.md", "home.html", b.info["name"],
                    f"Meetings, decisions, members and strategy of the {b.info['name']}.", context,
                    {"jsonld": organisation_jsonld(b)})

    def meetings_index(self) -> Page:
        upcoming = self.upcoming()
        past = [m for m in reversed(self.board.meetings) if m not in upcoming]
        years: dict[str, list[dict]] = {}
        for meeting in past:
            years.setdefault(str(meeting.start.year), []).append(self.meeting_row(meeting))
        context = {"upcoming": [self.meeting_row(m) for m in upcoming],
                   "years": [{"year": y, "meetings": rows} for y, rows in years.items()]}
        return Page("meetings/index.md", "meetings.html", "Meetings",
                    "Upcoming and past meetings of the board, with agendas, papers and minutes.", context)

    def meeting_detail(self, meeting: Meeting) -> dict:
        row = self.meeting_row(meeting)
        row.update({
            "end": words.clock(meeting.end) if meeting.end else None,
            "venue": meeting.venue, "webcast": meeting.webcast,
            "upcoming": meeting.start >= self.now and meeting.status != "held",
            "agenda_published": words.short_date(meeting.agenda_published) if meeting.agenda_published else None,
            "public_questions": self.board.info.get("public_questions"),
            "calendar": f"meetings/{meeting.id}.ics",
        })
        return row

    def meeting(self, meeting: Meeting) -> Page:
        b = self.board
        declarations = defaultdict(list)
        for d in meeting.declarations:
            declarations[d.item_number].append({"person": self.person_link(d.person), "interest": d.interest,
                                                "kind": words.INTEREST_KINDS[d.kind], "action": d.action})
        items = []
        for item in meeting.items:
            topics = {d.topic for d in item.decisions if d.topic}
            items.append({
                "number": item.number, "anchor": f"item-{item.number}", "title": item.title,
                "former_anchor": f"item-{item.formerly}" if item.formerly else None,
                "topic_history": [self.decision_row(d) for topic in sorted(topics) for d in self.board.on_topic(topic)
                                  if d.meeting_id != meeting.id],
                "purpose": words.PURPOSES.get(item.purpose or "", ""),
                "exempt": item.exempt, "exempt_reason": words.SCHEDULE_12A.get(item.exempt or 0),
                "urgency": item.urgency,
                "papers": [self.paper_row(p) for p in item.papers if p.public],
                "withheld": sum(1 for p in item.papers if not p.public),
                "priorities": [self.priority_link(p) for p in item.priorities],
                "minutes": render_markdown(item.minutes),
                "decisions": [self.decision_row(d) for d in item.decisions],
                "declarations": declarations.get(item.number, []),
            })
        groups = defaultdict(list)
        for a in meeting.attendance:
            groups[a.status].append(self.person_link(a.person) | {"for": self.person_link(a.substitute_for)})
        attendance = [{"label": words.ATTENDANCE[s], "people": groups[s]}
                      for s in ("present", "substitute", "apologies", "absent", "in-attendance") if groups[s]]
        context = self.meeting_detail(meeting) | {
            "board": b.info, "chair": self.person_link(meeting.chair), "items": items,
            "attendance": attendance, "key_messages": render_markdown(meeting.key_messages),
            "minutes_status": meeting.minutes_status,
            "minutes_published": words.short_date(meeting.minutes_published) if meeting.minutes_published else None,
        }
        moved = any(new == meeting_url(meeting.id) for _, new in b.redirects)
        return Page(f"meetings/{meeting.id}.md", "meeting.html", meeting_title(meeting),
                    f"Agenda, papers, minutes and decisions of the {b.info['name']} "
                    f"on {words.long_date(meeting.start.date())}.", context,
                    {"jsonld": meeting_jsonld(b, meeting, meeting_title(meeting), moved),
                     "lastmod": max(d for d in (meeting.agenda_published, meeting.minutes_published,
                                                meeting.start.date()) if d)})

    def decisions_index(self) -> Page:
        rows = [self.decision_row(d) for d in reversed(self.board.decisions_in_order)]
        years = sorted({r["year"] for r in rows}, reverse=True)
        context = {"rows": rows, "years": years, "outcomes": list(words.OUTCOMES.items()),
                   "priorities": [self.priority_link(p) for p in self.board.priorities]}
        return Page("decisions/index.md", "decisions.html", "Decisions",
                    "The register of every decision of the board, with its reference.", context)

    def decision(self, decision: Decision) -> Page:
        item = self.board.item(decision)
        meeting = self.board.meeting_by_id[decision.meeting_id]
        citation = decision_citation(self.board, decision)
        context = self.decision_row(decision) | {
            "board": self.board.info, "meeting_title": meeting_title(meeting),
            "item_number": item.number,
            "papers": [self.paper_row(p) for p in item.papers if p.public],
            "citation": citation, "data_url": decision_data_url(decision.id),
        } | self.decision_life(decision)
        return Page(f"decisions/{decision.id}.md", "decision.html", f"Decision {decision.reference}",
                    decision.text, context, {"meta": citation["meta"], "jsonld": citation["jsonld"],
                                             "lastmod": max([meeting.start.date()] +
                                                            [u["date"] for u in decision.updates] +
                                                            [c["date"] for c in decision.corrections])})

    def members_index(self) -> Page:
        today = self.now.date()
        current = self.board.members_on(today)
        seats = []
        for seat in (*STATUTORY_SEATS, "other"):
            holders = [m for m in current if m.seat == seat]
            seats.append({"seat": seat, "label": words.SEATS[seat], "statutory": seat in STATUTORY_SEATS,
                          "members": [self.person_link(m.person) | {"role": words.ROLES[m.role],
                                                                     "voting": m.voting} for m in holders]})
        current_ids = {m.person.id for m in current}
        # Officers enter appointments in advance: someone not yet on the board is shown from their start date.
        upcoming = {}
        for m in sorted((m for m in self.board.memberships if m.start > today), key=lambda m: m.start):
            if m.person.id not in current_ids and m.person.id not in upcoming:
                upcoming[m.person.id] = self.person_link(m.person) | {
                    "from": words.short_date(m.start), "seat": words.SEATS[m.seat], "role": words.ROLES[m.role]}
        past = {}
        ended = (m for m in self.board.memberships if m.end and m.end < today)
        for m in sorted(ended, key=lambda m: m.end, reverse=True):
            if m.person.id not in current_ids | upcoming.keys() and m.person.id not in past:
                past[m.person.id] = self.person_link(m.person) | {"until": words.short_date(m.end),
                                                                  "seat": words.SEATS[m.seat]}
        return Page("members/index.md", "members.html", "Members",
                    "Who sits on the board, in which seat, and who has sat on it before.",
                    {"seats": seats, "upcoming": list(upcoming.values()), "past": list(past.values())})

    def person(self, person: Person) -> Page:
        attended = []
        counts = Counter()
        for meeting in self.board.meetings:
            for a in meeting.attendance:
                if a.person.id == person.id:
                    counts[a.status] += 1
                    attended.append(self.meeting_row(meeting) | {
                        "attendance": words.ATTENDANCE[a.status],
                        "for": self.person_link(a.substitute_for)})
        declarations = [{"meeting": self.meeting_row(self.board.meeting_by_id[d.meeting_id]),
                         "item_url": item_url(d.meeting_id, d.item_number), "item": d.item_number,
                         "interest": d.interest, "kind": words.INTEREST_KINDS[d.kind], "action": d.action}
                        for m in self.board.meetings for d in m.declarations if d.person.id == person.id]
        memberships = [{"seat": words.SEATS[m.seat], "role": words.ROLES[m.role], "voting": m.voting,
                        "start": words.short_date(m.start), "end": words.short_date(m.end) if m.end else None}
                       for m in self.board.memberships_of(person.id)]
        context = self.person_link(person) | {
            "job_title": person.job_title, "memberships": memberships,
            "attended": list(reversed(attended)), "declarations": declarations,
            "summary": [{"label": words.ATTENDANCE[s], "count": counts[s]} for s in words.ATTENDANCE if counts[s]],
            "led": [self.priority_link(p.id) for p in self.board.priorities.values()
                    if p.lead and p.lead.id == person.id],
        }
        return Page(f"members/{person.id}.md", "person.html", person.name,
                    f"{person.name}: membership of the board, attendance and declarations of interest.", context)

    def strategy_index(self) -> Page:
        s = self.board.strategy
        context = {"strategy": None, "priorities": [], "jsna": []}
        if s:
            context = {
                "strategy": {"title": s.title, "start": words.short_date(s.start), "end": words.short_date(s.end),
                             "vision": render_markdown(s.vision),
                             "document": s.document.file if s.document else None,
                             "document_size": words.file_size(s.document.size) if s.document else "",
                             "adopted_by": self.decision_row(self.board.decisions[s.adopted_by])
                             if s.adopted_by else None},
                "priorities": [{"title": p.title, "url": priority_url(p.id), "summary": render_markdown(p.summary),
                                "lead": self.person_link(p.lead), "status": self.priority_status(p),
                                "decisions": len(self.decisions_by_priority[p.id])}
                               for p in self.board.priorities.values()],
                "jsna": jsna_chapters(self.board, self.now.date()),
            }
        return Page("strategy/index.md", "strategy.html", s.title if s else "Strategy",
                    "The Joint Local Health and Wellbeing Strategy: vision, priorities and progress.", context)

    def priority(self, priority) -> Page:
        decisions = sorted(self.decisions_by_priority[priority.id], key=self.board.taken, reverse=True)
        items = [{"title": i.title, "url": item_url(i.meeting_id, i.number),
                  "meeting": self.meeting_row(self.board.meeting_by_id[i.meeting_id])}
                 for i in reversed(self.items_by_priority[priority.id])]
        context = {
            "summary": render_markdown(priority.summary), "lead": self.person_link(priority.lead),
            "outcomes": list(priority.outcomes),
            "indicators": [self.indicator_view(i) for i in priority.indicators],
            "status": self.priority_status(priority),
            "decisions": [self.decision_row(d) for d in decisions], "items": items,
            "planned": [self.plan_row(p) for p in self.board.forward_plan if priority.id in p.priorities],
            "board_area": self.board.info.get("area") or "The area",
        }
        return Page(f"strategy/{priority.id}.md", "priority.html", priority.title,
                    f"{priority.title}: outcomes, indicators and the board's decisions.", context)

    @staticmethod
    def indicator_view(indicator) -> dict:
        assessment = assess(indicator)
        return {"id": indicator.id, "title": indicator.title, "unit": indicator.unit or "",
                "better": indicator.better, "source": indicator.source, "source_url": indicator.source_url,
                "values": list(indicator.values), "sentence": assessment.sentence,
                "compared": assessment.compared, "trend": assessment.trend, "chart": chart(indicator, assessment)}

    @staticmethod
    def priority_status(priority) -> str:
        """One line: how the priority's indicators compare with England and which way they move."""
        if not priority.indicators:
            return "No indicators chosen yet."
        assessments = [assess(i) for i in priority.indicators]
        compared = Counter(a.compared for a in assessments if a.compared)
        trends = Counter(a.trend for a in assessments if a.trend)
        words_ = [f"{n} {k} than England" if k != "similar" else f"{n} similar to England"
                  for k, n in sorted(compared.items())]
        line = f"{len(assessments)} indicator{'s' if len(assessments) != 1 else ''}"
        line += (": " + ", ".join(words_)) if words_ else ""
        if trends:
            line += "; recent trend: " + ", ".join(f"{n} {k}" for k, n in sorted(trends.items()))
        return line + "."

    def plan_row(self, plan) -> dict:
        meeting = next((m for m in self.board.meetings if plan.meeting and m.start.date() == plan.meeting), None)
        return {"title": plan.title, "purpose": words.PURPOSES.get(plan.purpose or "", ""),
                "date": words.short_date(plan.meeting) if plan.meeting else None,
                "meeting_url": meeting_url(meeting.id) if meeting else None,
                "lead": self.person_link(plan.lead),
                "priorities": [self.priority_link(p) for p in plan.priorities]}

    def forward_plan(self) -> Page:
        return Page("forward-plan.md", "forward-plan.html", "Forward plan",
                    "What the board plans to consider at future meetings.",
                    {"rows": [self.plan_row(p) for p in self.board.forward_plan]})

    def groups(self) -> Page:
        rows = [{"id": g.id, "name": g.name, "kind": words.GROUP_KINDS[g.kind], "chair": self.person_link(g.chair),
                 "remit": render_markdown(g.remit), "start": words.short_date(g.start) if g.start else None,
                 "end": words.short_date(g.end) if g.end else None} for g in self.board.groups]
        return Page("groups.md", "groups.html", "Groups",
                    "The board's sub-groups and task and finish groups.",
                    {"current": [r for r in rows if not r["end"]], "past": [r for r in rows if r["end"]]})

    def transparency(self) -> Page:
        context = transparency_context(self.board, Access(self.board), self.now.date())
        return Page("transparency.md", "transparency.html", "Transparency",
                    "Whether the board publishes its papers on time, is quorate and keeps its seats filled, "
                    "and who attends.", context)

    def open_data(self) -> Page:
        return Page("data/index.md", "data.html", "Open data",
                    "The board's record as open data: every table as CSV and JSON, with its schema.",
                    {"board": self.board.info, "tables": table_guide(self.board), "licence": LICENCE})

    def search(self) -> Page:
        return Page("search.md", "search.html", "Search",
                    "Search the board's meetings, decisions, agenda items, members and minutes.", {})

    def accessibility(self) -> Page:
        return Page("accessibility.md", "accessibility.html", "Accessibility statement",
                    "How accessible this website is, and how to get information in another format.",
                    {"board": self.board.info})
