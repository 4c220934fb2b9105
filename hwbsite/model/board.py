"""The board: every record, with the indexes pages and checks ask of it, computed once."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from hwbsite.model.entities import (AgendaItem, Decision, ForwardPlanItem, Group, Indicator, Meeting, Membership,
                                    Organisation, Paper, Person, Priority, Strategy)


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

    def item(self, decision: Decision) -> AgendaItem:
        return self._items[(decision.meeting_id, decision.item_number)]

    @cached_property
    def _items(self) -> dict[tuple[str, str], AgendaItem]:
        """Each agenda item by its meeting and number (the first, were a number used twice): indexed once."""
        return {(meeting.id, item.number): item for meeting in self.meetings for item in reversed(meeting.items)}

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

    def meeting_of(self, decision: Decision) -> Meeting:
        return self.meeting_by_id[decision.meeting_id]

    def last_changed(self, decision: Decision) -> date:
        """When the record of a decision last changed: its meeting, or its latest update or correction."""
        return max([self.meeting_of(decision).start.date()] + [u["date"] for u in decision.updates]
                   + [c["date"] for c in decision.corrections])

    def items_for(self, priority_id: str) -> list[AgendaItem]:
        """The agenda items that serve a priority, in meeting order."""
        return self._by_priority[0].get(priority_id, [])

    def decisions_for(self, priority_id: str) -> list[Decision]:
        """The decisions taken under a priority's items, in meeting order."""
        return self._by_priority[1].get(priority_id, [])

    @cached_property
    def _by_priority(self) -> tuple[dict[str, list[AgendaItem]], dict[str, list[Decision]]]:
        items: dict[str, list[AgendaItem]] = defaultdict(list)
        decisions: dict[str, list[Decision]] = defaultdict(list)
        for meeting in self.meetings:
            for item in meeting.items:
                for priority in item.priorities:
                    items[priority].append(item)
                    decisions[priority].extend(item.decisions)
        return dict(items), dict(decisions)

    @property
    def public_papers(self) -> list[Paper]:
        papers = [p for m in self.meetings for i in m.items for p in i.papers if p.public and p.file]
        if self.strategy and self.strategy.document:
            papers.append(self.strategy.document)
        return papers
