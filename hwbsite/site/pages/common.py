"""What every section's pages share: the page itself, the view they are built from, and the rows they repeat."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property

from hwbsite import words
from hwbsite.model import Access, Board, Decision, Meeting, Person, assess
from hwbsite.model.urls import (decision_url, item_url, meeting_calendar_url, meeting_url, page_source, person_url,
                                priority_url)
from hwbsite.problems import Problem


@dataclass(frozen=True)
class Page:
    url: str                 # its address, e.g. meetings/2025-03-12/
    template: str            # under theme/hwb/
    title: str
    description: str
    context: dict
    head: dict = field(default_factory=dict)   # "meta", "jsonld" for the <head>; "lastmod" for the sitemap
    record: bool = False     # a record's own page (a meeting, a decision), listed after the sections' pages

    @property
    def uri(self) -> str:
        """The source MkDocs generates the page from, e.g. meetings/2025-03-12.md."""
        return page_source(self.url)

    @property
    def base(self) -> str:
        return "../" * self.url.count("/")


@dataclass(frozen=True)
class View:
    """What every page is built from: the board, the moment of the build, and what the checks found."""

    board: Board
    now: datetime
    access: Access
    warnings: tuple[Problem, ...]       # shown on the transparency page
    typed: dict[str, list[dict]]        # the typed rows, as the open data package publishes them

    @property
    def today(self) -> date:
        return self.now.date()

    @cached_property
    def upcoming(self) -> list[Meeting]:
        return [m for m in self.board.meetings if self.is_upcoming(m)]

    def is_upcoming(self, meeting: Meeting) -> bool:
        return meeting.start >= self.now and meeting.status != "held"

    def row(self, decision: Decision) -> dict:
        """The decision's row (decision_row), made once a build: a ten-year board's pages show each some four
        times. Shared between pages, so never changed in place: `row | {...}` makes a page's own."""
        if decision.id not in self._rows:
            self._rows[decision.id] = decision_row(self.board, decision)
        return self._rows[decision.id]

    @cached_property
    def _rows(self) -> dict[str, dict]:
        return {}


def meeting_title(meeting: Meeting) -> str:
    return f"{words.MEETING_KINDS[meeting.kind]} on {words.long_date(meeting.start.date())}"


def person_link(person: Person | None) -> dict | None:
    if person is None:
        return None
    return {"name": person.name, "url": person_url(person.id),
            "organisation": person.organisation.name if person.organisation else None}


def priority_link(board: Board, priority_id: str) -> dict:
    return {"id": priority_id, "title": board.priorities[priority_id].title, "url": priority_url(priority_id)}


def vote(decision: Decision) -> str | None:
    if not decision.voted:
        return None
    parts = [f"{decision.vote_for or 0} for", f"{decision.vote_against or 0} against",
             f"{decision.vote_abstain or 0} abstaining"]
    summary = ", ".join(parts)
    return summary + (", decided by the chair's casting vote" if decision.casting_vote else "")


def decision_row(board: Board, decision: Decision) -> dict:
    meeting = board.meeting_of(decision)
    item = board.item(decision)
    return {
        "reference": decision.reference, "url": decision_url(decision.id), "text": decision.text,
        "outcome": decision.outcome, "outcome_label": words.OUTCOMES[decision.outcome],
        "date": words.short_date(meeting.start.date()), "iso_date": meeting.start.date().isoformat(),
        "year": str(meeting.start.year), "meeting_url": meeting_url(meeting.id),
        "item_url": item_url(meeting.id, item.number), "item_title": item.title,
        "priorities": [priority_link(board, p) for p in item.priorities],
        "vote": vote(decision),
    }


def paper_row(paper) -> dict:
    return {"title": paper.title, "url": paper.file or paper.url,
            "kind": words.file_kind(paper.file or paper.url or "", bool(paper.url)),
            "size": words.file_size(paper.size) if paper.file else "", "external": not paper.file}


def meeting_row(meeting: Meeting) -> dict:
    return {"title": meeting_title(meeting), "url": meeting_url(meeting.id),
            "date": words.long_date(meeting.start.date()), "iso": meeting.start.isoformat(),
            "time": words.clock(meeting.start), "status": meeting.status,
            "status_label": words.MEETING_STATUS[meeting.status],
            "kind_label": words.MEETING_KINDS[meeting.kind],
            "decisions": sum(len(i.decisions) for i in meeting.items)}


def meeting_detail(view: View, meeting: Meeting) -> dict:
    row = meeting_row(meeting)
    row.update({
        "end": words.clock(meeting.end) if meeting.end else None,
        "venue": meeting.venue, "webcast": meeting.webcast,
        "upcoming": view.is_upcoming(meeting),
        "agenda_published": words.short_date(meeting.agenda_published) if meeting.agenda_published else None,
        "public_questions": view.board.info.get("public_questions"),
        "calendar": meeting_calendar_url(meeting.id),
    })
    return row


def plan_row(board: Board, plan) -> dict:
    meeting = next((m for m in board.meetings if plan.meeting and m.start.date() == plan.meeting), None)
    return {"title": plan.title, "purpose": words.PURPOSES.get(plan.purpose or "", ""),
            "date": words.short_date(plan.meeting) if plan.meeting else None,
            "meeting_url": meeting_url(meeting.id) if meeting else None,
            "lead": person_link(plan.lead),
            "priorities": [priority_link(board, p) for p in plan.priorities]}


def priority_status(priority) -> str:
    """One line: how the priority's indicators compare with England and which way they move."""
    if not priority.indicators:
        return "No indicators chosen yet."
    assessments = [assess(i) for i in priority.indicators]
    compared = Counter(a.compared for a in assessments if a.compared)
    trends = Counter(a.trend for a in assessments if a.trend)
    comparisons = [f"{n} {k} than England" if k != "similar" else f"{n} similar to England"
                   for k, n in sorted(compared.items())]
    line = f"{len(assessments)} indicator{'s' if len(assessments) != 1 else ''}"
    line += (": " + ", ".join(comparisons)) if comparisons else ""
    if trends:
        line += "; recent trend: " + ", ".join(f"{n} {k}" for k, n in sorted(trends.items()))
    return line + "."


__all__ = ["Page", "View", "decision_row", "meeting_detail", "meeting_row", "meeting_title",
           "paper_row", "person_link", "plan_row", "priority_link", "priority_status", "vote"]
