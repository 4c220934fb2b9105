"""The officer's guide's pictures, taken from the example site in a real browser on every run.

Each test run overwrites docs/images/, so the pictures always show the site as it is built now. The
tests fail if the guide shows a picture that no test takes, or if a picture is missing or empty.
"""

from __future__ import annotations

import re
import struct

import pytest

from helpers import REPO
from test_admin_cms import EDITOR_SHOTS   # the editor's pictures, taken while it is used

GUIDE = REPO / "docs" / "officers-guide.md"
IMAGES = REPO / "docs" / "images"
# file name: (page and the part of it at the top of the picture, width, height, text the picture must show)
SHOTS = {
    "home-page.png": ("", 1280, 900, "Next meeting"),
    "meeting-page.png": ("meetings/2026-09-16/", 1280, 1000, "Key messages"),
    "meeting-item.png": ("meetings/2026-09-16/#item-19", 1280, 900, "HWB-2026-013"),
    "meeting-page-phone.png": ("meetings/2026-09-16/", 375, 1100, "Key messages"),
    "decisions-register.png": ("decisions/", 1280, 1000, "HWB-2026-018"),
    "members-page.png": ("members/", 1280, 1100, "Director of Public Health"),
    "transparency-page.png": ("transparency/", 1280, 1000, "clear working days"),
}
written: set[str] = set()
# Where the first visible text holding a phrase starts, in pixels from the top of the window.
TOP = """(phrase) => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let top = null;
  while (walker.nextNode()) {
    if (!walker.currentNode.textContent.includes(phrase)) continue;
    const range = document.createRange();
    range.selectNodeContents(walker.currentNode);
    const box = range.getBoundingClientRect();
    if (box.height > 0 && (top === null || box.top < top)) top = box.top;
  }
  return top;
}"""


def referenced() -> list[str]:
    return re.findall(r"!\[[^\]]+\]\(images/([^)]+)\)", GUIDE.read_text())


def png_size(path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", f"{path.name} is not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("name", SHOTS)
def test_each_picture_is_taken_from_the_example_site(browser, site_url, name):
    address, width, height, shows = SHOTS[name]
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(site_url + address)
    page.wait_for_load_state("networkidle")
    if "#" in address:
        page.evaluate("(id) => document.getElementById(id).scrollIntoView()", address.split("#")[1])
    # What the picture is said to show is on the part of the page the picture takes.
    seen = page.evaluate("() => document.body.innerText.slice(0, 100000)")
    assert shows in seen, (name, shows)
    top = page.evaluate(TOP, shows)
    assert top is not None and top < height - 20, f"{shows!r} is not within the picture {name}"
    IMAGES.mkdir(exist_ok=True)
    path = IMAGES / name
    path.unlink(missing_ok=True)
    page.screenshot(path=str(path))
    page.close()
    assert png_size(path) == (width, height)
    assert path.stat().st_size > 20_000, f"{name} is almost empty"
    written.add(name)


def test_every_picture_the_guide_shows_was_just_taken():
    shown = referenced()
    assert len(shown) >= 5
    assert set(shown) <= set(SHOTS) | set(EDITOR_SHOTS), "the guide shows a picture no test takes"
    assert set(shown) - set(EDITOR_SHOTS) <= written, "run the whole module: each picture is retaken on every run"
    for name in shown:
        assert (IMAGES / name).is_file() and png_size(IMAGES / name)[0] in (375, 1280)


def test_no_picture_lies_unused():
    """Old pictures are removed when the guide stops showing them, so none shows an outdated site."""
    assert sorted(p.name for p in IMAGES.glob("*")) == sorted(set(referenced()))
