"""The officers' editor in a real browser: a meeting made in Decap CMS, saved as a branch, published
through the editor's workflow, validates and builds; the editor is axe-clean and works at 375 px.

The example board is copied into a scratch git repository; decap-server (git mode) serves it on a loopback
port; the site is built with the editor pointing there and served over loopback. The officer's work is
saved as a branch (a pull request on GitHub or GitLab), moved to Ready on the Workflow board and published
there, as a reviewer would; then `hwbsite validate` and `hwbsite build` run on the main branch and the new
meeting's page is read. axe-core (WCAG 2.2 A and AA, as tests/browser/test_accessibility.py runs it) checks
every view on the way, on a desktop here and on a phone in the second test.
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
from playwright.sync_api import Error as PlaywrightError

from conftest import _QuietHandler
from helpers import REPO, copy_example
from hwbsite.cli import main
from hwbsite.problems import Problems
from hwbsite.record.loader import load_yaml
from hwbsite.site.cms import LIST_FILES
from test_accessibility import violations

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


def _key_the_lists(repo: Path) -> None:
    """Each list file written as an officer is told to: its comment, then `<key>:` over the entries."""
    for name, key in LIST_FILES.items():
        path = repo / "data" / "exampleshire" / name
        lines = path.read_text(encoding="utf-8").splitlines()
        first = next(n for n, line in enumerate(lines) if not line.startswith("#"))
        path.write_text("\n".join([*lines[:first], f"{key}:", *lines[first:]]) + "\n", encoding="utf-8")


@pytest.fixture
def editor(tmp_path, monkeypatch, request):
    """The example board (its list files keyed when the test asks for `keyed`), served to the editor."""
    if not (SERVER.is_file() and BUNDLE.is_file()):
        pytest.fail("decap-cms and decap-server are required: run the README's set-up command")
    repo = copy_example(tmp_path / "repo")
    if getattr(request, "param", None) == "keyed":
        _key_the_lists(repo)
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


def _wait_for(check, seconds: float = 90) -> None:
    """A busy machine can take a while to commit and switch branches."""
    deadline = time.monotonic() + seconds
    while not check() and time.monotonic() < deadline:
        time.sleep(0.5)


def _login(page, address: str) -> None:
    page.goto(address)
    page.get_by_role("button", name="Login").click()
    page.wait_for_selector("text=2027-03-17")


def _publish_on_the_board(page, address: str, day: str) -> None:
    """Workflow tab: the entry's card is dragged to Ready, then published from its card (Decap asks first)."""
    page.goto(address + "#/workflow")
    page.reload()                          # a fresh load: the saved entry's page may still hold the view
    card = page.get_by_text(f"{day}: ordinary meeting").first
    card.wait_for()
    assert violations(page) == []
    card.drag_to(page.get_by_text("Ready", exact=True).first)
    page.wait_for_selector("text=Entry status updated")
    assert page.get_by_text("0 entries waiting for review, 1 ready to go live.").is_visible()
    card.hover()                           # the card's Delete and Publish buttons fade in on hover
    page.wait_for_function("""() => Array.from(document.querySelectorAll('button')).some(button => {
        if (button.textContent !== 'Publish new entry' || button.disabled) return false;
        let seen = 1;
        for (let up = button; up; up = up.parentElement) seen *= Number(getComputedStyle(up).opacity);
        return seen === 1; })""")
    assert violations(page) == []
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Publish new entry").click()
    page.wait_for_selector("text=Entry published", timeout=60_000)


