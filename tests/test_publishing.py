"""What leaves the repository: exempt papers never, other files only by the allow-list, links never."""

import os
import shutil

import pytest
from lxml import html

from helpers import build, coordinates, run_json
from hwbsite.cli import main
from hwbsite.site.plugin import build_site
from hwbsite.checks import check_board

MEETING = "data/testboard/meetings/2025-03-12.yml"
PAPER = "content/testboard/papers/2025-03-12/71-bcf-plan.pdf"


def tree(root):
    """Every file and link under root with its bytes (or its target), to show that nothing changed."""
    found = {}
    for folder, dirs, names in os.walk(root):
        for name in dirs + names:
            path = os.path.join(folder, name)
            if os.path.islink(path):
                found[path] = ("link", os.readlink(path))
            elif os.path.isfile(path):
                with open(path, "rb") as handle:
                    found[path] = handle.read()
    return found


def test_exempt_papers_are_titles_only_and_never_published_elsewhere(board_repo, capsys):
    code, problems = run_json(board_repo("exempt"), capsys)
    assert code == 1
    assert coordinates(problems, "error") == {
        (MEETING, 8, "exempt-paper-listed"),      # the exempt file, plainly
        (MEETING, 9, "exempt-paper-listed"),      # papers/x/./file
        (MEETING, 10, "exempt-paper-listed"),     # papers/x//file
        (MEETING, 11, "exempt-paper-listed"),     # named by an item whose `exempt:` is blank
        (MEETING, 18, "exempt-paper-file"),
        (MEETING, 19, "exempt-paper-url"),
        (MEETING, 23, "exempt-blank"),            # exempt:   # paragraph 3
        (MEETING, 25, "exempt-paper-file"),
        (MEETING, 28, "exempt-blank"),            # exempt: ~
        (MEETING, 31, "exempt-blank"),            # exempt: ''
        ("data/testboard/strategy.yml", 5, "exempt-paper-listed"),
    }
    # The exempt files are reported once, as errors, not also as unlisted papers.
    assert {c for c in coordinates(problems, "warning") if c[0].startswith("content/")} == set()
    hints = {p["code"]: p["hint"] for p in problems}
    assert "officers-guide" in hints["exempt-paper-file"] and "paragraph" in hints["exempt-blank"]


@pytest.mark.parametrize("suffix", [".html", ".svg", ".js", ".exe", ".md", ""])
def test_a_paper_must_be_a_document(board_repo, capsys, suffix):
    repo = board_repo()
    meeting = repo / MEETING
    meeting.write_text(meeting.read_text().replace("71-bcf-plan.pdf", f"71-bcf-plan{suffix}"))
    (repo / PAPER).rename((repo / PAPER).with_suffix(suffix))
    code, problems = run_json(repo, capsys)
    assert code == 1
    assert coordinates(problems, "error") == {(MEETING, 30, "paper-type")}


@pytest.mark.parametrize("suffix", [".pdf", ".PDF", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".csv", ".txt"])
def test_documents_are_papers(board_repo, capsys, suffix):
    repo = board_repo()
    meeting = repo / MEETING
    meeting.write_text(meeting.read_text().replace("71-bcf-plan.pdf", f"71-bcf-plan{suffix}"))
    (repo / PAPER).rename((repo / PAPER).with_suffix(suffix))
    assert run_json(repo, capsys) == (0, [])


def test_a_git_lfs_pointer_is_not_a_paper(board_repo, capsys):
    repo = board_repo()
    (repo / PAPER).write_text("version https://git-lfs.github.com/spec/v1\n"
                              "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
                              "size 12345\n")
    code, problems = run_json(repo, capsys)
    assert code == 1
    assert coordinates(problems, "error") == {(MEETING, 30, "lfs-pointer")}
    assert "lfs: true" in problems[0]["hint"]


def test_only_pages_and_listed_papers_leave_content(board_repo, capsys, tmp_path):
    """A careless officer's private folder and a contributor's script stay out of the site."""
    repo = board_repo()
    content = repo / "content/testboard"
    (content / "about.md").write_text("# About the board\n\nWhat the board does.\n")
    (content / "private").mkdir()
    (content / "private/salaries.pdf").write_bytes(b"%PDF-1.4 private")
    (content / "private/notes.md").write_text("# Notes\n")
    (content / "page.html").write_text("<script>alert(1)</script>")
    (content / "assets").mkdir()
    (content / "assets/hwb.css").write_text("body { display: none }")   # would shadow the theme's file
    (content / "papers/2025-03-12/draft.docx").write_bytes(b"PK draft")
    (content / ".secret.md").write_text("# Hidden\n")
    code, problems = run_json(repo, capsys)
    assert code == 0
    assert coordinates(problems, "warning") == {
        ("content/testboard/.secret.md", 1, "not-published"),
        ("content/testboard/assets/hwb.css", 1, "not-published"),
        ("content/testboard/page.html", 1, "not-published"),
        ("content/testboard/private/salaries.pdf", 1, "not-published"),
        ("content/testboard/papers/2025-03-12/draft.docx", 1, "unreferenced-paper"),
    }
    assert build(repo, tmp_path / "site") == 0
    site = tmp_path / "site/testboard"
    published = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert "about/index.html" in published and "private/notes/index.html" in published
    assert "papers/2025-03-12/71-bcf-plan.pdf" in published
    assert not published & {"private/salaries.pdf", "page.html", "papers/2025-03-12/draft.docx", ".secret.md",
                            ".secret/index.html"}
    assert (site / "assets/hwb.css").read_bytes() == (repo / "theme/assets/hwb.css").read_bytes()
    # The warnings are for the officer: the public transparency page does not name the files left out.
    transparency = html.parse(str(site / "transparency/index.html")).getroot().text_content()
    assert "salaries" not in transparency and "page.html" not in transparency


