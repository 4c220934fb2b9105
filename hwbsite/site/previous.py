"""What the preview's previous build wrote (preview.py): each file's address in the site, where it was written
and a key of what it was made from, so that a save writes again only what changed, and removes what it no
longer makes, whoever wrote it (the plugin, MkDocs, mkdocs-redirects)."""

from __future__ import annotations

import hashlib
import os
import pickle


def digest(value) -> bytes:
    return hashlib.blake2b(pickle.dumps(value, protocol=5), digest_size=16).digest()


def source_key(path: str | None) -> tuple | None:
    """A source file as a key: its path, size and time, so that a file replaced by one dated before it (a
    download moved in, `cp -p`) is told too, where MkDocs copies only a file newer than its copy."""
    try:
        stat = os.stat(path)
    except (OSError, TypeError):
        return None
    return path, stat.st_size, stat.st_mtime_ns


def _key(key) -> bytes | tuple:
    """A fingerprint (bytes) or a source's key (a tuple) as it is; anything else by its digest."""
    return key if isinstance(key, (bytes, tuple)) else b"" if key is None else digest(key)


class Previous:
    """The previous build's keys, by the file's address in the site, kept across rebuilds, and the site's
    shape (site_shape) after the last build that ended well: a save that keeps the shape needs to hand
    MkDocs only the pages whose fingerprints changed (narrow). A key forgotten (None) matches none: the
    file is written again, and still removed once no longer made."""

    def __init__(self) -> None:
        self.shared: bytes | None = None
        self.kept: dict[str, tuple[bytes | tuple | None, str]] = {}     # uri -> (key, where it was written)
        self.now: dict[str, tuple[bytes | tuple | None, str]] = {}
        self.shape: tuple | None = None      # of the site the last build that ended well left
        self.making: tuple | None = None     # of the site this build is writing
        self.began = self.writing = False    # whether this build has begun, and begun writing

    def begin(self, shared: bytes) -> bool:
        """Start a build; False when what every page shares changed, so nothing can be kept."""
        same = shared == self.shared
        self.shared, self.now, self.began = shared, {}, True
        if not same:
            self.forget()
        return same

    def forget(self) -> None:
        """No file written can be trusted to be what its key says; each is still removed once no longer made."""
        self.kept, self.shape = {uri: (None, written_to) for uri, (_, written_to) in self.kept.items()}, None

    def narrow(self, shape: tuple | None, pages=()) -> bool:
        """Whether the site on disk is whole and has this shape, and none of the officers' `pages` (MkDocs File
        objects) changed: then only the pages that changed are rendered, and MkDocs need not be told of any
        other file."""
        return shape is not None and self.shape == shape and not any(
            file.is_modified() or self.kept.get(file.src_uri, (None,))[0] != _key(source_key(file.abs_src_path))
            for file in pages)

    def unchanged(self, uri: str, key, written_to: str) -> bool:
        """Whether the file at `uri` is the same as the previous build wrote (then it is not written again)."""
        self.now[uri] = (key := _key(key), written_to)
        return self.kept.get(uri, (None, ""))[0] == key

    def same(self, uri: str, key) -> bool:
        """Whether the file at `uri` is as the previous build wrote it; if so it is still made, so not removed,
        and a narrow build leaves it."""
        if self.kept.get(uri, (None, ""))[0] == _key(key):
            self.now[uri] = self.kept[uri]
            return True
        return False

    def finish(self, shape: tuple | None, theirs=(), redirects=(), site_dir: str = "", narrow: bool = False) -> None:
        """Remove what the previous build wrote and this one no longer makes. `theirs`: the files MkDocs writes
        (File objects: the officers' pages, the theme's files), each removed, so that MkDocs writes it again,
        when its source changed or, a page, in any build but a narrow one (what every page shares, or the
        addresses its links resolve to, may have changed); `redirects`: the old pages (x/index.md) whose
        redirect pages mkdocs-redirects writes (x/index.html)."""
        for file in theirs:
            same = self.unchanged(file.src_uri, source_key(file.abs_src_path), file.abs_dest_path)
            if not (same and (narrow or not file.is_documentation_page())) and os.path.isfile(file.abs_dest_path):
                os.remove(file.abs_dest_path)
        for old in redirects:     # x/index.md: mkdocs-redirects writes x/index.html
            uri = old.removesuffix(".md") + ".html"
            self.now[uri] = (b"", os.path.join(site_dir, uri))
        for uri, (_, written_to) in self.kept.items():   # no longer made, or made elsewhere (mkdocs.yml changed)
            if self.now.get(uri, (None, ""))[1] != written_to and os.path.isfile(written_to):
                os.remove(written_to)
        self.kept, self.making, self.writing = self.now, shape, True

    def ended(self, well: bool) -> None:
        """A build that began ended: well, its shape is the site's. Not: no file it may have written, or removed,
        can be trusted to be what its key says, and what every page shares is taken as changed (the next build
        writes every page again, the officers' too)."""
        if self.began and not well:
            self.forget()
            self.shared = None
        elif self.writing:
            self.shape = self.making
        self.making, self.began, self.writing = None, False, False


def site_shape(pages, papers: dict[str, tuple | None]) -> tuple | None:
    """What decides which files a site has and where each comes from: its pages' addresses, its papers'
    addresses and their sources' keys (source_key: a paper replaced must be copied again)."""
    if any(key is None for key in papers.values()):
        return None     # no shape: the build says what is wrong
    return tuple(pages), tuple(papers.items())