def test_a_meeting_made_in_the_editor_validates_and_builds(browser, editor, capsys):
    repo, address, scratch = editor
    # `~` and accents: cleaned into a name hwbsite accepts (a paper's name may not carry `~`).
    paper = scratch / "Winter Plan ~ Été Report.pdf"
    shutil.copy(REPO / "content/exampleshire/papers/2026-11-04/26-winter.pdf", paper)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    outside = []
    page.on("request", lambda request: outside.append(request.url)
            if not request.url.startswith(("http://127.0.0.1", "blob:", "data:")) else None)
    _login(page, address)
    assert violations(page) == []
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
    page.wait_for_selector("text=winter-plan-ete-report.pdf")     # the name is cleaned on upload
    choose = page.get_by_role("button", name="Choose selected")
    if choose.is_disabled():
        page.get_by_text("winter-plan-ete-report.pdf").click()
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
    assert violations(page) == []          # the form, with an item of each kind open

    page.get_by_role("button", name="Save").click()
    _wait_for(lambda: _git(repo, "branch", "--list", "cms/*").strip())
    page.wait_for_selector("text=Changes saved", timeout=60_000)
    assert violations(page) == []          # the saved entry: its status and publish buttons

    # The save is a branch, as a pull request would be, and main is untouched until it is published.
    branches = _git(repo, "branch", "--list", "cms/*").split()
    assert branches == ["cms/meetings/2027-05-19"]
    wanted = {"data/exampleshire/meetings/2027-05-19.yml",
              "content/exampleshire/papers/2027-05-19/winter-plan-ete-report.pdf"}
    assert set(_git(repo, "diff", "--name-only", "main", branches[0]).split()) == wanted
    before = _git(repo, "rev-parse", "main").strip()

    page.goto(address + "#/workflow")
    page.reload()
    page.wait_for_selector("text=2027-05-19")
    _shot(page, "editor-workflow.png")
    _publish_on_the_board(page, address, "2027-05-19")
    _wait_for(lambda: not _git(repo, "branch", "--list", "cms/*").strip())
    assert outside == []

    # Published: the change is on main, in one commit after the board's own, and its branch is gone.
    assert _git(repo, "branch", "--list", "cms/*").strip() == ""
    assert _git(repo, "rev-parse", "--abbrev-ref", "HEAD").strip() == "main"
    assert set(_git(repo, "diff", "--name-only", before, "main").split()) == wanted
    assert _git(repo, "status", "--porcelain").strip() == ""

    code = main(["--repo", str(repo), "validate", "--format", "json"])
    problems = capsys.readouterr().out
    assert code == 0 and '"severity": "error"' not in problems, problems
    assert main(["--repo", str(repo), "build", "--site-dir", str(scratch / "site2")]) == 0
    built = scratch / "site2" / "exampleshire" / "meetings" / "2027-05-19" / "index.html"
    soup = BeautifulSoup(built.read_text(encoding="utf-8"), "html.parser")
    item = soup.find(id="item-41")
    assert item is not None and "Winter plan 2027" in item.get_text()
    links = [a["href"] for a in soup.find_all("a", href=True)]
    assert any(href.endswith("papers/2027-05-19/winter-plan-ete-report.pdf") for href in links)
    assert "HWB-2027-001" in soup.get_text()
    private = soup.find(id="item-42")
    assert private is not None and "Community equipment contract award" in private.get_text()
    page.close()
    for name in EDITOR_SHOTS:
        assert (IMAGES / name).stat().st_size > 10_000, f"{name} is almost empty"


# Controls that run off a phone's screen, or are cut off by a box that scrolls sideways (WCAG 1.4.10).
CLIPPED = """() => Array.from(document.querySelectorAll('input, select, textarea, button, [role=button], a[href]'))
  .filter(el => {
    const box = el.getBoundingClientRect();
    if (!box.width) return false;
    if (box.left < -1 || box.right > innerWidth + 1) return true;
    for (let up = el.parentElement; up; up = up.parentElement) {
      const outer = up.getBoundingClientRect();
      if (getComputedStyle(up).overflowX !== 'visible' && up.scrollWidth > up.clientWidth + 1
          && (box.right > outer.right + 1 || box.left < outer.left - 1)) return true;
    }
    return false;
  }).map(el => el.tagName + ' ' + (el.getAttribute('aria-label') || el.textContent).trim().slice(0, 40))"""


def _fits(page) -> list[str]:
    wide = page.evaluate("document.documentElement.scrollWidth > innerWidth")
    return (["the page scrolls sideways"] if wide else []) + page.evaluate(CLIPPED)


