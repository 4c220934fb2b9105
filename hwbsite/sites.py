"""What surrounds the boards' sites: the index at the root of the published folder.

With several boards it lists them; with one it sends visitors straight to it, so a site published
from the folder's root (GitHub or GitLab Pages) opens on the board.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from markupsafe import Markup

from .model import Board
from .security import csp_meta, style_hash


class BuildError(Exception):
    """The renderer failed on a board whose files are valid: reported without a traceback."""


def board_index(repo: Path, boards: list[Board]) -> str:
    """The root page of the site folder; written by sitedir.Staging with the boards' sites."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(repo / "theme" / "hwb"), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    # Its few styles are inline (the root holds no assets of its own), allowed by their hash alone.
    css = (repo / "theme" / "hwb" / "boards-index.css").read_text(encoding="utf-8")
    return env.get_template("boards-index.html").render(
        boards=[{"id": b.id, "name": b.info["name"], "area": b.info.get("area")} for b in boards],
        only=boards[0].id if len(boards) == 1 else None, css=Markup(css), csp=csp_meta(style_hash(css)))
