"""The one Jinja environment for hwbsite's own templates (theme/hwb/): escaping on, unknown names an error."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2


@cache
def environment(repo: Path) -> jinja2.Environment:
    """Templates are read from the repository's theme/hwb/, so a board's own copy of the theme is used."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(repo / "theme" / "hwb"), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