def test_symbolic_links_are_refused_and_never_followed(board_repo, capsys, tmp_path):
    repo = board_repo()
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("# SECRET-MARKER\n")
    (outside / "people.yml").write_text("- {id: SECRET-MARKER, nonsense: [\n")
    (outside / "2025-09-01.yml").write_text("start: SECRET-MARKER\n")
    content, data = repo / "content/testboard", repo / "data/testboard"
    (content / "about.md").symlink_to(outside / "secret.md")
    (content / "elsewhere").symlink_to(outside, target_is_directory=True)
    (data / "meetings/2025-09-01.yml").symlink_to(outside / "2025-09-01.yml")
    (data / "people.yml").rename(outside / "real-people.yml")
    (data / "people.yml").symlink_to(outside / "people.yml")
    code, problems = run_json(repo, capsys)
    assert code == 1
    assert coordinates(problems, "error") == {
        ("content/testboard/about.md", 1, "symlink"),
        ("content/testboard/elsewhere", 1, "symlink"),
        ("data/testboard/meetings/2025-09-01.yml", 1, "symlink"),
        ("data/testboard/people.yml", 1, "symlink"),
    }
    assert not [p for p in problems if "SECRET-MARKER" in str(p)]
    assert build(repo, tmp_path / "site") == 1
    assert not (tmp_path / "site/testboard").exists()


@pytest.mark.parametrize("top", ["content", "data"])
def test_a_linked_board_folder_is_refused(board_repo, capsys, tmp_path, top):
    repo = board_repo()
    (repo / top / "testboard").rename(tmp_path / "real")
    (repo / top / "testboard").symlink_to(tmp_path / "real", target_is_directory=True)
    code, problems = run_json(repo, capsys, "--board", "testboard")
    assert code == 1
    assert (f"{top}/testboard", 1, "symlink") in coordinates(problems, "error")


def test_the_site_copies_no_link_even_unchecked(board_repo, tmp_path):
    """The plugin's copy is an allow-list by construction, not only because validation ran first."""
    repo = board_repo()
    checked = check_board(repo, "testboard")
    assert checked.ok
    (tmp_path / "secret.md").write_text("# SECRET-MARKER\n")
    (repo / "content/testboard/leak.md").symlink_to(tmp_path / "secret.md")
    (repo / "content/testboard/private.pdf").write_bytes(b"%PDF-1.4 private")
    site = build_site(repo, checked, tmp_path / "site")
    assert not (site / "leak").exists() and not (site / "private.pdf").exists()
    assert not [p for p in site.rglob("*.html") if b"SECRET-MARKER" in p.read_bytes()]


def test_new_paper_refuses_an_exempt_item_before_copying(board_repo, capsys, tmp_path):
    repo = board_repo()
    paper = tmp_path / "contract.pdf"
    shutil.copy(repo / PAPER, paper)
    before = tree(repo)
    code = main(["--repo", str(repo), "new", "paper", str(paper), "--meeting", "2025-03-12", "--item", "72",
                 "--title", "Contract award report"])
    assert code == 2
    assert "private" in capsys.readouterr().err
    assert tree(repo) == before


def test_new_paper_refuses_a_web_page(board_repo, capsys, tmp_path):
    repo = board_repo()
    page = tmp_path / "report.html"
    page.write_text("<script>alert(1)</script>")
    before = tree(repo)
    code = main(["--repo", str(repo), "new", "paper", str(page), "--meeting", "2025-03-12", "--item", "71",
                 "--title", "Report"])
    assert code == 2
    assert tree(repo) == before


def test_a_future_exempt_item_will_be_taken_in_private(board_repo, tmp_path):
    repo = board_repo()
    (repo / "data/testboard/meetings/2031-06-18.yml").write_text(
        "start: 2031-06-18T14:00\nstatus: scheduled\nitems:\n"
        "  - number: 1\n    title: Contract award\n    exempt: 3\n    papers:\n      - {title: Award report}\n")
    assert build(repo, tmp_path / "site") == 0

    def notice(meeting, number):
        root = html.parse(str(tmp_path / "site/testboard/meetings" / meeting / "index.html")).getroot()
        item = root.get_element_by_id(f"item-{number}")
        return " ".join(n.text_content() for n in item.find_class("hwb-notice"))

    assert "will be taken in private" in notice("2031-06-18", 1)
    assert "was taken in private" in notice("2025-03-12", 72)
    assert "will be" not in notice("2025-03-12", 72)
