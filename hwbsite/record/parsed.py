"""Files already parsed, kept while their text stays the same: only when asked, by the preview.

`hwbsite serve` checks the whole board again at every save, and reading the YAML of every meeting file was
the largest part of that. With `keep_parsed()` on, a file read again with the same text gives the data
and the problems parsing it found the first time, without parsing. Only the preview turns it on: it
never changes the data it reads (the importer, which does, never runs with it).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from hwbsite.problems import Problems

_KEPT: dict[tuple[str, str], tuple[str, object, list]] | None = None
_READ: dict[tuple[str, str], tuple[object, list, list]] = {}


def keep_parsed(on: bool = True) -> None:
    global _KEPT
    _KEPT = (_KEPT if _KEPT is not None else {}) if on else None
    if not on:
        _READ.clear()


def keeping() -> bool:
    """Whether the preview is on, so that later stages may keep what they made from unchanged data too."""
    return _KEPT is not None


def recall(path: Path, text: str, problems: Problems, parse: Callable[[Path, Problems, str], object]):
    """`parse(path, problems, text)`, or what it gave the last time the file had this text."""
    if _KEPT is None:
        return parse(path, problems, text)
    key = (os.path.abspath(problems.root), os.path.abspath(path))
    if key in _KEPT and _KEPT[key][0] == text:
        problems.items.extend(_KEPT[key][2])
        return _KEPT[key][1]
    before = len(problems.items)
    data = parse(path, problems, text)
    _KEPT[key] = (text, data, problems.items[before:])
    return data


def recall_rows(path: Path, data, problems: Problems, tables: dict, read: Callable[[], None]) -> None:
    """`read()`, which turns `data` (the file's parsed data, from `recall`) into rows of `tables` and may
    report problems; or, when it read this very data before, the rows and problems it made then. The data
    is the same object only while the file's text is unchanged (`recall` keeps it), and the object is
    held here, so no other data can take its place. At ten years this is most of reading the meetings."""
    if _KEPT is None or data is None:
        read()
        return
    key = (os.path.abspath(problems.root), os.path.abspath(path))
    kept = _READ.get(key)
    if kept is not None and kept[0] is data:
        for name, rows, sources in kept[1]:
            tables[name].rows.extend(rows)
            tables[name].sources.extend(sources)
        problems.items.extend(kept[2])
        return
    sizes, before = {name: len(table.rows) for name, table in tables.items()}, len(problems.items)
    read()
    made = [(name, table.rows[sizes[name]:], table.sources[sizes[name]:]) for name, table in tables.items()
            if len(table.rows) > sizes[name]]
    _READ[key] = (data, made, problems.items[before:])
