"""Hostile text in every field: a script payload put into each free-text field of every file, found by
walking the schemas (not listed by hand), must either be refused at its line or reach the site inert.

"Inert" is checked by parsing what the build wrote: every page, the feeds and the JSON-LD blocks.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml
from lxml import etree
from lxml import html as lxml_html

from hwbsite.record import TABLES, read_board
from hwbsite.problems import Problems
from hwbsite.record import schema_descriptor

from helpers import build, make_repo, run_json

BOARD = "testboard"
SCRIPT_TYPES = {"application/ld+json", "application/json"}


def payload(marker: str, serial: int = 0) -> str:
    """Words to find again, a script, an event handler, and quotes that try to leave an attribute."""
    return f'{marker} </title><script>alert("{marker}")</script><img src=x onerror=alert({serial})> "\' --> {marker}'


def free_text_fields() -> dict[str, list[str]]:
    """Every string field a person types freely: no format, pattern, enum or reference constrains it."""
    found = {}
    for table in TABLES:
        schema = schema_descriptor(table)
        references = {name for key in schema.get("foreignKeys", [])
                      for name in ([key["fields"]] if isinstance(key["fields"], str) else key["fields"])}
        fields = [spec["name"] for spec in schema["fields"]
                  if spec["type"] == "string" and "format" not in spec and spec["name"] not in references
                  and not set(spec.get("constraints", {})) - {"required"}]
        if fields:
            found[table] = fields
    return found


def _targets(repo: Path) -> dict[tuple[Path, int, int], str]:
    """(file, line, column) of each free-text value in the board, with the marker of its table and field."""
    files = read_board(repo, BOARD, Problems(repo))
    targets = {}
    for table, fields in free_text_fields().items():
        for row, source in zip(files.tables[table].rows, files.tables[table].sources):
            for name in fields:
                if row.get(name) and name in source.marks:
                    mark = source.marks[name]
                    targets[(source.file, mark.line, mark.column)] = f"{table}.{name}"
    return targets


def _inject_yaml(path: Path, spots: dict[tuple[int, int], str]) -> None:
    text = path.read_text(encoding="utf-8")
    spans = []
    for event in yaml.parse(text):
        if isinstance(event, yaml.ScalarEvent):
            start = (event.start_mark.line + 1, event.start_mark.column + 1)
            if start in spots:
                spans.append((event.start_mark.index, event.end_mark.index, spots[start]))
    for begin, end, marker in sorted(spans, reverse=True):
        # A block scalar's span runs on to the next line: keep its end, and its line count so that
        # problems further down the file stay on the lines the targets were read from.
        replaced = text[begin:end]
        kept_lines = "\n" * replaced.rstrip().count("\n")
        text = text[:begin] + json.dumps(payload(marker, begin)) + kept_lines + replaced[len(replaced.rstrip()):] \
            + text[end:]
    path.write_text(text, encoding="utf-8")


def _inject_csv(path: Path, spots: dict[tuple[int, int], str]) -> None:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    for (line, column), marker in spots.items():
        rows[line - 1][column - 1] = payload(marker, line)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def inject(repo: Path, targets: dict[tuple[Path, int, int], str]) -> None:
    by_file: dict[Path, dict[tuple[int, int], str]] = {}
    for (path, line, column), marker in targets.items():
        by_file.setdefault(path, {})[(line, column)] = marker
    for path, spots in by_file.items():
        (_inject_csv if path.suffix == ".csv" else _inject_yaml)(path, spots)


def assert_inert_html(path: Path, site: Path) -> str:
    """No script runs from the page but the site's own files and JSON data blocks; returns its words."""
    root = lxml_html.parse(str(path)).getroot()
    for script in root.iter("script"):
        if script.get("src"):
            source = script.get("src")
            assert "://" not in source and not source.startswith("//") and not script.text, (path, source)
            # The 404 page's addresses start from the site's root, where the host serves it.
            target = (site / BOARD / source.lstrip("/") if source.startswith("/") else path.parent / source)
            assert target.resolve().is_relative_to(site.resolve()) and target.is_file(), (path, source)
        else:
            assert script.get("type") in SCRIPT_TYPES, (path, script.text)
            json.loads(script.text)          # a block that broke out would not parse
            assert "<" not in script.text, path
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (path, element.tag, name)
            assert not value.strip().lower().startswith("javascript:"), (path, element.tag, value)
        assert not (element.tag == "img" and element.get("src") == "x"), path
    words = " ".join(root.itertext())
    attributes = " ".join(v for e in root.iter() if isinstance(e.tag, str) for v in e.attrib.values())
    return words + " " + attributes


def assert_inert_feed(path: Path) -> str:
    """Feed readers render `type="html"` text as HTML: it must be clean HTML too."""
    tree = etree.parse(str(path))
    words = []
    for element in tree.iter():
        if element.get("type") == "html" and element.text:
            fragment = lxml_html.fragment_fromstring(element.text, create_parent="div")
            assert not list(fragment.iter("script")), path
            for child in fragment.iter():
                assert not any(name.startswith("on") for name in child.attrib), path
            words.append(fragment.text_content())
        elif element.text:
            words.append(element.text)
    return " ".join(words)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    repo = make_repo(tmp_path_factory.mktemp("hostile-fields"), "all-fields")
    targets = _targets(repo)
    inject(repo, targets)
    return repo, targets


