"""What a careless officer or a hostile contributor can put in the files is a problem, never an internal error."""

from __future__ import annotations

import random

import pytest
from lxml import html
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, NameObject, NumberObject

from helpers import build, coordinates, make_repo, run_json

DATA = "data/testboard"


@pytest.fixture
def repo(tmp_path):
    return make_repo(tmp_path / "repo")


def append(path, text: str) -> None:
    path.write_text(path.read_text() + text)


def test_a_member_appointed_in_advance_is_shown_as_joining(repo, tmp_path):
    append(repo / DATA / "people.yml",
           "- {id: new-nell, name: Nell New, organisation: testshire-council, job_title: Director}\n")
    append(repo / DATA / "memberships.yml",
           "- {person: new-nell, seat: other, role: member, voting: false, start: 2099-01-01, end: }\n")
    assert build(repo, tmp_path / "site") == 0
    root = html.parse(str(tmp_path / "site/testboard/members/index.html")).getroot()
    joining = root.get_element_by_id("joining").getnext()
    assert [(a.text_content(), a.get("href").rstrip("/").split("/")[-1]) for a in joining.iter("a")] == [
        ("Nell New", "new-nell")]
    assert "from 1 January 2099" in joining.text_content()
    past = root.get_element_by_id("past-members") if root.xpath("//*[@id='past-members']") else None
    assert past is None or "Nell New" not in past.getnext().text_content()
    person = html.parse(str(tmp_path / "site/testboard/members/new-nell/index.html")).getroot()
    assert "from 1 January 2099" in person.get_element_by_id("membership").getnext().text_content()


def test_a_past_member_reappointed_in_advance_is_shown_as_joining(repo, tmp_path):
    members = repo / DATA / "memberships.yml"
    members.write_text(members.read_text().replace(
        "{person: eve-watch, seat: healthwatch, role: member, voting: true, start: 2023-05-18, end: }",
        "{person: eve-watch, seat: healthwatch, role: member, voting: true, start: 2023-05-18, end: 2025-06-30}\n"
        "- {person: eve-watch, seat: healthwatch, role: member, voting: true, start: 2099-02-01, end: }"))
    assert build(repo, tmp_path / "site") == 0
    root = html.parse(str(tmp_path / "site/testboard/members/index.html")).getroot()
    assert "Eve Watch" in root.get_element_by_id("joining").getnext().text_content()
    assert not root.xpath("//*[@id='past-members']")


def test_control_characters_anywhere_are_errors_at_their_line(repo, capsys):
    people = repo / DATA / "people.yml"
    people.write_text(people.read_text().replace("name: Bob Adult", "name: Bob \x1b[31mAdult")
                      .replace("name: Eve Watch", "name: Eve\x7f Watch"))
    organisations = repo / DATA / "organisations.yml"     # an escape typed in quotes, in a file otherwise clean
    organisations.write_text(organisations.read_text().replace("name: Testshire Council",
                                                               'name: "Testshire \\e[2JCouncil"', 1))
    values = repo / DATA / "indicators/falls-65.csv"
    lines = values.read_text().splitlines()
    lines[1] += "\x07"
    values.write_text("\r\n".join(lines) + "\r\n")          # Windows line ends are not control characters
    (repo / "content/testboard/about.md").write_text("# About\n\nWe meet\tmonthly.\n\nHello \x00world\n")
    meeting = repo / DATA / "meetings/2025-06-18.yml"
    meeting.write_text(meeting.read_text().replace("\n", "\r\n"))
    code, problems = run_json(repo, capsys)
    assert code == 1
    assert coordinates(problems, "error") == {
        (f"{DATA}/people.yml", 2, "control-character"), (f"{DATA}/organisations.yml", 1, "control-character"),
        (f"{DATA}/people.yml", 5, "control-character"), (f"{DATA}/indicators/falls-65.csv", 2, "control-character"),
        ("content/testboard/about.md", 5, "control-character")}


def _pdf(path, change=None) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": "A paper"})
    if change:
        change(writer)
    with open(path, "wb") as handle:
        writer.write(handle)


def paperchecks(repo):
    """The paperchecks scenario with every paper it lists present; returns the future meeting's folder."""
    make_repo(repo, "paperchecks")
    folder, old = repo / "content/testboard/papers/2030-01-16", repo / "content/testboard/papers/2020-01-15"
    folder.mkdir(parents=True)
    old.mkdir(parents=True)
    _pdf(old / "plain.pdf")
    (folder / "old.doc").write_bytes(b"doc")
    (folder / "big.csv").write_text("a\n")
    return folder


