"""The site folder cannot hurt the record: refused places, marked folders, staging, permissions, redirects."""

from __future__ import annotations

import errno
import os
import shutil
import stat
from pathlib import Path

import mkdocs.utils
import pytest
from lxml import html

from helpers import build, coordinates, make_repo, run_json


def tree(root: Path) -> dict[str, bytes | None]:
    """Every path under root (not following links) with its bytes; None for folders and links."""
    found = {}
    for parent, dirs, names in os.walk(root):
        for name in dirs + names:
            path = Path(parent) / name
            relative = path.relative_to(root).as_posix()
            found[relative] = path.read_bytes() if path.is_file() and not path.is_symlink() else None
    return found


@pytest.fixture
def repo(tmp_path) -> Path:
    return make_repo(tmp_path / "testboard")   # a clone named after its board


def add_board(repo: Path, board: str) -> None:
    shutil.copytree(repo / "data" / "testboard", repo / "data" / board)
    shutil.copytree(repo / "content" / "testboard", repo / "content" / board)


@pytest.mark.parametrize("where", ["data", "data/testboard", "content", "content/testboard/papers", ".git",
                                   ".git/objects", "theme", ".", ".."])
def test_site_folders_that_would_touch_the_repository_are_refused(repo, where, capsys):
    (repo / ".git" / "objects").mkdir(parents=True)
    (repo / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    before = tree(repo.parent)
    assert build(repo, repo / where) == 2
    error = capsys.readouterr().err
    assert str(repo / where) in error and "Traceback" not in error and len(error.strip().splitlines()) == 1
    assert tree(repo.parent) == before


def test_a_site_folder_reached_through_a_link_into_data_is_refused(repo, tmp_path, capsys):
    (tmp_path / "innocent").symlink_to(repo / "data")
    before = tree(repo)
    assert build(repo, tmp_path / "innocent") == 2
    assert str(tmp_path / "innocent") in capsys.readouterr().err
    assert tree(repo) == before


def test_a_site_folder_that_is_a_file_is_refused(repo, tmp_path, capsys):
    (tmp_path / "site").write_text("notes\n")
    assert build(repo, tmp_path / "site") == 2
    assert str(tmp_path / "site") in capsys.readouterr().err
    assert (tmp_path / "site").read_text() == "notes\n"


def test_a_site_folder_under_a_file_is_refused(repo, tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("notes\n")     # what bites even for root, unlike a read-only folder
    assert build(repo, tmp_path / "notes.txt" / "site") == 2
    assert str(tmp_path / "notes.txt") in capsys.readouterr().err
    assert (tmp_path / "notes.txt").read_text() == "notes\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
def test_a_read_only_site_folder_is_refused(repo, tmp_path, capsys):
    (tmp_path / "site").mkdir()
    (tmp_path / "site").chmod(0o555)
    try:
        assert build(repo, tmp_path / "site") == 2
        assert str(tmp_path / "site") in capsys.readouterr().err
    finally:
        (tmp_path / "site").chmod(0o755)


def test_a_broken_link_as_site_folder_is_refused(repo, tmp_path, capsys):
    (tmp_path / "site").symlink_to(tmp_path / "gone")
    assert build(repo, tmp_path / "site") == 2
    assert str(tmp_path / "site") in capsys.readouterr().err
    assert not (tmp_path / "gone").exists()


def test_a_site_folder_that_is_a_link_is_built_into(repo, tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "site").symlink_to(tmp_path / "real")
    assert build(repo, tmp_path / "site") == 0
    assert build(repo, tmp_path / "site") == 0
    assert (tmp_path / "site").is_symlink() and (tmp_path / "real/testboard/index.html").is_file()


def test_a_board_folder_not_made_by_hwbsite_is_never_replaced(repo, tmp_path, capsys):
    site = tmp_path / "site"
    (site / "testboard").mkdir(parents=True)
    (site / "testboard" / "thesis.docx").write_bytes(b"years of work")
    before = tree(tmp_path)
    assert build(repo, site) == 2
    assert str(site / "testboard") in capsys.readouterr().err
    assert tree(tmp_path) == before


@pytest.mark.parametrize("name", ["index.html", "404.html"])
def test_a_root_page_not_made_by_hwbsite_is_never_replaced(repo, tmp_path, capsys, name):
    site = tmp_path / "public_html"
    site.mkdir()
    (site / name).write_text("<p>the council's own page</p>")
    before = tree(tmp_path)
    assert build(repo, site) == 2
    assert str(site / name) in capsys.readouterr().err
    assert tree(tmp_path) == before
    assert build(repo, site, "--board", "testboard") == 0      # one board alone leaves the root pages be
    assert (site / name).read_text() == "<p>the council's own page</p>"


def test_a_board_folder_that_is_a_link_is_built_into_twice(repo, tmp_path):
    site, target = tmp_path / "site", tmp_path / "www" / "testboard"
    target.mkdir(parents=True)
    site.mkdir()
    (site / "testboard").symlink_to(target)
    assert build(repo, site) == 0
    (repo / "data/testboard/meetings/2025-06-18.yml").unlink()
    assert build(repo, site) == 0
    assert (site / "testboard").is_symlink() and (site / "testboard").resolve() == target.resolve()
    assert (target / "meetings/2025-03-12/index.html").is_file()
    assert not (target / "meetings/2025-06-18").exists()          # the old contents were replaced
    assert [p.name for p in site.iterdir() if p.name.startswith(".hwbsite-staging")] == []


def test_a_board_folder_linked_into_the_record_is_refused(repo, tmp_path, capsys):
    site = tmp_path / "site"
    site.mkdir()
    (site / "testboard").symlink_to(repo / "data" / "testboard")
    before = tree(repo)
    assert build(repo, site) == 2
    assert str(site / "testboard") in capsys.readouterr().err
    assert tree(repo) == before


@pytest.mark.parametrize("target", [".", "..", "otherboard"])
def test_a_board_folder_linked_to_the_site_folder_itself_is_refused(repo, tmp_path, capsys, target):
    site = tmp_path / "site"
    assert build(repo, site) == 0
    (site / "otherboard").mkdir()
    shutil.rmtree(site / "testboard")
    (site / "testboard").symlink_to((site / target).resolve())
    before = tree(tmp_path)
    assert build(repo, site) == 2
    assert str(site / "testboard") in capsys.readouterr().err
    assert tree(tmp_path) == before


def test_built_files_are_world_readable(repo, tmp_path):
    old = os.umask(0o077)
    try:
        assert build(repo, tmp_path / "site") == 0
    finally:
        os.umask(old)
    for path in [tmp_path / "site", *(tmp_path / "site").rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o755 if path.is_dir() else 0o644), (path, oct(mode))


def test_a_failed_board_changes_no_board_and_not_the_index(repo, tmp_path, capsys):
    add_board(repo, "zboard")
    site = tmp_path / "site"
    assert build(repo, site) == 0
    before = tree(site)
    (repo / "data/testboard/meetings/2025-06-18.yml").unlink()       # a change the first board would publish
    (repo / "content/zboard/about.md").write_text("# About\n\nSee [the plan](missing.md).\n")
    assert build(repo, site) == 1
    assert "Traceback" not in capsys.readouterr().err
    assert tree(site) == before


def test_disk_full_while_writing_is_a_one_line_error(repo, tmp_path, capsys, monkeypatch):
    site = tmp_path / "site"
    assert build(repo, site) == 0
    before = tree(site)

    def full(source, destination):
        raise OSError(errno.ENOSPC, "No space left on device", destination)

    monkeypatch.setattr(mkdocs.utils, "copy_file", full)
    assert build(repo, site) == 1
    error = capsys.readouterr().err
    assert "internal error" not in error and "No space left" in error and str(site) in error
    assert len(error.strip().splitlines()) == 1
    assert tree(site) == before


def test_redirects_that_would_overwrite_the_sites_own_files_are_errors(repo, capsys):
    board = repo / "data/testboard/board.yml"
    lines = board.read_text().splitlines()
    redirects = ["assets/hwb.css: papers/2025-03-12/71-bcf-plan.pdf",
                 "assets/javascripts/bundle.js: meetings/",
                 "pagefind/pagefind.js: meetings/",
                 "sitemap.xml: meetings/",
                 "404.html: meetings/",
                 "feeds: meetings/",
                 "meetings/2025-03-12/index.html: meetings/",
                 "Meetings.ICS: meetings/",
                 "old-page/: meetings/"]
    board.write_text("\n".join(lines + ["redirects:"] + [f"  {r}" for r in redirects]) + "\n")
    code, problems = run_json(repo, capsys)
    first = len(lines) + 2
    assert code == 1
    assert coordinates(problems, "error") == {("data/testboard/board.yml", first + n, "redirect-collides")
                                              for n in range(len(redirects) - 1)}


def test_a_redirect_the_site_does_not_write_builds(repo, tmp_path):
    board = repo / "data/testboard/board.yml"
    board.write_text(board.read_text() + "redirects:\n  old-page/: meetings/\n")
    assert build(repo, tmp_path / "site") == 0
    refresh = html.parse(str(tmp_path / "site/testboard/old-page/index.html")).getroot()
    assert refresh.xpath("//meta[@http-equiv='refresh']/@content")


def test_disk_full_while_the_second_process_writes_papers_is_a_one_line_error(repo, tmp_path):
    """Papers and data files are written by a second process while the pages render (site/copier.py):
    its failure is the same one-line error naming the file, and the site is left as it was. Run in a
    fresh process: this one may have threads (a browser test's), and then no build forks."""
    from helpers import run_fresh

    site = tmp_path / "site"
    assert build(repo, site) == 0
    before = tree(site)
    result = run_fresh(DISK_FULL_FOR_PAPERS, repo, site)
    error = result.stderr
    assert result.stdout.split() == ["forked", "exit:1"], error
    assert "internal error" not in error and "No space left" in error and ".pdf" in error
    assert len(error.strip().splitlines()) == 1
    assert tree(site) == before


DISK_FULL_FOR_PAPERS = """
import errno, os, shutil, sys
import hwbsite.checks
from hwbsite.cli import main

hwbsite.checks.Typist = lambda: None    # the checks' own second process: only the copier's is counted
copy, forks, fork = shutil.copyfile, [], os.fork

def full_for_papers(source, destination):
    if str(destination).endswith(".pdf"):
        raise OSError(errno.ENOSPC, "No space left on device", destination)
    return copy(source, destination)

shutil.copyfile = full_for_papers
os.fork = lambda: forks.append(1) or fork()
code = main(["--repo", sys.argv[1], "build", "--site-dir", sys.argv[2]])
print("forked" if forks else "not-forked", f"exit:{code}")
"""


def test_a_search_index_that_cannot_be_built_is_a_one_line_error(repo, tmp_path, capsys, monkeypatch):
    """Pagefind's program stopping at once (or missing) fails the build in one line; the site stays."""
    import pagefind.service

    site = tmp_path / "site"
    assert build(repo, site) == 0
    before = tree(site)
    monkeypatch.setattr(pagefind.service, "get_executable", lambda: Path("/bin/false"))
    assert build(repo, site) == 1
    error = capsys.readouterr().err
    assert error.startswith("hwbsite: the site could not be built: the search index could not be built:")
    assert len(error.strip().splitlines()) == 1 and "Traceback" not in error
    assert tree(site) == before
    monkeypatch.setattr(pagefind.service, "get_executable", lambda: None)
    assert build(repo, site) == 1
    assert "not installed" in capsys.readouterr().err
    assert tree(site) == before


def _children() -> list[str]:
    """This process's child processes still there (running or not yet reaped), from ps."""
    import subprocess

    listed = subprocess.run(["ps", "-o", "pid=,stat=,args=", "--ppid", str(os.getpid())], capture_output=True,
                            text=True).stdout.splitlines()
    return [line for line in listed if " ps -o " not in f" {line} "]


def test_a_build_interrupted_while_the_second_process_writes_leaves_no_process_and_the_site(repo, tmp_path,
                                                                                            monkeypatch):
    """Ctrl-C (KeyboardInterrupt, which MkDocs passes on without its build-error event) while the pages
    render: the second process and Pagefind are stopped before the staging folder is removed, so none is
    left running or unreaped, nothing is written into the site folder afterwards, and the site is as it was."""
    import time

    import hwbsite.site.copier as copier
    from hwbsite.site.plugin import HwbsitePlugin

    site = tmp_path / "site"
    assert build(repo, site) == 0
    before, children = tree(site), _children()
    write, render = copier.write, HwbsitePlugin.on_page_content
    monkeypatch.setattr(copier, "write", lambda jobs: time.sleep(1.5) or write(jobs))   # a big board's papers
    rendered = []

    def interrupted(self, html_text, page, config, files):
        rendered.append(page)
        if len(rendered) == 3:
            raise KeyboardInterrupt
        return render(self, html_text, page, config, files)

    monkeypatch.setattr(HwbsitePlugin, "on_page_content", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build(repo, site)
    time.sleep(2.5)     # longer than the second process would have taken to write the papers
    assert tree(site) == before
    assert _children() == children


def test_a_fault_in_the_second_process_is_told_as_the_same_fault_written_here(repo, tmp_path, capsys, monkeypatch):
    """A failure that is not the disk's (a fault in hwbsite) while the second process writes the papers
    is an internal error, as when the files are written in this process; never a message telling the
    officer to check the disk and folders."""
    import hwbsite.site.copier as copier

    site = tmp_path / "site"
    assert build(repo, site) == 0
    before = tree(site)
    capsys.readouterr()
    monkeypatch.setattr(copier, "write", lambda jobs: {}["a fault"])
    errors = []
    for forking in (True, False):
        if not forking:
            monkeypatch.delattr(os, "fork")
        assert build(repo, site) == 1
        errors.append(capsys.readouterr().err)
        assert tree(site) == before
    assert errors[0] == errors[1]
    assert "internal error (KeyError: 'a fault')" in errors[0] and len(errors[0].strip().splitlines()) == 1


def test_a_search_service_that_answers_out_of_protocol_is_a_one_line_error(repo, tmp_path, capsys, monkeypatch):
    """Pagefind's service answering with something that is not its protocol (another program, another
    version, a message on its output) fails the build in one line, at once, with no traceback; the site stays."""
    import pagefind.service

    import hwbsite.site.search as search

    site = tmp_path / "site"
    assert build(repo, site) == 0
    before, children = tree(site), _children()
    capsys.readouterr()
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\necho 'Pagefind service starting...,'\nexec cat > /dev/null\n")
    fake.chmod(0o755)
    monkeypatch.setattr(pagefind.service, "get_executable", lambda: fake)
    monkeypatch.setattr(search, "WAIT", 20)    # a hang would be ten minutes; this fails in twenty seconds
    assert build(repo, site) == 1
    error = capsys.readouterr().err
    assert error.startswith("hwbsite: the site could not be built: the search index could not be built:")
    assert len(error.strip().splitlines()) == 1 and "Traceback" not in error and "20 seconds" not in error
    assert tree(site) == before and _children() == children



def test_a_search_service_that_never_answers_is_not_left_running(repo, tmp_path, capsys, monkeypatch):
    """Pagefind's service not answering its first request (hung) fails the build in one line once the
    wait is over, and is stopped: no process is left running after the build."""
    import pagefind.service

    import hwbsite.site.search as search

    children = _children()
    hung = tmp_path / "pagefind"
    hung.write_text("#!/bin/sh\nexec sleep 60\n")
    hung.chmod(0o755)
    monkeypatch.setattr(pagefind.service, "get_executable", lambda: hung)
    monkeypatch.setattr(search, "WAIT", 2)
    assert build(repo, tmp_path / "site") == 1
    error = capsys.readouterr().err
    assert "the search index could not be built" in error and len(error.strip().splitlines()) == 1
    assert _children() == children
