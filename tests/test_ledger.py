"""Citations never break: a later history of the example board keeps every published URL answering."""

import re
from pathlib import Path

import pytest
from lxml import html

from helpers import REPO, build, copy_example, run_json
from hwbsite.cli import main

LEDGER = "data/exampleshire/published-urls.txt"


@pytest.fixture
def example_repo(tmp_path):
    return copy_example(tmp_path / "repo")


def ledger(repo: Path) -> list[str]:
    return [line for line in (repo / LEDGER).read_text().splitlines() if line.strip()]


def answer(site: Path, path: str, hops: int = 3) -> Path | None:
    """The file a browser ends up with for `path`, following redirect pages; None if nothing answers."""
    target = site / path.lstrip("/")
    if path.endswith("/"):
        target = target / "index.html"
    if not target.is_file():
        return None
    if target.suffix == ".html" and hops:
        refresh = html.parse(str(target)).getroot().xpath("//meta[@http-equiv='refresh']/@content")
        if refresh:
            relative = refresh[0].split("url=", 1)[1]
            resolved = (target.parent / relative).resolve().relative_to(site.resolve()).as_posix()
            return answer(site, "/" + resolved + ("/" if relative.endswith("/") else ""), hops - 1)
    return target


def test_example_board_carries_an_up_to_date_ledger(capsys):
    assert main(["--repo", str(REPO), "urls"]) == 0
    produced = set(capsys.readouterr().out.split())
    assert produced <= set(ledger(REPO))
    # What the ledger holds beyond today's addresses is the moved meeting's old ones, redirected.
    assert set(ledger(REPO)) - produced == {"/meetings/2025-07-09/", "/meetings/2025-07-09.ics"}


def test_ledger_update_only_adds(example_repo, capsys):
    (example_repo / "data/exampleshire/meetings/2027-05-19.yml").write_text(
        "start: 2027-05-19T14:00\nstatus: scheduled\n")
    first = ledger(example_repo)
    assert main(["--repo", str(example_repo), "urls", "--update"]) == 0
    assert "Recorded 2 new address" in capsys.readouterr().out
    after = ledger(example_repo)
    assert set(first) < set(after) and after == sorted(after)
    assert set(after) - set(first) == {"/meetings/2027-05-19/", "/meetings/2027-05-19.ics"}


def test_a_later_history_keeps_every_cited_url_working(example_repo, tmp_path, capsys):
    first_ledger = ledger(example_repo)
    meetings = example_repo / "data/exampleshire/meetings"
    # A meeting moved a week later, its file renamed with its date.
    moved = (meetings / "2026-09-16.yml").read_text().replace("2026-09-16T", "2026-09-23T")
    (meetings / "2026-09-16.yml").unlink()
    (meetings / "2026-09-23.yml").write_text(moved)
    # A decision id corrected.
    meeting = meetings / "2025-11-19.yml"
    meeting.write_text(meeting.read_text().replace("id: hwb-2025-013", "id: hwb-2025-099"))
    # A member removed altogether (with their attendance).
    for path in [*meetings.glob("*.yml"), example_repo / "data/exampleshire/people.yml",
                 example_repo / "data/exampleshire/memberships.yml"]:
        path.write_text("".join(line for line in path.read_text().splitlines(keepends=True)
                                if "supt-ian-clarke" not in line))
    # New meetings added.
    (meetings / "2027-05-19.yml").write_text("start: 2027-05-19T14:00\nstatus: scheduled\n")

    code, problems = run_json(example_repo, capsys)
    assert code == 1
    dropped = {p["line"]: p for p in problems if p["code"] == "url-dropped"}
    assert {p["file"] for p in dropped.values()} == {LEDGER}
    assert {first_ledger[line - 1] for line in dropped} == {
        "/meetings/2026-09-16/", "/meetings/2026-09-16.ics", "/decisions/hwb-2025-013/",
        "/decisions/hwb-2025-013.json", "/members/supt-ian-clarke/"}
    hints = {first_ledger[line - 1]: p["hint"] for line, p in dropped.items()}
    assert "meetings/2026-09-16/: meetings/2026-09-23/" in hints["/meetings/2026-09-16/"]
    assert "decisions/hwb-2025-013/: decisions/hwb-2025-099/" in hints["/decisions/hwb-2025-013/"]

    # The officer adds exactly the lines the hints give.
    lines = [re.search(r"`([^`]+)`", p["hint"]).group(1) for p in dropped.values()]
    board = example_repo / "data/exampleshire/board.yml"
    text = board.read_text()
    added = "".join(f"  {line}\n" for line in lines)
    board.write_text(text.replace("redirects:\n", "redirects:\n" + added, 1) if "redirects:\n" in text
                     else text + "redirects:\n" + added)
    assert run_json(example_repo, capsys)[0] == 0

    assert build(example_repo, tmp_path / "site") == 0
    site = tmp_path / "site" / "exampleshire"
    assert [path for path in first_ledger if answer(site, path) is None] == []
    assert answer(site, "/meetings/2026-09-16/") == site / "meetings/2026-09-23/index.html"
    assert answer(site, "/decisions/hwb-2025-013/") == site / "decisions/hwb-2025-099/index.html"
    assert answer(site, "/members/supt-ian-clarke/") == site / "members/index.html"
    assert '"id": "hwb-2025-099"' in answer(site, "/decisions/hwb-2025-013.json").read_text()
    assert "DTSTART;TZID=Europe/London:20260923T140000" in answer(site, "/meetings/2026-09-16.ics").read_text()
    redirect = html.parse(str(site / "meetings/2026-09-16/index.html")).getroot()
    assert redirect.xpath("//link[@rel='canonical']/@href")


