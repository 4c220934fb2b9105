"""List files written either way: as a bare YAML list, or with their entries under one key.

Decap CMS (the browser editor) cannot edit a file that is a bare list, so it keeps a list file's entries
under one key named after the file (`people:` in people.yml); an officer's hand-written file is a bare
list. Both mean the same, and the reader accepts both.
"""

from __future__ import annotations

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
