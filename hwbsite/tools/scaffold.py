"""Correct, commented starting files for an officer's week, never overwriting one.

`new meeting` writes a meeting from the board's defaults with the standard opening items; `new
person` adds to people.yml; `new decision` adds a decision with the next free id under an agenda
item; `new paper` copies a paper into the meeting's folder under a safe name and lists it under its
item. Edits add lines to the officer's YAML as text, so their comments and layout survive.
"""

from __future__ import annotations

import re
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

from hwbsite.model import Board
from hwbsite.record import SLUG_PATTERN
from hwbsite.record.lists import ListFormError, append_entries
from hwbsite.checks.papers import PAPER_TYPES

OPENING_ITEMS = ("Apologies for absence and substitutions", "Declarations of interest",
                 "Minutes of the previous meeting", "Public questions")


class ScaffoldError(Exception):
    """What the officer asked for cannot be written; the message says why."""


def _municipal_year(day: date) -> int:
    return day.year if day.month >= 5 else day.year - 1


def next_item_number(board: Board, day: date) -> int:
    """Minute numbers run on across the municipal year (May to April)."""
    numbers = [int(re.match(r"\d+", item.number).group()) for m in board.meetings
               if _municipal_year(m.start.date()) == _municipal_year(day) and m.start.date() < day
               for item in m.items]
    return max(numbers, default=0) + 1


def next_decision_id(board: Board, year: int) -> str:
    prefix = board.info["decision_prefix"]
    used = [int(d.rsplit("-", 1)[1]) for d in board.decisions if d.startswith(f"{prefix}-{year}-")]
    return f"{prefix}-{year}-{max(used, default=0) + 1:03d}"


def new_meeting(board: Board, data_dir: Path, day: date, at: str = "14:00", kind: str = "ordinary") -> Path:
    path = data_dir / "meetings" / f"{day.isoformat()}.yml"
    if path.exists():
        raise ScaffoldError(f"{path.name} already exists: edit it instead")
    path.parent.mkdir(exist_ok=True)         # a new board's clone has no (empty) meetings folder
    start = datetime.combine(day, datetime.strptime(at, "%H:%M").time())
    before = [m for m in board.meetings if m.start < start and m.status == "held"]
    first = next_item_number(board, day)
    titles = list(OPENING_ITEMS)
    if before:
        titles[2] = f"Minutes of the meeting held on {before[-1].start.day} {before[-1].start:%B %Y}"
    lines = [
        f"# {kind.replace('-', ' ').capitalize()} meeting of the {board.info['name']}.",
        "# Fill in the blanks as the meeting is prepared; see docs/reference.md for every field.",
        f"start: {start:%Y-%m-%dT%H:%M}",
        f"end: {start + timedelta(hours=2):%Y-%m-%dT%H:%M}",
    ]
    if kind != "ordinary":
        lines.append(f"kind: {kind}")
    lines += [
        f"venue:                  # blank: {board.info.get('default_venue') or 'the board default venue'}",
        "status: scheduled       # scheduled, held, cancelled or postponed",
        "agenda_published:       # the day the agenda and papers go out (5 clear working days before)",
        "minutes_published:",
        "minutes_status:         # draft, then approved when the next meeting agrees them",
        "attendance:             # after the meeting: present, apologies, absent, substitute (with for:)",
        "declarations:",
        "items:",
    ]
    for offset, title in enumerate(titles):
        lines += [f"  - number: {first + offset}", f"    title: {title}",
                  "    session: public      # or private, with exempt: and its Schedule 12A paragraph",
                  f"    purpose: {'decision' if title.startswith('Minutes') else 'information'}"]
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_new(path, "\n".join(lines) + "\n")
    return path


def new_board(repo: Path, board_id: str, name: str, council_id: str, council_name: str) -> Path:
    """A new board's required files, ready to validate, with comments saying what goes where."""
    for value, what in ((board_id, "board id"), (council_id, "council id")):
        if not re.fullmatch(SLUG_PATTERN, value):
            raise ScaffoldError(f"`{value}` is not a valid {what}: use lowercase letters, digits and single hyphens")
    data_dir = repo / "data" / board_id
    if data_dir.exists():
        raise ScaffoldError(f"data/{board_id}/ already exists")
    (data_dir / "meetings").mkdir(parents=True)
    _write_new(data_dir / "board.yml", "\n".join([
        "# The board: its name, contact details and publication rules. See docs/reference.md.",
        f"name: {_quote(name)}", f"council: {council_id}", "timezone: Europe/London", "decision_prefix: hwb",
        "contact:", "  email:", "  phone:", "  address:",
        "publication:", "  clear_working_days: 5", "  minutes_within_working_days: 10",
        "quorum:", "  members:", "  seats: [councillor, integrated-care-board]", "default_venue:", ""]))
    _write_new(data_dir / "organisations.yml",
               "# Organisations whose people sit on or attend the board.\n"
               f"- {{id: {council_id}, name: {_quote(council_name)}, classification: local-authority}}\n")
    _write_new(data_dir / "people.yml", "# People who sit on or attend the board: hwbsite new person\n[]\n")
    _write_new(data_dir / "memberships.yml", "# Who sits on the board, in which seat, from when.\n[]\n")
    content = repo / "content" / board_id
    content.mkdir(parents=True, exist_ok=True)
    if not (content / "about.md").exists():
        _write_new(content / "about.md", f"# About the board\n\nWhat the {name} does, in plain words.\n")
    return data_dir


