"""The pages about the site itself: accessibility, search and the open data package."""

from __future__ import annotations

from hwbsite.site.opendata import LICENCE, table_guide
from hwbsite.site.pages.common import Page, View


def pages(view: View) -> list[Page]:
    return [accessibility(view), search(view), open_data(view)]


def accessibility(view: View) -> Page:
    return Page("accessibility/", "accessibility.html", "Accessibility statement",
                "How accessible this website is, and how to get information in another format.",
                {"board": view.board.info})


def search(view: View) -> Page:
    return Page("search/", "search.html", "Search",
                "Search the board's meetings, decisions, agenda items, members and minutes.", {})


def open_data(view: View) -> Page:
    return Page("data/", "data.html", "Open data",
                "The board's record as open data: every table as CSV and JSON, with its schema.",
                {"board": view.board.info, "tables": table_guide(view.typed), "licence": LICENCE})