def test_the_editor_is_accessible_and_usable_on_a_phone(browser, editor):
    repo, address, _ = editor
    page = browser.new_page(viewport={"width": 375, "height": 800})
    _login(page, address)
    assert violations(page) == [] and _fits(page) == []

    page.goto(address + "#/collections/meetings/new")
    page.wait_for_selector("text=Agenda items")
    page.locator('input[type="datetime-local"]').first.fill("2027-06-16T14:00")
    _choose(page, page.get_by_label("Status", exact=True), "scheduled")
    page.get_by_role("button", name="Add agenda items").click()
    page.get_by_text("Item taken in public", exact=True).click()
    page.get_by_label("Number", exact=True).nth(0).fill("51")
    page.get_by_label("Title", exact=True).nth(0).fill("Better Care Fund plan")
    page.get_by_role("button", name="Add papers").click()
    page.get_by_label("Title", exact=True).nth(1).fill("Better Care Fund plan 2027")
    page.get_by_role("button", name="Add decisions").click()
    page.get_by_label("Id", exact=True).nth(0).fill("hwb-2027-002")
    page.get_by_label("Text", exact=True).nth(0).fill("The Board approved the plan.")
    _choose(page, page.get_by_label("Outcome", exact=True).nth(0), "agreed")
    page.get_by_role("button", name="Add agenda items").click()
    page.get_by_text("Item taken in private (exempt)", exact=True).click()
    page.get_by_label("Number", exact=True).nth(1).fill("52")
    page.get_by_label("Title", exact=True).nth(2).fill("Care home fees")
    _choose(page, page.get_by_label("Exempt under Schedule 12A paragraph", exact=True), re.compile("^3: "))
    # The list entries' icon buttons have names (ours: Decap leaves them unnamed).
    assert page.get_by_role("button", name="Remove this entry", exact=True).count() == 4
    assert page.get_by_role("button", name="Move this entry", exact=True).count() == 4
    assert violations(page) == [] and _fits(page) == []

    save = page.get_by_role("button", name="Save")
    box = save.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375 and box["y"] >= 0     # on screen, without scrolling
    save.click()
    _wait_for(lambda: _git(repo, "branch", "--list", "cms/*").strip())
    page.wait_for_selector("text=Changes saved", timeout=60_000)
    assert violations(page) == [] and _fits(page) == []     # the toolbar's status, publish and delete buttons

    _publish_on_the_board(page, address, "2027-06-16")
    _wait_for(lambda: not _git(repo, "branch", "--list", "cms/*").strip())
    assert "data/exampleshire/meetings/2027-06-16.yml" in _git(repo, "ls-tree", "-r", "--name-only", "main")
    page.close()


@pytest.mark.parametrize("width", [1280, 375])
def test_the_editors_other_forms_are_accessible(browser, editor, width):
    """The forms the meeting tests do not open: a new page (Markdown), the board's settings and the
    strategy, on a desktop and on a phone."""
    repo, address, _ = editor
    page = browser.new_page(viewport={"width": width, "height": 900})
    _login(page, address)
    # The board's settings and the strategy are gone to straight from the form before, and show their own.
    views = {"#/collections/pages/new": ("Text (Markdown)", None),
             "#/collections/record/entries/board": ("Name", "Exampleshire Health and Wellbeing Board"),
             "#/collections/record/entries/strategy": ("Title", "Joint Local Health and Wellbeing Strategy 2023-2028")}
    for view, (label, value) in views.items():
        page.goto(address + view)
        page.get_by_text(label, exact=True).first.wait_for()
        if value:
            _wait_for(lambda: page.get_by_label(label, exact=True).first.input_value() == value, 30)
            assert page.get_by_label(label, exact=True).first.input_value() == value, view
        assert violations(page) == [], view
        assert _fits(page) == [], view


def _entries(repo: Path, name: str, key: str, revision: str = "main") -> list:
    """The entries of a list file as committed on `revision`, read by hwbsite's own loader."""
    text = _git(repo, "show", f"{revision}:data/exampleshire/{name}")
    problems = Problems(repo)
    found = load_yaml(repo / "data" / "exampleshire" / name, problems, text=text)
    assert not problems.items, problems.items
    return found[key]


