"""What may leave the repository: Markdown pages and the papers that public records list, nothing else.

The repository is usually public, so these checks guard what an officer commits as well as what the
site copies; validation and the MkDocs plugin read the same allow-list from here.
"""

from __future__ import annotations

import os
import posixpath
import re
import stat
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from hwbsite.checks.papers import check_paper_file
from hwbsite.problems import WARNING, Problems
from hwbsite.record.content import PAPERS, content_files, is_page
from hwbsite.record.fields import Source, suggest

if TYPE_CHECKING:
    from hwbsite.record.tables import BoardFiles

# Warnings about files the site leaves out: for the officer, never on the public transparency page,
# since naming an unpublished file (`private/redundancies.pdf`) would publish what it says.
HOUSEKEEPING = frozenset({"not-published", "unreferenced-paper"})
GUIDE = "see 'Remove a file committed by mistake' in docs/officers-guide.md"


def _identity(path: Path | str) -> tuple[int, int] | None:
    """The file itself, so one file reached by two spellings (or on a case-blind disk) is seen as one."""
    try:
        found = os.stat(path, follow_symlinks=False)
    except (OSError, ValueError):
        return None
    return (found.st_dev, found.st_ino)


def check_papers(files: BoardFiles, typed: dict[str, list[dict]], problems: Problems, max_mb: float,
                 recent: set[str]) -> None:
    """Exempt papers by title only; public papers real documents under papers/; nothing else published.

    `recent` holds the meetings whose PDFs are checked for accessibility.
    """
    content = files.content_dir
    items, papers = files.tables["items"], files.tables["papers"]
    # An item with an `exempt:` key is private even when the value is blank or wrong: never publish on a doubt.
    exempt = {(row["meeting"], row["number"]) for row, source in zip(items.rows, items.sources)
              if "exempt" in source.marks}
    named: dict[str, tuple[int, int] | None] = {}      # normalised path -> the file, when it exists
    public: list[tuple[str, Source, str, str | None]] = []
    for raw, row, source in zip(papers.rows, typed["papers"], papers.sources):
        if (raw["meeting"], raw["item"]) in exempt:
            _exempt_paper(raw, source, content, named, problems)
            continue
        if not raw["file"] and not raw["url"]:
            problems.at(source, "title", "paper-without-file",
                        f"the paper `{raw['title']}` gives neither `file` nor `url`",
                        "add `file: papers/<meeting id>/<file name>` or `url: https://...`")
        elif raw["file"] and raw["url"]:
            problems.at(source, "url", "paper-file-and-url", "the paper gives both `file` and `url`",
                        "keep `file` for a paper kept here, or `url` for one published elsewhere, not both")
        if row.get("file"):
            public.append((row["file"], source, "file", raw["meeting"]))
    for row, source in zip(typed["strategy"], files.tables["strategy"].sources):
        if row.get("document"):
            public.append((row["document"], source, "document", None))
    referenced: set[str] = set()
    checked_folders: set[str] = set()
    exempt_files = set(named.values()) - {None}
    for value, source, column, meeting in public:
        found = check_paper_path(content, value, source, column, problems, checked_folders)
        if not found:
            continue
        if posixpath.normpath(value) in named or (exempt_files and _identity(found) in exempt_files):
            problems.at(source, column, "exempt-paper-listed",
                        f"`{value}` is a paper of an item taken in private, so it may not be published here",
                        "an exempt paper is never published: remove this entry and delete the file from the "
                        f"repository ({GUIDE})")
            continue
        referenced.add(found)
        check_paper_file(found, source, column, problems, max_mb, check_accessibility=meeting in recent)
    private = {os.path.abspath(content.joinpath(*PurePosixPath(path).parts)) for path in named if ".." not in path}
    # A meeting file that could not be read lists nothing yet: its folder's papers wait for it.
    waiting = {path.stem for path in files.unparsed if path.parent.name == "meetings"}
    check_content(content, referenced | private, problems, waiting)


def _exempt_paper(raw: dict, source: Source, content: Path, named: dict, problems: Problems) -> None:
    """An exempt item's paper is a title: its file or address must never be in the repository."""
    if raw["file"]:
        path = posixpath.normpath(raw["file"])
        named[path] = _identity(content.joinpath(*PurePosixPath(path).parts)) if ".." not in path else None
        problems.at(source, "file", "exempt-paper-file",
                    "this item is taken in private, so its papers must never be committed to the repository",
                    "list the paper by its title only: remove `file:`, delete the file from content/, and if it "
                    f"was ever committed treat it as published ({GUIDE})")
    if raw["url"]:
        problems.at(source, "url", "exempt-paper-url",
                    "this item is taken in private, so its papers are not linked from the public record",
                    "list the paper by its title only: remove `url:`")


