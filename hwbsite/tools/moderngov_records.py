"""A ModernGov meeting turned into the board's own meeting record, and what an officer must check.

Pure functions over parsed records: which status a meeting has, how items are numbered, which items are
exempt and under which paragraph, who attended, and who is new. Anything the service cannot tell
(attendance left as `Expected`, substitutes, declarations only in the minutes' prose) becomes a
review note rather than a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Callable

from hwbsite.tools.scaffold import slug
from hwbsite.tools.moderngov_parse import Document, Item, Meeting

SYSTEM = "moderngov"
ATTENDANCE = {"present": "present", "attended": "present", "in attendance": "in-attendance",
              "apologies": "apologies", "apologies received": "apologies", "absent": "absent",
              "virtual": "present", "present (virtual)": "present", "remote": "present"}
PARAGRAPH = re.compile(r"paragraphs?\s*(?:no\.?\s*)?([1-7])\b", re.I)
MINUTES_TITLE = re.compile(r"\bminutes\b", re.I)
# The open data's address pattern: an address from the source that fails it is not recorded.
WEB = re.compile(r"^https?://[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?([/?#][^\s\"'<>\\`{}|^]*)?$")


@dataclass(frozen=True)
class PaperOutcome:
    """What became of one document: a file written, an address listed, or nothing, and why."""

    file: str | None = None
    url: str | None = None
    note: str | None = None


@dataclass
class Person:
    id: str
    name: str
    source_id: str | None
    url: str = ""
    new: bool = False
    seat: str = "other"
    role: str | None = None
    first: date | None = None


@dataclass
class People:
    """The board's people, found by ModernGov member id first, then by name; new ones get a fresh id."""

    known: list[Person] = field(default_factory=list)

    def find(self, member_id: str, name: str) -> Person | None:
        for person in self.known:
            if member_id and person.source_id == member_id:
                return person
        wanted = _name_key(name)
        return next((p for p in self.known if _name_key(p.name) == wanted), None)

    def add(self, member_id: str, name: str, url: str, role: str, day: date) -> Person:
        base = slug(re.sub(r"^(councillor|cllr\.?)\s+", "cllr ", name, flags=re.I), limit=50) or f"member-{member_id}"
        used, candidate, number = {p.id for p in self.known}, base, 2
        while candidate in used:
            candidate, number = f"{base}-{number}", number + 1
        councillor = bool(re.match(r"(councillor|cllr)\b", name, re.I))
        person = Person(candidate, name, member_id or None, url, True, "councillor" if councillor else "other",
                        membership_role(role), day)
        self.known.append(person)
        return person


def _name_key(name: str) -> str:
    return " ".join(re.sub(r"^(cllr\.?|councillor)\s+", "councillor ", name.strip(), flags=re.I).casefold().split())


def membership_role(role: str) -> str | None:
    """The board role a ModernGov role description names; None for officers, guests and substitutes."""
    role = role.casefold()
    if "vice" in role and "chair" in role:
        return "vice-chair"
    if "chair" in role:
        return "chair"
    if "co-opt" in role or "coopt" in role:
        return "co-opted"
    if "observer" in role:
        return "observer"
    if "member" in role and "substitute" not in role:
        return "member"
    return None


def meeting_status(source_status: str, day: date, today: date) -> str:
    status = source_status.casefold()
    if "cancel" in status:
        return "cancelled"
    if "postpone" in status:
        return "postponed"
    return "held" if day < today else "scheduled"


def item_numbers(items: tuple[Item, ...]) -> list[tuple[str, str | None]]:
    """Each item's number as printed (`9.` -> `9`, `5(a)` -> `5a`), with a note when one had to be made up."""
    numbers: list[tuple[str, str | None]] = []
    used: set[str] = set()
    last = "0"
    for item in items:
        match = re.fullmatch(r"(\d+)\s*[.(]?\s*([a-z])?\)?\.?", item.display_number.strip().lower())
        number, note = (match.group(1).lstrip("0") or "0") + (match.group(2) or "") if match else None, None
        if number is None or number in used:
            base = re.match(r"\d+", last).group()
            number = next(f"{base}{letter}" for letter in "abcdefghijklmnopqrstuvwxyz" if f"{base}{letter}" not in used)
            printed = f"was printed `{item.display_number}`" if item.display_number else "has no printed number"
            note = f"item `{item.title}` {printed}; it is numbered {number} here: check it against the printed agenda"
        used.add(number)
        last = number
        numbers.append((number, note))
    return numbers


def paragraph(item: Item) -> int | None:
    """The Schedule 12A paragraph an exempt item names, in a document's restriction or the item's own text."""
    for text in [d.restriction for d in item.documents] + [item.title, item.agenda_text]:
        found = PARAGRAPH.search(text or "")
        if found:
            return int(found.group(1))
    return None


def source(identifier: str, url: str | None = None) -> dict:
    """`{"source": ...}` for a record with ModernGov's numeric id (and a well-formed address); else nothing."""
    if not identifier.isdigit():
        return {}
    return {"source": {"system": SYSTEM, "id": identifier, **({"url": url} if url and WEB.match(url) else {})}}


