"""The board as one immutable object, built from rows the schemas have typed.

References between records (a decision's meeting, an attendee's person) are
resolved here, in one place, so pages and feeds never look them up again.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from pathlib import Path

from .problems import WARNING, Problem
from .publishing import HOUSEKEEPING
from .urls import tidy_path
from .validate import CheckedBoard

STATUTORY_SEATS = (
    "councillor", "director-adult-social-services", "director-childrens-services",
    "director-public-health", "healthwatch", "integrated-care-board",
)


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str
    classification: str
    website: str | None


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    organisation: Organisation | None
    job_title: str | None


@dataclass(frozen=True)
class Membership:
    person: Person
    seat: str
    role: str
    voting: bool
    start: date
    end: date | None

    def current_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Paper:
    title: str
    file: str | None          # path under content/<board>/, beginning papers/
    url: str | None
    source: Path | None       # the file on disk, for copying
    public: bool              # False for the papers of an exempt item: never published
    size: int | None          # bytes, for "PDF, 240 KB" beside the link

    @property
    def kind(self) -> str:
        name = self.file or self.url or ""
        suffix = name.rsplit(".", 1)[-1].lower() if "." in name.rsplit("/", 1)[-1] else ""
        return {"pdf": "PDF", "docx": "Word document", "xlsx": "Excel spreadsheet", "pptx": "PowerPoint slides",
                "odt": "OpenDocument text", "ods": "OpenDocument spreadsheet", "odp": "OpenDocument slides",
                "csv": "CSV", "txt": "Plain text", "html": "Web page"}.get(suffix, "Web page"
                                                                                      if self.url else suffix.upper())


@dataclass(frozen=True)
class Decision:
    id: str
    text: str
    outcome: str
    vote_for: int | None
    vote_against: int | None
    vote_abstain: int | None
    casting_vote: bool
    meeting_id: str
    item_number: str
    topic: str | None = None
    supersedes: str | None = None
    updates: tuple[dict, ...] = ()        # {"date", "status", "note"}, in date order
    corrections: tuple[dict, ...] = ()    # {"date", "note", "previous"}, in date order

    @property
    def reference(self) -> str:
        return self.id.upper()

    @property
    def voted(self) -> bool:
        return any(v is not None for v in (self.vote_for, self.vote_against, self.vote_abstain))


@dataclass(frozen=True)
class AgendaItem:
    meeting_id: str
    number: str
    formerly: str | None
    title: str
    purpose: str | None
    exempt: int | None
    urgency: str | None
    minutes: str | None
    priorities: tuple[str, ...]
    papers: tuple[Paper, ...]
    decisions: tuple[Decision, ...]


@dataclass(frozen=True)
class Attendance:
    person: Person
    status: str
    substitute_for: Person | None


@dataclass(frozen=True)
class Declaration:
    meeting_id: str
    person: Person
    item_number: str
    interest: str
    kind: str
    action: str | None


@dataclass(frozen=True)
class Meeting:
    id: str
    kind: str
    start: datetime
    end: datetime | None
    venue: str | None
    webcast: str | None
    status: str
    agenda_published: date | None
    minutes_published: date | None
    minutes_status: str | None
    chair: Person | None
    key_messages: str | None
    attendance: tuple[Attendance, ...]
    declarations: tuple[Declaration, ...]
    items: tuple[AgendaItem, ...]


@dataclass(frozen=True)
class Indicator:
    id: str
    title: str
    unit: str | None
    better: str
    source: str | None
    source_url: str | None
    values: tuple[dict, ...]


@dataclass(frozen=True)
class Priority:
    id: str
    title: str
    summary: str | None
    lead: Person | None
    outcomes: tuple[str, ...]
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True)
class Strategy:
    title: str
    start: date
    end: date
    adopted_by: str | None
    document: Paper | None
    vision: str | None
    jsna: tuple[dict, ...]


@dataclass(frozen=True)
class ForwardPlanItem:
    title: str
    meeting: date | None
    purpose: str | None
    lead: Person | None
    priorities: tuple[str, ...]


@dataclass(frozen=True)
class Group:
    id: str
    name: str
    kind: str
    chair: Person | None
    remit: str | None
    start: date | None
    end: date | None


@dataclass(frozen=True)
class Board:
    id: str
    info: dict
    organisations: dict[str, Organisation]
    people: dict[str, Person]
    memberships: tuple[Membership, ...]
    meetings: tuple[Meeting, ...]          # in date order
    decisions: dict[str, Decision]
    priorities: dict[str, Priority]
    strategy: Strategy | None
    indicators: dict[str, Indicator]
    forward_plan: tuple[ForwardPlanItem, ...]
    groups: tuple[Group, ...]
    meeting_by_id: dict[str, Meeting] = field(repr=False)
    closures: frozenset[date] = frozenset()      # days the offices were closed, besides bank holidays
    redirects: tuple[tuple[str, str], ...] = ()  # (old path, new path), without leading slashes
    warnings: tuple[Problem, ...] = ()           # published on the transparency page
    tables: dict[str, list[dict]] = field(default_factory=dict, repr=False)   # typed rows, for open data

    def item(self, decision: Decision) -> AgendaItem:
        meeting = self.meeting_by_id[decision.meeting_id]
        return next(item for item in meeting.items if item.number == decision.item_number)

    def taken(self, decision: Decision) -> tuple:
        """When a decision was taken, to order decisions: its meeting's start, then its id."""
        return (self.meeting_by_id[decision.meeting_id].start, decision.id)

    @cached_property
    def decisions_in_order(self) -> tuple[Decision, ...]:
        """Every decision, oldest first."""
        return tuple(sorted(self.decisions.values(), key=self.taken))

    def superseded_by(self, decision_id: str) -> list[Decision]:
        return self._links[0].get(decision_id, [])

    def on_topic(self, topic: str) -> list[Decision]:
        """Every decision on a topic, oldest first."""
        return self._links[1].get(topic, [])

    @cached_property
    def _links(self) -> tuple[dict[str, list[Decision]], dict[str, list[Decision]]]:
        """Who superseded each decision, and each topic's decisions in order: indexed once, not per page."""
        superseded: dict[str, list[Decision]] = defaultdict(list)
        topics: dict[str, list[Decision]] = defaultdict(list)
        for decision in self.decisions_in_order:
            if decision.supersedes:
                superseded[decision.supersedes].append(decision)
            if decision.topic:
                topics[decision.topic].append(decision)
        return dict(superseded), dict(topics)

    def memberships_of(self, person_id: str) -> list[Membership]:
        return [m for m in self.memberships if m.person.id == person_id]

    def members_on(self, day: date) -> list[Membership]:
        return [m for m in self.memberships if m.current_on(day)]

    @property
    def public_papers(self) -> list[Paper]:
        papers = [p for m in self.meetings for i in m.items for p in i.papers if p.public and p.file]
        if self.strategy and self.strategy.document:
            papers.append(self.strategy.document)
        return papers


