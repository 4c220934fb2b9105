"""Strict reading of YAML and CSV: text as typed, with the position of everything.

Officers type `12:30`, `NO` and `012345` and mean them literally, so no YAML
implicit typing happens here: every scalar stays the text in the file (a blank
value is None) and the schemas decide what it must be. Every mapping and list
remembers where its keys, values and items are, so a problem found much later
can still name the file, line and column.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.events import (AliasEvent, DocumentStartEvent, MappingEndEvent, MappingStartEvent,
                         ScalarEvent, SequenceEndEvent, SequenceStartEvent)

from hwbsite.problems import WARNING, Problems
from hwbsite.record.parsed import recall
from hwbsite.record.yamlwords import comment_in_value, explain

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
    pending: tuple | None = None  # while loading: the key whose value comes next

    def mark_of(self, key: str) -> Mark:
        return self.value_marks.get(key) or self.mark


class YList(list):
    """A YAML sequence with the position of itself and of each item."""

    mark: Mark
    item_marks: list[Mark]


_PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: same events, 20x faster


class _Refused(Exception):
    def __init__(self, code: str, message: str, hint: str, mark: Mark) -> None:
        super().__init__(message)
        self.code, self.message, self.hint, self.mark = code, message, hint, mark


def _mark(event) -> Mark:
    return Mark(event.start_mark.line + 1, event.start_mark.column + 1)


class _Builder:
    """Builds YMap/YList/str/None from parser events, without recursion.

    Working from events rather than PyYAML's composed nodes lets aliases be
    refused where they stand and keeps every scalar as the text typed.
    """

    def __init__(self, path: Path, problems: Problems, text: str = "") -> None:
        self.path, self.problems, self.lines = path, problems, text.splitlines()
        self.stack: list = []  # containers under construction; a YMap also holds its pending key
        self.root = None
        self.documents = 0

    def feed(self, event) -> None:
        if isinstance(event, AliasEvent):
            raise _Refused("yaml-alias", f"the alias *{event.anchor} repeats another part of the file",
                           "write the value out in full instead of using * and &", _mark(event))
        if getattr(event, "anchor", None) is not None:
            raise _Refused("yaml-alias", f"the anchor &{event.anchor} is not allowed",
                           "remove the &name and write each value out in full", _mark(event))
        if isinstance(event, DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise _Refused("yaml-syntax", "the file holds more than one YAML document",
                               "remove the `---` line: each file holds one record or one list", _mark(event))
        elif isinstance(event, ScalarEvent):
            plain = event.style in (None, "")
            cut = comment_in_value(self.lines, event.end_mark.line + 1, event.end_mark.column + 1) if plain else None
            if cut:
                self.problems.add(self.path, event.end_mark.line + 1, cut[0], "yaml-hash-in-value",
                                  "`#` after a space starts a comment, so the words after it are left out",
                                  f"put the whole value in straight quotes: {cut[1]}", severity=WARNING)
            control = CONTROL.search(event.value) or ("\r" in event.value and re.search("\r", event.value))
            if control:  # typed as an escape in quotes, such as "\e"
                mark = _mark(event)
                self.problems.add(self.path, mark.line, mark.column, "control-character",
                                  f"the text holds an invisible control character ({_control_name(control.group())})",
                                  "remove the escape (such as \\e or \\x1b) from the quoted text")
            self.place(None if plain and event.value in BLANKS else event.value, event, scalar=True)
        elif isinstance(event, MappingStartEvent):
            value = YMap()
            value.mark, value.key_marks, value.value_marks = _mark(event), {}, {}
            self.place(value, event)
            self.stack.append(value)
        elif isinstance(event, SequenceStartEvent):
            value = YList()
            value.mark, value.item_marks = _mark(event), []
            self.place(value, event)
            self.stack.append(value)
        elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
            self.stack.pop()

    def place(self, value, event, scalar: bool = False) -> None:
        if not self.stack:
            self.root = value
            return
        parent = self.stack[-1]
        mark = _mark(event)
        if isinstance(parent, YList):
            parent.append(value)
            parent.item_marks.append(mark)
        elif parent.pending is None:
            if not scalar:
                raise _Refused("yaml-bad-key", "a key must be a plain word followed by a colon",
                               "write the key as text, for example `title:`", mark)
            key = value if value is not None else ""
            if key in parent.key_marks:
                first = parent.key_marks[key]
                self.problems.add(self.path, mark.line, mark.column, "duplicate-key",
                                  f"`{key}` is given twice in the same block (first on line {first.line})",
                                  f"keep one `{key}:` and delete the other")
                key = _Duplicate()
            parent.pending = (key, mark)
        else:
            key, key_mark = parent.pending
            parent.pending = None
            if isinstance(key, _Duplicate):
                return
            parent[key] = value
            parent.key_marks[key] = key_mark
            parent.value_marks[key] = mark


class _Duplicate:
    """Stands for a repeated key, whose value is read and dropped."""


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


# C0 controls but tab, line feed and carriage return (CRLF line ends), DEL and the C1 controls.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROL_HINT = ("delete the invisible character (often pasted from another program); "
                 "retype the text around it if you cannot see it")


def _control_name(char: str) -> str:
    return f"U+{ord(char):04X}"


def read_text(path: Path, problems: Problems) -> str | None:
    """A file's text, or None with a problem: unreadable, not UTF-8, or holding control characters.

    Every text file an officer writes (YAML, CSV, Markdown, the ledger) is read here, so a stray
    escape character or a folder where a file should be is reported once, in the same way.
    """
    try:
        raw = path.read_bytes()
    except OSError as error:
        if path.is_dir():
            message, hint = f"{path.name} is a folder, not a file", "replace the folder with the file it should be"
        elif path.is_symlink() and not path.exists():
            message, hint = f"{path.name} is a link to a file that does not exist", "replace the link with the file"
        else:
            message, hint = f"the file cannot be read ({error.strerror or error})", \
                "check that the file exists and that you may read it"
        problems.add(path, 1, 1, "unreadable-file", message, hint)
        return None
    text = _decode(raw, path, problems)
    if text is None or CONTROL.search(text) is None:      # the usual case: one pass, not one per line
        return text
    found = False
    for number, line in enumerate(text.split("\n"), start=1):
        for match in CONTROL.finditer(line.removesuffix("\r")):
            found = True
            problems.add(path, number, match.start() + 1, "control-character",
                         f"the text holds an invisible control character ({_control_name(match.group())})",
                         _CONTROL_HINT)
    return None if found else text


def load_yaml(path: Path, problems: Problems, text: str | None = None):
    """The file's data as YMap/YList/str/None, or None with problems recorded.

    `text`, when given, is read instead of the file (part of it, such as a page's front matter).
    """
    whole_file = text is None
    text = read_text(path, problems) if text is None else text
    if text is None:
        return None
    return recall(path, text, problems, _parse) if whole_file else _parse(path, problems, text)


def _parse(path: Path, problems: Problems, text: str):
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
    builder = _Builder(path, problems, text)
    try:
        for event in yaml.parse(text, Loader=_PARSER):
            builder.feed(event)
    except _Refused as error:
        problems.add(path, error.mark.line, error.mark.column, error.code, error.message, error.hint)
        return None
    except yaml.MarkedYAMLError as error:
        mark, context = error.problem_mark or error.context_mark, error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        mistake = explain(text, str(error.problem or error.context), line, column,
                          context.line + 1 if context else None, context.column + 1 if context else None)
        problems.add(path, mistake.line, mistake.column, mistake.code, mistake.message, mistake.hint)
        return None
    except yaml.YAMLError as error:
        position = getattr(error, "position", None)
        line = text.count("\n", 0, position) + 1 if position is not None else 1
        problems.add(path, line, 1, "yaml-syntax", f"the file cannot be read as YAML: {error}",
                     "check the file is plain YAML text, with no control characters")
        return None
    return builder.root


@dataclass(frozen=True)
class CsvRow:
    line: int
    values: dict[str, str | None]


def load_csv(path: Path, problems: Problems) -> tuple[list[str], list[CsvRow]] | None:
    """A CSV's header and rows, each row with its line number in the file."""
    text = read_text(path, problems)
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
