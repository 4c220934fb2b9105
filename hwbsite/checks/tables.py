"""The Frictionless Table Schemas, and checking a board's tables against them.

Each cell is read by Frictionless's own cell reader for its field (types and
constraints: required, enumerations, patterns, ranges), built once per process
from the schema, and each error is turned into a Problem at the line the
officer typed (rows are counted from 2, the header being row 1, as Frictionless
counts them). Blank rows and primary keys are judged as Frictionless's table
reader judges them, without its per-row machinery, which was most of the time
of validating a ten-year board; a test proves the findings are the same.

Foreign keys are checked here, from the same schemas' `foreignKeys`, over the
typed rows: Frictionless re-reads a copy of the referenced resource for every
key, which was half the time of validating a ten-year board. A test proves
the findings are the same as Frictionless's own package validation.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from hwbsite.record.catalogue import SLUG_PATTERN, TABLES, schema_descriptor
from hwbsite.record.tables import Table
from hwbsite.problems import Problems
from hwbsite.record.fields import Source, suggest
from hwbsite.record.parsed import keeping

if TYPE_CHECKING:
    from frictionless import Schema

    from hwbsite.checks.worker import Typist


REFERENCE_CODES = {
    "people": ("unknown-person", "a person in people.yml"),
    "organisations": ("unknown-organisation", "an organisation in organisations.yml"),
    "meetings": ("unknown-meeting", "a meeting in meetings/"),
    "items": ("unknown-item", "an item on this meeting's agenda"),
    "priorities": ("unknown-priority", "a priority in strategy.yml"),
    "indicators": ("unknown-indicator", "an indicator in indicators.yml"),
    "decisions": ("unknown-decision", "a decision in any meeting file"),
    "forward_plan": ("unknown-forward-plan-item", "an item of forward-plan.yml"),
}
TYPE_HINTS = {
    "date": ("invalid-date", "write the date as YYYY-MM-DD, for example 2025-03-12"),
    "datetime": ("invalid-datetime", "write the date and 24-hour time as YYYY-MM-DDTHH:MM, for example 2025-03-12T14:00"),
    "integer": ("invalid-number", "write a whole number in figures, for example 7"),
    "number": ("invalid-number", "write a number in figures, for example 12.5, with no % sign or commas"),
    "boolean": ("invalid-yes-no", "write true or false"),
    "uri": ("invalid-url", "write the full address, beginning https://, with no spaces, quotes or angle brackets"),
    "email": ("invalid-email", "write an email address such as democratic.services@example.gov.uk"),
}


def check_tables(tables: dict[str, Table], problems: Problems, unreadable: frozenset[str] = frozenset(),
                 typist: Typist | None = None) -> dict[str, list[dict]]:
    """Each table's rows typed by its schema; every schema error recorded as a Problem.

    `unreadable` names tables whose file could not be read at all; `typist`, when given, types the rows
    in a second process (checks/worker.py).
    """
    raw = {name: tables[name].rows for name in TABLES}
    rows = typist.rows(raw) if typist is not None else {name: typed_rows(name, raw[name]) for name in TABLES}
    typed: dict[str, list[dict]] = {}
    for name in TABLES:
        table, fields = tables[name], {f["name"]: f for f in schema_descriptor(name)["fields"]}
        typed[name] = []
        for index, (row, errors) in enumerate(rows[name]):
            typed[name].append(row)
            for error in errors:
                _report(error, table, index, fields, problems)
    for name, index, foreign in foreign_key_misses(typed):
        _unknown_reference(foreign, tables[name], index, tables, unreadable, problems)
    return typed


@dataclass(frozen=True)
class RowError:
    """What Frictionless reports of a row: its error type, the field (if one) and its note."""
    type: str
    field_name: str = ""
    note: str = ""


def schema_of(name: str) -> "Schema":
    """One table's Frictionless schema, its foreign keys left out (they are checked below, over every table).

    The schemas are the package's own and a test proves each is a valid Table Schema that reads to the
    same schema, so they are not checked against the standard again at every run (a fifth of `validate`).
    """
    from frictionless import Schema     # a third of a second to import: only where rows are typed

    descriptor = copy.deepcopy({key: value for key, value in schema_descriptor(name).items() if key != "foreignKeys"})
    Schema.metadata_transform(descriptor)
    return Schema.metadata_import(descriptor)


@cache
def _readers(name: str) -> tuple[tuple[tuple[str, object], ...], tuple[str, ...], tuple[str, ...]]:
    """Each field's Frictionless cell reader, the primary key and the unique fields of one table's schema."""
    schema = schema_of(name)
    return (tuple((f.name, f.create_cell_reader()) for f in schema.fields), tuple(schema.primary_key),
            tuple(f.name for f in schema.fields if f.constraints.get("unique")))


# Under the preview (`hwbsite serve`), each table's rows as read at the previous save, by their values:
# a save changes a few rows of one file, and every other row need not be read again.
_KEPT_ROWS: dict[str, dict[tuple, tuple[dict, list]]] = {}


def typed_rows(name: str, rows: list[dict]):
    """(typed row, errors) for each row, as Frictionless's table reader gives them for inline data."""
    readers, key_fields, unique = _readers(name)
    names = tuple(field for field, _ in readers)
    seen: dict[tuple, int] = {}
    used: dict[str, dict] = {field: {} for field in unique}
    kept, keep, before = {}, keeping(), _KEPT_ROWS.get(name, {})
    for number, raw in enumerate(rows, start=2):
        found = None
        if keep:
            values = tuple(map(raw.get, names))
            try:
                found = kept[values] = before.get(values) or _cells(readers, raw)
            except TypeError:             # a value (a list) that cannot be a key: read each time
                pass
        row, errors = found or _cells(readers, raw)
        row, errors = dict(row), list(errors)
        for field in unique:
            if row[field] is not None:
                match, used[field][row[field]] = used[field].get(row[field]), number
                if match:
                    errors.append(RowError("unique-error", field, f"the same as in the row at position {match}"))
        if key_fields:
            cells = tuple(row[field] for field in key_fields)
            if set(cells) == {None}:
                errors.append(RowError("primary-key", "", 'cells composing the primary keys are all "None"'))
            else:
                match, seen[cells] = seen.get(cells), number
                if match:
                    errors.append(RowError("primary-key", "", f"the same as in the row at position {match}"))
        yield row, errors
    if keep:
        _KEPT_ROWS[name] = kept


