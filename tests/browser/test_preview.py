"""`hwbsite serve`: the officer's preview reloads by itself when a file is saved, under a policy that
lets only the preview's own live-reload script run inline (a built site never allows it)."""

from __future__ import annotations

import re
import time

from helpers import make_repo, serve_preview


def test_a_saved_change_shows_in_the_preview_by_itself(browser, tmp_path):
    repo = make_repo(tmp_path / "repo")
    server, url = serve_preview(repo)
    try:
        page = browser.new_page()
        page.goto(url)
        assert page.text_content("h1").strip() == "Testshire Health and Wellbeing Board"
        board = repo / "data/testboard/board.yml"
        board.write_text(board.read_text().replace("name: Testshire Health and Wellbeing Board",
                                                   "name: Testshire Health and Wellbeing Partnership"))
        # Polled from here: the page's policy forbids the string evaluation wait_for_function uses.
        deadline = time.monotonic() + 60
        while "Partnership" not in (_heading(page) or ""):
            assert time.monotonic() < deadline, "the preview did not reload after the file was saved"
            time.sleep(0.25)
        page.close()
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_only_the_preview_lets_an_inline_script_run(example_site):
    for path in example_site.rglob("*.html"):
        # The editor (admin/) allows inline styles, which Decap writes; no page allows inline script.
        scripts = re.findall(r"script-src[^;\"]*", path.read_text(encoding="utf-8"))
        assert scripts and not any("unsafe-inline" in policy for policy in scripts), path


def _heading(page):
    try:
        return page.text_content("h1", timeout=1000)
    except Exception:       # the page is reloading at that moment
        return None
