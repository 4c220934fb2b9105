"""Facts worked out from files and libraries, kept between runs in the user's cache folder.

`hwbsite validate` opens every recent PDF to read its title, language and tags, and asks the holidays
library for England's bank holidays (which loads every country's calendar first). Neither answer
changes unless the file or the library does, so each is kept, as JSON, and worked out again only when
its identity changes: a PDF's path, inode, size and modification time (to the nanosecond); the holidays
library's version and the year.

The folder is $HWBSITE_CACHE, else $XDG_CACHE_HOME/hwbsite, else ~/.cache/hwbsite: never the
repository (one inside a folder the build reads is refused by the command), and nothing in it is
published or needed. It may be deleted at any time; a cache file that cannot be read, or an entry of
the wrong shape, is ignored and one that cannot be written is left alone. HWBSITE_CACHE=off keeps nothing.
"""

from __future__ import annotations

import atexit
import json
import os
import tempfile
from pathlib import Path

FORMAT = 1
_OPEN: dict[str, Kept] = {}


def folder() -> Path | None:
    """Where the cache files are, or None when HWBSITE_CACHE=off."""
    chosen = os.environ.get("HWBSITE_CACHE")
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "hwbsite"


# The repository's folders the build reads (and the preview watches): a cache there would change the record.
READ_BY_THE_BUILD = ("data", "content", "theme", ".git")


def misplaced(repo: Path) -> str | None:
    """Why the cache folder may not be used with `repo` (it is inside a folder the build reads), or None."""
    where = folder()
    if where is None:
        return None
    try:
        where = where.resolve()     # a relative HWBSITE_CACHE is taken from the current folder
    except (OSError, RuntimeError):     # a link that loops: nothing can be read or written there
        return None
    for name in READ_BY_THE_BUILD:
        if where.is_relative_to(repo.resolve() / name):
            return (f"the cache folder {where} is inside the repository's {name}/ folder, which hwbsite never "
                    "writes into; set HWBSITE_CACHE to a folder outside the repository, or HWBSITE_CACHE=off")
    return None


class Kept:
    """One cache file: a value per key, trusted only while its identity is the same."""

    def __init__(self, path: Path | None) -> None:
        self.path, self.changed = path, False
        self.entries: dict[str, list] = {}
        if path is not None:
            try:
                stored = json.loads(path.read_text(encoding="utf-8"))
                if stored.get("format") == FORMAT and isinstance(stored.get("entries"), dict):
                    self.entries = stored["entries"]
            except (OSError, ValueError, AttributeError, RecursionError):
                pass    # missing, unreadable or damaged (nested too deeply to read, too): start again

    def get(self, key: str, identity: list):
        entry = self.entries.get(key)
        return entry[1] if isinstance(entry, list) and len(entry) == 2 and entry[0] == identity else None

    def put(self, key: str, identity: list, value) -> None:
        self.entries[key] = [identity, value]
        self.changed = True

    def save(self) -> None:
        if self.path is None or not self.changed:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=self.path.parent, delete=False,
                                             prefix=f".{self.path.name}-") as handle:
                json.dump({"format": FORMAT, "entries": self.entries}, handle)
            os.replace(handle.name, self.path)
            self.changed = False
        except OSError:
            pass    # a read-only or full disk: the next run works the facts out again


def kept(name: str) -> Kept:
    """The cache file `name`, read once per process and written back when the process ends."""
    where = folder()
    path = where / f"{name}.json" if where is not None else None
    key = str(path)
    if key not in _OPEN:
        _OPEN[key] = Kept(path)
        if len(_OPEN) == 1:
            atexit.register(save_all)
    return _OPEN[key]


def save_all() -> None:
    for store in _OPEN.values():
        store.save()
