"""Old addresses a board gave up (board.yml `redirects:`): pages become redirect pages, files are served
again at their old address."""

from __future__ import annotations

from hwbsite.errors import BuildError
from hwbsite.model import Board
from hwbsite.model.urls import address_kind
from hwbsite.site.pages import Page


def redirect_maps(board: Board, site_pages: dict[str, Page]) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """mkdocs-redirects' map of old page (as a source file) to new page, and the (old, new) file addresses."""
    sources = {page.url: page.uri for page in site_pages.values()}
    maps, file_copies = {}, []
    for old, new in board.redirects:
        if old.endswith("/") or not old:
            target = sources.get(new) or (new.rstrip("/") + ".md" if new else "index.md")   # an officer's page
            maps[(old or "") + "index.md"] = target
        elif address_kind(old) != address_kind(new) or ".." in old.split("/"):   # validated before: never here
            raise BuildError(f"the redirect from {old} to {new} would change the file's type")
        else:
            file_copies.append((old, new))
    return maps, file_copies


def paper_files(board: Board, file_copies: list[tuple[str, str]]) -> dict[str, str]:
    """{address in the site: source file} of each public paper, and of each old address of one (a data
    file's old address is made with it: channels.data_files)."""
    papers = {paper.file: paper.source for paper in board.public_papers}
    return papers | {old: papers[new] for old, new in file_copies if new in papers}