@pytest.mark.parametrize("editor", ["keyed"], indirect=True)
def test_list_files_kept_under_a_key_are_edited_in_the_browser(browser, editor, capsys):
    """People, memberships, organisations, the forward plan and groups, once keyed: each opens with all
    its entries (gone to straight from the one before, as a pasted link would), is axe-clean on a desktop
    and a phone, and a person added in the form is saved as a branch that validates."""
    repo, address, scratch = editor
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    _login(page, address)
    for name, key in LIST_FILES.items():
        page.goto(address + f"#/collections/record/entries/{key}")
        label = key.replace("-", " ")
        count = len(_entries(repo, name, key))
        page.get_by_text(re.compile(rf"^{count} {label}$", re.IGNORECASE)).wait_for()
        assert violations(page) == [], name
    page.set_viewport_size({"width": 375, "height": 800})
    assert violations(page) == [] and _fits(page) == []

    page.goto(address + "#/collections/record/entries/people")       # from the groups, straight here
    page.get_by_text(re.compile(r"^25 people$", re.IGNORECASE)).wait_for()
    page.get_by_role("button", name="Add people").click()
    page.get_by_label("Id", exact=True).last.fill("alex-turner")
    page.get_by_label("Name", exact=True).last.fill("Alex Turner")
    _choose(page, page.get_by_label(re.compile("^Organisation")).last,
            "Healthwatch Exampleshire (healthwatch-exampleshire)")
    page.get_by_label(re.compile("^Job title")).last.fill("Engagement Officer")
    assert violations(page) == [] and _fits(page) == []
    # Another entry's address while this one has unsaved changes: the officer is told, and stays.
    with page.expect_event("dialog") as shown:
        page.evaluate("location.hash = '#/collections/record/entries/groups'")
    assert shown.value.type == "alert"
    shown.value.dismiss()
    assert page.url.endswith("#/collections/record/entries/people")
    assert page.get_by_label("Id", exact=True).last.input_value() == "alex-turner"
    page.get_by_role("button", name="Save").click()
    _wait_for(lambda: _git(repo, "branch", "--list", "cms/*").strip())
    page.wait_for_selector("text=Changes saved", timeout=60_000)

    branch = _git(repo, "branch", "--list", "cms/*").split()[-1]
    assert _git(repo, "diff", "--name-only", "main", branch).split() == ["data/exampleshire/people.yml"]
    before, after = _entries(repo, "people.yml", "people"), _entries(repo, "people.yml", "people", branch)
    assert [dict(p) for p in after[:-1]] == [dict(p) for p in before]
    assert dict(after[-1]) == {"id": "alex-turner", "name": "Alex Turner", "organisation": "healthwatch-exampleshire",
                               "job_title": "Engagement Officer"}
    checkout = scratch / "branch"
    _git(repo, "worktree", "add", "-q", str(checkout), branch)
    code = main(["--repo", str(checkout), "validate", "--format", "json"])
    problems = capsys.readouterr().out
    assert code == 0 and '"severity": "error"' not in problems, problems
    page.close()


START = 'input[type="datetime-local"]'


def _start_becomes(page, value: str) -> str:
    """The form's first date and time once it shows `value`, or what it shows after eight seconds."""
    try:
        page.wait_for_function(f"() => document.querySelector('{START}')?.value === '{value}'", timeout=8000)
    except PlaywrightError:
        pass
    return page.locator(START).first.input_value()


def test_decaps_own_moves_between_forms_keep_their_details(browser, editor):
    """Duplicate (an entry's form to a new one, filled from it) is Decap's own move and is left alone; a
    link pasted over a new, empty form opens that meeting with its own details."""
    repo, address, _ = editor
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    _login(page, address)
    page.goto(address + "#/collections/meetings/entries/2027-03-17")
    assert _start_becomes(page, "2027-03-17T14:00") == "2027-03-17T14:00"
    page.get_by_role("button", name="Published", exact=True).click()
    page.get_by_text("Duplicate", exact=True).click()
    page.wait_for_url("**#/collections/meetings/new")
    assert _start_becomes(page, "2027-03-17T14:00") == "2027-03-17T14:00"

    page.on("dialog", lambda dialog: dialog.accept())       # leaving the duplicate unsaved: yes
    page.goto(address + "#/collections/meetings/new")
    page.reload()                                            # a new form, empty
    page.wait_for_selector("text=Agenda items")
    assert page.locator(START).first.input_value() == ""
    page.evaluate("location.hash = '#/collections/meetings/entries/2026-11-04?ref=workflow'")
    assert _start_becomes(page, "2026-11-04T14:00") == "2026-11-04T14:00"
    page.close()
