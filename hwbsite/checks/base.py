"""A change compared with the site its base publishes (`hwbsite validate --base REF`).

Without it an address is protected only once someone records it in the URL ledger; with it,
every address the base publishes is protected by the pull request itself. The same comparison
finds a published decision whose text changed without a recorded correction.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from hwbsite.checks import CheckedBoard, check_board
from hwbsite.checks.calendar import board_today
from hwbsite.checks.ledger import LEDGER, normal, read_ledger, redirect_hint
from hwbsite.record import content_pages
from hwbsite.record.gitrefs import Base, open_base
from hwbsite.record.loader import load_yaml
from hwbsite.model import Board, build_board
from hwbsite.record import read_board
from hwbsite.problems import ERROR, WARNING, Problem, Problems
from hwbsite.checks.tables import check_tables
from hwbsite.model.urls import (content_page_path, decision_data_url, decision_url, meeting_calendar_url, meeting_url,
                                person_url, priority_url, site_paths)

# Which table's rows make which addresses, and the column holding the id.
KINDS = {"meetings": "id", "decisions": "id", "people": "id", "priorities": "id", "papers": "file"}


def compare_with_base(checked: CheckedBoard, base: Base, problems: Problems, today: date) -> None:
    """Addresses the base published that this change drops, and decisions corrected without a note."""
    files = checked.files
    root = base.board_root(files.board_id)
    if root is None:  # a new board: nothing was published before
        return
    before = _base_board(root, files.board_id)
    board_file = files.data_dir / "board.yml"
    if before is None:
        problems.add(board_file, 1, 1, "base-unreadable",
                     f"the board's files at {base.ref} have errors, so its addresses were not compared",
                     "correct the errors on the base branch; the URL ledger still protects recorded addresses",
                     severity=WARNING)
        return
    old_files, old_board = before
    current = checked.board
    produced = site_paths(current, content_pages(files.content_dir))
    # A redirect is a published address too: removing its line would break the citations it kept.
    published = site_paths(old_board, content_pages(old_files.content_dir)) | {
        normal(row["old"]) for row in old_files.tables["redirects"].rows if row.get("old")}
    kept = {normal(row["old"]) for row in files.tables["redirects"].rows}
    kept |= {normal(row["path"]) for row in files.tables["withdrawn"].rows}
    dropped = sorted(published - produced - kept)
    new_paths = produced - published
    origins = _origins(old_files, root, checked)
    fallback = _redirects_line(board_file)
    for old in dropped:
        where = _where(origins.get(old), checked, base, old_files, fallback)
        problems.add(where[0], where[1], 1, "url-dropped",
                     f"{old} is published by {base.ref} and people may have cited it, but this change drops it",
                     redirect_hint(old, produced, new_paths))
    _forget_ledger_duplicates(files.data_dir / LEDGER, set(dropped), problems)
    _corrections(old_board, current, checked, problems, today)


def _base_board(root: Path, board_id: str):
    """(files, board) as at the base, or None when its tables do not read cleanly enough to build."""
    problems = Problems(root)
    files = read_board(root, board_id, problems)
    typed = check_tables(files.tables, problems, frozenset(files.unreadable))
    if problems.errors:
        return None
    try:
        return files, build_board(files, typed)
    except (KeyError, TypeError, AttributeError, IndexError, OSError):  # a broken past, not this change
        return None


def _addresses(table: str, key: str) -> list[str]:
    if table == "meetings":
        return ["/" + meeting_url(key), "/" + meeting_calendar_url(key)]
    if table == "decisions":
        return ["/" + decision_url(key), "/" + decision_data_url(key)]
    if table == "people":
        return ["/" + person_url(key)]
    if table == "priorities":
        return ["/" + priority_url(key)]
    return ["/" + key]


def _origins(old_files, root: Path, checked: CheckedBoard) -> dict[str, tuple[str, str]]:
    """{address: (table, base file from --repo)}: which record, in which file, made each address at the base."""
    found: dict[str, tuple[str, str]] = {}
    for table, column in KINDS.items():
        for row, source in zip(old_files.tables[table].rows, old_files.tables[table].sources):
            if row.get(column):
                relative = Path(source.file).resolve().relative_to(root.resolve()).as_posix()
                found.update((path, (table, relative)) for path in _addresses(table, row[column]))
    for page in content_pages(old_files.content_dir):
        found["/" + content_page_path(page)] = ("pages", f"content/{checked.files.board_id}/{page}")
    return found


def _where(origin, checked: CheckedBoard, base: Base, old_files, fallback) -> tuple[Path, int]:
    """The file whose change dropped the address, at the line of the record that replaced it if one did."""
    if origin is None:
        return fallback
    table, old_path = origin
    repo = checked.problems.root
    new_path = old_path if (repo / old_path).is_file() else base.renamed.get(old_path)
    if new_path is None:
        return fallback
    if table == "pages":
        return repo / new_path, 1
    column = KINDS[table]
    before = {row.get(column) for row in old_files.tables[table].rows}
    target = (repo / new_path).resolve()
    for row, source in zip(checked.files.tables[table].rows, checked.files.tables[table].sources):
        if Path(source.file).resolve() == target and row.get(column) not in before:
            return repo / new_path, source.mark_of(column).line
    return repo / new_path, 1


def _redirects_line(board_file: Path) -> tuple[Path, int]:
    """board.yml at its `redirects:` line, where the fix goes, when no changed file made the address."""
    data = load_yaml(board_file, Problems(board_file.parent)) if board_file.is_file() else None
    marks = getattr(data, "key_marks", {})
    return board_file, marks["redirects"].line if "redirects" in marks else 1


def _forget_ledger_duplicates(ledger: Path, dropped: set[str], problems: Problems) -> None:
    """A dropped address the ledger also lists is reported once, where the change dropped it."""
    lines = {line for line, path in read_ledger(ledger, Problems(ledger.parent)) if path in dropped}
    relative = problems.relative(ledger)
    problems.items[:] = [p for p in problems.items
                         if not (p.code == "url-dropped" and p.file == relative and p.line in lines)]


def _corrections(old_board: Board, current: Board, checked: CheckedBoard, problems: Problems, today: date) -> None:
    """A published decision's text is part of the record: changing it needs a `corrections:` entry."""
    table = checked.files.tables["decisions"]
    sources = {row.get("id"): source for row, source in zip(table.rows, table.sources)}
    for decision_id, decision in current.decisions.items():
        old = old_board.decisions.get(decision_id)
        if old is None or " ".join(old.text.split()) == " ".join(decision.text.split()):
            continue
        if len(decision.corrections) > len(old.corrections):
            continue
        source = sources[decision_id]
        entry = f"{{date: {today.isoformat()}, note: what was corrected, previous: {json.dumps(old.text, ensure_ascii=False)}}}"
        problems.at(source, "text", "correction-missing",
                    f"the text of decision {decision.reference} was published differently, and the change "
                    "records no correction", f"under the decision add `corrections:` with the entry `- {entry}` "
                    "(or add that entry to its `corrections:`), so readers see what changed")


def split_warnings(problems: list[Problem], touched: set[str]) -> tuple[list[Problem], int]:
    """The problems to list (errors, and warnings in files the change touches) and how many were held back."""
    shown = [p for p in problems if p.severity == ERROR or p.file in touched or p.code == "base-unreadable"]
    return shown, len(problems) - len(shown)


def older_warnings_note(count: int) -> str:
    return (f"{count} older warning(s) about records this change does not touch; "
            "see the transparency page or run without --base")


def check_against_base(repo: Path, boards: list[str], ref: str, problems: Problems) -> tuple[list[Problem], int]:
    """Every board checked and compared with `ref`: the problems to list, and the older warnings held back.

    Raises GitError when `ref` cannot be read (the command's usage error).
    """

    base, folder = open_base(repo, ref)
    with folder:
        for board_id in boards:
            checked = check_board(repo, board_id, problems)
            if checked.board is not None:
                compare_with_base(checked, base, problems, board_today(checked.typed))
    return split_warnings(problems.sorted(), base.touched)
