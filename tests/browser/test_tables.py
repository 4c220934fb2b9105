"""Tables read well on a phone and a desktop: no word is broken inside a cell, and nothing is cut off.

A resident who meets "HWB-2026-|018" or "Councill|or" has to piece the word back together, and a
screen magnifier user may never find a clipped column. So, in the real browser, every word in
every table cell must sit on one line, and a table wider than the space it has must scroll inside
its own region that a keyboard can reach and a screen reader names.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from test_accessibility import PAGES, VIEWPORTS

# Each word of each cell, measured with a Range: a word split over two lines has two boxes.
BROKEN_WORDS = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll('.md-content table th, .md-content table td')) {
    if (!cell.getClientRects().length) continue;              // a row the filter hid
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const re = /[^\\s-]+-?/g;                                // prose may wrap after a hyphen, as in print
      let m;
      while ((m = re.exec(node.data))) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0)
                                 .map(r => Math.round(r.top)));
        if (tops.size > 1) broken.push(m[0]);
      }
    }
    for (const whole of cell.querySelectorAll('time, .hwb-ref')) {  // a reference or date is never split
      const tops = new Set(Array.from(whole.getClientRects()).filter(r => r.width > 0).map(r => Math.round(r.top)));
      if (tops.size > 1) broken.push(whole.textContent.trim());
    }
    if (cell.scrollWidth > cell.clientWidth + 1) broken.push('(overflowing cell) ' + cell.textContent.trim().slice(0, 40));
  }
  return broken;
}"""

# A table wider than the room it has must scroll in a labelled, focusable region that itself fits.
CLIPPED = """() => {
  const problems = [];
  for (const table of document.querySelectorAll('.md-content table')) {
    const name = (table.caption ? table.caption.textContent : table.textContent).trim().slice(0, 50);
    const region = table.closest('.hwb-table-wrap');
    const content = document.querySelector('.md-content__inner').getBoundingClientRect();
    const box = table.getBoundingClientRect();
    if (!region) {
      if (box.right > content.right + 1) problems.push(name + ': wider than the text and not in a scrolling region');
      continue;
    }
    const style = getComputedStyle(region);
    const label = region.getAttribute('aria-label') || '';
    if (!['auto', 'scroll'].includes(style.overflowX)) problems.push(name + ': its region does not scroll');
    if (region.getAttribute('tabindex') !== '0') problems.push(name + ': its region cannot be reached by keyboard');
    if (region.getAttribute('role') !== 'region' || !label.trim()) problems.push(name + ': its region has no name');
    const outer = region.getBoundingClientRect();
    if (outer.right > window.innerWidth + 1 || outer.left < -1) problems.push(name + ': its region runs off the screen');
    if (table.scrollWidth > region.clientWidth + 1 && region.scrollWidth <= region.clientWidth)
      problems.push(name + ': cut off without a scrollbar');
  }
  return problems;
}"""


@pytest.fixture(scope="session")
def screenshots(request, tmp_path_factory) -> Path:
    """Where each page's pictures go (HWBSITE_SCREENSHOTS, or pytest's temporary folder), said once."""
    folder = Path(os.environ.get("HWBSITE_SCREENSHOTS") or tmp_path_factory.mktemp("table-screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    capture = request.config.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled():
        print(f"\nscreenshots of every page kind at each width: {folder}")
    return folder


def _open(browser, site_url, kind, viewport):
    page = browser.new_page(viewport=VIEWPORTS[viewport])
    response = page.goto(site_url + ("404.html" if kind == "404" else PAGES[kind]))
    assert response.ok
    if kind.startswith("search"):
        page.wait_for_selector(".pagefind-ui__result")
    return page


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("kind", PAGES)
def test_table_words_are_whole_and_nothing_is_clipped(browser, site_url, screenshots, kind, viewport):
    page = _open(browser, site_url, kind, viewport)
    name = re.sub(r"[^a-z0-9]+", "-", kind.lower()).strip("-")
    page.screenshot(path=str(screenshots / f"{name}-{VIEWPORTS[viewport]['width']}.png"), full_page=True)
    assert page.evaluate(BROKEN_WORDS) == []
    assert page.evaluate(CLIPPED) == []
    page.close()


def test_wide_tables_use_the_whole_width_on_a_desktop(browser, site_url):
    """On a desktop the empty navigation column gives its room to the transparency page's tables."""
    page = _open(browser, site_url, "transparency", "desktop")
    sidebar = page.locator(".md-sidebar--primary")
    assert not sidebar.is_visible()
    content = page.locator(".md-content").bounding_box()
    assert content["x"] < 100
    # An ordinary page keeps its navigation.
    page.goto(site_url + "about/")
    assert page.locator(".md-sidebar--primary").is_visible()
    page.close()


def test_a_phone_can_still_open_the_menu_on_a_data_page(browser, site_url):
    page = _open(browser, site_url, "decision register", "mobile")
    page.click("label.md-header__button[for='__drawer']")
    page.wait_for_timeout(400)
    link = page.locator(".md-sidebar--primary .md-nav__link", has_text="Members").first
    assert link.is_visible()
    page.close()