def meeting_record(meeting: Meeting, status: str, site: str, committee: str, people: People,
                   fetch: Callable[[str, Document], PaperOutcome], approved: bool) -> tuple[dict, list[str]]:
    """The meeting file's content and the notes for the review list; `fetch` downloads a public paper."""
    notes: list[str] = []
    record: dict = {"start": _at(meeting.day, meeting.start)}
    if meeting.start is None:
        notes.append("the source gives no start time: 00:00 was written; correct `start`")
    if meeting.end and meeting.start and meeting.end > meeting.start:
        record["end"] = _at(meeting.day, meeting.end)
    if meeting.venue:
        record["venue"] = meeting.venue
    record["status"] = status
    published = [d.published for item in meeting.items for d in item.documents
                 if d.published and not d.restricted and d.published <= meeting.day]
    if published and status != "cancelled":
        record["agenda_published"] = min(published).isoformat()
    has_minutes = any(item.minutes for item in meeting.items)
    if status == "held" and has_minutes:
        record["minutes_status"] = "approved" if approved else "draft"
        notes.append("the day the minutes were published is not in the source: add `minutes_published`")
    record.update(source(meeting.id, f"{site}/ieListDocuments.aspx?CId={committee}&MId={meeting.id}"))
    attendance = _attendance(meeting, status, people, notes)
    if attendance:
        record["attendance"] = attendance
    items = []
    for item, (number, note) in zip(meeting.items, item_numbers(meeting.items)):
        if note:
            notes.append(note)
        built = _item(item, number, site, fetch, notes)
        if built is not None:
            items.append(built)
    if items:
        record["items"] = items
    return record, notes


def _at(day: date, at: time | None) -> str:
    return datetime.combine(day, at or time(0, 0)).strftime("%Y-%m-%dT%H:%M")


def _attendance(meeting: Meeting, status: str, people: People, notes: list[str]) -> list[dict]:
    rows, seen, unknown = [], set(), []
    for attendee in meeting.attendees:
        if not attendee.name:
            continue
        person = people.find(attendee.member_id, attendee.name) or people.add(
            attendee.member_id, attendee.name, attendee.url, attendee.role, meeting.day)
        said = attendee.attendance.casefold()
        if status != "held" or person.id in seen:
            continue
        if "substitute" in said and "apolog" not in said:
            notes.append(f"{attendee.name} attended as a substitute ({attendee.attendance}); the source does not "
                         "say for whom: add them to `attendance` with `status: substitute` and `for:`")
        elif said in ATTENDANCE or said.startswith("apologies"):
            rows.append({"person": person.id, "status": ATTENDANCE.get(said, "apologies")})
            seen.add(person.id)
            if "substitute" in said:
                notes.append(f"{attendee.name} sent a substitute ({attendee.attendance}): add the substitute")
        else:
            unknown.append(f"{attendee.name} (`{attendee.attendance or 'blank'}`)")
    if unknown:
        notes.append("attendance is not recorded in the source (it says `Expected` or nothing) for "
                     f"{', '.join(unknown)}: check the minutes and add them to `attendance`")
    return rows


def _item(item: Item, number: str, site: str, fetch, notes: list[str]) -> dict | None:
    # `session:` says which kind of item the browser editor shows (public, or private with `exempt:`).
    entry: dict = {"number": number, "title": item.title or f"Item {number}",
                   "session": "private" if item.restricted else "public"}
    if item.restricted:
        found = paragraph(item)
        if found is None:
            notes.append(f"item {number} `{item.title}` is restricted and the source names no Schedule 12A "
                         "paragraph: it was left out; add it with `exempt:` and its paragraph")
            return None
        entry["exempt"] = found
    entry.update(source(item.id, f"{site}/mgAi.aspx?ID={item.id}"))
    papers = []
    for document in item.documents:
        if item.restricted:
            papers.append({"title": document.title or "Exempt report", **source(document.id)})
            continue
        if document.restricted:
            notes.append(f"item {number}: the restricted document `{document.title}` was not downloaded "
                         "and is not listed")
            continue
        outcome = fetch(number, document)
        if outcome.note:
            notes.append(f"item {number}: {outcome.note}")
        if outcome.file or outcome.url:
            paper = {"title": document.title or "Paper", **({"file": outcome.file} if outcome.file else
                                                             {"url": outcome.url})}
            paper.update(source(document.id, document.url))
            papers.append(paper)
    if papers:
        entry["papers"] = papers
    if item.restricted:
        if item.minutes:
            notes.append(f"item {number} is exempt: its minute was not imported; add its public part by hand")
        return entry
    minutes = "\n\n".join(part for part in (item.minutes, f"**Decision**\n\n{item.decision}" if item.decision
                                             else "") if part)
    if minutes:
        entry["minutes"] = minutes
    if item.is_decision and item.decision:
        notes.append(f"item {number}: ModernGov records a decision; add it under `decisions:` with "
                     "`hwbsite new decision` (its id and outcome are not in the source)")
    if item.declarations:
        notes.append(f"item {number}: {item.declarations} declaration(s) of interest are recorded, but who "
                     "declared what is only in the minutes: add them under `declarations:`")
    for found in re.finditer(r"[^.]*\bsubstitut\w*[^.]*\.", item.minutes, flags=re.I):
        notes.append(f"item {number}: the minutes mention a substitute (\"{found.group().strip()[:120]}\"): "
                     "check `attendance`")
    return entry
