"""The permanent addresses of a board's pages, as paths from the site's root."""

from __future__ import annotations


def meeting_url(meeting_id: str) -> str:
    return f"meetings/{meeting_id}/"


def item_url(meeting_id: str, number: str) -> str:
    return f"meetings/{meeting_id}/#item-{number}"


def decision_url(decision_id: str) -> str:
    return f"decisions/{decision_id}/"


def person_url(person_id: str) -> str:
    return f"members/{person_id}/"


def priority_url(priority_id: str) -> str:
    return f"strategy/{priority_id}/"


def tidy_path(path: str) -> str:
    """A path as typed in board.yml, in the form of these functions: no leading slash, "" for home."""
    return path.strip().lstrip("/")


SECTION_PATHS = ("", "meetings/", "decisions/", "members/", "strategy/", "forward-plan/", "groups/", "search/",
                 "transparency/", "accessibility/", "data/")


def content_page_path(relative: str) -> str:
    """The address of a Markdown page under content/<board>/: about.md -> about/, x/index.md -> x/."""
    stem = relative[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def site_paths(board, content_pages: list[str]) -> set[str]:
    """Every citable address the board's site publishes, as /path/ from the site's root."""
    from .opendata import package_paths
    paths = set(SECTION_PATHS)
    paths |= {meeting_url(m.id) for m in board.meetings}
    paths |= {decision_url(d) for d in board.decisions} | {decision_data_url(d) for d in board.decisions}
    paths |= {person_url(p) for p in board.people}
    paths |= {priority_url(p) for p in board.priorities}
    paths |= {paper.file for paper in board.public_papers}
    paths |= {content_page_path(page) for page in content_pages}
    paths |= package_paths()
    paths |= {"meetings.ics", "feeds/decisions.xml", "feeds/papers.xml"}
    paths |= {f"meetings/{m.id}.ics" for m in board.meetings}
    return {"/" + path for path in paths}


def decision_data_url(decision_id: str) -> str:
    return f"decisions/{decision_id}.json"


def address_kind(path: str) -> str:
    """`.pdf` for a file's address, `/` for a page's: what a redirect must keep."""
    if path.endswith("/") or path == "/":
        return "/"
    name = path.rsplit("/", 1)[-1]
    return "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
