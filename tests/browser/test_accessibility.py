"""Every kind of page passes axe-core's WCAG 2.2 A and AA rules, on a desktop and a phone, and works by keyboard."""

from pathlib import Path

import axe_playwright_python
import pytest

from helpers import REPO
from hwbsite.checks import check_board

AXE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
PAGES = {
    "home": "",
    "meetings list": "meetings/",
    "meeting held, with an exempt item and declarations": "meetings/2023-09-20/",
    "meeting with draft minutes": "meetings/2026-11-04/",
    "meeting cancelled": "meetings/2025-01-22/",
    "meeting upcoming": "meetings/2027-01-20/",
    "decision register": "decisions/",
    "decision": "decisions/hwb-2025-013/",
    "decision superseded, with its history": "decisions/hwb-2024-002/",
    "members": "members/",
    "person": "members/cllr-jane-smith/",
    "strategy": "strategy/",
    "priority": "strategy/best-start/",
    "forward plan": "forward-plan/",
    "groups": "groups/",
    "accessibility statement": "accessibility/",
    "transparency": "transparency/",
    "open data": "data/",
    "content page": "about/",
    "search, with results": "search/?q=weight",
    "404": "no-such-page/",
}
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "mobile": {"width": 375, "height": 812}}


def violations(page) -> list[dict]:
    # Evaluated by the test driver, not added as a <script>: the page's policy forbids inline script.
    page.evaluate(AXE)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]]


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("kind", PAGES)
def test_no_axe_violations(browser, site_url, kind, viewport):
    page = browser.new_page(viewport=VIEWPORTS[viewport])
    path = PAGES[kind]
    target = site_url + ("404.html" if kind == "404" else path)
    response = page.goto(target)
    assert response.ok
    if kind.startswith("search"):
        page.wait_for_selector(".pagefind-ui__result")
    assert violations(page) == []
    if viewport == "mobile":
        assert overflowing(page) == []
    page.close()


def overflowing(page) -> list[str]:
    """Content that runs off a phone's screen (WCAG 1.4.10 reflow); tables scroll in their own region."""
    return page.evaluate("""() => Array.from(document.querySelectorAll('.md-content *'))
        .filter(el => !el.closest('.hwb-table-wrap') && el.getBoundingClientRect().right > window.innerWidth + 1)
        .map(el => el.tagName + '.' + el.className + ': ' + el.textContent.slice(0, 40))""")


def test_skip_link_is_first_and_moves_focus_to_content(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + "meetings/2025-11-19/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#hwb-title"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.md-content') !== null")
    page.close()


def test_every_link_in_the_content_is_reachable_by_keyboard(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + "meetings/2025-11-19/")
    wanted = page.evaluate("Array.from(document.querySelectorAll('.md-content a[href]')).length")
    reached = set()
    for _ in range(wanted + 60):
        page.keyboard.press("Tab")
        reached.add(page.evaluate(
            "(() => { const a = document.activeElement; const all = Array.from("
            "document.querySelectorAll('.md-content a[href]')); return all.indexOf(a); })()"))
    reached.discard(-1)
    assert len(reached) == wanted
    page.close()


def test_focus_is_visible(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + "decisions/hwb-2025-013/")
    page.focus(".md-content a[href]")
    page.keyboard.press("Tab")
    style = page.evaluate("(() => { const s = getComputedStyle(document.activeElement);"
                          " return [s.outlineStyle, s.backgroundColor, s.boxShadow]; })()")
    assert style[0] != "none" or style[2] != "none" or style[1] not in ("rgba(0, 0, 0, 0)", "transparent")
    page.close()


def test_register_filters_by_keyboard(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + "decisions/")
    total = page.locator(".hwb-register tbody tr").count()
    page.focus("#filter-outcome")
    page.select_option("#filter-outcome", "rejected")
    shown = page.locator(".hwb-register tbody tr:not([hidden])")
    assert 0 < shown.count() < total
    assert all("Rejected" in shown.nth(i).inner_text() for i in range(shown.count()))
    assert f"of {total} decisions shown" in page.inner_text("[data-hwb-count]")
    page.close()


def test_register_is_whole_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "decisions/")
    assert page.locator(".hwb-register tbody tr").count() == page.locator(
        ".hwb-register tbody tr:visible").count() > 50
    assert not page.locator("[data-hwb-filter]").is_visible()
    context.close()


def test_search_finds_a_decision_by_a_word_in_it(browser, site_url):
    board = check_board(REPO, "exampleshire").board
    wanted = {d.id for d in board.decisions.values() if "takeaways" in d.text}
    assert wanted
    page = browser.new_page()
    page.goto(site_url + "search/")
    page.fill("#hwb-search input", "takeaways")
    page.wait_for_selector(".pagefind-ui__result")
    hrefs = page.eval_on_selector_all(".pagefind-ui__result-link", "links => links.map(a => a.getAttribute('href'))")
    found = {href.split("/decisions/")[1].split("/")[0] for href in hrefs if "/decisions/" in href}
    assert wanted <= found, hrefs
    page.close()


def test_search_results_are_reachable_by_keyboard(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + "search/")
    page.focus("#hwb-search input")
    page.keyboard.type("Healthwatch")
    page.wait_for_selector(".pagefind-ui__result-link")
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('pagefind-ui__result-link')"):
            break
    assert page.evaluate("document.activeElement.classList.contains('pagefind-ui__result-link')")
    page.close()


def test_indicator_chart_is_readable_on_a_phone(browser, site_url, tmp_path):
    page = browser.new_page(viewport=VIEWPORTS["mobile"])
    page.goto(site_url + "strategy/best-start/")
    chart = page.locator("svg.hwb-chart").first
    chart.scroll_into_view_if_needed()
    shot = chart.screenshot(path=str(tmp_path / "chart.png"))
    assert len(shot) > 2000                                       # a real picture, not an empty box
    box = chart.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375 and box["height"] > 120
    heights = page.eval_on_selector_all(
        "svg.hwb-chart:first-of-type text.hwb-chart__tick", "ts => ts.map(t => t.getBoundingClientRect().height)")
    assert heights and min(heights) >= 11                         # labels at least 11 CSS pixels tall
    page.close()
