"""The preview (`hwbsite serve`) writes again only what a change touched.

MkDocs' preview builds the whole site on every save. Under `serve` the plugin builds "dirty" instead:
every page is still made as data (the checks and `build_pages` run in full), but a page is rendered
and written only when what it shows changed since the previous build, which is told by a fingerprint
of its data (template, title, description, context, head). A change to anything every page shares
(the navigation, the site's settings, the theme, the date of the latest record) renders every page.
Generated files (open data, calendars, feeds) are made after the pages, in a thread, and written only
when their content changed (LaterFiles); papers, the officers' pages and the theme's files are written
again when their source's size or time changed, and a file no longer made is removed (previous.py).
A built site (`hwbsite build`) never uses any of this.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

from watchdog.events import FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent
from watchdog.observers import Observer

from hwbsite.site.pages import Page
from hwbsite.site.search import start_index
from hwbsite.site.previous import digest

CHANGES = [FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent]


def fingerprint(page: Page) -> bytes:
    """What the page shows: equal fingerprints render the same page."""
    return digest((page.template, page.title, page.description, page.context, page.head))


def shared_fingerprint(*values, theme: Path, settings: Path) -> bytes:
    """What every page shares: the given values, the settings file (mkdocs.yml: the theme's features, the
    Markdown extensions) and the theme's files (their names, sizes and times)."""
    files = sorted((str(path), path.stat().st_size, path.stat().st_mtime_ns)
                   for path in theme.rglob("*") if path.is_file())
    return digest((values, settings.read_bytes(), files))


def not_dirty_warning(record: logging.LogRecord) -> bool:
    """A filter for MkDocs' warning that a dirty build may be inaccurate: the preview's is not."""
    return not record.getMessage().startswith("A 'dirty' build")


class Made(dict):
    """Files whose making need not be repeated at each save, by a key that says what they are: the same
    key, the same file. At ten years MkDocs' File of each of 2,160 papers and 1,190 data files was made
    again at every save."""

    def once(self, key, make: Callable):
        if key not in self:
            self[key] = make()
        return self[key]


class ThemeListing:
    """The theme's files, listed once while the theme stays the same: at each build MkDocs lists every
    file of Material's (thousands of icons) to find the assets it copies."""

    def __init__(self) -> None:
        self.names: list[str] | None = None

    def around(self, get_env: Callable, same: bool) -> Callable:
        """The theme's `get_env`, whose environments list the theme's files from the first listing while
        `same` (preview.shared_fingerprint, which covers theme/, says nothing every page shares changed)."""
        if not same:
            self.names = None

        def kept_env():
            env = get_env()
            listing = env.list_templates

            def list_templates(*args, **kwargs) -> list[str]:
                if args or list(kwargs) != ["filter_func"]:    # MkDocs' own call is the one kept
                    return listing(*args, **kwargs)
                if self.names is None:
                    self.names = listing(**kwargs)
                return list(self.names)
            env.list_templates = list_templates
            return env
        return kept_env


def watch(server, mkdocs_own: list[str], paths: list[str]) -> None:
    """MkDocs' preview server told of changes by the system (Changes) under `paths`, in place of MkDocs' own
    watching of `mkdocs_own`. It rebuilds 100 ms after the last change (MkDocs' own wait): 20 ms was tried,
    and a file written in two parts 50 ms apart was checked half-written, with errors, and built twice."""
    for path in mkdocs_own:
        server.unwatch(path)
    server.observer = Changes()
    for path in paths:
        server.watch(path)


class Changes(Observer):
    """The system's own notices of files written, made, moved or deleted (inotify on Linux), in place of
    MkDocs' polling of every watched file (thousands of papers) every half second; never of files read,
    as the build itself reads every file."""

    def schedule(self, event_handler, path, *, recursive=False, event_filter=None):
        return super().schedule(event_handler, path, recursive=recursive, event_filter=CHANGES)


# Not under `mkdocs`: MkDocs counts that logger's errors in the build running at the time (strict), which
# for the thread's is the next save's.
log = logging.getLogger("hwbsite.preview")