def build_board(checked: CheckedBoard) -> Board:
    """The board from a CheckedBoard that has no errors."""
    t = checked.typed
    content = checked.files.content_dir
    organisations = {r["id"]: Organisation(r["id"], r["name"], r["classification"], r["website"])
                     for r in t["organisations"]}
    people = {r["id"]: Person(r["id"], r["name"], organisations.get(r["organisation"]), r["job_title"])
              for r in t["people"]}
    memberships = tuple(Membership(people[r["person"]], r["seat"], r["role"], bool(r["voting"]), r["start"], r["end"])
                        for r in t["memberships"])

    def paper(file: str | None, url: str | None, title: str, public: bool) -> Paper:
        source = content.joinpath(*file.split("/")) if file else None
        return Paper(title, file, url, source, public, source.stat().st_size if source else None)

    def grouped(rows, *keys):
        groups = defaultdict(list)
        for row in rows:
            groups[tuple(row[k] for k in keys)].append(row)
        return groups

    decisions_by_item = grouped(t["decisions"], "meeting", "item")
    updates = grouped(t["decision_updates"], "decision")
    corrections = grouped(t["decision_corrections"], "decision")
    papers_by_item = grouped(t["papers"], "meeting", "item")
    priorities_by_item = grouped(t["item_priorities"], "meeting", "item")
    items_by_meeting = grouped(t["items"], "meeting")
    attendance_by_meeting = grouped(t["attendance"], "meeting")
    declarations_by_meeting = grouped(t["declarations"], "meeting")
    decisions: dict[str, Decision] = {}
    meetings = []
    board_row = t["board"][0]
    chair_of = {}
    for r in t["meetings"]:
        items = []
        for i in items_by_meeting[(r["id"],)]:
            key = (r["id"], i["number"])
            item_decisions = tuple(
                Decision(d["id"], d["text"], d["outcome"], d["vote_for"], d["vote_against"], d["vote_abstain"],
                         bool(d["casting_vote"]), r["id"], i["number"], d["topic"], d["supersedes"],
                         tuple(sorted(({"date": u["date"], "status": u["status"], "note": u["note"]}
                                       for u in updates[(d["id"],)]), key=lambda u: u["date"])),
                         tuple(sorted(({"date": c["date"], "note": c["note"], "previous": c["previous"]}
                                       for c in corrections[(d["id"],)]), key=lambda c: c["date"])))
                for d in decisions_by_item[key])
            decisions.update((d.id, d) for d in item_decisions)
            public = i["exempt"] is None
            items.append(AgendaItem(
                r["id"], i["number"], i["formerly"], i["title"], i["purpose"], i["exempt"], i["urgency"], i["minutes"],
                tuple(p["priority"] for p in priorities_by_item[key]),
                tuple(paper(p["file"], p["url"], p["title"], public) for p in papers_by_item[key]),
                item_decisions))
        day = r["start"].date()
        chairs = [m.person for m in memberships if m.role == "chair" and m.current_on(day)]
        chair_of[r["id"]] = people.get(r["chair"]) or (chairs[0] if chairs else None)
        meetings.append(Meeting(
            r["id"], r["kind"], r["start"], r["end"], r["venue"] or board_row["default_venue"], r["webcast"],
            r["status"], r["agenda_published"], r["minutes_published"], r["minutes_status"], chair_of[r["id"]],
            r["key_messages"],
            tuple(Attendance(people[a["person"]], a["status"], people.get(a["for"]))
                  for a in attendance_by_meeting[(r["id"],)]),
            tuple(Declaration(r["id"], people[d["person"]], d["item"], d["interest"], d["kind"], d["action"])
                  for d in declarations_by_meeting[(r["id"],)]),
            tuple(items)))
    meetings.sort(key=lambda m: m.start)
    indicator_values = grouped(t["indicator_values"], "indicator")
    indicators = {r["id"]: Indicator(r["id"], r["title"], r["unit"], r["better"], r["source"], r["source_url"],
                                     tuple(indicator_values[(r["id"],)]))
                  for r in t["indicators"]}
    outcomes = grouped(t["priority_outcomes"], "priority")
    measured_by = grouped(t["priority_indicators"], "priority")
    priorities = {r["id"]: Priority(r["id"], r["title"], r["summary"], people.get(r["lead"]),
                                    tuple(o["text"] for o in sorted(outcomes[(r["id"],)], key=lambda o: o["position"])),
                                    tuple(indicators[x["indicator"]] for x in measured_by[(r["id"],)]))
                  for r in sorted(t["priorities"], key=lambda r: r["position"])}
    strategy = None
    if t["strategy"]:
        s = t["strategy"][0]
        strategy = Strategy(s["title"], s["start"], s["end"], s["adopted_by"],
                            paper(s["document"], None, s["title"], True) if s["document"] else None,
                            s["vision"], tuple(t["jsna"]))
    plan_priorities = grouped(t["forward_plan_priorities"], "position")
    forward_plan = tuple(ForwardPlanItem(r["title"], r["meeting"], r["purpose"], people.get(r["lead"]),
                                         tuple(p["priority"] for p in plan_priorities[(r["position"],)]))
                         for r in t["forward_plan"])
    groups = tuple(Group(r["id"], r["name"], r["kind"], people.get(r["chair"]), r["remit"], r["start"], r["end"])
                   for r in t["groups"])
    own = (f"data/{checked.files.board_id}/", f"content/{checked.files.board_id}/")
    return Board(checked.files.board_id, board_row, organisations, people, memberships, tuple(meetings),
                 decisions, priorities, strategy, indicators, forward_plan, groups,
                 {m.id: m for m in meetings}, frozenset(r["date"] for r in t["closure_days"]),
                 tuple((tidy_path(r["old"]), tidy_path(r["new"])) for r in t["redirects"]),
                 tuple(p for p in checked.problems.sorted() if p.severity == WARNING and p.file.startswith(own)
                       and p.code not in HOUSEKEEPING),
                 t)