def _cells(readers, raw: dict) -> tuple[dict, list]:
    """One row's typed cells and their errors (a blank row is one error)."""
    row, errors, blank = {}, [], 0
    for field, reader in readers:
        value, notes = reader(raw.get(field))
        type_note = notes.pop("type", None) if notes else None
        if value is None and not type_note:
            blank += 1
        if type_note:
            errors.append(RowError("type-error", field, type_note))
        errors += [RowError("constraint-error", field, note) for note in (notes or {}).values()]
        row[field] = value
    if blank == len(readers):
        errors = [RowError("blank-row")]
    return row, errors


def foreign_key_misses(typed: dict[str, list[dict]]) -> list[tuple[str, int, dict]]:
    """(table, row index, foreign key) for each typed row whose reference names no row."""
    misses, targets = [], {}
    for name in TABLES:
        for foreign in schema_descriptor(name).get("foreignKeys", []):
            target, fields = foreign["reference"]["resource"], tuple(foreign["reference"]["fields"])
            if (target, fields) not in targets:     # many tables name a meeting or a person: one set each
                targets[target, fields] = {tuple(row[f] for f in fields) for row in typed[target]}
            known = targets[target, fields]
            for index, row in enumerate(typed[name]):
                values = tuple(row[f] for f in foreign["fields"])
                if None not in values and values not in known:
                    misses.append((name, index, foreign))
    return misses


def _report(error, table: Table, index: int, fields: dict, problems: Problems) -> None:
    source: Source = table.sources[index]
    row = table.rows[index]
    kind = error.type
    if kind == "type-error":
        spec = fields[error.field_name]
        code, hint = TYPE_HINTS[spec.get("format") if spec["type"] == "string" else spec["type"]]
        problems.at(source, error.field_name, code,
             f"`{row[error.field_name]}` is not a valid {_describe(spec)} for `{source.key_of(error.field_name)}`",
             hint)
    elif kind == "constraint-error":
        _constraint(error, source, row, fields[error.field_name], problems)
    elif kind == "primary-key":
        _duplicate(table, index, problems)
    elif kind != "blank-row":
        problems.at(source, "", "invalid-entry", f"this entry cannot be read: {error.note}",
             "check the entry against docs/reference.md")