class LaterFiles:
    """The files made from the whole record (open data, calendars, feeds) are, under the preview, made and
    written after the pages, in a thread: a save shows its page without waiting for them, as the search
    index catches up too. Each is written only when its bytes changed, and one no longer made is removed.
    Their addresses follow from the record's shape (its meetings, decisions and old file addresses): a
    save that changes the shape, and the first, makes them before the pages, so MkDocs knows every
    address an officer's page may link to. Each build waits for the previous thread first."""

    held = False        # whether a preview turned Python's collection of cyclic garbage off (see _collect)
    current: LaterFiles | None = None     # the plugin's newest: only its thread may turn the collection off
    switch = threading.Lock()             # held while either is changed
    SETTLE = 1.0        # seconds after a save's pages are written before the collection: the browser reloads

    def __init__(self, *, hold_garbage: bool = False) -> None:
        self.written: dict[str, bytes] = {}      # address in the site -> digest of the bytes written there
        self.shape: tuple | None = None          # of the record they were made from, once made whole
        self.thread: threading.Thread | None = None
        self.indexing: subprocess.Popen | None = None     # the preview's search index, being made
        self.hold, self.collected, self.woken = hold_garbage, True, threading.Event()
        with LaterFiles.switch:
            LaterFiles.current = self
            if not hold_garbage and LaterFiles.held:      # a build in a process that once previewed
                gc.enable()
                LaterFiles.held = False

    def begin(self) -> None:
        """At the start of a build: after the previous build's thread, and its garbage if nothing collected it
        (a failed save has it collected by the same thread: on_build_error)."""
        self.wait()
        if LaterFiles.held and not self.collected:
            gc.collect()
        self.collected = False

    def wait(self) -> None:
        self.woken.set()     # a thread waiting to collect does it now
        if self.thread is not None:
            self.thread.join()
            self.thread = None

    def ready(self, shape: tuple) -> bool:
        """Whether the files written before have the addresses a record of this shape gives."""
        self.wait()
        return self.shape is not None and self.shape == shape

    def make(self, files: Callable[[], dict[str, bytes | str]] | None, site_dir: Path, shape: tuple = (), *,
             thread: bool = False, index: bool = False) -> None:
        """Make and write the files (in a thread if asked); None: nothing to make (the build made them).
        `index`: then start the preview's search index of the site (search.start_index), from the thread,
        so that the save's pages show (MkDocs reloads the browser when the build returns) before it starts."""
        self.wait()
        if not thread:
            if files is not None:
                self._write(files, site_dir, shape)
        elif files is not None or self.hold or index:
            self.woken.clear()
            self.thread = threading.Thread(target=self._after_pages, args=(files, site_dir, self.shape, index),
                                           daemon=True, name="hwbsite-later-files")
            self.thread.start()

    def _after_pages(self, files: Callable[[], dict[str, bytes | str]] | None, site_dir: Path, shape: tuple,
                     index: bool) -> None:
        began = time.monotonic()
        if files is not None:
            self._write(files, site_dir, shape)
        if index:
            try:
                self.indexing = start_index(site_dir, self.indexing)
            except OSError:     # Pagefind could not be started: the preview's pages stand, without search
                log.exception("the preview could not start its search index")
        if self.hold:
            self._collect(began)

    def _collect(self, began: float) -> None:
        """Python's collector of cyclic garbage makes a full pass over every object now and then: at ten
        years one takes 0.2-0.4 s, and one fell due during most saves, before the page showed. After the
        preview's first build it is turned off, and this thread collects once a save, a moment after the
        pages are written (sooner if the next save begins), while the officer reads the page."""
        self.woken.wait(max(0.0, self.SETTLE - (time.monotonic() - began)))
        gc.collect()
        with LaterFiles.switch:
            if LaterFiles.current is self and gc.isenabled():
                gc.disable()
                LaterFiles.held = True
        self.collected = True

    def _write(self, files: Callable[[], dict[str, bytes | str]], site_dir: Path, shape: tuple) -> None:
        now: dict[str, bytes] = {}
        try:
            for uri, data in files().items():
                data = data.encode("utf-8") if isinstance(data, str) else data
                digest = hashlib.blake2b(data, digest_size=16).digest()
                path = site_dir / uri
                if self.written.get(uri) != digest or not path.is_file():
                    path.parent.mkdir(parents=True, exist_ok=True)
                    part = path.with_name(path.name + ".part")
                    part.write_bytes(data)
                    os.replace(part, path)      # a reader never sees half a file
                now[uri] = digest
            for uri in self.written.keys() - now.keys():
                (site_dir / uri).unlink(missing_ok=True)
            self.written, self.shape = now, shape
        except Exception:     # an internal error: the pages stand; the next save makes them again, whole
            self.written, self.shape = {**self.written, **now}, None    # each still removed once not made
            log.exception("the preview could not write the open data, calendars and feeds")
