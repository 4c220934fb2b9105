"""Every page's Content-Security-Policy, in a real browser: the site's own scripts run under it, and a
script that reached a page some other way (an escaping mistake, a tampered file) does not."""

from __future__ import annotations

import re

import pytest

from test_accessibility import PAGES

WATCH = ("window.__violations = [];"
         "document.addEventListener('securitypolicyviolation',"
         " e => window.__violations.push(e.effectiveDirective + ' ' + e.blockedURI));")
INJECTED = ('<script>document.documentElement.dataset.inline = "ran"</script>'
            '<img src="x" alt="" onerror="document.documentElement.dataset.handler = \'ran\'">')
POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>')


@pytest.mark.parametrize("kind", PAGES)
def test_every_kind_of_page_works_within_its_policy(browser, site_url, kind):
    page = browser.new_page()
    page.add_init_script(WATCH)
    page.goto(site_url + ("404.html" if kind == "404" else PAGES[kind]))
    if kind.startswith("search"):
        page.wait_for_selector(".pagefind-ui__result")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__violations") == []
    page.close()


def _load_with_injection(browser, site_url, keep_policy: bool):
    """The decisions register with a script added to its HTML, as an escaping mistake would add it."""
    page = browser.new_page()
    page.add_init_script(WATCH)

    def tamper(route):
        body = route.fetch().text()
        if not keep_policy:
            body = POLICY.sub("", body)
        route.fulfill(body=body.replace("</h1>", "</h1>" + INJECTED, 1), content_type="text/html")

    page.route(site_url + "decisions/", tamper)
    page.goto(site_url + "decisions/")
    page.wait_for_load_state("networkidle")
    ran = page.evaluate("[document.documentElement.dataset.inline, document.documentElement.dataset.handler]")
    violations = page.evaluate("window.__violations")
    page.close()
    return ran, violations


def test_an_injected_inline_script_and_handler_are_blocked(browser, site_url):
    ran, violations = _load_with_injection(browser, site_url, keep_policy=True)
    assert ran == [None, None]
    assert {v.split()[0] for v in violations} >= {"script-src-elem", "script-src-attr"}
    # The same page without its policy runs both, so the test above can fail.
    assert _load_with_injection(browser, site_url, keep_policy=False)[0] == ["ran", "ran"]


def test_the_root_index_styles_itself_within_its_policy(browser, example_site, tmp_path):
    """The index of boards has no assets folder: its inline styles are allowed by their hash alone."""
    root = (example_site.parent / "index.html").read_text(encoding="utf-8")
    assert POLICY.search(root)
    still = tmp_path / "index.html"
    still.write_text(re.sub(r'<meta http-equiv="refresh"[^>]*>', "", root), encoding="utf-8")
    page = browser.new_page()
    page.add_init_script(WATCH)
    page.goto(still.as_uri())
    assert page.evaluate("window.__violations") == []
    assert page.evaluate("getComputedStyle(document.querySelector('header')).backgroundColor") == "rgb(29, 79, 110)"
    # A changed style no longer matches the hash, and is blocked.
    still.write_text(still.read_text(encoding="utf-8").replace("#1d4f6e;", "#000000;", 1), encoding="utf-8")
    page.goto(still.as_uri())
    assert page.evaluate("getComputedStyle(document.querySelector('header')).backgroundColor") != "rgb(0, 0, 0)"
    page.close()
