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


def keep_parsed(on: bool = True) -> None:
    global _KEPT
    _KEPT = (_KEPT if _KEPT is not None else {}) if on else None


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