def test_odd_and_malformed_pdfs_are_problems_at_the_paper(repo, capsys):
    folder = paperchecks(repo)
    _pdf(folder / "good.pdf", lambda w: w._info.get_object().__setitem__(NameObject("/Title"), NumberObject(42)))
    _pdf(folder / "plain.pdf", lambda w: w._root_object.__setitem__(NameObject("/MarkInfo"),
                                                                    ArrayObject([NumberObject(1)])))
    _pdf(folder / "broken.pdf", lambda w: w._root_object.__setitem__(NameObject("/Lang"), NumberObject(3)))
    code, problems = run_json(repo, capsys)
    meeting = f"{DATA}/meetings/2030-01-16.yml"
    found = {c for c in coordinates(problems) if c[0] == meeting and c[2].startswith("pdf-")}
    assert (meeting, 8, "pdf-no-title") in found            # a number is no title
    assert (meeting, 9, "pdf-untagged") in found            # /MarkInfo that is not a dictionary
    assert (meeting, 12, "pdf-no-language") in found        # /Lang that is not text
    assert (meeting, 12, "pdf-no-title") not in found
    # The scenario's Word 97 paper is the only error: old binary formats are not published.
    assert {p["code"] for p in problems if p["severity"] == "error"} == {"paper-type"}


def test_damaged_pdfs_never_stop_validation(repo, capsys):
    folder = paperchecks(repo)
    _pdf(folder / "plain.pdf")
    good = (folder / "plain.pdf").read_bytes()
    shuffle = random.Random(11)
    meeting = repo / DATA / "meetings/2030-01-16.yml"
    for number in range(40):
        damaged = bytearray(good)
        for _ in range(8):
            damaged[shuffle.randrange(len(damaged))] = shuffle.randrange(256)
        (folder / f"damaged-{number}.pdf").write_bytes(bytes(damaged[: shuffle.randrange(20, len(damaged) + 1)]))
        append(meeting, f"      - {{title: Damaged {number}, file: papers/2030-01-16/damaged-{number}.pdf}}\n")
    assert b"/Root 3 0 R" in good and b"/Info 1 0 R" in good
    (folder / "good.pdf").write_bytes(good.replace(b"/Root 3 0 R", b"/Root 42   "))   # a catalogue that is a number
    (folder / "broken.pdf").write_bytes(good.replace(b"/Info 1 0 R", b"/Info [1]  "))  # an info that is a list
    code, problems = run_json(repo, capsys)
    assert {p["code"] for p in problems if p["severity"] == "error"} == {"paper-type"}
    codes = {p["code"] for p in problems if p["file"] == f"{DATA}/meetings/2030-01-16.yml"}
    assert "pdf-unreadable" in codes
    assert codes <= {"paper-type", "pdf-unreadable", "pdf-no-title", "pdf-no-language", "pdf-untagged",
                     "published-in-future"}


def test_a_ledger_with_a_byte_order_mark_is_read(repo, capsys):
    (repo / DATA / "published-urls.txt").write_bytes(b"\xef\xbb\xbf/meetings/\r\n/members/\r\n")
    assert run_json(repo, capsys) == (0, [])


def test_a_ledger_not_saved_as_utf8_is_a_problem_at_its_line(repo, capsys):
    ledger = repo / DATA / "published-urls.txt"
    ledger.write_bytes(b"/meetings/\n/caf\xe9/\n")
    before = ledger.read_bytes()
    code, problems = run_json(repo, capsys)
    assert code == 1 and coordinates(problems) == {(f"{DATA}/published-urls.txt", 2, "not-utf8")}
    from hwbsite.cli import main
    assert main(["--repo", str(repo), "urls", "--update"]) == 1
    assert ledger.read_bytes() == before


@pytest.mark.parametrize("name", ["board.yml", "people.yml", "memberships.yml", "meetings/2025-06-18.yml",
                                  "indicators/falls-65.csv", "strategy.yml"])
def test_a_folder_where_a_file_should_be_is_a_problem(repo, capsys, name):
    path = repo / DATA / name
    if path.exists():
        path.unlink()
    path.mkdir()
    code, problems = run_json(repo, capsys)
    assert code == 1 and coordinates(problems, "error") == {(f"{DATA}/{name}", 1, "unreadable-file")}


def test_a_broken_link_where_a_file_should_be_is_a_problem(repo, capsys):
    (repo / DATA / "people.yml").unlink()
    (repo / DATA / "people.yml").symlink_to(repo / "elsewhere.yml")
    code, problems = run_json(repo, capsys)
    assert code == 1 and (f"{DATA}/people.yml", 1, "symlink") in coordinates(problems)
    assert "Traceback" not in capsys.readouterr().err


def test_an_officers_page_not_saved_as_utf8_is_a_problem(repo, tmp_path, capsys):
    (repo / "content/testboard/about.md").write_bytes(b"# About\n\nThe caf\xe9 on the corner.\n")
    code, problems = run_json(repo, capsys)
    assert code == 1 and coordinates(problems) == {("content/testboard/about.md", 3, "not-utf8")}
    assert build(repo, tmp_path / "site") == 1
    assert not (tmp_path / "site").exists()