def test_every_free_text_field_is_attacked(hostile_site):
    """The fixture must give every free-text field of every table a value, or the attack misses it."""
    _, targets = hostile_site
    attacked = set(targets.values())
    expected = {f"{table}.{name}" for table, fields in free_text_fields().items() for name in fields}
    assert expected - attacked == set()
    assert len(expected) >= 30


def test_script_payloads_are_refused_at_their_line_or_published_inert(hostile_site, capsys, tmp_path):
    repo, targets = hostile_site
    code, problems = run_json(repo, capsys)
    errors = [p for p in problems if p["severity"] == "error"]
    places: dict[tuple[str, int, str], str] = {}     # (file, line, field) -> marker
    for (path, line, _), marker in targets.items():
        places[(str(path.relative_to(repo)), line, marker.split(".")[1])] = marker
    # Anything refused is refused where the payload stands, never somewhere unrelated.
    assert {(p["file"], p["line"], p["field"]) for p in errors} <= set(places), errors
    refused = {places[(p["file"], p["line"], p["field"])] for p in errors}
    # Paths and names that must match something are the only fields that may refuse free text.
    assert refused <= {"board.timezone", "papers.file", "strategy.document"}, refused
    if errors:
        for (path, line, column), marker in list(targets.items()):
            if marker in refused:
                del targets[(path, line, column)]
        repo = make_repo(tmp_path / "again", "all-fields")
        inject(repo, {(repo / p.relative_to(hostile_site[0]), line, column): marker
                      for (p, line, column), marker in targets.items()})
    site = tmp_path / "site"
    assert build(repo, site) == 0
    capsys.readouterr()
    published = []
    for page in (site / BOARD).rglob("*.html"):
        published.append(assert_inert_html(page, site))
    for feed in (site / BOARD / "feeds").glob("*.xml"):
        published.append(assert_inert_feed(feed))
    for data in (site / BOARD).rglob("*.json"):
        published.append(json.dumps(json.loads(data.read_text(encoding="utf-8")), ensure_ascii=False))
    text = "\n".join(published)
    shown = {marker for marker in set(targets.values()) if marker in text}
    assert set(targets.values()) - refused - shown == set()


FRONT_MATTER = """---
title: {title}
description: {description}
---
# A page

Words.
"""


def test_front_matter_is_escaped_wherever_the_theme_prints_it(tmp_path, capsys):
    repo = make_repo(tmp_path / "repo")
    (repo / "content" / BOARD / "about.md").write_text(FRONT_MATTER.format(
        title=json.dumps(payload("page.title")), description=json.dumps(payload("page.description"))),
        encoding="utf-8")
    site = tmp_path / "site"
    assert build(repo, site) == 0
    capsys.readouterr()
    page = site / BOARD / "about" / "index.html"
    words = assert_inert_html(page, site)
    root = lxml_html.parse(str(page)).getroot()
    assert root.findtext(".//title").startswith(payload("page.title"))
    assert [m.get("content") for m in root.iter("meta") if m.get("name") == "description"] == \
        [payload("page.description")]
    assert "page.title" in words


def test_front_matter_may_set_only_title_and_description(tmp_path, capsys):
    repo = make_repo(tmp_path / "repo")
    (repo / "content" / BOARD / "about.md").write_text(
        "---\ntitle: About\ntemplate: ../../../etc/evil.html\nhide: [navigation]\n"
        "description: [not, one, line]\n---\n# About\n", encoding="utf-8")
    code, problems = run_json(repo, capsys)
    assert code == 1
    page = f"content/{BOARD}/about.md"
    assert {(p["file"], p["line"], p["code"]) for p in problems if p["file"] == page} == {
        (page, 3, "front-matter-key"), (page, 4, "front-matter-key"), (page, 5, "wrong-shape")}


def test_images_from_other_hosts_become_links(tmp_path, capsys):
    repo = make_repo(tmp_path / "repo")
    (repo / "content" / BOARD / "about.md").write_text(
        "# About\n\n![Our chair](https://tracker.example/pixel.png) and "
        '<img src="https://tracker.example/b.png" alt="b"> and <img src="//tracker.example/c.png">\n',
        encoding="utf-8")
    site = tmp_path / "site"
    assert build(repo, site) == 0
    capsys.readouterr()
    root = lxml_html.parse(str(site / BOARD / "about" / "index.html")).getroot()
    assert list(root.iter("img")) == []
    links = {a.get("href"): a.text_content() for a in root.iter("a") if "tracker" in (a.get("href") or "")}
    assert links == {"https://tracker.example/pixel.png": "Image: Our chair", "https://tracker.example/b.png": "Image: b"}
