"""Strict reading of YAML and CSV: text as typed, with the position of everything.

Officers type `12:30`, `NO` and `012345` and mean them literally, so no YAML
implicit typing happens here: every scalar stays the text in the file (a blank
value is None) and the schemas decide what it must be. Every mapping and list
remembers where its keys, values and items are, so a problem found much later
can still name the file, line and column.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .problems import Problems

BLANKS = {"", "~", "null", "Null", "NULL"}


@dataclass(frozen=True)
class Mark:
    line: int
    column: int


class YMap(dict):
    """A YAML mapping with the position of itself, its keys and its values."""

    mark: Mark
    key_marks: dict[str, Mark]
    value_marks: dict[str, Mark]

    def mark_of(self, key: str) -> Mark:
        return self.value_marks.get(key) or self.mark


class YList(list):
    """A YAML sequence with the position of itself and of each item."""

    mark: Mark
    item_marks: list[Mark]


class _Refused(yaml.MarkedYAMLError):
    def __init__(self, code: str, problem: str, hint: str, mark) -> None:
        super().__init__(problem=problem, problem_mark=mark)
        self.code = code
        self.hint = hint


class StrictLoader(yaml.SafeLoader):
    """Composes nodes only; refuses anchors and aliases, which officers never need."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise _Refused(
                "yaml-alias",
                f"the alias *{event.anchor} repeats another part of the file",
                "write the value out in full instead of using * and &",
                event.start_mark,
            )
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _Refused(
                "yaml-alias",
                f"the anchor &{anchor} is not allowed",
                "remove the &name and write each value out in full",
                event.start_mark,
            )
        return super().compose_node(parent, index)


def _mark(node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


def _convert(node, path: Path, problems: Problems):
    if isinstance(node, ScalarNode):
        if node.style is None and node.value in BLANKS:
            return None
        return node.value
    if isinstance(node, SequenceNode):
        result = YList(_convert(item, path, problems) for item in node.value)
        result.mark = _mark(node)
        result.item_marks = [_mark(item) for item in node.value]
        return result
    if isinstance(node, MappingNode):
        result = YMap()
        result.mark = _mark(node)
        result.key_marks, result.value_marks = {}, {}
        for key_node, value_node in node.value:
            key_mark = _mark(key_node)
            if not isinstance(key_node, ScalarNode):
                problems.add(path, key_mark.line, key_mark.column, "yaml-bad-key",
                             "a key must be a plain word followed by a colon",
                             "write the key as text, for example `title:`")
                continue
            key = key_node.value
            if key in result:
                first = result.key_marks[key]
                problems.add(path, key_mark.line, key_mark.column, "duplicate-key",
                             f"`{key}` is given twice in the same block (first on line {first.line})",
                             f"keep one `{key}:` and delete the other")
                continue
            result[key] = _convert(value_node, path, problems)
            result.key_marks[key] = key_mark
            result.value_marks[key] = _mark(value_node)
        return result
    raise TypeError(f"unexpected YAML node {node!r}")  # composer yields only the three kinds


def _decode(raw: bytes, path: Path, problems: Problems) -> str | None:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        problems.add(path, line, column, "not-utf8",
                     "the file is not saved as UTF-8 text",
                     "save the file with UTF-8 encoding (in most editors: Save As, Encoding: UTF-8)")
        return None


def load_yaml(path: Path, problems: Problems):
    """The file's data as YMap/YList/str/None, or None with problems recorded."""
    text = _decode(path.read_bytes(), path, problems)
    if text is None:
        return None
    tabbed = False
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            tabbed = True
            problems.add(path, number, indent.index("\t") + 1, "tab-character",
                         "a tab is used to indent this line; YAML needs spaces",
                         "replace the tab with spaces (two spaces for each level)")
    if tabbed:
        return None
    try:
        node = yaml.compose(text, Loader=StrictLoader)
    except _Refused as error:
        mark = error.problem_mark
        problems.add(path, mark.line + 1, mark.column + 1, error.code, error.problem, error.hint)
        return None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problems.add(path, line, column, "yaml-syntax",
                     f"the file cannot be read as YAML: {error.problem or error.context}",
                     "check this line and the one before it: a missing colon, an unclosed quote, "
                     "or indentation that does not line up; put text containing `: ` or `#` in quotes")
        return None
    except yaml.YAMLError as error:
        problems.add(path, 1, 1, "yaml-syntax", f"the file cannot be read as YAML: {error}",
                     "check the file is plain YAML text")
        return None
    if node is None:
        return None
    return _convert(node, path, problems)


@dataclass(frozen=True)
class CsvRow:
    line: int
    values: dict[str, str | None]


def load_csv(path: Path, problems: Problems) -> tuple[list[str], list[CsvRow]] | None:
    """A CSV's header and rows, each row with its line number in the file."""
    text = _decode(path.read_bytes(), path, problems)
    if text is None:
        return None
    lines = text.splitlines()
    reader = csv.reader(lines)
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        problems.add(path, 1, 1, "empty-file", "the file is empty",
                     "add a header line, for example `period,value,lower_ci,upper_ci,comparator`")
        return None
    rows = []
    for values in reader:
        line = reader.line_num
        if not any(value.strip() for value in values):
            continue
        if len(values) != len(header):
            problems.add(path, line, 1, "csv-columns",
                         f"this row has {len(values)} values but the header names {len(header)} columns",
                         "give one value per column, leaving a blank between commas where none is known")
            continue
        rows.append(CsvRow(line, {
            name: (value.strip() or None) for name, value in zip(header, values)
        }))
    return header, rows
