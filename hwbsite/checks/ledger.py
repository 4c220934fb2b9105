"""The URL ledger: every address a board's site has ever published must keep answering.

`data/<board>/published-urls.txt` lists them, one path per line. A path the
current record no longer produces must be redirected (board.yml `redirects:`)
or declared withdrawn (`withdrawn:`); otherwise validation stops the build.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from hwbsite.record.loader import read_text
from hwbsite.model import Board
from hwbsite.record.tables import BoardFiles
from hwbsite.problems import Problems
from hwbsite.checks.pages import BUILD_FOLDERS   # admin/ among them: the officers' editor, never in the ledger
from hwbsite.record import content_pages
from hwbsite.model.urls import address_kind, site_paths, tidy_path

LEDGER = "published-urls.txt"
# What the build writes besides the record's pages: the theme's bundle, the search index, MkDocs' own files.
BUILD_FILES = ("404.html", "sitemap.xml", "sitemap.xml.gz", ".hwbsite-build")


def normal(path: str) -> str:
    """Ledger form: a leading slash, as typed otherwise (`meetings/x/` -> `/meetings/x/`)."""
    return "/" + tidy_path(path)


def read_ledger(path: Path, problems: Problems) -> list[tuple[int, str]]:
    """The recorded paths with their lines; a ledger that cannot be read is a problem at its file."""
    if not (path.exists() or path.is_symlink()):
        return []
    text = read_text(path, problems)
    lines = text.splitlines() if text is not None else []
    return [(number, line.strip()) for number, line in enumerate(lines, start=1)
            if line.strip() and not line.lstrip().startswith("#")]


def check_ledger(board: Board, files: BoardFiles, problems: Problems) -> None:
    produced = site_paths(board, content_pages(files.content_dir))
    table = files.tables["redirects"]
    for row, source in zip(table.rows, table.sources):
        old, new = normal(row["old"]), normal(row["new"])
        if new not in produced:
            mark = source.mark_of("new")
            problems.add(source.file, mark.line, mark.column, "redirect-target-missing",
                         f"the redirect from {old} leads to {new}, which the site does not publish",
                         _closest(new, produced) or "give the path of a page the site publishes")
        if old in produced:
            mark = source.mark_of("old")
            problems.add(source.file, mark.line, mark.column, "redirect-shadows-page",
                         f"{old} is still a page of the site, so it cannot also redirect",
                         "remove this redirect")
        elif _collides(_written(old), {_written(path) for path in produced}):
            mark = source.mark_of("old")
            problems.add(source.file, mark.line, mark.column, "redirect-collides",
                         f"the redirect from {old} would overwrite a file or folder the site needs",
                         "remove this redirect: the site's own files, styles and search index cannot be redirected")
        elif address_kind(old) != address_kind(new):
            mark = source.mark_of("old")
            problems.add(source.file, mark.line, mark.column, "redirect-changes-type",
                         f"the old address {old} and the new one {new} are not the same kind of file",
                         "a moved paper, calendar or data file keeps its ending (.pdf, .ics, .json); a moved "
                         "page ends in /; anything else would publish a file under a type it is not")
    redirected = {normal(row["old"]) for row in table.rows}
    withdrawn = {normal(row["path"]) for row in files.tables["withdrawn"].rows}
    path = files.data_dir / LEDGER
    recorded = read_ledger(path, problems)
    new_paths = produced - {p for _, p in recorded}
    for line, old in recorded:
        if old in produced or old in redirected or old in withdrawn:
            continue
        problems.add(path, line, 1, "url-dropped",
                     f"{old} was published and people may have cited it, but the site no longer has it",
                     redirect_hint(old, produced, new_paths))


def redirect_hint(old: str, produced: set[str], new_paths: set[str]) -> str:
    """The redirect line to add for a dropped address: to the new page most like it, else its section."""
    target = _replacement(old, new_paths) or _section(old, produced)
    return (f"in board.yml, add the line `{old.lstrip('/')}: {target.lstrip('/')}` under `redirects:`"
            + ("" if target in new_paths else " (or to the page that replaced it)"))


def update_ledger(board: Board, files: BoardFiles) -> tuple[Path, int]:
    """Add the current addresses to the ledger, never removing one; returns the file and how many were added."""
    path = files.data_dir / LEDGER
    unread = Problems(files.data_dir)
    recorded = {p for _, p in read_ledger(path, unread)}
    if unread.items:   # validation reports it first; never rewrite a ledger that was not read whole
        raise OSError(0, "the URL ledger cannot be read; run hwbsite validate", str(path))
    produced = site_paths(board, content_pages(files.content_dir))
    added = produced - recorded
    lines = "\n".join(sorted(recorded | produced)) + "\n"
    staging = path.with_suffix(".txt.new")
    staging.write_text(lines, encoding="utf-8")
    staging.replace(path)
    return path, len(added)


def _written(path: str) -> str:
    """The file a path is served from: a page's folder holds index.html."""
    path = path.lstrip("/")
    return path + "index.html" if path.endswith("/") or not path else path


def _collides(written: str, site_files: set[str]) -> bool:
    """Whether a redirect's file lands on, above or below a file the build writes."""
    written, site_files = written.lower(), {other.lower() for other in site_files}  # Windows and macOS ignore case
    if written.split("/")[0] in BUILD_FOLDERS or written in BUILD_FILES:
        return True
    folder = written + "/"
    return any(other == written or other.startswith(folder) or written.startswith(other + "/")
               for other in site_files)


def _replacement(old: str, new_paths: set[str]) -> str | None:
    """The newly published path of the same kind that most resembles the dropped one."""
    section = old.strip("/").split("/")[0]
    same_kind = [p for p in new_paths if p.strip("/").split("/")[0] == section
                 and p.endswith("/") == old.endswith("/") and p.count("/") == old.count("/")]
    close = difflib.get_close_matches(old, same_kind, n=1, cutoff=0)
    return close[0] if close else None


def _section(old: str, produced: set[str]) -> str:
    section = "/" + old.strip("/").split("/")[0] + "/"
    return section if section in produced else "/"


def _closest(path: str, produced: set[str]) -> str:
    close = difflib.get_close_matches(path, list(produced), n=1, cutoff=0.6)
    return f"did you mean `{close[0].lstrip('/')}`?" if close else ""
