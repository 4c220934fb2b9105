"""Old addresses a board gave up (board.yml `redirects:`): pages become redirect pages, files are served
again at their old address."""

from __future__ import annotations

from hwbsite.model import Board
from hwbsite.site.pages import Page


def redirect_maps(board: Board, site_pages: dict[str, Page]) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """mkdocs-redirects' map of old page (as a source file) to new page, and the (old, new) file addresses."""
    sources = {page.url: page.uri for page in site_pages.values()}
    maps, file_copies = {}, []
    for old, new in board.redirects:
        if old.endswith("/") or not old:
            target = sources.get(new) or (new.rstrip("/") + ".md" if new else "index.md")   # an officer's page
            maps[(old or "") + "index.md"] = target
        else:
            file_copies.append((old, new))
    return maps, file_copies
