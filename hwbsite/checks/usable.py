"""The rows of a board that no error touches, so that checks needing the whole record (notice,
quorum, votes, seats) can still run on every meeting that was read well while other parts wait
for a correction.

A row is set aside when an error stands on one of its lines, and so is every row that refers to
a row set aside (an item of a meeting set aside, a decision under that item), until nothing
refers to a missing row.
"""

from __future__ import annotations

from hwbsite.record.tables import BoardFiles
from hwbsite.problems import Problem, Problems
from hwbsite.checks.tables import foreign_key_misses


# Errors that leave every value read as typed: a key hwbsite does not know is not read at all, and of
# a key given twice the first is kept.
HARMLESS = frozenset({"unknown-key", "duplicate-key"})


def usable_rows(files: BoardFiles, typed: dict[str, list[dict]], errors: list[Problem],
                problems: Problems) -> dict[str, list[dict]]:
    marked = {(error.file, error.line) for error in errors if error.code not in HARMLESS}
    usable: dict[str, list[dict]] = {}
    for name, rows in typed.items():
        sources = files.tables[name].sources
        usable[name] = [row for row, source in zip(rows, sources)
                        if not _touched(problems.relative(source.file), source, marked)]
    while True:
        misses = foreign_key_misses(usable)
        if not misses:
            return usable
        dropped = {(name, index) for name, index, _ in misses}
        usable = {name: [row for index, row in enumerate(rows) if (name, index) not in dropped]
                  for name, rows in usable.items()}


def _touched(file: str, source, marked: set[tuple[str, int]]) -> bool:
    lines = {source.mark.line} | {mark.line for mark in source.marks.values()}
    return any((file, line) in marked for line in lines)
