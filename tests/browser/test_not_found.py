"""A mistyped or out-of-date address still leads somewhere: the site's 404 pages, as a host serves them.

GitHub and GitLab Pages answer a missing address anywhere on the site with the root 404.html (status
404, the address unchanged), so that page must keep its styles and working links whatever the depth.
The board's own 404.html (Material's) is what a host serving each board folder gives, at the board's path.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest
from helpers import build, make_repo
from lxml import html
from test_accessibility import VIEWPORTS, violations

BOARD = "testboard"


class _PagesLikeHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site folder as GitHub Pages does: a missing path gets /404.html's page with status 404."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="module")
def whole_site(tmp_path_factory) -> Path:
    """The fixture board, without site_url (so links cannot lean on a known address), built as for Pages."""
    root = tmp_path_factory.mktemp("not-found")
    repo = make_repo(root / "repo")
    board_yml = repo / "data" / BOARD / "board.yml"
    board_yml.write_text("".join(line for line in board_yml.read_text().splitlines(keepends=True)
                                 if not line.startswith("site_url:")))
    assert build(repo, root / "site") == 0
    return root / "site"


@pytest.fixture(scope="module")
def host(whole_site):
    handler = functools.partial(_PagesLikeHandler, directory=str(whole_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_the_root_404_lists_every_board_with_its_search(whole_site):
    page = html.parse(str(whole_site / "404.html")).getroot()
    links = {a.text_content().strip(): a.get("href") for a in page.iter("a")}
    assert links["Testshire Health and Wellbeing Board"] == f"/{BOARD}/"
    assert links["Search the Testshire Health and Wellbeing Board site"] == f"/{BOARD}/search/"
    assert page.find(".//h1").text_content() == "Page not found"
    # No file of its own to load: every address the page uses works from any depth.
    assert not page.xpath("//link[@rel='stylesheet'] | //script[@src] | //img")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_missing_address_under_a_board_gets_a_styled_accessible_page(browser, host, viewport):
    page = browser.new_page(viewport=VIEWPORTS[viewport])
    blocked = []
    page.on("console", lambda message: blocked.append(message.text) if message.type == "error" else None)
    response = page.goto(host + f"{BOARD}/meetings/1999-01-01/papers/")
    assert response.status == 404
    assert page.inner_text("h1") == "Page not found"
    # The inline styles ran (the policy's hash allowed them): the header has its colour, the text its width.
    assert page.evaluate("getComputedStyle(document.querySelector('header')).backgroundColor") == "rgb(29, 79, 110)"
    assert [m for m in blocked if "Content Security Policy" in m] == []
    assert violations(page) == []
    with page.expect_navigation() as opened:
        page.click(f"a[href='/{BOARD}/search/']")
    assert opened.value.status == 200 and page.url == host + f"{BOARD}/search/"
    assert page.locator("#hwb-search").count() == 1
    page.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_boards_own_404_keeps_its_styles_under_the_board_path(browser, host, viewport):
    page = browser.new_page(viewport=VIEWPORTS[viewport])
    failed = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 and r.request.resource_type != "document" else None)
    assert page.goto(host + f"{BOARD}/404.html").ok
    assert failed == []
    assert page.evaluate("Array.from(document.styleSheets).some(s => (s.href || '').endsWith('/assets/hwb.css'))")
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor") == "rgb(29, 79, 110)"
    home = page.get_attribute(".md-header__button.md-logo", "href")
    assert home.startswith(f"/{BOARD}/")
    assert violations(page) == []
    page.close()
