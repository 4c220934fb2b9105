"""Writing what the importer made, without ever overwriting an officer's own edits.

Every file the importer writes is fingerprinted (SHA-256) in `data/<board>/moderngov-import.json`. On
the next run a file whose bytes still match is updated from the source; one that no longer matches was
edited by hand and is left alone, and the review list says so. People and memberships are added to the
officer's files as new lines, so their comments and layout survive.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import yaml

from hwbsite.record.lists import append_entries
from hwbsite.tools.moderngov_records import WEB, Person

STATE = "moderngov-import.json"
REVIEW = "moderngov-review.md"
PLAIN = re.compile(r"^([0-9]+[a-z]?|\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?|true|false)$")
EDITED = "edited by hand since the last import: not updated"
DELETED = "deleted by hand since the last import: not written again"
NOT_OURS = "already exists and was not written by the importer: not overwritten; compare it with the source"


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data):        # the board's loader refuses aliases
        return True


class Flow(dict):
    """A mapping written on one line: `{person: x, status: present}`."""


def _str(dumper, value: str):
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    if PLAIN.match(value):    # the loader keeps text as typed, so numbers and dates need no quotes
        return dumper.represent_scalar(dumper.resolve(yaml.ScalarNode, value, (True, False)), value)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(Flow, lambda dumper, value: dumper.represent_mapping(
    "tag:yaml.org,2002:map", value.items(), flow_style=True))
_Dumper.add_representer(dict, lambda dumper, value: dumper.represent_mapping(
    "tag:yaml.org,2002:map", value.items(), flow_style=False))


def dump_yaml(record: dict, header: str) -> str:
    body = yaml.dump(_flowed(record), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)
    return header + body


def _flowed(value, key: str | None = None):
    if isinstance(value, dict):
        inner = {k: _flowed(v, k) for k, v in value.items()}
        return Flow(inner) if key == "source" else inner
    if isinstance(value, list):
        if key == "attendance":
            return [Flow(v) for v in value]
        return [_flowed(v) for v in value]
    return value


def fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Writer:
    """Writes files under the repository, remembering what it wrote so hand edits are never lost."""

    def __init__(self, repo: Path, board: str) -> None:
        self.repo, self.board = repo, board
        self.state_path = repo / "data" / board / STATE
        try:
            loaded = json.loads(self.state_path.read_text(encoding="utf-8")) if self.state_path.is_file() else {}
        except (ValueError, OSError):
            loaded = {}
        self.state = {"files": dict(loaded.get("files") or {}), "meetings": dict(loaded.get("meetings") or {}),
                      "papers": dict(loaded.get("papers") or {})}

    def relative(self, path: Path) -> str:
        return path.relative_to(self.repo).as_posix()

    def status(self, path: Path) -> str:
        """`ours` (unchanged since written), `edited`, `deleted`, `not-ours` or `new`."""
        known = self.state["files"].get(self.relative(path))
        if known is None:
            return "not-ours" if path.exists() else "new"
        if not path.is_file():
            return "deleted"
        return "ours" if fingerprint(path.read_bytes()) == known else "edited"

    def refusal(self, path: Path) -> str | None:
        """Why the importer may not write `path` (an officer has it), or None."""
        return {"edited": EDITED, "deleted": DELETED, "not-ours": NOT_OURS}.get(self.status(path))

    def write(self, path: Path, data: bytes) -> str | None:
        """Writes `data` unless an officer has the file; returns why not, or None when written or unchanged."""
        status = self.status(path)
        if status == "not-ours" and fingerprint(path.read_bytes()) == fingerprint(data):
            status = "ours"
        if status == "edited":
            return EDITED
        if status == "deleted":
            return DELETED
        if status == "not-ours":
            return NOT_OURS
        if not (path.is_file() and path.read_bytes() == data):
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(path.name + ".importing")
            temporary.write_bytes(data)
            temporary.replace(path)
        self.state["files"][self.relative(path)] = fingerprint(data)
        return None

    def save(self) -> None:
        text = json.dumps({"about": "Written by `hwbsite import moderngov`: what it imported and the fingerprint "
                                    "of each file it wrote. Not published.", **self.state},
                          indent=1, sort_keys=True, ensure_ascii=False) + "\n"
        if not (self.state_path.is_file() and self.state_path.read_text(encoding="utf-8") == text):
            self.state_path.write_text(text, encoding="utf-8")


def add_people(path: Path, people: list[Person], council: str | None) -> None:
    """New people as lines at the end of people.yml (under `people:` when the editor wrote it so)."""
    lines = []
    for person in people:
        entry = {"id": person.id, "name": person.name}
        if person.seat == "councillor" and council:
            entry["organisation"] = council
        entry["source"] = Flow({"system": "moderngov", "id": person.source_id or "",
                                **({"url": person.url} if WEB.match(person.url) else {})})
        if not (person.source_id or "").isdigit():
            del entry["source"]
        lines.append("- " + _one_line(entry))
    append_entries(path, lines)


def add_memberships(path: Path, people: list[Person]) -> None:
    """A membership for each new person who sat on the board, from the first meeting they are listed at."""
    lines = ["- " + _one_line({"person": p.id, "seat": p.seat, "role": p.role,
                               "voting": "true" if p.seat == "councillor" else "false",
                               "start": p.first.isoformat()})
             for p in people if p.role]
    append_entries(path, lines)


def _one_line(entry: dict) -> str:
    return yaml.dump(Flow(entry), Dumper=_Dumper, width=10_000, allow_unicode=True).strip()


def write_review(path: Path, title: str, general: list[str], by_meeting: dict[str, list[str]]) -> None:
    """The review list: what the importer could not know, meeting by meeting. Not published."""
    lines = [f"# What to check after importing from ModernGov: {title}", "",
             "Written by `hwbsite import moderngov` on every run; not published. Each line is something the",
             "web service could not tell. Correct the meeting file, then `hwbsite validate`. A file you edit",
             "is never overwritten by a later import.", ""]
    if general:
        lines += ["## Overall", ""] + [f"- {note}" for note in general] + [""]
    for meeting, notes in sorted(by_meeting.items()):
        if notes:
            lines += [f"## meetings/{meeting}.yml", ""] + [f"- {note}" for note in notes] + [""]
    if not general and not any(by_meeting.values()):
        lines += ["Nothing to check.", ""]
    text = "\n".join(lines)
    if not (path.is_file() and path.read_text(encoding="utf-8") == text):
        path.write_text(text, encoding="utf-8")
