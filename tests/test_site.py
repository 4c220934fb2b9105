"""The built site, read by parsing its HTML: the URLs, links and safety that residents rely on."""

import posixpath
import re
import shutil
from pathlib import Path

from lxml import html

from helpers import REPO, build, serve_preview
from hwbsite.site.cms import EDITOR_FOLDER

EXAMPLE = REPO / "data" / "exampleshire"


def page(site: Path, url: str):
    return html.parse(str(site / url / "index.html")).getroot()


def is_redirect(index: Path) -> bool:
    return b'http-equiv="refresh"' in index.read_bytes()


def content_pages(site: Path) -> list[Path]:
    """The site's pages: not redirects, and not the officers' editor (admin/), which is no page of the site."""
    return [p for p in site.rglob("index.html")
            if not is_redirect(p) and p.relative_to(site).parts[0] != EDITOR_FOLDER]


def links(root) -> set[str]:
    """Every href of the page's main content, resolved to a root-relative path without anchor."""
    article = root.find_class("md-content")[0]
    return {a.get("href") for a in article.iter("a") if a.get("href")}


def resolve(url: str, href: str) -> str:
    """The root-relative path a link on the page at `url` points to (a folder path ends in /)."""
    path = href.split("#")[0]
    joined = posixpath.normpath(posixpath.join(url or ".", path or "."))
    joined = "" if joined == "." else joined
    return joined + "/" if joined and (path.endswith("/") or not path) else joined


def targets(site: Path, url: str) -> set[str]:
    return {resolve(url, href) for href in links(page(site, url)) if not href.startswith(("http", "mailto"))}


def test_permanent_urls_exist(example_site):
    for url in ("", "meetings/", "meetings/2025-11-19/", "decisions/", "decisions/hwb-2025-013/", "members/",
                "members/cllr-jane-smith/", "strategy/", "strategy/best-start/", "forward-plan/", "groups/",
                "accessibility/", "transparency/", "search/", "about/"):
        assert (example_site / url / "index.html").is_file(), url
    assert (example_site / "404.html").is_file()


def test_every_meeting_decision_and_person_has_a_page(example_site):
    meetings = {p.stem for p in (EXAMPLE / "meetings").glob("*.yml")}
    assert {p.name for p in (example_site / "meetings").iterdir()
            if p.is_dir() and not is_redirect(p / "index.html")} == meetings
    decisions = set(re.findall(r"id: (hwb-\d{4}-\d{3})", "".join(
        p.read_text() for p in (EXAMPLE / "meetings").glob("*.yml"))))
    assert {p.name for p in (example_site / "decisions").iterdir() if p.is_dir()} == decisions


def test_agenda_items_have_anchors(example_site):
    root = page(example_site, "meetings/2025-11-19")
    ids = {el.get("id") for el in root.iter() if el.get("id", "").startswith("item-")}
    assert ids == {f"item-{n}" for n in range(22, 29)}


def test_meeting_and_decision_link_both_ways(example_site):
    assert "decisions/hwb-2025-013/" in targets(example_site, "meetings/2025-11-19/")
    assert "meetings/2025-11-19/" in targets(example_site, "decisions/hwb-2025-013/")


def test_decision_and_priority_link_both_ways(example_site):
    assert "strategy/healthy-lives/" in targets(example_site, "decisions/hwb-2025-013/")
    assert "decisions/hwb-2025-013/" in targets(example_site, "strategy/healthy-lives/")


def test_person_and_meetings_link_both_ways(example_site):
    person = targets(example_site, "members/sam-lee/")
    assert "meetings/2025-11-19/" in person
    assert "members/sam-lee/" in targets(example_site, "meetings/2025-11-19/")


def test_every_internal_link_resolves(example_site):
    missing = []
    for index in content_pages(example_site):
        url = index.parent.relative_to(example_site).as_posix()
        url = "" if url == "." else url + "/"
        for href in links(page(example_site, url)):
            if href.startswith(("http", "mailto", "#")):
                continue
            target = resolve(url, href)
            exists = (example_site / target / "index.html").is_file() if target.endswith("/") or not target \
                else (example_site / target).is_file()
            if not exists:
                missing.append((url, href))
    assert missing == []


