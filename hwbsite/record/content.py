"""What a board's folders hold on disk: the officers' pages, the files beside them, and symbolic links.

Symbolic links are listed and never followed, so nothing outside the repository can be read or published
through one; validation and the MkDocs plugin read the same allow-list of pages from here.
"""

from __future__ import annotations

import os
from pathlib import Path

from hwbsite.problems import Problems

PAPERS = "papers"


def find_links(repo: Path, board_id: str) -> list[Path]:
    """Every symbolic link in the board's data/ and content/ folders (and those folders), never following one."""
    found = []
    for top in ("data", "content"):
        for path in (repo / top, repo / top / board_id):
            if path.is_symlink():
                found.append(path)
                break
        else:
            folders = [str(repo / top / board_id)]
            while folders:    # as os.walk, without a path object and a system call for each of thousands of papers
                try:
                    entries = sorted(os.scandir(folders.pop()), key=lambda entry: entry.name)
                except OSError:
                    continue
                for entry in entries:
                    if entry.is_symlink():          # never followed, so a linked folder is not entered
                        found.append(Path(entry.path))
                    elif entry.is_dir():
                        folders.append(entry.path)
    return found


def report_links(links: list[Path], problems: Problems) -> None:
    for link in links:
        problems.add(link, 1, 1, "symlink", f"`{link.name}` is a symbolic link; hwbsite never follows or publishes one",
                     "replace the link with a copy of the file itself, or delete it")


def through_link(root: Path, path: Path) -> bool:
    """Whether `path`, `root`, or a folder between them is a symbolic link."""
    current = root
    if current.is_symlink():
        return True
    for part in path.relative_to(root).parts:
        current = current / part
        if current.is_symlink():
            return True
    return False


def is_page(relative: str) -> bool:
    """A Markdown page that MkDocs renders: outside papers/, not hidden, not in MkDocs' templates/ folder."""
    parts = relative.split("/")     # an address in the site: "/" always separates its parts
    return (relative.endswith(".md") and parts[0] not in (PAPERS, "templates")
            and not any(part.startswith(".") for part in parts))


def officers_files(found, docs: str, generated) -> tuple[list, list[str]]:
    """An allow-list over the files MkDocs found (each with its `src_dir` and `src_uri`): of those in
    content/<board>/ (`docs`), only the officers' Markdown pages stay, not one reached through a link nor one
    with the address of a generated page (`generated`). The files kept, and the addresses of those left out."""
    kept, removed, inside, root = [], [], {None: False}, os.path.abspath(docs)
    for file in found:
        if file.src_dir not in inside:     # each folder once: at ten years MkDocs finds 2,300 files
            inside[file.src_dir] = os.path.abspath(file.src_dir) == root
        if inside[file.src_dir] and (file.src_uri in generated or not is_page(file.src_uri)
                                     or through_link(Path(docs), Path(docs) / file.src_uri)):
            removed.append(file.src_uri)
        else:
            kept.append(file)
    return kept, removed


def shadows(relatives: list[str], folders: list[str]) -> bool:
    """Whether a file in one of the folders has the address of one of the given files: looked for only
    under the folders' own top-level names, not with a system call for each of thousands of papers."""
    for folder in folders:
        tops = set(os.listdir(folder)) if os.path.isdir(folder) else set()
        if any(r.split("/")[0] in tops and os.path.isfile(os.path.join(folder, r)) for r in relatives):
            return True
    return False


def content_files(content_dir: Path) -> list[str]:
    """Every real file under content/<board>/, as paths from there; links are neither listed nor followed."""
    if not content_dir.is_dir() or content_dir.is_symlink():
        return []
    found, folders = [], [(str(content_dir), "")]
    while folders:   # as os.walk, without a path object and two system calls for each of thousands of papers
        folder, prefix = folders.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.is_symlink():
                continue
            if entry.is_dir():
                folders.append((entry.path, prefix + entry.name + "/"))
            else:
                found.append(prefix + entry.name)
    return sorted(found)


def content_pages(content_dir: Path) -> list[str]:
    """The officers' Markdown pages the site publishes, as paths from content/<board>/."""
    return [relative for relative in content_files(content_dir) if is_page(relative)]
