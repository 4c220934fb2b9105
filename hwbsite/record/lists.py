"""List files written either way: as a bare YAML list, or with their entries under one key.

Decap CMS (the browser editor) cannot edit a file that is a bare list, so it keeps a list file's entries
under one key named after the file (`people:` in people.yml); an officer's hand-written file is a bare
list. Both mean the same, and the reader accepts both; hwbsite's own writers (`hwbsite new person`, the
ModernGov importer) add entries in whichever form the file has.
"""

from __future__ import annotations

import re
from pathlib import Path

from hwbsite.record.loader import YList, YMap

# The list files, and the one key the editor writes their entries under.
LIST_KEYS = {"organisations.yml": "organisations", "people.yml": "people", "memberships.yml": "memberships",
             "forward-plan.yml": "forward-plan", "groups.yml": "groups", "indicators.yml": "indicators"}


def listed(name: str, data):
    """A list file's entries, whether written as a bare list or under its one key (`people:`)."""
    key = LIST_KEYS.get(name)
    if key and isinstance(data, YMap) and list(data) == [key] and isinstance(data[key], (YList, type(None))):
        return data[key] if data[key] is not None else _empty(data)
    return data


def _empty(data: YMap) -> YList:
    empty = YList()
    empty.mark, empty.item_marks = data.mark, []
    return empty


class ListFormError(ValueError):
    """A list file whose entries are written on one line (`people: [...]`): no entry can be added as text."""


def append_entries(path: Path, entries: list[str]) -> None:
    """Add entries (YAML list entries, each beginning `- `) at the end of a list file, in the file's form.

    In a file whose entries are under its one key (`people:`, as the editor writes it) they go under the
    key, indented as its entries are; otherwise the file is a bare list and they are added as its last
    lines. An empty list written as `[]` (a new board's file) gives way to the entries. The officer's
    comments and layout are kept: only lines are added.
    """
    if not entries:
        return
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    lines = text.splitlines()
    key = LIST_KEYS.get(path.name)
    at = next((n for n, line in enumerate(lines) if key and re.match(rf"{re.escape(key)}:(\s|$)", line)), None)
    if at is None:
        kept = [line for line in lines if line.strip() != "[]"]
        path.write_text("\n".join(kept + entries) + "\n", encoding="utf-8")
        return
    value = lines[at][len(key) + 1:].split(" #")[0].strip()
    if value == "[]":
        lines[at] = f"{key}:"
    elif value:
        raise ListFormError(f"the entries of {path.name} are written on one line after `{key}:`; put each on "
                            "its own line starting with `- `, then try again")
    first = next((line for line in lines[at + 1:] if line.lstrip().startswith("- ")), None)
    pad = " " * (len(first) - len(first.lstrip())) if first is not None else "  "
    while lines and not lines[-1].strip():
        lines.pop()
    lines += [pad + line for entry in entries for line in entry.splitlines()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
