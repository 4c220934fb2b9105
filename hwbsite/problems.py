"""Problems found in a board's files, as data: one list, three renderings.

Every check in hwbsite reports a `Problem` instead of raising, so an officer
sees every mistake in one run, each with the file, line and fix.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    code: str
    message: str
    hint: str = ""
    severity: str = ERROR
    field: str = ""

    def as_json(self) -> dict:
        keys = ("severity", "file", "line", "column", "code", "message", "hint", "field")
        data = asdict(self)
        return {key: data[key] for key in keys}


@dataclass
class Problems:
    """Collects problems for one run; `root` makes file paths repository-relative."""

    root: Path
    items: list[Problem] = field(default_factory=list)

    def add(
        self,
        path: Path | str,
        line: int,
        column: int,
        code: str,
        message: str,
        hint: str = "",
        *,
        severity: str = ERROR,
        field: str = "",
    ) -> None:
        self.items.append(
            Problem(self.relative(path), line, column, code, message, hint, severity, field)
        )

    def at(self, source, column: str, code: str, message: str, hint: str = "", *,
           severity: str = ERROR) -> None:
        """A problem at the value of `column` in a table row's source (or the row itself when blank)."""
        mark = source.mark_of(column) if column else source.mark
        self.add(source.file, mark.line, mark.column, code, message, hint, severity=severity,
                 field=source.key_of(column) if column else "")

    def relative(self, path: Path | str) -> str:
        # abspath, not resolve: a symlink is reported where it stands, not where it points
        path = Path(os.path.abspath(path))
        try:
            return path.relative_to(os.path.abspath(self.root)).as_posix()
        except ValueError:
            return path.as_posix()

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == WARNING]

    def sorted(self) -> list[Problem]:
        return sorted(set(self.items), key=lambda p: (p.file, p.line, p.column, p.code, p.message))


def as_text(problems: list[Problem]) -> str:
    lines = []
    for p in problems:
        lines.append(f"{p.file}:{p.line}:{p.column}: {p.severity}: {p.message} [{p.code}]")
        if p.hint:
            lines.append(f"    hint: {p.hint}")
    errors = sum(p.severity == ERROR for p in problems)
    warnings = len(problems) - errors
    lines.append(f"{errors} error(s), {warnings} warning(s)")
    return "\n".join(lines)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(problems: list[Problem]) -> str:
    """GitHub workflow commands, so problems show on the pull request's changed lines."""
    lines = []
    for p in problems:
        message = f"{p.message} Hint: {p.hint}" if p.hint else p.message
        lines.append(
            f"::{p.severity} file={_escape_property(p.file)},line={p.line},col={p.column},"
            f"title={_escape_property(p.code)}::{_escape_data(message)}"
        )
    return "\n".join(lines)


def as_gitlab(problems: list[Problem]) -> str:
    """A GitLab Code Quality report, so problems appear in the merge request."""
    report = [{"description": f"{p.message}. {p.hint}" if p.hint else p.message, "check_name": p.code,
               "fingerprint": hashlib.sha1(f"{p.file}:{p.line}:{p.column}:{p.code}:{p.message}".encode()).hexdigest(),
               "severity": "major" if p.severity == ERROR else "minor",
               "location": {"path": p.file, "lines": {"begin": p.line}}} for p in problems]
    return json.dumps(report, indent=2, ensure_ascii=False)


def as_json(problems: list[Problem]) -> str:
    return json.dumps([p.as_json() for p in problems], indent=2, ensure_ascii=False)
