"""Where sites are written, kept from harming the record: checked first, staged, then swapped in.

Every board is built into a hidden staging folder inside the site folder; only when all of them
built are they moved into place, so a failed build changes no board and leaves the root index as
it was. A folder is replaced only if it carries the marker an earlier hwbsite build wrote.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from hwbsite.cache import READ_BY_THE_BUILD

MARKER = ".hwbsite-build"
MARKER_TEXT = "Built by hwbsite. `hwbsite build` replaces this folder's contents on every build.\n"
ROOT_PAGES = ("index.html", "404.html")   # what a build of every board writes at the site folder's root


class SiteDirError(Exception):
    """A site folder that hwbsite must not write into: a one-line usage error (exit 2)."""


def check_site_dir(repo: Path, site_dir: Path, boards: list[str], with_index: bool) -> Path:
    """The site folder, resolved, once it is safe to build `boards` into it; else SiteDirError."""
    repo = repo.resolve()
    if site_dir.is_symlink() and not site_dir.exists():
        raise SiteDirError(f"the site folder {site_dir} is a link to a folder that does not exist; "
                           "remove the link or give another --site-dir")
    resolved = site_dir.resolve()
    _check_place(repo, resolved, f"the site folder {site_dir}")
    if resolved.exists() and not resolved.is_dir():
        raise SiteDirError(f"the site folder {site_dir} is a file, not a folder; give a folder with --site-dir")
    existing = next(p for p in (resolved, *resolved.parents) if p.exists())
    if not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
        raise SiteDirError(f"hwbsite may not write into {existing}; give a folder you may write to with --site-dir")
    for board in boards:
        _check_board_folder(repo, resolved, site_dir / board)
    for name in ROOT_PAGES:
        index = resolved / name
        if with_index and (index.exists() or index.is_symlink()) and not (resolved / MARKER).is_file():
            raise SiteDirError(f"{index} was not made by hwbsite, so it will not be replaced; "
                               "give an empty or new folder with --site-dir, or remove that file")
    return resolved


def _check_place(repo: Path, resolved: Path, label: str) -> None:
    for name in READ_BY_THE_BUILD:    # a site written into one would overwrite the record or the theme
        if resolved == repo / name or resolved.is_relative_to(repo / name):
            raise SiteDirError(f"{label} is inside the repository's {name}/ folder, which the build reads; "
                               "give another --site-dir, such as site")
    if repo.is_relative_to(resolved):
        raise SiteDirError(f"{label} holds the repository ({repo}), which a build would replace; "
                           "give a folder inside it or beside it, such as site")


def _check_board_folder(repo: Path, site_dir: Path, folder: Path) -> None:
    if folder.is_symlink():
        target = folder.resolve()
        if not target.is_dir():
            raise SiteDirError(f"{folder} is a link to a folder that does not exist; "
                               "remove the link, or create the folder it points to")
        _check_place(repo, target, f"{folder} links to a folder that")
        if target.is_relative_to(site_dir) or site_dir.is_relative_to(target):
            raise SiteDirError(f"{folder} links to {target}, which holds or is inside the site folder; "
                               "link it to a folder of its own")
        if not os.access(folder.resolve(), os.W_OK | os.X_OK):
            raise SiteDirError(f"hwbsite may not write into {folder.resolve()}, where {folder} points")
    elif folder.exists() and not folder.is_dir():
        raise SiteDirError(f"{folder} is a file where the board's site goes; move or remove it")
    if folder.is_dir() and any(folder.iterdir()) and not (folder / MARKER).is_file():
        raise SiteDirError(f"{folder} was not made by hwbsite (it has no {MARKER} file), so it will not "
                           "be replaced; move it away or give another --site-dir")


class Staging:
    """A hidden folder inside the site folder that holds every board's new site until all are built."""

    def __init__(self, site_dir: Path) -> None:
        for folder in reversed([site_dir, *site_dir.parents]):
            if not folder.exists():
                folder.mkdir()
                folder.chmod(0o755)   # a folder it makes is published; one it finds keeps its owner's choice
        self.site_dir = site_dir
        self.root = Path(tempfile.mkdtemp(prefix=".hwbsite-staging-", dir=site_dir))

    def folder(self, board_id: str) -> Path:
        return self.root / board_id

    def publish(self, boards: list[str], index_html: str | None, not_found_html: str | None = None) -> None:
        """Move every staged board into place, then the root index and 404 page; undo the moves if one fails."""
        for board in boards:
            (self.folder(board) / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
            _world_readable(self.folder(board))
        undo: list[tuple[Path, Path]] = []
        linked = [b for b in boards if (self.site_dir / b).is_symlink()]
        try:
            for board in boards:
                if board in linked:
                    continue
                final, previous = self.site_dir / board, self.root / f"{board}.previous"
                if final.exists():
                    final.rename(previous)
                    undo.append((previous, final))
                self.folder(board).rename(final)
                undo.append((final, self.folder(board)))
        except OSError:
            for done, before in reversed(undo):
                done.rename(before)
            raise
        for board in linked:
            _replace_contents(self.site_dir / board, self.folder(board))
        if index_html is not None:
            staged = self.root / "index.html"
            staged.write_text(index_html, encoding="utf-8")
            staged.chmod(0o644)
            (self.root / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
            (self.root / MARKER).chmod(0o644)
            (self.root / MARKER).replace(self.site_dir / MARKER)
            if not_found_html is not None:
                missing = self.root / "404.html"
                missing.write_text(not_found_html, encoding="utf-8")
                missing.chmod(0o644)
                missing.replace(self.site_dir / "404.html")
            staged.replace(self.site_dir / "index.html")

    def cleanup(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def _world_readable(folder: Path) -> None:
    """Published files are read by the web server, whatever the builder's umask (mkdtemp makes 0700)."""
    folder.chmod(0o755)
    for parent, dirs, names in os.walk(folder):
        for name in dirs:
            os.chmod(os.path.join(parent, name), 0o755)
        for name in names:
            os.chmod(os.path.join(parent, name), 0o644)


def _replace_contents(target: Path, staged: Path) -> None:
    """A board folder that is a link keeps its place: what it points to gets the new contents."""
    target = target.resolve()
    for entry in target.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    for entry in staged.iterdir():
        shutil.move(str(entry), str(target / entry.name))