def test_substitute_is_shown_with_whom_they_replaced(example_site):
    root = page(example_site, "meetings/2025-11-19")
    entries = [li.text_content() for li in root.iter("li") if "substitute for" in li.text_content()]
    assert any("Sam Lee" in e and "Dr Amir Khan" in e for e in entries)


def test_cancelled_meeting_says_so(example_site):
    root = page(example_site, "meetings/2025-01-22")
    assert "This meeting was cancelled." in root.find_class("hwb-notice")[0].text_content()


def test_draft_minutes_are_marked(example_site):
    root = page(example_site, "meetings/2026-11-04")
    assert any("Draft minutes" in n.text_content() for n in root.find_class("hwb-notice"))


def test_exempt_item_shows_paragraph_but_no_papers(example_site):
    root = page(example_site, "meetings/2023-09-20")
    item = next(li for li in root.find_class("hwb-item") if "sexual health" in li.text_content())
    text = item.text_content()
    assert "paragraph 3 of Schedule 12A" in text and "financial or business affairs" in text
    assert not [a for a in item.iter("a") if "papers/" in (a.get("href") or "")]


def test_exempt_items_list_their_papers_by_title_only(example_site):
    import yaml

    exempt = [(path.stem, item) for path in (EXAMPLE / "meetings").glob("*.yml")
              for item in yaml.safe_load(path.read_text()).get("items") or [] if "exempt" in item]
    assert len(exempt) >= 2
    for meeting, item in exempt:
        assert item["papers"] and all(set(paper) == {"title"} for paper in item["papers"])
        entry = page(example_site, f"meetings/{meeting}").get_element_by_id(f"item-{item['number']}")
        assert not [a for a in entry.iter("a") if "papers/" in (a.get("href") or "")]


def test_public_papers_are_published_with_size_and_type(example_site):
    root = page(example_site, "meetings/2025-11-19")
    paper = next(li for li in root.find_class("hwb-papers")[0].iter("li"))
    href = paper.find("a").get("href")
    assert (example_site / "meetings/2025-11-19" / href).resolve().is_file()
    assert re.search(r"\(PDF, \d+ KB\)", paper.text_content())


def test_no_third_party_requests(example_site):
    for path in example_site.rglob("*.html"):
        root = html.parse(str(path)).getroot()
        fetched = ("stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch", "preconnect")
        for el in root.iter("script", "link", "img", "iframe"):
            fetches = el.tag != "link" or set((el.get("rel") or "").split()) & set(fetched)
            source = (el.get("src") or (el.get("href") if el.tag == "link" else None)) if fetches else None
            assert not source or not source.startswith(("http:", "https:", "//")), (path, source)


def test_hostile_markdown_is_neutralised(board_repo, tmp_path):
    repo = board_repo("hostile")
    assert build(repo, tmp_path / "site") == 0
    site = tmp_path / "site" / "testboard"
    for url in ("meetings/2025-03-12", "decisions/hwb-2025-001", "", "members/cllr-ann-chair", "about"):
        root = page(site, url)
        article = root.find_class("md-content")[0]
        assert list(article.iter("script", "iframe", "style", "svg")) == [], url
        assert url == "about" or list(article.iter("img")) == [], url       # no images from data fields
        for el in article.iter():
            assert not [name for name in el.attrib if name.startswith("on") or name == "style"], (url, el.tag)
            assert not (el.get("href") or "").strip().lower().startswith(("javascript:", "data:")), url
    meeting = page(site, "meetings/2025-03-12")
    assert "<script>alert('title')</script> Better Care Fund" in meeting.find(".//h3").text_content()
    about = page(site, "about").find_class("md-content")[0]
    assert about.get_element_by_id("how-to-reach-us") is not None        # headings keep their anchors
    assert [a.get("href") for a in about.iter("a") if a.text == "Email us"] == ["mailto:committees@testshire.gov.uk"]


