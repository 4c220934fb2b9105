"""The editor's generated configuration, what it may write, and its place outside the public site."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from helpers import coordinates, run_json
from hwbsite.site.cms_fields import TABLE_OF, column_of
from hwbsite.record import FIELDS

ADMIN = "admin"


def _config(example_site: Path) -> dict:
    return yaml.safe_load((example_site / ADMIN / "config.yml").read_text(encoding="utf-8"))


def _walk(fields: list[dict], context: str):
    """(context, field) for every form field, nested lists and objects included."""
    for made in fields:
        yield context, made
        inner = f"{context}.{made['name']}"
        for kind in made.get("types", []):
            yield from _walk([f for f in kind["fields"]], inner)
        if "fields" in made:
            yield from _walk(made["fields"], inner)


def _every_field(config: dict):
    for collection in config["collections"]:
        if collection["name"] == "meetings":
            yield from _walk(collection["fields"], "meeting")
        elif collection["name"] == "record":
            for entry in collection["files"]:
                context = entry["name"]
                fields = entry["fields"]
                if len(fields) == 1 and fields[0]["name"] == context:   # a list file: entries under one key
                    fields = fields[0]["fields"]
                yield from _walk(fields, context)


def test_every_form_field_is_a_field_hwbsite_knows_and_validates(example_site):
    seen = 0
    for context, made in _every_field(_config(example_site)):
        assert made["name"] in FIELDS[context], (context, made["name"])
        nested = f"{context}.{made['name']}"
        assert nested in TABLE_OF or column_of(context, made["name"]) is not None or made["widget"] in (
            "list", "select"), (context, made["name"])
        seen += 1
    assert seen > 60


def test_a_private_item_offers_no_upload_and_a_public_one_uploads_into_its_meeting_folder(example_site):
    meetings = next(c for c in _config(example_site)["collections"] if c["name"] == "meetings")
    items = next(f for f in meetings["fields"] if f["name"] == "items")
    assert items["typeKey"] == "session"
    kinds = {kind["name"]: kind for kind in items["types"]}
    assert set(kinds) == {"public", "private"}
    private = json.dumps(kinds["private"])
    assert '"widget": "file"' not in private and '"name": "url"' not in private
    exempt = next(f for f in kinds["private"]["fields"] if f["name"] == "exempt")
    assert exempt["required"] and [o["value"] for o in exempt["options"]] == [str(n) for n in range(1, 8)]
    papers = next(f for f in kinds["public"]["fields"] if f["name"] == "papers")
    upload = next(f for f in papers["fields"] if f["name"] == "file")
    assert upload["widget"] == "file"
    assert upload["media_folder"] == "/content/exampleshire/papers/" + meetings["slug"]
    assert upload["public_folder"] == "papers/" + meetings["slug"]


def test_the_editor_reads_and_writes_where_hwbsite_reads(example_site):
    config = _config(example_site)
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"]["name"] == "github" and config["backend"]["repo"] == "exampleshire-council/hwb-site"
    collections = {c["name"]: c for c in config["collections"]}
    assert collections["meetings"]["folder"] == "data/exampleshire/meetings"
    assert collections["pages"]["folder"] == "content/exampleshire"
    files = {f["name"]: f["file"] for f in collections["record"]["files"]}
    assert files["board"] == "data/exampleshire/board.yml" and files["strategy"] == "data/exampleshire/strategy.yml"
    people = next(f for f in collections["meetings"]["fields"] if f["name"] == "chair")
    assert {"label": "Councillor Jane Smith (cllr-jane-smith)", "value": "cllr-jane-smith"} in people["options"]


def test_the_editor_is_not_a_public_page(example_site):
    page = BeautifulSoup((example_site / ADMIN / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find("meta", attrs={"name": "robots"})["content"].startswith("noindex")
    policy = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "script-src 'self'" in policy and "https://api.github.com" in policy and "'unsafe-inline'" not in \
        policy.split("script-src")[1].split(";")[0]
    # Scripts from admin/ itself only: Decap's bundle and our own (names for its icon buttons).
    assert sorted(s["src"] for s in page.find_all("script")) == ["decap-cms.js", "editor.js"]
    assert [link["href"] for link in page.find_all("link", rel="stylesheet")] == ["editor.css"]
    assert (example_site / ADMIN / "editor.css").is_file() and (example_site / ADMIN / "editor.js").is_file()
    sitemap = (example_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/admin" not in sitemap
    indexed = json.loads((example_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert indexed["languages"]["en"]["page_count"] > 0
    searched = " ".join(p.read_text(errors="ignore") for p in (example_site / "pagefind").rglob("*.pf_meta"))
    assert "admin" not in searched
    package = (example_site / "data" / "datapackage.json").read_text(encoding="utf-8")
    assert "admin" not in package
    for feed in (example_site / "feeds").glob("*.xml"):
        assert "/admin" not in feed.read_text(encoding="utf-8")
    # Every other page keeps the site's own policy: no inline or third-party script.
    home = BeautifulSoup((example_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "api.github.com" not in home.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]


def test_the_ledger_never_lists_the_editor():
    from helpers import REPO
    from hwbsite.record import content_pages as pages
    from hwbsite.model.urls import site_paths   # the addresses `hwbsite urls --update` records
    from hwbsite.checks import check_board

    checked = check_board(REPO, "exampleshire")
    paths = site_paths(checked.board, pages(checked.files.content_dir))
    assert len(paths) > 100 and not any(path.startswith("/admin") for path in paths)


def test_files_as_the_editor_writes_them_validate(board_repo, capsys):
    """Decap writes list files under one key, quotes numbers and ids, `|-` blocks, `''` for blanks."""
    repo = board_repo()
    data = repo / "data" / "testboard"
    people = data / "people.yml"
    people.write_text("people:\n" + "".join("  " + line + "\n" for line in people.read_text().splitlines()
                                           if line.startswith("- ")), encoding="utf-8")
    (data / "meetings" / "2025-06-18.yml").write_text(
        "kind: ordinary\nstart: 2025-06-18T14:00\nend: ''\nstatus: scheduled\nagenda_published: 2025-06-09\n"
        "key_messages: |-\n  First line.\n\n  Second line.\nattendance: []\nitems:\n"
        "  - session: public\n    number: \"80\"\n    title: 'Public questions: answers'\n    purpose: information\n"
        "    priorities: []\n    papers: []\n    minutes: ''\n"
        "  - session: private\n    number: \"81\"\n    title: Contract award\n    exempt: \"3\"\n"
        "    papers:\n      - title: Contract award report\n", encoding="utf-8")
    code, problems = run_json(repo, capsys)
    assert coordinates(problems, "error") == set()
    assert code == 0


def test_session_must_agree_with_exempt(board_repo, capsys):
    repo = board_repo()
    meeting = repo / "data" / "testboard" / "meetings" / "2025-06-18.yml"
    meeting.write_text(meeting.read_text(encoding="utf-8") + (
        "items:\n  - session: private\n    number: \"80\"\n    title: A\n"
        "  - session: public\n    number: \"81\"\n    title: B\n    exempt: 2\n"), encoding="utf-8")
    code, problems = run_json(repo, capsys)
    found = {(c, line) for _, line, c in coordinates(problems, "error")}
    assert code == 1
    assert {code for code, _ in found} >= {"private-without-paragraph", "public-item-exempt"}
    assert all(re.fullmatch(r"[a-z-]+", code) for code, _ in found)
