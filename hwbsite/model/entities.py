"""The board's records as immutable objects, references resolved (a decision's meeting, an attendee's person)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

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
    source: str | None        # the file on disk (absolute), for copying
    public: bool              # False for the papers of an exempt item: never published
    size: int | None          # bytes, for "PDF, 240 KB" beside the link



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
    source: Path | None = None     # the file it was read from, named by the officer (not always <id>.yml)

    @property
    def last_changed(self) -> date:
        """When the record of the meeting last changed, as far as the data says."""
        return max(d for d in (self.agenda_published, self.minutes_published, self.start.date()) if d)


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
