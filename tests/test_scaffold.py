"""`hwbsite new` through a whole meeting cycle: agenda, papers, minutes, decisions."""

import json
import re

import yaml

from helpers import REPO, build, copy_example
from hwbsite.cli import main

PAPER = REPO / "content/exampleshire/papers/2025-11-19/26-phg-reserve.pdf"


def run(repo, *args):
    return main(["--repo", str(repo), *args])


def example_copy(tmp_path):
    return copy_example(tmp_path / "repo")


def test_a_whole_meeting_cycle_validates_and_builds(tmp_path, capsys):
    repo = example_copy(tmp_path)
    meeting = repo / "data/exampleshire/meetings/2026-11-18.yml"
    # The agenda: an extraordinary meeting, its minute numbers running on from 4 November 2026.
    assert run(repo, "new", "meeting", "--date", "2026-11-18", "--kind", "extraordinary") == 0
    numbers = [int(n) for n in re.findall(r"- number: (\d+)", meeting.read_text())]
    last = max(int(n) for n in re.findall(r"- number: (\d+)",
                                          (repo / "data/exampleshire/meetings/2026-11-04.yml").read_text()))
    assert numbers == [last + 1, last + 2, last + 3, last + 4]
    # Each item says its kind, as the browser editor needs (it shows an item without one as an error).
    assert [i["session"] for i in yaml.safe_load(meeting.read_text())["items"]] == ["public"] * 4
    minutes_item = str(numbers[2])
    # A new member, and a paper for the minutes item.
    assert run(repo, "new", "person", "--id", "cllr-ola-adeyemi", "--name", "Councillor Ola Adeyemi",
               "--organisation", "exampleshire-council", "--job-title", "Cabinet Member for Public Health") == 0
    assert run(repo, "new", "paper", str(PAPER), "--meeting", "2026-11-18", "--item", minutes_item,
               "--title", "Minutes of the meeting held on 4 November 2026") == 0
    named = f"{minutes_item}-minutes-of-the-meeting-held-on-4-november-2026.pdf"
    assert (repo / f"content/exampleshire/papers/2026-11-18/{named}").is_file()
    # The meeting is held: the officer records publication, attendance and draft minutes.
    attendance = re.search(r"attendance:\n(?:  - .*\n)+", (repo / "data/exampleshire/meetings/2026-11-04.yml")
                           .read_text()).group(0)
    text = meeting.read_text()
    text = text.replace("status: scheduled ", "status: held ").replace(
        "agenda_published: ", "agenda_published: 2026-11-09").replace(
        "minutes_published:\n", "minutes_published: 2026-11-20\n").replace(
        "minutes_status: ", "minutes_status: draft").replace(
        "attendance:             # after the meeting: present, apologies, absent, substitute (with for:)\n",
        attendance)
    meeting.write_text(text)
    # The decision, with the next free id.
    assert run(repo, "new", "decision", "--meeting", "2026-11-18", "--item", minutes_item,
               "--text", "The minutes of the meeting held on 4 November 2026 were approved.",
               "--outcome", "agreed") == 0
    assert "Added decision hwb-2026-" in capsys.readouterr().out
    assert run(repo, "validate") == 0
    assert run(repo, "urls", "--update") == 0
    assert build(repo, tmp_path / "site") == 0
    page = (tmp_path / "site/exampleshire/meetings/2026-11-18/index.html").read_text()
    assert "Extraordinary meeting" in page and named in page


def test_new_never_overwrites(tmp_path, capsys):
    repo = example_copy(tmp_path)
    existing = repo / "data/exampleshire/meetings/2026-11-04.yml"
    before = existing.read_bytes()
    assert run(repo, "new", "meeting", "--date", "2026-11-04") == 2
    assert existing.read_bytes() == before
    people = (repo / "data/exampleshire/people.yml").read_bytes()
    assert run(repo, "new", "person", "--id", "cllr-jane-smith", "--name", "Someone Else") == 2
    assert (repo / "data/exampleshire/people.yml").read_bytes() == people
    assert run(repo, "new", "paper", str(PAPER), "--meeting", "2025-11-19", "--item", "26", "--title", "Again") == 0
    assert run(repo, "new", "paper", str(PAPER), "--meeting", "2025-11-19", "--item", "26", "--title", "Again") == 2


def test_a_script_must_give_every_value(tmp_path, capsys, monkeypatch):
    repo = example_copy(tmp_path)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert run(repo, "new", "meeting") == 2
    assert "--date" in capsys.readouterr().err


def test_new_board_validates_and_builds_beside_the_first(tmp_path, capsys):
    repo = example_copy(tmp_path)
    assert run(repo, "new", "board", "--id", "northvale", "--name", "Northvale Health and Wellbeing Board",
               "--council-id", "northvale-council", "--council-name", "Northvale Council") == 0
    assert run(repo, "validate", "--board", "northvale", "--format", "json") == 0
    assert run(repo, "new", "board", "--id", "northvale", "--name", "Again", "--council-id", "x",
               "--council-name", "X") == 2
    assert build(repo, tmp_path / "site") == 0
    assert (tmp_path / "site/northvale/index.html").is_file() and (tmp_path / "site/exampleshire/index.html").is_file()