def _describe(spec: dict) -> str:
    return {"uri": "web address", "email": "email address"}.get(spec.get("format"), spec["type"]).replace(
        "datetime", "date and time").replace("integer", "whole number").replace("boolean", "true or false value")




def _constraint(error, source: Source, row: dict, spec: dict, problems: Problems) -> None:
    name = spec["name"]
    key = source.key_of(name)
    value = row.get(name)
    constraint = re.search(r'constraint "(\w+)"', error.note)
    constraint = constraint.group(1) if constraint else ""
    constraints = spec.get("constraints", {})
    example = spec.get("example", "")
    if constraint == "required":
        meaning = spec["description"].rstrip(".")
        problems.at(source, name, "missing-value", f"`{key}` is required here",
             f"add `{key}:` ({meaning[0].lower() + meaning[1:]}), for example `{key}: {example}`")
    elif constraint == "enum":
        choices = constraints["enum"]
        problems.at(source, name, "not-allowed", f"`{value}` is not one of the choices for `{key}`",
             (suggest(str(value), choices) + " " if suggest(str(value), choices) else "") +
             "choose one of: " + ", ".join(choices))
    elif constraint == "pattern" and spec.get("format") == "uri":
        problems.at(source, name, "invalid-url", f"`{value}` is not a web address for `{key}`",
                    "write the full address, beginning https://, with no spaces, quotes or angle brackets")
    elif constraint == "pattern" and constraints["pattern"] == SLUG_PATTERN:
        problems.at(source, name, "bad-id", f"`{value}` is not a valid id for `{key}`",
             "use lowercase letters, digits and single hyphens only, for example "
             f"`{re.sub(r'[^a-z0-9]+', '-', str(value).lower()).strip('-') or example}`")
    elif constraint in ("minimum", "maximum"):
        low, high = constraints.get("minimum"), constraints.get("maximum")
        bounds = f"from {low} to {high}" if high is not None else f"{low} or more"
        problems.at(source, name, "out-of-range", f"`{value}` is out of range for `{key}`",
             f"give a number {bounds}")
    else:
        problems.at(source, name, "bad-format", f"`{value}` is not in the right form for `{key}`",
             f"write it like `{example}`")


def _duplicate(table: Table, index: int, problems: Problems) -> None:
    key_fields = schema_descriptor(table.name)["primaryKey"]
    values = [table.rows[index].get(f) for f in key_fields]
    first = next(i for i, row in enumerate(table.rows) if [row.get(f) for f in key_fields] == values)
    first_source, source = table.sources[first], table.sources[index]
    where = f"{problems.relative(first_source.file)}:{first_source.mark_of(key_fields[-1]).line}"
    described = ", ".join(f"{source.key_of(f)} `{v}`" for f, v in zip(key_fields, values) if v is not None)
    code = "duplicate-id" if key_fields == ["id"] else "duplicate-entry"
    problems.at(source, key_fields[-1], code, f"{described} is already used at {where}",
         "ids must be unique: choose another, or remove the repeated entry")


def _unknown_reference(foreign: dict, table: Table, index: int, tables: dict[str, Table],
                       unreadable: frozenset[str], problems: Problems) -> None:
    """An id that names nothing; not reported when the file that would define it could not be read."""
    target = foreign["reference"]["resource"]
    if target in unreadable:
        return
    names, references = foreign["fields"], foreign["reference"]["fields"]
    row, source = table.rows[index], table.sources[index]
    code, what = REFERENCE_CODES[target]
    column = names[-1]
    value = row.get(column)
    scope = [r for r in tables[target].rows
             if all(r.get(ref) == row.get(n) for n, ref in zip(names[:-1], references[:-1]))]
    choices = [str(r.get(references[-1])) for r in scope]
    hint = suggest(str(value), choices)
    if not hint:
        hint = (f"use one of: {', '.join(choices)}" if target == "items" and choices
                else f"check the spelling, or add it as {what} first")
    problems.at(source, column, code, f"`{value}` is not {what} (`{source.key_of(column)}`)", hint)