def check_content(content: Path, accounted: set[str], problems: Problems,
                  waiting: frozenset[str] | set[str] = frozenset()) -> None:
    """Every file under content/<board>/ that the site will not copy, named so nobody thinks it is online.

    `accounted` holds the files already reported or published (absolute paths); `waiting` names the
    papers/ folders of meeting files that could not be read, whose papers are not judged yet."""
    root = os.path.abspath(content)
    for relative in content_files(content):
        parts = relative.split("/")
        if is_page(relative) or os.path.join(root, *parts) in accounted or \
                (parts[0] == PAPERS and len(parts) > 2 and parts[1] in waiting):
            continue
        path = content.joinpath(*parts)
        if relative.startswith(PAPERS + "/"):
            problems.add(path, 1, 1, "unreferenced-paper",
                         "no agenda item lists this file, so it will not be published",
                         "list it under an item's `papers:` with `file:`, or delete it", severity=WARNING)
        else:
            problems.add(path, 1, 1, "not-published",
                         f"not published: {problems.relative(path)} is neither a Markdown page nor a listed paper",
                         "papers go in papers/<meeting id>/ and are listed under an item; pages end in .md; "
                         "delete anything else, since the repository itself may be public", severity=WARNING)


_SAFE_NAME = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*")


def check_paper_path(content_dir: Path, value: str, source: Source, column: str, problems: Problems,
                     checked_folders: set[str]) -> str | None:
    """The file's absolute path if `value` names a real file under content/<board>/papers/, else None.

    `checked_folders` remembers folders already found free of links, across calls.
    """
    parts = value.split("/")
    if "" in parts or "." in parts:   # written oddly ("papers//a.pdf", "./papers/a.pdf"): as a path reads it
        parts = list(PurePosixPath(value).parts)
    if "\\" in value:
        problems.at(source, column, "paper-outside-papers", f"`{value}` uses backslashes",
             "write the path with forward slashes, for example papers/2025-03-12/report.pdf")
        return None
    if value.startswith("/") or ".." in parts or parts[:1] != [PAPERS]:
        problems.at(source, column, "paper-outside-papers",
             f"`{value}` is not inside the board's papers/ folder",
             "give the path from content/<board>/, beginning papers/, for example "
             "papers/2025-03-12/report.pdf")
        return None
    odd = next((part for part in parts if not _SAFE_NAME.fullmatch(part)), None)
    if odd is not None:
        # Its address is the path itself: `#`, `?`, `%` or a space would break the link, and a name
        # starting with a dot is hidden. Say so before the file is published at a dead address.
        problems.at(source, column, "paper-name",
                    f"`{odd}` in `{value}` has characters that a web address cannot carry as they are",
                    "rename the file (and its folder) with letters, digits, hyphens and one dot before "
                    "the ending, for example papers/2025-03-12/71-bcf-plan.pdf, and change this line to match")
        return None
    # Plain strings and os.path, not Path objects: a ten-year board lists thousands of papers.
    current, kind = os.path.abspath(content_dir), None
    for part in [""] + parts:
        current = current + "/" + part if part else current
        if current in checked_folders:
            continue
        try:
            kind = stat.S_IFMT(os.lstat(current).st_mode)    # one call: a link, a folder, a file or nothing
        except (OSError, ValueError):
            kind = None
        if kind == stat.S_IFLNK:
            problems.at(source, column, "paper-symlink",
                 f"`{value}` is reached through a link ({os.path.basename(current)}), not a real file",
                 "copy the file itself into the papers folder instead of linking to it")
            return None
        if kind == stat.S_IFDIR:
            checked_folders.add(current)
    if kind != stat.S_IFREG:
        path = content_dir.joinpath(*parts)
        try:
            siblings = [p.name for p in path.parent.iterdir()] if path.parent.is_dir() else []
        except OSError:     # a name too long for the system, or a folder that may not be read
            siblings = []
        close, folder = suggest(path.name, siblings), posixpath.dirname("/".join(parts)) or "."
        problems.at(source, column, "paper-missing", f"there is no file at content/.../{value}",
             close or f"add the file to content/<board>/{folder}/ or correct the path")
        return None
    return current
