"""The officers' editor in a real browser: a meeting made in Decap CMS, saved as a branch, validates and builds.

The example board is copied into a scratch git repository; decap-server (git mode) serves it on a loopback
port; the site is built with the editor pointing there and served over loopback. The officer's work is
saved as a branch (a pull request on GitHub or GitLab), which the test merges as a reviewer would, then
`hwbsite validate` and `hwbsite build` run on the result and the new meeting's page is read.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import _QuietHandler
from helpers import REPO, copy_example
from hwbsite.cli import main

SERVER = REPO / ".tools" / "node_modules" / "decap-server" / "dist" / "index.js"
BUNDLE = REPO / ".tools" / "node_modules" / "decap-cms" / "dist" / "decap-cms.js"
IMAGES = REPO / "docs" / "images"
EDITOR_SHOTS = ("editor-meetings.png", "editor-meeting-form.png", "editor-item-decision.png", "editor-workflow.png")
GIT = {"GIT_AUTHOR_NAME": "Officer", "GIT_AUTHOR_EMAIL": "officer@example.org",
       "GIT_COMMITTER_NAME": "Officer", "GIT_COMMITTER_EMAIL": "officer@example.org"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True,
                          env={**os.environ, **GIT}).stdout


@pytest.fixture
def editor(tmp_path, monkeypatch):
    if not (SERVER.is_file() and BUNDLE.is_file()):
        pytest.fail("decap-cms and decap-server are required: run the README's set-up command")
    repo = copy_example(tmp_path / "repo")
    for name in (".gitignore", ".gitattributes"):
        shutil.copy(REPO / name, repo / name)
    (repo / ".tools").symlink_to(REPO / ".tools")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "The example board")
    port = _free_port()
    log = open(tmp_path / "decap-server.log", "w")
    server = subprocess.Popen(["node", str(SERVER)], cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT,
                              env={**os.environ, **GIT, "MODE": "git", "GIT_REPO_DIRECTORY": str(repo),
                                   "PORT": str(port), "BIND_HOST": "127.0.0.1", "LOG_LEVEL": "info"})
    monkeypatch.setenv("HWBSITE_EDITOR_LOCAL_BACKEND", f"http://127.0.0.1:{port}/api/v1")
    assert main(["--repo", str(repo), "build", "--site-dir", str(tmp_path / "site")]) == 0
    handler = functools.partial(_QuietHandler, directory=str(tmp_path / "site" / "exampleshire"))
    site = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    try:
        yield repo, f"http://127.0.0.1:{site.server_address[1]}/admin/", tmp_path
    finally:
        site.shutdown()
        server.terminate()
        server.wait(timeout=10)
        log.close()


def _shot(page, name: str) -> None:
    IMAGES.mkdir(exist_ok=True)
    page.screenshot(path=str(IMAGES / name))


def _choose(page, label, option) -> None:
    label.click()
    page.get_by_role("option", name=option).click()


def test_a_meeting_made_in_the_editor_validates_and_builds(browser, editor, capsys):
    repo, address, scratch = editor
    paper = scratch / "Winter Plan Report.pdf"
    shutil.copy(REPO / "content/exampleshire/papers/2026-11-04/26-winter.pdf", paper)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    outside = []
    page.on("request", lambda request: outside.append(request.url)
            if not request.url.startswith(("http://127.0.0.1", "blob:", "data:")) else None)
    page.goto(address)
    page.get_by_role("button", name="Login").click()
    page.wait_for_selector("text=2027-03-17")
    _shot(page, "editor-meetings.png")

    page.goto(address + "#/collections/meetings/new")
    page.wait_for_selector("text=Agenda items")
    page.locator('input[type="datetime-local"]').first.fill("2027-05-19T14:00")
    _choose(page, page.get_by_label("Status", exact=True), "scheduled")
    page.locator('input[type="date"]').first.fill("2027-05-07")
    _shot(page, "editor-meeting-form.png")

    page.get_by_role("button", name="Add agenda items").click()
    page.get_by_text("Item taken in public", exact=True).click()
    page.get_by_label("Number", exact=True).nth(0).fill("41")
    page.get_by_label("Title", exact=True).nth(0).fill("Winter plan 2027")
    _choose(page, page.get_by_label(re.compile("^Purpose")).nth(0), "decision")
    page.get_by_role("button", name="Add papers").click()
    page.get_by_label("Title", exact=True).nth(1).fill("Report of the Director of Public Health")
    page.get_by_role("button", name="Choose a file").click()
    page.locator('input[type="file"]').set_input_files(str(paper))
    page.wait_for_selector("text=winter-plan-report.pdf")     # the name is cleaned on upload
    choose = page.get_by_role("button", name="Choose selected")
    if choose.is_disabled():
        page.get_by_text("winter-plan-report.pdf").click()
    choose.click()
    page.get_by_role("button", name="Add decisions").click()
    page.get_by_label("Id", exact=True).nth(0).fill("hwb-2027-001")
    page.get_by_label("Text", exact=True).nth(0).fill("The Board approved the winter plan 2027.")
    _choose(page, page.get_by_label("Outcome", exact=True).nth(0), "agreed")

    page.get_by_role("button", name="Add agenda items").click()
    page.get_by_text("Item taken in private (exempt)", exact=True).click()
    page.get_by_label("Number", exact=True).nth(1).fill("42")
    page.get_by_label("Title", exact=True).nth(2).fill("Community equipment contract award")
    _choose(page, page.get_by_label("Exempt under Schedule 12A paragraph", exact=True), re.compile("^3: "))
    page.get_by_role("button", name="Add papers").nth(1).click()
    page.get_by_label("Title", exact=True).nth(3).fill("Contract award report (exempt)")
    # The private item's paper is a title alone: the one file button is the public item's paper's.
    assert page.get_by_role("button", name=re.compile("^Choose (a|different) file")).count() == 1
    page.get_by_label("Title", exact=True).nth(1).scroll_into_view_if_needed()
    _shot(page, "editor-item-decision.png")

    page.get_by_role("button", name="Save").click()
    deadline = time.monotonic() + 90      # a busy machine can take a while to commit and switch back
    while not _git(repo, "branch", "--list", "cms/*").strip() and time.monotonic() < deadline:
        time.sleep(0.5)
    page.wait_for_selector("text=Changes saved", timeout=60_000)
    page.goto(address + "#/workflow")
    page.reload()                          # a fresh load: the saved entry's page may still hold the view
    page.wait_for_selector("text=2027-05-19")
    _shot(page, "editor-workflow.png")
    assert outside == []

    # The save is a branch, as a pull request would be; a reviewer merges it.
    branches = _git(repo, "branch", "--list", "cms/*").split()
    assert branches == ["cms/meetings/2027-05-19"]
    changed = set(_git(repo, "diff", "--name-only", "main", branches[0]).split())
    assert changed == {"data/exampleshire/meetings/2027-05-19.yml",
                       "content/exampleshire/papers/2027-05-19/winter-plan-report.pdf"}
    _git(repo, "merge", "-q", "--no-ff", "-m", "Merge the officer's change", branches[0])

    code = main(["--repo", str(repo), "validate", "--format", "json"])
    problems = capsys.readouterr().out
    assert code == 0 and '"severity": "error"' not in problems, problems
    assert main(["--repo", str(repo), "build", "--site-dir", str(scratch / "site2")]) == 0
    built = scratch / "site2" / "exampleshire" / "meetings" / "2027-05-19" / "index.html"
    soup = BeautifulSoup(built.read_text(encoding="utf-8"), "html.parser")
    item = soup.find(id="item-41")
    assert item is not None and "Winter plan 2027" in item.get_text()
    links = [a["href"] for a in soup.find_all("a", href=True)]
    assert any(href.endswith("papers/2027-05-19/winter-plan-report.pdf") for href in links)
    assert "HWB-2027-001" in soup.get_text()
    private = soup.find(id="item-42")
    assert private is not None and "Community equipment contract award" in private.get_text()
    page.close()
    for name in EDITOR_SHOTS:
        assert (IMAGES / name).stat().st_size > 10_000, f"{name} is almost empty"