def test_papers_keep_the_order_added_and_addresses_from_their_titles(tmp_path, capsys):
    repo = example_copy(tmp_path)
    assert run(repo, "new", "meeting", "--date", "2027-05-19") == 0
    meeting = repo / "data/exampleshire/meetings/2027-05-19.yml"
    item = re.findall(r"- number: (\d+)", meeting.read_text())[-1]
    working = tmp_path / "Pharmacy report FINAL v3 (2).pdf"
    working.write_bytes(PAPER.read_bytes())
    for title in ("Report of the Director of Public Health", "Appendix A: pharmacy map"):
        assert run(repo, "new", "paper", str(working), "--meeting", "2027-05-19", "--item", item,
                   "--title", title) == 0
    files = re.findall(r"file: (papers/\S+)}", meeting.read_text())
    assert files == [f"papers/2027-05-19/{item}-report-of-the-director-of-public-health.pdf",
                     f"papers/2027-05-19/{item}-appendix-a-pharmacy-map.pdf"]
    assert run(repo, "validate") == 0


def test_a_decision_records_its_vote(tmp_path, capsys):
    repo = example_copy(tmp_path)
    assert run(repo, "new", "decision", "--meeting", "2026-11-04", "--item", "28", "--text",
               "The Board agreed the plan on the chair's casting vote.", "--outcome", "agreed",
               "--for", "4", "--against", "4", "--abstain", "0", "--casting-vote") == 0
    text = (repo / "data/exampleshire/meetings/2026-11-04.yml").read_text()
    assert "vote: {for: 4, against: 4, abstain: 0, casting_vote: true}" in text
    capsys.readouterr()
    code = main(["--repo", str(repo), "validate", "--format", "json"])
    problems = [p for p in json.loads(capsys.readouterr().out) if p["file"].endswith("2026-11-04.yml")]
    assert code == 0 and [p for p in problems if p["severity"] == "error"] == []
    # Half a vote is refused before anything is written.
    before = text
    assert run(repo, "new", "decision", "--meeting", "2026-11-04", "--item", "28", "--text", "x",
               "--outcome", "agreed", "--for", "4") == 2
    assert (repo / "data/exampleshire/meetings/2026-11-04.yml").read_text() == before


def test_a_meeting_file_renamed_but_keeping_its_id_still_takes_decisions_and_keeps_its_links(tmp_path, capsys):
    """The guide says a renamed meeting file keeps its old `id:`; nothing may guess the file from the id."""
    from lxml import html

    from hwbsite.checks import check_board

    repo = example_copy(tmp_path)
    warned = {p.file for p in check_board(repo, "exampleshire").warnings if "/meetings/" in p.file}
    assert warned
    meetings = repo / "data/exampleshire/meetings"
    for relative in warned:
        old = repo / relative
        text = old.read_text()
        if not text.startswith("id:"):
            text = f"id: {old.stem}\n" + text
        (meetings / f"renamed-{old.name}").write_text(text)
        old.unlink()
    first = sorted(warned)[0].rsplit("/", 1)[1].removesuffix(".yml")
    renamed = meetings / f"renamed-{first}.yml"
    item = re.search(r"- number: (\d+)", renamed.read_text()).group(1)
    assert run(repo, "new", "decision", "--meeting", first, "--item", item, "--text", "Noted the report.",
               "--outcome", "noted") == 0
    assert "Noted the report." in renamed.read_text()
    assert not (meetings / f"{first}.yml").exists()
    assert build(repo, tmp_path / "site") == 0
    page = html.parse(str(tmp_path / "site/exampleshire/transparency/index.html")).getroot()
    links = page.xpath('//h2[@id="record-warnings"]/following-sibling::ul[1]/li/a/@href')
    assert any(href.endswith(f"meetings/{first}/") for href in links), links


def test_a_new_person_goes_under_the_key_when_the_editor_wrote_the_file(tmp_path, capsys):
    """people.yml with its entries under `people:` (as the browser editor writes it) keeps that form,
    indented as its entries are; a bare list stays a bare list."""
    repo = example_copy(tmp_path)
    people = repo / "data/exampleshire/people.yml"
    bare = people.read_text()
    people.write_text("# The people\npeople:\n" + "".join(
        "    " + line + "\n" if line.strip() else "\n" for line in bare.splitlines() if not line.startswith("#")))
    assert run(repo, "new", "person", "--id", "cllr-ola-adeyemi", "--name", "Councillor Ola Adeyemi") == 0
    text = people.read_text()
    assert text.endswith('\n    - {id: cllr-ola-adeyemi, name: "Councillor Ola Adeyemi"}\n')
    assert yaml.safe_load(text)["people"][-1]["id"] == "cllr-ola-adeyemi"
    assert run(repo, "validate") == 0
    capsys.readouterr()

    people.write_text(bare)
    assert run(repo, "new", "person", "--id", "cllr-ola-adeyemi", "--name", "Councillor Ola Adeyemi") == 0
    assert people.read_text().startswith(bare) and isinstance(yaml.safe_load(people.read_text()), list)


def test_a_new_person_on_a_new_board_replaces_the_empty_list(tmp_path, capsys):
    """A new board's people.yml is `[]`; in either form, the first person takes its place."""
    repo = example_copy(tmp_path)
    assert run(repo, "new", "board", "--id", "otherborough", "--name", "Otherborough Health and Wellbeing Board",
               "--council-id", "otherborough-council", "--council-name", "Otherborough Council") == 0
    people = repo / "data/otherborough/people.yml"
    for empty in (people.read_text(), "people: []   # none yet\n"):
        people.write_text(empty)
        assert run(repo, "new", "person", "--board", "otherborough", "--id", "jo-bloggs", "--name", "Jo Bloggs") == 0
        found = yaml.safe_load(people.read_text())
        assert (found if isinstance(found, list) else found["people"]) == [{"id": "jo-bloggs", "name": "Jo Bloggs"}]
