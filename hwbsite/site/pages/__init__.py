"""Every page of a board's site, as the data its template shows: one module per section of the site.

Links are paths from the site's root (`meetings/2025-03-12/`); each page's `base` climbs from the page to
that root, so a site works under any prefix. Each section module turns a `View` into its pages; the
shared rows (a decision, a meeting, a person's link) are built in `common`.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from hwbsite.checks import CheckedBoard
from hwbsite.site.pages import about, decisions, home, meetings, members, plans, strategy, transparency
from hwbsite.site.pages.common import Page, View

__all__ = ["Page", "View", "build_pages"]

# Each section's own pages, in the order the site lists them; then every record's page.
SECTIONS = (home, meetings, decisions, members, strategy, plans, about, transparency)


def build_pages(checked: CheckedBoard, now: datetime | None = None) -> list[Page]:
    """All the generated pages of a board that passed its checks; `now` decides which meetings are upcoming."""
    board = checked.board
    zone = ZoneInfo(board.info["timezone"])
    now = (now or datetime.now(zone)).astimezone(zone).replace(tzinfo=None)
    view = View(board, now, checked.access, checked.warnings, checked.typed)
    built = [page for section in SECTIONS for page in section.pages(view)]
    return [page for page in built if not page.record] + [page for page in built if page.record]
