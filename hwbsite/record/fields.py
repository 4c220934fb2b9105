"""What keys each block of a board's files may hold, and reading one block safely.

`FIELDS` is the single list of keys an officer may write; the unknown-key
check and the documentation test both read it.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from hwbsite.record.loader import Mark, YList, YMap
from hwbsite.problems import Problems

FIELDS: dict[str, tuple[str, ...]] = {
    "board": ("name", "short_name", "council", "area", "website", "site_url", "contact", "timezone",
              "decision_prefix", "publication", "quorum", "default_venue", "public_questions", "redirects",
              "withdrawn", "editor"),
    "board.contact": ("email", "phone", "address"),
    "board.publication": ("clear_working_days", "minutes_within_working_days", "closures", "max_paper_mb"),
    "board.quorum": ("members", "seats"),
    "board.editor": ("host", "repo", "branch", "app_id", "auth_url"),
    "organisations": ("id", "name", "classification", "website"),
    "people": ("id", "name", "organisation", "job_title", "source"),
    "people.source": ("system", "id", "url"),
    "memberships": ("person", "seat", "role", "voting", "start", "end"),
    "meeting": ("id", "kind", "start", "end", "venue", "webcast", "status", "agenda_published",
                "minutes_published", "minutes_status", "chair", "key_messages", "attendance",
                "declarations", "items", "source"),
    "meeting.source": ("system", "id", "url"),
    "meeting.attendance": ("person", "status", "for"),
    "meeting.declarations": ("person", "item", "interest", "kind", "action"),
    "meeting.items": ("number", "formerly", "title", "purpose", "priorities", "exempt", "session", "urgency", "papers",
                      "minutes", "decisions", "source"),
    "meeting.items.source": ("system", "id", "url"),
    "meeting.items.papers": ("title", "file", "url", "source"),
    "meeting.items.papers.source": ("system", "id", "url"),
    "meeting.items.decisions": ("id", "text", "outcome", "vote", "topic", "supersedes", "updates",
                                "corrections"),
    "meeting.items.decisions.updates": ("date", "status", "note"),
    "meeting.items.decisions.corrections": ("date", "note", "previous"),
    "meeting.items.decisions.vote": ("for", "against", "abstain", "casting_vote"),
    "strategy": ("title", "start", "end", "adopted_by", "document", "vision", "priorities", "jsna"),
    "strategy.priorities": ("id", "title", "summary", "lead", "outcomes", "indicators"),
    "strategy.jsna": ("title", "url", "updated"),
    "indicators": ("id", "title", "unit", "better", "source", "source_url"),
    "indicator-values": ("period", "value", "lower_ci", "upper_ci", "comparator"),
    "forward-plan": ("title", "meeting", "purpose", "lead", "priorities"),
    "groups": ("id", "name", "kind", "chair", "remit", "start", "end"),
}


def suggest(word: str, choices) -> str:
    """' Did you mean `x`?' when a choice is close to the word, else ''."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean `{close[0]}`?" if close else ""


@dataclass
class Source:
    """Where a table row came from: the block's position and each field's value position."""

    file: Path
    mark: Mark
    marks: dict[str, Mark] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)

    def mark_of(self, name: str) -> Mark:
        return self.marks.get(name, self.mark)

    def key_of(self, name: str) -> str:
        return self.keys.get(name, name)


class Block:
    """One YAML mapping read against the keys its context allows."""

    def __init__(self, data: YMap, path: Path, problems: Problems, context: str) -> None:
        self.data, self.path, self.problems, self.context = data, path, problems, context
        allowed = FIELDS[context]
        for key in data:
            if key not in allowed:
                mark = data.key_marks[key]
                hint = suggest(key, allowed) or "remove it, or use one of: " + ", ".join(allowed)
                problems.add(path, mark.line, mark.column, "unknown-key",
                             f"`{key}` is not a field hwbsite knows here", hint, field=key)

    @property
    def mark(self) -> Mark:
        return self.data.mark

    def mark_of(self, key: str) -> Mark:
        return self.data.mark_of(key)

    def text(self, key: str) -> str | None:
        value = self.data.get(key)
        if isinstance(value, (YMap, YList)):
            mark = self.mark_of(key)
            self.problems.add(self.path, mark.line, mark.column, "wrong-shape",
                              f"`{key}` should be a single value, not a list or block",
                              f"write `{key}: value` on one line", field=key)
            return None
        return value.strip() if isinstance(value, str) and value.strip() else None

    def block(self, key: str) -> Block | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, YMap):
            mark = self.mark_of(key)
            self.problems.add(self.path, mark.line, mark.column, "wrong-shape",
                              f"`{key}` should be a block of `name: value` lines",
                              f"put each part of `{key}` on its own indented line", field=key)
            return None
        return Block(value, self.path, self.problems, f"{self.context}.{key}")

    def items(self, key: str) -> list[tuple[object, Mark]]:
        """The entries of a list field with their positions; a single value counts as a list of one."""
        value = self.data.get(key)
        if value is None:
            return []
        if isinstance(value, YList):
            return list(zip(value, value.item_marks))
        if isinstance(value, str):
            return [(value, self.mark_of(key))]
        mark = self.mark_of(key)
        self.problems.add(self.path, mark.line, mark.column, "wrong-shape",
                          f"`{key}` should be a list", f"start each entry of `{key}` with `- `",
                          field=key)
        return []

    def blocks(self, key: str) -> list[Block]:
        return blocks_of(self.data.get(key), self.path, self.problems,
                         f"{self.context}.{key}", self.mark_of(key), key)

    def source(self, fields: dict[str, str]) -> tuple[dict, Source]:
        """A row from {table field: key} and the positions of its values."""
        row, source = {}, Source(self.path, self.mark)
        for name, key in fields.items():
            row[name] = self.text(key)
            if key in self.data:
                source.marks[name] = self.mark_of(key)
            if name != key:
                source.keys[name] = key
        return row, source


def blocks_of(value, path: Path, problems: Problems, context: str, mark: Mark,
              label: str) -> list[Block]:
    """Each mapping in a list, as a Block; anything else is reported."""
    if value is None:
        return []
    if not isinstance(value, YList):
        problems.add(path, mark.line, mark.column, "wrong-shape",
                     f"`{label}` should be a list of entries, each starting with `- `",
                     "start each entry on a new line with `- `")
        return []
    found = []
    for entry, entry_mark in zip(value, value.item_marks):
        if isinstance(entry, YMap):
            found.append(Block(entry, path, problems, context))
        else:
            problems.add(path, entry_mark.line, entry_mark.column, "wrong-shape",
                         f"each entry of `{label}` should be a block of `name: value` lines",
                         "write the entry as `- name: value`, with its other fields indented below")
    return found
