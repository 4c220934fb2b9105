"""Attacks on issue 11's promises found by a hostile review, each refused or neutralised now."""

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


def test_multimarkdown_style_meta_is_limited_like_front_matter(repo, capsys):
    """Defect: MkDocs also reads MultiMarkdown-style `key: value` lines at the top of a page (no `---`);
    hwbsite's check only looks for `---` front matter, so `template:` and `hide:` pass validation
    unreported (the plugin then drops them silently, and `title:` takes effect)."""
    (repo / "content/testboard/about.md").write_text(
        "template: main.html\ntitle: About\nhide: navigation\n\n# About us\n\nBody.\n")
    code, problems = run_json(repo, capsys)
    assert code == 1
    found = coordinates(problems, "error")
    assert ("content/testboard/about.md", 1, "front-matter-key") in found
    assert ("content/testboard/about.md", 3, "front-matter-key") in found


def test_open_data_csv_cells_cannot_be_spreadsheet_formulas(repo, capsys, tmp_path):
    """An item title or declaration beginning `=`/`@` would reach /data/*.csv as it is, and a resident
    opening the open data in Excel would run `=HYPERLINK(...)`: refused at its line instead."""
    meeting = repo / MEETING
    meeting.write_text(meeting.read_text()
                       .replace("title: Apologies and substitutions",
                                "title: '=HYPERLINK(\"https://evil.example/x\",\"Click for minutes\")'")
                       .replace('interest: "GP partner in a practice named in the report"',
                                "interest: \"@SUM(1+1)*cmd|' /C calc'!A0\""))
    code, problems = run_json(repo, capsys)
    lines = meeting.read_text().splitlines()
    title = next(n for n, text in enumerate(lines, 1) if "HYPERLINK" in text)
    interest = next(n for n, text in enumerate(lines, 1) if "@SUM" in text)
    assert code == 1
    assert {(MEETING, title, "formula-like-text"), (MEETING, interest, "formula-like-text")} <= \
        coordinates(problems, "error")


@pytest.mark.parametrize("name", ["h#a?b.pdf", "report final.pdf", "%2e%2e.pdf", ".hidden.pdf"])
def test_a_paper_whose_name_a_web_address_cannot_carry_is_refused_at_its_line(repo, capsys, name):
    """`h#a?b.pdf` would be linked as `.../h#a?b.pdf` and the browser would ask for `.../h`: the name is
    refused at the paper's line, before anything is published at a dead address."""
    source = repo / "content/testboard/papers/2025-03-12/71-bcf-plan.pdf"
    add_paper(repo, name, source.read_bytes())
    code, problems = run_json(repo, capsys)
    line = next(n for n, text in enumerate((repo / MEETING).read_text().splitlines(), 1) if "title: Notes" in text)
    assert code == 1 and (MEETING, line, "paper-name") in coordinates(problems, "error")


def test_a_page_at_an_address_the_site_uses_is_refused_not_lost(repo, capsys):
    """`meetings.md` would be replaced by the meetings list and `admin/index.md` by the editor, silently."""
    content = repo / "content/testboard"
    (content / "meetings.md").write_text("# Our meetings\n")
    (content / "admin").mkdir()
    (content / "admin/index.md").write_text("# Admin\n")
    (content / "decisions").mkdir()
    (content / "decisions/how-we-decide.md").write_text("# How we decide\n")   # an address of its own
    code, problems = run_json(repo, capsys)
    assert code == 1
    taken = {(file, line) for file, line, code in coordinates(problems, "error") if code == "page-address-taken"}
    assert taken == {("content/testboard/meetings.md", 1), ("content/testboard/admin/index.md", 1)}
