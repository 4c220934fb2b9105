"""Problems found in a board's files, as data: one list, three renderings.

Every check in hwbsite reports a `Problem` instead of raising, so an officer
sees every mistake in one run, each with the file, line and fix. Each problem's
code is declared once in `CODES`, with its severity and what it means; the
officer looks codes up in docs/reference.md, which lists the same codes.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Code:
    """A kind of problem: how serious it is, and what it means in one line."""

    severity: str
    description: str


# Every problem code hwbsite reports, by the stage that finds it. A code is part of the interface:
# officers quote it, CI reports group by it; `Problems.add` refuses one that is not declared here.
CODES: dict[str, Code] = {
    # Reading the files (record/)
    "unreadable-file": Code(ERROR, "a file cannot be read: it is a folder, a broken link, or not readable"),
    "not-utf8": Code(ERROR, "a file is not saved as UTF-8 text"),
    "control-character": Code(ERROR, "the text holds an invisible control character"),
    "tab-character": Code(ERROR, "a line of YAML is indented with a tab instead of spaces"),
    "empty-file": Code(ERROR, "a file that must hold something (board.yml, an indicator's CSV) is empty"),
    "symlink": Code(ERROR, "a symbolic link in the board's folders, which hwbsite never follows"),
    "missing-file": Code(ERROR, "one of the files every board needs is missing"),
    "ignored-file": Code(WARNING, "a file in meetings/ is not read, since it does not end in .yml"),
    "yaml-syntax": Code(ERROR, "the file cannot be read as YAML, or holds more than one document"),
    "yaml-indentation": Code(ERROR, "a line does not line up with the lines around it"),
    "yaml-colon-in-value": Code(ERROR, "an unquoted value contains `: `, which YAML reads as another field"),
    "yaml-curly-quotes": Code(ERROR, "curly quotes (as a word processor types them) where YAML needs straight ones"),
    "yaml-unclosed-quote": Code(ERROR, "a quote is opened and never closed"),
    "yaml-unclosed-bracket": Code(ERROR, "a list or block opened with `[` or `{` is not closed on the same line"),
    "yaml-special-character": Code(ERROR, "a value begins with a character YAML reserves, such as @, % or a backtick"),
    "yaml-alias": Code(ERROR, "a YAML anchor (&) or alias (*), which board files may not use"),
    "yaml-bad-key": Code(ERROR, "a key is a list or block instead of a plain word"),
    "yaml-hash-in-value": Code(WARNING, "` #` in an unquoted value starts a comment, so the words after it are lost"),
    "duplicate-key": Code(ERROR, "the same field is given twice in one block"),
    "csv-columns": Code(ERROR, "a CSV row has more or fewer values than its header has columns"),
    "unknown-key": Code(ERROR, "a field or column hwbsite does not know in this place"),
    "wrong-shape": Code(ERROR, "a value is a list, a block or a line of text where another of these is needed"),
    "exempt-blank": Code(ERROR, "`exempt:` is present but blank, so it is unclear whether the item is private"),
    # The browser editor's settings and the item kind it writes (checks/editor.py)
    "private-without-paragraph": Code(ERROR, "an item marked `session: private` gives no Schedule 12A paragraph"),
    "public-item-exempt": Code(ERROR, "an item marked `session: public` also has `exempt:`"),
    "editor-incomplete": Code(ERROR, "the `editor:` settings lack the host, the repository or GitLab's application id"),
    "unknown-indicator": Code(ERROR, "an indicator id, or a file in indicators/, that indicators.yml does not define"),
    # Values against the table schemas (checks/tables.py)
    "invalid-date": Code(ERROR, "a date is not written YYYY-MM-DD"),
    "invalid-datetime": Code(ERROR, "a date and time is not written YYYY-MM-DDTHH:MM"),
    "invalid-number": Code(ERROR, "a number is not written in figures"),
    "invalid-yes-no": Code(ERROR, "a true-or-false field holds something else"),
    "invalid-url": Code(ERROR, "a web address is not a full https:// address"),
    "invalid-email": Code(ERROR, "an email address is not written as one"),
    "missing-value": Code(ERROR, "a required field is missing or blank"),
    "not-allowed": Code(ERROR, "a value is not one of the field's choices"),
    "bad-id": Code(ERROR, "an id is not lowercase letters, digits and single hyphens"),
    "out-of-range": Code(ERROR, "a number is outside the field's range"),
    "bad-format": Code(ERROR, "a value is not in the form the field needs"),
    "invalid-entry": Code(ERROR, "an entry cannot be read against its table's schema"),
    "duplicate-id": Code(ERROR, "an id is used twice"),
    "duplicate-entry": Code(ERROR, "an entry repeats another's key, such as an item number at one meeting"),
    "unknown-person": Code(ERROR, "a person id that people.yml does not define"),
    "unknown-organisation": Code(ERROR, "an organisation id that organisations.yml does not define"),
    "unknown-meeting": Code(ERROR, "a meeting id that no file in meetings/ defines"),
    "unknown-item": Code(ERROR, "an item number that is not on the meeting's agenda"),
    "unknown-priority": Code(ERROR, "a priority id that strategy.yml does not define"),
    "unknown-decision": Code(ERROR, "a decision id that no meeting file defines"),
    "unknown-forward-plan-item": Code(ERROR, "a forward plan entry that forward-plan.yml does not hold"),
    # Rules across the board's records (checks/rules.py, calendar.py, text.py, pages.py)
    "unknown-timezone": Code(ERROR, "the board's time zone is not a known time zone"),
    "no-site-url": Code(WARNING, "the board does not give the address its site is published at"),
    "end-before-start": Code(ERROR, "an end date or time comes before its start"),
    "substitute-without-for": Code(ERROR, "a substitute's attendance does not say whom they stood in for"),
    "for-without-substitute": Code(ERROR, "an attendance gives `for` but the person is not marked as a substitute"),
    "bad-decision-id": Code(ERROR, "a decision id does not start with the board's prefix and the meeting's year"),
    "update-before-decision": Code(ERROR, "a decision's update is dated before the decision was taken"),
    "supersedes-later-decision": Code(ERROR, "a decision supersedes one that was not taken before it"),
    "formerly-clashes": Code(ERROR, "an item's former number is also a current number on the same agenda"),
    "status-before-meeting": Code(ERROR, "a meeting is marked held before its day"),
    "published-in-future": Code(WARNING, "an agenda or minutes is recorded as published after today"),
    "forward-plan-no-meeting": Code(ERROR, "a forward plan entry is planned for a day with no meeting"),
    "correction-before-decision": Code(ERROR, "a decision's correction is dated before the decision was taken"),
    "formula-like-text": Code(ERROR, "free text starts with =, + or @, which a spreadsheet would run as a formula"),
    "front-matter-key": Code(ERROR, "a page's front matter sets something other than its title and description"),
    "front-matter-shape": Code(ERROR, "a page's front matter is not `name: value` lines"),
    # Papers and the files published (checks/publishing.py, papers.py)
    "paper-without-file": Code(ERROR, "a paper gives neither `file` nor `url`"),
    "paper-file-and-url": Code(ERROR, "a paper gives both `file` and `url`"),
    "paper-outside-papers": Code(ERROR, "a paper's path is not inside the board's papers/ folder"),
    "paper-name": Code(ERROR, "a paper's path has characters a web address cannot carry"),
    "paper-symlink": Code(ERROR, "a paper is reached through a symbolic link"),
    "paper-missing": Code(ERROR, "there is no file at a paper's path"),
    "paper-type": Code(ERROR, "a paper is not a document format hwbsite publishes"),
    "lfs-pointer": Code(ERROR, "a paper is a Git LFS pointer: the LFS files were not fetched"),
    "paper-too-large": Code(WARNING, "a paper is larger than the board's limit"),
    "pdf-unreadable": Code(WARNING, "a PDF paper cannot be read"),
    "pdf-no-title": Code(WARNING, "a PDF paper has no title, so screen readers announce its file name"),
    "pdf-no-language": Code(WARNING, "a PDF paper does not say what language it is in"),
    "pdf-untagged": Code(WARNING, "a PDF paper is not tagged, so screen readers cannot follow its structure"),
    "exempt-paper-file": Code(ERROR, "a paper of an item taken in private has a `file`"),
    "exempt-paper-url": Code(ERROR, "a paper of an item taken in private has a `url`"),
    "exempt-paper-listed": Code(ERROR, "a file an exempt item names is also listed for publication"),
    "unreferenced-paper": Code(WARNING, "a file in papers/ that nothing lists, so it is not published"),
    "not-published": Code(WARNING, "a file in content/ that is neither a page nor a listed paper, so is not published"),
    # Public access to meetings (checks/access.py)
    "late-agenda": Code(WARNING, "an agenda was published with fewer clear working days' notice than required"),
    "late-minutes": Code(WARNING, "minutes were published later than the board's rule"),
    "minutes-not-published": Code(WARNING, "a held meeting's minutes are not published"),
    "attendance-missing": Code(WARNING, "decisions are recorded at a meeting without its attendance"),
    "inquorate-decision": Code(ERROR, "a decision was taken at a meeting that was not quorate"),
    "vote-exceeds-present": Code(ERROR, "a vote counts more votes than voting members present"),
    "casting-vote-without-tie": Code(ERROR, "a casting vote is recorded on a vote that was not tied"),
    "vacant-seat": Code(WARNING, "a statutory seat had no member at one or more meetings"),
    # Published addresses (checks/ledger.py, base.py)
    "redirect-target-missing": Code(ERROR, "a redirect leads to an address the site does not publish"),
    "redirect-shadows-page": Code(ERROR, "a redirect's old address is still a page of the site"),
    "redirect-collides": Code(ERROR, "a redirect would overwrite a file or folder the site needs"),
    "page-address-taken": Code(ERROR, "an officer's page would be published at an address the site already uses"),
    "redirect-changes-type": Code(ERROR, "a redirect's old and new addresses are different kinds of file"),
    "url-dropped": Code(ERROR, "a change stops publishing an address that was published"),
    "base-unreadable": Code(WARNING, "the base branch's files have errors, so its addresses were not compared"),
    "correction-missing": Code(ERROR, "a published decision's text changed without a `corrections:` entry"),
}


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
        severity: str | None = None,
        field: str = "",
    ) -> None:
        """Record a problem; `severity`, when given, must be the one `CODES` declares for `code`.

        Raises ValueError (a mistake in hwbsite, not in the board) for an undeclared code or severity.
        """
        declared = CODES.get(code)
        if declared is None:
            raise ValueError(f"problem code `{code}` is not declared in hwbsite.problems.CODES")
        if severity is not None and severity != declared.severity:
            raise ValueError(f"problem code `{code}` is declared as {declared.severity}, not {severity}")
        self.items.append(
            Problem(self.relative(path), line, column, code, message, hint, declared.severity, field)
        )

    def at(self, source, column: str, code: str, message: str, hint: str = "", *,
           severity: str | None = None) -> None:
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
