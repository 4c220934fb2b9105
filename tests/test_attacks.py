"""Attacks on issue 11's promises that currently succeed (each test fails until the defect is fixed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html

from helpers import build, coordinates, make_repo, run_json

BOARD = "data/testboard/board.yml"
MEETING = "data/testboard/meetings/2025-03-12.yml"


@pytest.fixture
def repo(tmp_path) -> Path:
    return make_repo(tmp_path / "testboard")


def add_redirects(repo: Path, *lines: str) -> int:
    """Append `redirects:` lines to board.yml; returns the line number of the first."""
    board = repo / BOARD
    text = board.read_text()
    board.write_text(text + "redirects:\n" + "".join(f"  {line}\n" for line in lines))
    return len(text.splitlines()) + 2


def add_paper(repo: Path, name: str, data: bytes) -> None:
    (repo / "content/testboard/papers/2025-03-12" / name).write_bytes(data)
    meeting = repo / MEETING
    meeting.write_text(meeting.read_text().replace(
        '      - {title: National guidance, url: "https://www.england.nhs.uk/bcf"}\n',
        '      - {title: National guidance, url: "https://www.england.nhs.uk/bcf"}\n'
        f"      - {{title: Notes, file: papers/2025-03-12/{name}}}\n"))


def test_a_redirect_with_dot_dot_is_refused_and_writes_nothing_outside_the_site(repo, capsys, tmp_path):
    """Defect: `../` segments in a redirect's old path pass the schema pattern and mkdocs-redirects
    writes the redirect page outside the board folder, even outside --site-dir, e.g. into data/."""
    line = add_redirects(repo, "../../../data/testboard/pwned/: meetings/",
                         "../../../../escaped-hwb/: meetings/")
    code, problems = run_json(repo, capsys)
    assert code == 1
    assert {(f, n) for f, n, _ in coordinates(problems, "error")} >= {(BOARD, line), (BOARD, line + 1)}
    build(repo, tmp_path / "out" / "site")
    assert not (repo / "data/testboard/pwned").exists()
    assert not (tmp_path / "escaped-hwb").exists()


def test_a_redirect_cannot_serve_a_text_paper_as_a_web_page(repo, capsys, tmp_path):
    """Defect: a redirect `evil.html: papers/.../notes.txt` copies the text paper's bytes to evil.html,
    which GitHub Pages serves as HTML with no Content-Security-Policy: the script runs on the site."""
    add_paper(repo, "notes.txt", b"<html><body><script>alert(document.domain)</script></body></html>\n")
    add_redirects(repo, "evil.html: papers/2025-03-12/notes.txt")
    build(repo, tmp_path / "site")
    page = tmp_path / "site/testboard/evil.html"
    if page.exists():
        root = html.parse(str(page)).getroot()
        assert not root.xpath("//script[not(@src)]"), "an inline script is published as evil.html"
