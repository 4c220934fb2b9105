"""Free text that a spreadsheet would run: a value starting with `=`, `+` or `@` becomes a formula
when someone opens the open data's CSV in Excel or LibreOffice (`=HYPERLINK(...)`), so it is
refused at its line rather than published. The fields are found from the schemas: every string
that no format, pattern or list of choices constrains.
"""

from __future__ import annotations

from functools import cache

from hwbsite.record import TABLES, BoardFiles, schema_descriptor
from hwbsite.problems import Problems

FORMULA_STARTS = ("=", "+", "@")


@cache
def free_text_fields(table: str) -> tuple[str, ...]:
    schema = schema_descriptor(table)
    return tuple(spec["name"] for spec in schema["fields"]
                 if spec["type"] == "string" and "format" not in spec
                 and not set(spec.get("constraints", {})) - {"required", "unique"})


def check_free_text(files: BoardFiles, problems: Problems) -> None:
    for table in TABLES:
        fields = free_text_fields(table)
        if not fields:
            continue
        for row, source in zip(files.tables[table].rows, files.tables[table].sources):
            for name in fields:
                value = row.get(name)
                if isinstance(value, str) and value.lstrip().startswith(FORMULA_STARTS):
                    problems.at(source, name, "formula-like-text",
                                f"`{source.key_of(name)}` starts with `{value.lstrip()[0]}`, which a spreadsheet "
                                "opening the open data would run as a formula",
                                "start the text with a word (for a list in Markdown, begin lines with `- `)")