def test_rules_of_a_decisions_life(board_repo, capsys):
    code, problems = run_json(board_repo("life"), capsys)
    meeting = "data/testboard/meetings/2025-06-18.yml"
    assert code == 1
    assert {(p["file"], p["line"], p["code"]) for p in problems if p["severity"] == "error"} == {
        (meeting, 11, "formerly-clashes"),
        (meeting, 18, "supersedes-later-decision"),
        (meeting, 20, "update-before-decision"),
    }


def _page(site, path):
    return html.parse(str(site / path / "index.html")).getroot()


def test_superseded_decisions_link_both_ways_with_their_history(example_site):
    old = _page(example_site, "decisions/hwb-2024-002")
    facts = dict(zip([dt.text_content().strip() for dt in old.xpath("//dl[1]/dt")],
                     [dd.text_content().strip() for dd in old.xpath("//dl[1]/dd")]))
    assert facts["Current state"] == "Superseded by HWB-2026-001"
    assert "../../decisions/hwb-2026-001/" in old.xpath("//h2[@id='replaced']/following-sibling::p//a/@href")
    assert [li.text_content().split(":")[0] for li in old.xpath("//h2[@id='history']/following-sibling::ol[1]/li")] \
        == ["10 July 2024", "21 January 2026"]
    new = _page(example_site, "decisions/hwb-2026-001")
    assert "../../decisions/hwb-2024-002/" in new.xpath("//h2[@id='replaced']/following-sibling::p//a/@href")
    topic = [li.text_content() for li in new.xpath("//h2[@id='topic']/following-sibling::ol[1]/li")]
    assert topic[0].startswith("HWB-2024-002") and topic[1].startswith("HWB-2026-001 (this decision)")


def test_item_pages_show_the_topics_history(example_site):
    meeting = _page(example_site, "meetings/2025-06-18")
    item = next(li for li in meeting.find_class("hwb-item") if "Better Care Fund plan" in li.text_content())
    links = item.xpath(".//h4[starts-with(., 'Decisions on this topic')]/following-sibling::ul[1]//a/@href")
    assert {"../../decisions/hwb-2022-002/", "../../decisions/hwb-2026-007/"} <= set(links)


def test_renumbered_item_keeps_its_old_anchor(example_site):
    meeting = _page(example_site, "meetings/2026-07-15")
    old = meeting.get_element_by_id("item-15")
    assert old.getparent().get("id") == "item-14"


def test_computed_addresses_are_exactly_the_sites_pages_and_files(example_site):
    recorded = set(ledger(REPO))
    built = {"/" + p.parent.relative_to(example_site).as_posix() + "/" for p in example_site.rglob("index.html")}
    built = {"/" if p == "/./" else p for p in built}
    assert "/admin/" in built        # the officers' editor is built, and is never recorded in the ledger
    built.discard("/admin/")
    built |= {"/" + p.relative_to(example_site).as_posix()
              for p in [*example_site.glob("papers/**/*.pdf"), *example_site.glob("decisions/*.json"),
                        *example_site.glob("data/*.csv"), *example_site.glob("data/*.json"),
                        *example_site.glob("**/*.ics"), *example_site.glob("feeds/*.xml")]}
    assert built == recorded