def test_failed_build_leaves_the_previous_site_untouched(board_repo, tmp_path, capsys):
    repo = board_repo()
    site_dir = tmp_path / "site"
    assert build(repo, site_dir) == 0
    before = {p: p.read_bytes() for p in site_dir.rglob("*") if p.is_file()}
    shutil.copytree(Path(__file__).parent / "fixtures" / "rules", repo, dirs_exist_ok=True)
    assert build(repo, site_dir) == 1
    out = capsys.readouterr().out
    assert "Nothing was built" in out
    assert "data/testboard/board.yml:3:11: error:" in out
    assert {p: p.read_bytes() for p in site_dir.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in site_dir.iterdir()) == [".hwbsite-build", "404.html", "index.html", "testboard"]  # no staging left


def test_build_never_writes_into_data_or_content(board_repo, tmp_path):
    repo = board_repo()
    watched = [p for folder in ("data", "content") for p in (repo / folder).rglob("*")]
    before = {p: p.stat().st_mtime_ns for p in watched}
    assert build(repo, tmp_path / "site") == 0
    after = [p for folder in ("data", "content") for p in (repo / folder).rglob("*")]
    assert {p: p.stat().st_mtime_ns for p in after} == before


def test_several_boards_get_an_index(board_repo, tmp_path):
    repo = board_repo()
    shutil.copytree(repo / "data" / "testboard", repo / "data" / "otherboard")
    shutil.copytree(repo / "content" / "testboard", repo / "content" / "otherboard")
    assert build(repo, tmp_path / "site") == 0
    root = html.parse(str(tmp_path / "site" / "index.html")).getroot()
    assert [a.get("href") for a in root.iter("a")] == ["otherboard/", "testboard/"]
    assert (tmp_path / "site" / "otherboard" / "index.html").is_file()