def new_person(data_dir: Path, person_id: str, name: str, organisation: str | None, job_title: str | None,
               known: set[str]) -> Path:
    if person_id in known:
        raise ScaffoldError(f"there is already a person `{person_id}` in people.yml")
    if not re.fullmatch(SLUG_PATTERN, person_id):
        raise ScaffoldError(f"`{person_id}` is not a valid id: use lowercase letters, digits and single hyphens")
    fields = [f"id: {person_id}", f"name: {_quote(name)}"]
    if organisation:
        fields.append(f"organisation: {organisation}")
    if job_title:
        fields.append(f"job_title: {_quote(job_title)}")
    path = data_dir / "people.yml"
    try:
        append_entries(path, ["- {" + ", ".join(fields) + "}"])    # under `people:` if the file has it
    except ListFormError as error:
        raise ScaffoldError(str(error)) from None
    return path


def new_decision(board: Board, data_dir: Path, meeting_id: str, item: str, text: str, outcome: str,
                 vote: tuple[int, int, int] | None = None, casting_vote: bool = False) -> str:
    """A decision under an item, with the next free id; `vote` is (for, against, abstain) when counted."""
    meeting = board.meeting_by_id.get(meeting_id)
    if meeting is None:
        raise ScaffoldError(f"there is no meeting `{meeting_id}`")
    if casting_vote and vote is None:
        raise ScaffoldError("a casting vote needs the vote itself: give --for, --against and --abstain")
    if vote is not None and min(vote) < 0:
        raise ScaffoldError("votes are counted in whole numbers from 0")
    decision_id = next_decision_id(board, meeting.start.year)
    entry = [f"- id: {decision_id}", f"  text: {_quote(text)}", f"  outcome: {outcome}"]
    if vote is not None:
        entry.append(f"  vote: {{for: {vote[0]}, against: {vote[1]}, abstain: {vote[2]}, "
                     f"casting_vote: {'true' if casting_vote else 'false'}}}")
    _insert_under_item(meeting.source, item, "decisions", entry)   # the file it was read from, whatever its name
    return decision_id


def new_paper(board: Board, data_dir: Path, content_dir: Path, source: Path, meeting_id: str, item: str,
              title: str) -> str:
    meeting = board.meeting_by_id.get(meeting_id)
    if meeting is None:
        raise ScaffoldError(f"there is no meeting `{meeting_id}`")
    # Every refusal comes before the copy: a paper of a private item must never reach the repository.
    agenda_item = next((i for i in meeting.items if i.number == item), None)
    if agenda_item is None:
        raise ScaffoldError(f"there is no item {item} on the agenda of {meeting_id}")
    if agenda_item.exempt is not None:
        raise ScaffoldError(f"item {item} is taken in private (paragraph {agenda_item.exempt} of Schedule 12A), so "
                            "its papers must never be committed, even to a private branch: list the paper under the "
                            "item by its title only, as `- {title: ...}`")
    if not source.is_file():
        raise ScaffoldError(f"no such file: {source}")
    if source.suffix.lower() not in PAPER_TYPES:
        raise ScaffoldError(f"`{source.name}` is not a document the site publishes: save it as one of "
                            + ", ".join(sorted(PAPER_TYPES)))
    # The permanent address comes from the item and the title, never the officer's working file name
    # (`report-final-v3.pdf`).
    relative = f"papers/{meeting_id}/{item}-{slug(title, limit=60) or 'paper'}{source.suffix.lower()}"
    target = content_dir / relative
    if target.exists():
        raise ScaffoldError(f"content/.../{relative} already exists: give the paper another file name")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    _insert_under_item(meeting.source, item, "papers",
                       [f"- {{title: {_quote(title)}, file: {relative}}}"])
    return relative


def _insert_under_item(path: Path, number: str, key: str, entry: list[str]) -> None:
    """Add `entry` to the item's `key:` list, creating the list at the end of the item if needed."""
    lines = path.read_text(encoding="utf-8").split("\n")
    start = next((i for i, line in enumerate(lines) if re.fullmatch(rf"\s*- number: {re.escape(number)}\s*", line)),
                 None)
    if start is None:
        raise ScaffoldError(f"there is no item {number} on the agenda in {path.name}")
    item_indent = len(lines[start]) - len(lines[start].lstrip()) + 2
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) >= item_indent):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    pad = " " * item_indent
    found = next((i for i in range(start, end) if lines[i].startswith(f"{pad}{key}:")), None)
    if found is None:
        lines[end:end] = [f"{pad}{key}:"] + [f"{pad}  {line}" for line in entry]
        path.write_text("\n".join(lines), encoding="utf-8")
        return
    if lines[found].strip() != f"{key}:":
        raise ScaffoldError(f"item {number}'s `{key}:` in {path.name} is written on one line; "
                            "put each entry on its own line starting with `- `, then try again")
    after = found + 1          # the new entry goes after the list's last entry, keeping the order added
    while after < end and (not lines[after].strip() or len(lines[after]) - len(lines[after].lstrip()) > len(pad)):
        after += 1
    while after > found + 1 and not lines[after - 1].strip():
        after -= 1
    lines[after:after] = [f"{pad}  {line}" for line in entry]
    path.write_text("\n".join(lines), encoding="utf-8")


def slug(text: str, limit: int = 0) -> str:
    """Lowercase words joined by hyphens, cut at a word boundary within `limit` characters when given."""
    words = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if limit and len(words) > limit:
        words = words[:limit + 1].rsplit("-", 1)[0] if "-" in words[:limit + 1] else words[:limit]
    return words


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _write_new(path: Path, text: str) -> None:
    with path.open("x", encoding="utf-8") as handle:      # "x": fails rather than overwrite
        handle.write(text)
