"""One run of `hwbsite import moderngov`: list the committee's meetings, read each, write the board's files.

A run reads the whole range before deciding what approved whose minutes, writes only what changed at
the source, and keeps per meeting a short summary (with its review notes) so that a meeting the server
says has not changed (304) needs no second download and the review list stays the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable

from hwbsite.record.lists import listed as entries_of
from hwbsite.record.loader import YMap, load_yaml
from hwbsite.problems import Problems
from hwbsite.tools.scaffold import slug
from hwbsite.tools.moderngov_client import Client, SourceError, TooLarge
from hwbsite.tools.moderngov_parse import Document, Meeting, SourceValueError, parse_meeting, parse_meetings
from hwbsite.tools.moderngov_records import MINUTES_TITLE, WEB, PaperOutcome, People, Person, meeting_record, meeting_status
from hwbsite.tools.moderngov_write import DELETED, EDITED, NOT_OURS, REVIEW, Writer, add_memberships, add_people, dump_yaml, write_review

DOCUMENTS = {"pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "csv", "txt"}
TYPES = {"application/pdf": "pdf", "text/csv": "csv", "text/plain": "txt",
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
         "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
         "application/vnd.oasis.opendocument.text": "odt", "application/vnd.oasis.opendocument.spreadsheet": "ods",
         "application/vnd.oasis.opendocument.presentation": "odp"}
NEW_PERSON = " is new: added to people.yml as "
REFUSALS = (EDITED, DELETED, NOT_OURS)
HEADER = ("# Imported from ModernGov by `hwbsite import moderngov`; what to check is in ../{review}.\n"
          "# Edit it freely: once you have changed it, later imports leave this file alone.\n")


class ImportStopped(Exception):
    """The import cannot start (a board file cannot be read); the message says what to correct."""


@dataclass
class Report:
    written: list[str] = field(default_factory=list)
    meetings: int = 0
    failed: list[str] = field(default_factory=list)
    review: Path | None = None
    notes: int = 0


def run_import(repo: Path, board: str, client: Client, committee: str, start: date, end: date, today: date,
               progress: Callable[[int, int, str], None] = lambda done, total, label: None) -> Report:
    data_dir = repo / "data" / board
    problems = Problems(repo)
    loaded = {name: load_yaml(data_dir / name, problems) if (data_dir / name).is_file() else None
              for name in ("board.yml", "people.yml", "memberships.yml")}
    if problems.errors:
        first = problems.errors[0]
        raise ImportStopped(f"{first.file}:{first.line}: {first.message}; correct it, then import again")
    # people.yml as a bare list, or under `people:` as the browser editor writes it.
    people = People([_known(entry) for entry in entries_of("people.yml", loaded["people.yml"]) or []
                     if isinstance(entry, YMap)])
    before = len(people.known)
    writer = Writer(repo, board)
    root, _ = client.call("GetMeetings", lCommitteeId=committee, sFromDate=f"{start:%d/%m/%Y}",
                          sToDate=f"{end:%d/%m/%Y}")
    general: list[str] = []
    listed = []
    for meeting in parse_meetings(root, committee):
        if meeting.day is None:
            general.append(f"ModernGov meeting {meeting.id} has the date `{meeting.raw_date}`, which is not a date: "
                           "not imported")
        elif not meeting.id.isdigit():
            general.append(f"a meeting of {meeting.raw_date} has the id `{meeting.id}`, which is not ModernGov's: "
                           "not imported")
        elif start <= meeting.day <= end:
            listed.append(meeting)       # some installs ignore the range and list everything
    listed.sort(key=lambda m: (m.day, m.id))
    summaries = writer.state["meetings"]
    ids = _meeting_ids(listed, summaries)
    report = Report()
    fetched: dict[str, Meeting] = {}
    skipped: list = []
    for number, meeting in enumerate(listed, start=1):
        progress(number, len(listed), f"{ids[meeting.id]} (ModernGov meeting {meeting.id})")
        summary = summaries.get(meeting.id)
        own = summary is not None and writer.status(data_dir / "meetings" / f"{ids[meeting.id]}.yml") == "ours"
        unchanged = _read_meeting(client, meeting, summary if own else None, fetched, summaries, ids, report)
        if unchanged and meeting_status(summary["source_status"], meeting.day, today) == summary["status"]:
            skipped.append(meeting)
        elif unchanged:
            _read_meeting(client, meeting, None, fetched, summaries, ids, report)
    for meeting in skipped:      # a later meeting may have approved its minutes since
        if _approved(meeting.id, summaries, today) != summaries[meeting.id].get("approved"):
            _read_meeting(client, meeting, None, fetched, summaries, ids, report)
    order = [m.id for m in listed]
    for source_id in sorted(fetched, key=order.index):
        meeting, meeting_id = fetched[source_id], ids[source_id]
        path = data_dir / "meetings" / f"{meeting_id}.yml"
        status, approved = meeting_status(meeting.status, meeting.day, today), _approved(source_id, summaries, today)
        refusal = writer.refusal(path)
        if refusal:
            earlier = [n for n in summaries[source_id].get("previous", []) if n not in REFUSALS]
            notes = [refusal] + earlier
        else:
            count = len(people.known)
            fetch = _paper_fetcher(client, writer, repo / "content" / board, meeting_id)
            record, notes = meeting_record(meeting, status, client.site, committee, people, fetch, approved)
            # People are new only on the run that added them: keep saying so, so a run changes nothing.
            notes += [n for n in summaries[source_id].get("previous", []) if NEW_PERSON in n]
            for person in people.known[count:]:
                notes.append(f"{person.name}{NEW_PERSON}`{person.id}`"
                             + (f" with a {person.role} membership (seat `{person.seat}`) from {person.first}: "
                                "check the seat, whether they vote and when the membership began and ended"
                                if person.role else " (no membership: an officer, guest or substitute)"))
            writer.write(path, dump_yaml(record, HEADER.format(review=REVIEW)).encode("utf-8"))
            report.written.append(writer.relative(path))
        summaries[source_id].pop("previous", None)
        summaries[source_id].update(status=status, approved=approved, notes=notes)
        report.meetings += 1
    new_people = people.known[before:]
    add_people(data_dir / "people.yml", new_people, _text(loaded["board.yml"], "council"))
    add_memberships(data_dir / "memberships.yml", new_people)
    writer.save()
    by_meeting = {s["id"]: s.get("notes") or [] for s in summaries.values()}
    name = _text(loaded["board.yml"], "name") or board
    report.review = data_dir / REVIEW
    write_review(report.review, name, sorted(general) + report.failed, by_meeting)
    report.notes = len(general) + len(report.failed) + sum(len(n) for n in by_meeting.values())
    return report


def _read_meeting(client: Client, listed, summary: dict | None, fetched: dict, summaries: dict, ids: dict,
                  report: Report) -> bool:
    """Reads one meeting into `fetched`; True when the server says it has not changed since `summary`."""
    try:
        element, answer = client.call("GetMeeting", (summary or {}).get("etag"),
                                      (summary or {}).get("last_modified"), lMeetingId=listed.id)
        if element is None:
            return True
        meeting = parse_meeting(element)
    except (SourceError, SourceValueError) as error:
        report.failed.append(f"ModernGov meeting {listed.id} ({listed.raw_date}) could not be read: {error}")
        return False
    fetched[listed.id] = meeting
    previous = summaries.get(listed.id) or {}
    summaries[listed.id] = {"id": ids[listed.id], "date": meeting.day.isoformat(), "source_status": meeting.status,
                            "etag": answer.etag, "last_modified": answer.last_modified,
                            "minutes_item": any(MINUTES_TITLE.search(i.title) for i in meeting.items),
                            "status": previous.get("status"), "approved": previous.get("approved"),
                            "previous": previous.get("notes") or []}
    return False


def _text(block, key: str) -> str | None:
    value = block.get(key) if isinstance(block, YMap) else None
    return value.strip() if isinstance(value, str) and value.strip() else None


def _known(entry: YMap) -> Person:
    source = entry.get("source")
    member = _text(source, "id") if isinstance(source, YMap) and _text(source, "system") == "moderngov" else None
    return Person(_text(entry, "id") or "", _text(entry, "name") or "", member)


def _meeting_ids(listed, summaries: dict) -> dict[str, str]:
    """Each meeting's permanent id: the one given before, else its date, with `-2` for a second that day."""
    ids = {m.id: summaries[m.id]["id"] for m in listed if m.id in summaries}
    taken = {s["id"] for s in summaries.values()}
    for meeting in listed:
        if meeting.id in ids:
            continue
        candidate, number = meeting.day.isoformat(), 2
        while candidate in taken:
            candidate, number = f"{meeting.day.isoformat()}-{number}", number + 1
        ids[meeting.id] = candidate
        taken.add(candidate)
    return ids


