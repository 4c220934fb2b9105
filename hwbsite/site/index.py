"""What surrounds the boards' sites: the index and the "page not found" page at the root of the published folder.

With several boards the index lists them; with one it sends visitors straight to it, so a site published
from the folder's root (GitHub or GitLab Pages) opens on the board. GitHub and GitLab Pages answer every
missing address, at any depth, with the root 404.html (and never with a board's own 404.html), so that
page carries its styles inline and links to each board by an address that works from anywhere.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from markupsafe import Markup

from hwbsite.model import Board
from hwbsite.site.security import csp_meta, style_hash
from hwbsite.site.templates import environment


def _env_and_css(repo: Path) -> tuple[jinja2.Environment, str]:
    # The root pages' few styles are inline (the root holds no assets of its own), allowed by their hash alone.
    return environment(repo), (repo / "theme" / "hwb" / "boards-index.css").read_text(encoding="utf-8")


def board_home(board: Board) -> str:
    """Where a board's site lives, from any page: its site_url, else /<board>/ on the host that serves the
    site folder at its root (the layout `hwbsite build` writes). A site folder published under a further
    path (a GitHub project site, /<repository>/) needs site_url for the 404 page's links to work."""
    site_url = board.info.get("site_url")
    if site_url:
        return site_url if site_url.endswith("/") else site_url + "/"
    return f"/{board.id}/"


def not_found_page(repo: Path, boards: list[Board]) -> str:
    """The root 404.html: what went wrong, then every board with a link to its home page and its search."""
    env, css = _env_and_css(repo)
    return env.get_template("not-found.html").render(
        boards=[{"name": b.info["name"], "area": b.info.get("area"), "home": board_home(b),
                 "search": board_home(b) + "search/"} for b in boards],
        css=Markup(css), csp=csp_meta(style_hash(css)))


def board_index(repo: Path, boards: list[Board]) -> str:
    """The root page of the site folder; written by sitedir.Staging with the boards' sites."""
    env, css = _env_and_css(repo)
    return env.get_template("boards-index.html").render(
        boards=[{"id": b.id, "name": b.info["name"], "area": b.info.get("area")} for b in boards],
        only=boards[0].id if len(boards) == 1 else None, css=Markup(css), csp=csp_meta(style_hash(css)))