def test_search_index_holds_every_page(example_site):
    import gzip
    import json

    entry = json.loads((example_site / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["en"]["page_count"] == len(content_pages(example_site))
    fragments = b"".join(gzip.decompress(p.read_bytes())
                         for p in (example_site / "pagefind" / "fragment").glob("*.pf_fragment"))
    assert b"takeaways" in fragments


def _indexed(pagefind: Path) -> set[tuple]:
    """Each page Pagefind indexed: its address, words, title and headings' anchors."""
    import gzip
    import json

    pages = set()
    for fragment in (pagefind / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        page = json.loads(data[data.index(b"{"):])
        pages.add((page["url"], page["content"], json.dumps(page["meta"], sort_keys=True),
                   json.dumps(page["anchors"], sort_keys=True)))
    return pages


def test_the_index_fed_page_by_page_is_pagefinds_own_index_of_the_site(example_site, tmp_path):
    """A build sends each page to Pagefind as it renders (site/search.py PageStream); Pagefind's own run
    over the finished site, as the preview does, must index the same pages with the same words."""
    import subprocess

    from hwbsite.site.search import _command

    site = tmp_path / "site"
    shutil.copytree(example_site, site, ignore=shutil.ignore_patterns("pagefind", "admin"))
    subprocess.run(_command(site), check=True)
    streamed, theirs = _indexed(example_site / "pagefind"), _indexed(site / "pagefind")
    assert len(streamed) > 100 and streamed == theirs


def test_serve_previews_the_board(board_repo):
    """`hwbsite serve` answers with the board's home page, as an officer checking a change would see it."""
    import urllib.request

    server, url = serve_preview(board_repo())
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            body = response.read()
        assert html.fromstring(body).findtext(".//h1").strip() == "Testshire Health and Wellbeing Board"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_decision_page_is_citable(example_site):
    import json

    root = page(example_site, "decisions/hwb-2025-013")
    url = "https://hwb.exampleshire.gov.uk/decisions/hwb-2025-013/"
    assert root.xpath("//link[@rel='canonical']/@href") == [url]
    meta = {m.get("name"): m.get("content") for m in root.xpath("//meta[@name]")}
    assert meta["citation_title"].startswith("Decision HWB-2025-013")
    assert meta["citation_publication_date"] == "2025/11/19"
    assert meta["citation_author"] == "Exampleshire Health and Wellbeing Board"
    assert meta["DC.identifier"] == "HWB-2025-013"
    data = json.loads(root.xpath("//script[@type='application/ld+json']/text()")[0])
    assert (data["@type"], data["identifier"], data["dateCreated"], data["url"]) == (
        "CreativeWork", "HWB-2025-013", "2025-11-19", url)
    assert data["isPartOf"]["@type"] == "Event"
    citation = root.find_class("hwb-citation")[0].text_content()
    assert "HWB-2025-013" in citation and url in citation and "19 November 2025" in citation
    record = json.loads((example_site / "decisions" / "hwb-2025-013.json").read_text())
    assert (record["id"], record["meeting"]["id"], record["vote"]["casting_vote"]) == (
        "hwb-2025-013", "2025-11-19", True)


def test_structured_data_cannot_close_its_script(board_repo, tmp_path):
    import json

    repo = board_repo("hostile")
    meeting = repo / "data/testboard/meetings/2025-03-12.yml"
    meeting.write_text(meeting.read_text().replace(
        "    title: \"<script>alert('title')</script> Better Care Fund\"",
        "    title: \"</script><script>alert('ld')</script>\""))
    assert build(repo, tmp_path / "site") == 0
    root = page(tmp_path / "site" / "testboard", "decisions/hwb-2025-001")
    scripts = root.xpath("//script[@type='application/ld+json']/text()")
    assert len(scripts) == 1
    assert json.loads(scripts[0])["name"].endswith("</script><script>alert('ld')</script>")
    assert not [s for s in root.iter("script") if "alert('ld')" in (s.text or "") and s.get("type") is None]


def _frictionless_validate(path: Path) -> int:
    import subprocess
    import sys

    command = [str(Path(sys.executable).parent / "frictionless"), "validate", str(path)]
    return subprocess.run(command, capture_output=True, text=True).returncode


def test_open_data_package_is_valid_and_a_broken_copy_is_not(example_site, tmp_path):
    package = example_site / "data" / "datapackage.json"
    assert _frictionless_validate(package) == 0
    broken = tmp_path / "data"
    shutil.copytree(example_site / "data", broken)
    decisions = broken / "decisions.csv"
    decisions.write_text(decisions.read_text().replace(",2025-11-19,", ",2025-11-91,", 1))
    assert _frictionless_validate(broken / "datapackage.json") != 0


def test_open_data_matches_the_record_and_leaves_out_exempt_papers(example_site):
    import csv
    import json

    package = json.loads((example_site / "data" / "datapackage.json").read_text())
    assert package["licenses"][0]["name"] == "OGL-UK-3.0"
    names = {r["name"] for r in package["resources"]}
    assert {"meetings", "decisions", "attendance", "indicator-values"} <= names and "redirects" not in names
    with open(example_site / "data" / "decisions.csv", newline="") as f:
        ids = {row["id"] for row in csv.DictReader(f)}
    assert ids == {p.name for p in (example_site / "decisions").iterdir() if p.is_dir()}
    with open(example_site / "data" / "papers.csv", newline="") as f:
        files = [row["file"] for row in csv.DictReader(f)]
    assert files and not [f for f in files if "exempt" in f]
    decisions = json.loads((example_site / "data" / "decisions.json").read_text())
    casting = next(d for d in decisions if d["id"] == "hwb-2025-013")
    assert (casting["vote_for"], casting["casting_vote"]) == (5, True)


def test_sidebar_contents_name_sections_without_their_tags(example_site):
    root = page(example_site, "members")
    entries = [a.text_content().strip() for a in root.xpath("//nav[contains(@class, 'md-nav--secondary')]//a")]
    assert entries[:2] == ["Councillor", "Director of Adult Social Services"]