def _approved(source_id: str, summaries: dict, today: date) -> bool:
    """Minutes are approved when the next meeting held afterwards has a minutes item."""
    mine = summaries[source_id]
    later = sorted((s["date"], s["id"], s) for s in summaries.values()
                   if (s["date"], s["id"]) > (mine["date"], mine["id"])
                   and meeting_status(s["source_status"], date.fromisoformat(s["date"]), today) == "held")
    return bool(later) and bool(later[0][2].get("minutes_item"))


def _paper_fetcher(client: Client, writer: Writer, content_dir: Path, meeting_id: str):
    used: set[str] = set()

    def fetch(number: str, document: Document) -> PaperOutcome:
        title = document.title or "untitled document"
        web = document.url if WEB.match(document.url) else None
        if document.is_url or not client.same_site(document.url):
            if web is None:
                return PaperOutcome(note=f"`{title}` links to `{document.url}`, which is not a web address: not listed")
            return PaperOutcome(url=web, note=None if document.is_url else
                                f"`{title}` is on another site: listed by its address, not downloaded")
        cached = writer.state["papers"].get(document.id) or {}
        known = content_dir / cached["file"] if cached.get("file") else None
        status = writer.status(known) if known else "new"
        if status in ("edited", "deleted"):
            note = f"`{cached['file']}` was {status} by hand since the last import: not downloaded again"
            return PaperOutcome(file=cached["file"] if status == "edited" else None,
                                url=web if status == "deleted" else None, note=note)
        try:
            answer = client.get(document.url, *((cached.get("etag"), cached.get("last_modified"))
                                                if status == "ours" else (None, None)),
                                accept=lambda kind, filename: _extension(kind, filename, b"") is not None)
        except TooLarge as error:
            return PaperOutcome(url=web, note=f"`{title}` is too large to download ({error}): listed by its address")
        except SourceError as error:
            return PaperOutcome(url=web, note=f"`{title}` could not be downloaded ({error}): listed by its address; "
                                              "import again later")
        if answer.not_modified:
            used.add(cached["file"])
            return PaperOutcome(file=cached["file"])
        extension = _extension(answer.content_type, answer.filename, answer.body or b"")
        if extension in (None, "?") or not answer.body:
            return PaperOutcome(url=web, note=f"`{title}` is not a document hwbsite publishes "
                                              f"({answer.content_type or 'unknown type'}): listed by its address")
        relative = cached.get("file") if status == "ours" else None
        if relative is None:
            stem = f"papers/{meeting_id}/{number}-{slug(title, limit=60) or 'paper'}"
            relative, count = f"{stem}.{extension}", 2
            while relative in used or writer.status(content_dir / relative) == "not-ours":
                relative, count = f"{stem}-{count}.{extension}", count + 1
        used.add(relative)
        refused = writer.write(content_dir / relative, answer.body)
        if refused:
            return PaperOutcome(url=web, note=f"`{relative}` {refused}")
        writer.state["papers"][document.id] = {"file": relative, "etag": answer.etag,
                                               "last_modified": answer.last_modified}
        return PaperOutcome(file=relative)

    return fetch


def _extension(content_type: str, filename: str | None, body: bytes) -> str | None:
    """The document's type from its name, its Content-Type and its first bytes; `?` when only the body can tell."""
    suffix = filename.rsplit(".", 1)[-1].lower() if filename and "." in filename else ""
    guess = suffix if suffix in DOCUMENTS else TYPES.get(content_type)
    if guess is None and content_type in ("application/octet-stream", "binary/octet-stream", ""):
        guess = "pdf" if body.startswith(b"%PDF") else ("?" if not body else None)
    if guess is None or not body:
        return guess
    head = body[:512].lstrip().lower()
    if head.startswith((b"<!doctype", b"<html", b"<?xml", b"<svg", b"<script")):
        return None                      # a web page or script dressed as a document
    if guess == "pdf" and not body.startswith(b"%PDF"):
        return None
    if guess in ("docx", "xlsx", "pptx", "odt", "ods", "odp") and not body.startswith(b"PK\x03\x04"):
        return None
    if guess in ("csv", "txt") and b"\x00" in body[:4096]:
        return None
    return guess
