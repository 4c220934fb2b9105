"""YAML mistakes in an officer's words: what went wrong, where to put it right, and how.

The parser's own words ("mapping values are not allowed in this context") are kept only as the
last part of the hint, for the curious; the message names the mistake people actually make.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

CURLY = "“”‘’„‟‚‛"
_KEY = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][\w-]*):\s+(.*)$")


@dataclass(frozen=True)
class Mistake:
    line: int
    column: int
    code: str
    message: str
    hint: str


def explain(text: str, problem: str, line: int, column: int, context_line: int | None,
            context_column: int | None) -> Mistake:
    """The mistake behind a parser error at (line, column), 1-based; context_* is where the parser began."""
    lines = text.splitlines() or [""]
    here = lines[min(line, len(lines)) - 1]
    said = f" (the YAML reader said: {problem})"
    for number in (line, line - 1):
        if 1 <= number <= len(lines) and any(mark in lines[number - 1] for mark in CURLY):
            found = next(i for i, c in enumerate(lines[number - 1]) if c in CURLY)
            return Mistake(number, found + 1, "yaml-curly-quotes",
                           "this line has curly quotes (“ ” ‘ ’), as a word processor types them",
                           "YAML needs straight quotes: type them again as \" or ', or copy the text into "
                           "a plain-text editor first" + said)
    if "unexpected end of stream" in problem and context_line:
        return Mistake(context_line, context_column or 1, "yaml-unclosed-quote",
                       "a quote opened here is never closed",
                       "end the value with the same quote mark it starts with; for text with an apostrophe "
                       "in it, use double quotes around it: title: \"Children's services\"" + said)
    if "mapping values are not allowed" in problem:
        key = _KEY.match(here)
        if key and len(key.group(1)) + len(key.group(2)) + 1 < column:
            value = key.group(3).strip()
            return Mistake(line, len(key.group(1)) + len(key.group(2)) + 3, "yaml-colon-in-value",
                           f"the value of `{key.group(2)}` contains `: `, which YAML reads as the start of "
                           "another field",
                           f"put the whole value in straight quotes: {key.group(2)}: {json.dumps(value, ensure_ascii=False)}"
                           + said)
        return _indentation(line, here, said)
    if "expected '-' indicator" in problem or "expected <block end>" in problem:
        return _indentation(line, here, said)
    if "expected key" in problem:
        if here.count("'") % 2 or here.count('"') % 2:
            opening = min(i for i, c in enumerate(here) if c in "'\"")
            return Mistake(line, opening + 1, "yaml-unclosed-quote",
                           "a quote on this line is not closed, or the text inside it has the same quote mark",
                           "for text with an apostrophe in it, use double quotes around it: "
                           "title: \"Children's services\"" + said)
        return _indentation(line, here, said)
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        closing = "]" if "]" in problem else "}"
        return Mistake(context_line or line, context_column or 1, "yaml-unclosed-bracket",
                       f"a list or block opened here with `{'[' if closing == ']' else '{'}` is not closed "
                       f"with `{closing}` on the same line",
                       f"add `{closing}` at the end of the line, or put text containing commas in quotes" + said)
    if "cannot start any token" in problem:
        return Mistake(line, column, "yaml-special-character",
                       "a value cannot begin with this character (such as @, ` or %)",
                       "put the whole value in straight quotes" + said)
    return Mistake(line, column, "yaml-syntax", "the file cannot be read as YAML here",
                   "check this line and the one before it: a missing colon, an unclosed quote, or "
                   "indentation that does not line up; put text containing `: ` or `#` in quotes" + said)


def _indentation(line: int, here: str, said: str) -> Mistake:
    indent = len(here) - len(here.lstrip(" "))
    return Mistake(line, indent + 1, "yaml-indentation",
                   "this line does not line up with the lines around it",
                   "fields of one entry start in the same column, two spaces in from the `-` that begins "
                   "the entry; a new entry in a list starts with `- `" + said)


def comment_in_value(lines: list[str], end_line: int, end_column: int) -> tuple[int, str] | None:
    """Where a `#` cut a plain value short (`title: Item #3`), and the line written as it was meant:
    YAML reads ` #` as a comment, so the words after it silently vanish. `# paragraph 3` (a space
    after the `#`) is a comment as meant, and is left alone. `lines` is the file's text split into lines
    once (`text.splitlines()`), since every plain value of a file is looked at."""
    if not 1 <= end_line <= len(lines):
        return None
    here = lines[end_line - 1]
    if "#" not in here:
        return None
    found = re.match(r"\s+#\S", here[end_column - 1:])
    if not found:
        return None
    key = _KEY.match(here)
    meant = (f"{key.group(2)}: {json.dumps(key.group(3).strip(), ensure_ascii=False)}" if key
             else json.dumps(here.strip(), ensure_ascii=False))
    return end_column + found.end() - 2, meant
