"""`hwbsite import moderngov` against a fake ModernGov site on loopback serving recorded Manchester answers."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
import yaml
from lxml import html

from helpers import REPO, build, coordinates, run_json
from hwbsite.cli import main
from hwbsite.tools import moderngov_client
from hwbsite.tools.moderngov_client import Client, SourceError
from hwbsite.tools.moderngov_parse import parse_time, word_to_markdown
from moderngov_fake import FakeModernGov

BOARD = "manchester"


@pytest.fixture
def repo(tmp_path, capsys) -> Path:
    """A council's new repository: the site files and a board made with `hwbsite new board`."""
    root = tmp_path / "repo"
    shutil.copytree(REPO / "theme", root / "theme")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    assert main(["--repo", str(root), "new", "board", "--id", BOARD, "--name", "Manchester Audit Committee",
                 "--council-id", "manchester-city-council", "--council-name", "Manchester City Council"]) == 0
    capsys.readouterr()
    return root


@pytest.fixture
def site():
    with FakeModernGov() as fake:
        yield fake


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch):
    """Retries pause with a growing backoff; the tests record the pauses instead of sleeping."""
    pauses = []
    monkeypatch.setattr(moderngov_client.time, "sleep", pauses.append)
    return pauses


def run(repo: Path, site: FakeModernGov, *extra: str, base: str | None = None) -> int:
    return main(["--repo", str(repo), "import", "moderngov", base or site.base, "--committee", "144",
                 "--board", BOARD, *extra])


def tree(repo: Path) -> dict[str, bytes]:
    return {p.relative_to(repo).as_posix(): p.read_bytes()
            for folder in ("data", "content") for p in sorted((repo / folder).rglob("*")) if p.is_file()}


def meeting(repo: Path, meeting_id: str) -> dict:
    return yaml.safe_load((repo / "data" / BOARD / "meetings" / f"{meeting_id}.yml").read_text())


def item(record: dict, number) -> dict:
    return next(i for i in record["items"] if str(i["number"]) == str(number))


def review(repo: Path) -> str:
    return (repo / "data" / BOARD / "moderngov-review.md").read_text()


def test_import_validates_builds_and_a_second_run_changes_nothing(repo, site, tmp_path, capsys):
    assert run(repo, site) == 0
    out = capsys.readouterr()
    assert "[3/3] 2026-03-10" in out.err and "Traceback" not in out.err + out.out
    code, problems = run_json(repo, capsys, "--board", BOARD)
    assert code == 0 and not [p for p in problems if p["severity"] == "error"]
    assert not [p for p in problems if "moderngov-" in p["file"]]     # the review list and state are not record
    assert {p.name for p in (repo / "data" / BOARD / "meetings").iterdir()} == {
        "2026-01-13.yml", "2026-02-10.yml", "2026-03-10.yml"}     # the Art Galleries meeting is not this committee's
    held = meeting(repo, "2026-02-10")
    assert (held["status"], str(held["start"]), held["minutes_status"]) == ("held", "2026-02-10T10:00", "approved")
    assert [str(i["number"]) for i in held["items"]] == ["1", "9"]   # fulldisplaynumberformat, not agendaitemnumber
    paper = item(held, 1)["papers"][0]
    assert paper["title"] == "6 - CHAIR APPROVED Minutes Audit Committee 25 Nov 2025"
    assert paper["file"] == "papers/2026-02-10/1-6-chair-approved-minutes-audit-committee-25-nov-2025.pdf"
    assert (repo / "content" / BOARD / paper["file"]).read_bytes().startswith(b"%PDF")
    assert paper["source"] == {"system": "moderngov", "id": 60860,
                               "url": f"{site.site}/mgConvert2PDF.aspx?ID=60860"}
    assert "MsoNormal" not in (repo / "data" / BOARD / "meetings" / "2026-02-10.yml").read_text()
    assert meeting(repo, "2026-01-13")["status"] == "cancelled"

    assert build(repo, tmp_path / "site", "--board", BOARD) == 0
    capsys.readouterr()
    built = tmp_path / "site" / BOARD
    cancelled = html.parse(str(built / "meetings" / "2026-01-13" / "index.html"))
    assert cancelled.xpath("//p[contains(@class,'hwb-notice')]//strong/text()") == ["This meeting was cancelled."]
    page = html.parse(str(built / "meetings" / "2026-02-10" / "index.html"))
    links = {a.text_content().strip(): a.get("href") for a in page.xpath("//a[contains(@href,'papers/')]")}
    assert any(text.startswith("6 - CHAIR APPROVED Minutes") and href.endswith(
        "1-6-chair-approved-minutes-audit-committee-25-nov-2025.pdf") for text, href in links.items())
    assert (built / "papers" / "2026-02-10" / "9-draft-wp-february-2026.pdf").is_file()
    published = {p.name for p in built.rglob("*")}
    assert not {"moderngov-review.md", "moderngov-import.json"} & published
    with (built / "data" / "meetings.csv").open() as handle:
        rows = {row["id"]: row for row in csv.DictReader(handle)}
    assert (rows["2026-02-10"]["source_system"], rows["2026-02-10"]["source_id"]) == ("moderngov", "4967")
    assert rows["2026-02-10"]["source_url"] == f"{site.site}/ieListDocuments.aspx?CId=144&MId=4967"

    before = tree(repo)
    site.requests.clear()
    assert run(repo, site) == 0
    assert tree(repo) == before
    conditional = site.requested("GetMeeting?")
    assert conditional and all(r["if_none_match"] for r in conditional)     # ETags kept in the state file
    assert not site.requested("mgConvert2PDF")          # nothing downloaded again: the meetings did not change


def test_the_same_answers_without_etags_still_change_nothing(repo, site):
    site.etags = False
    assert run(repo, site) == 0
    before = tree(repo)
    assert run(repo, site) == 0
    assert tree(repo) == before


def test_restricted_matter_is_never_downloaded_and_exempt_items_list_titles_only(repo, site):
    assert run(repo, site) == 0
    assert not site.requested("ID=90004") and not site.requested("ID=90008") and not site.requested("ID=90009")
    record = meeting(repo, "2026-03-10")
    exempt = item(record, 4)
    assert exempt["exempt"] == 3 and exempt["session"] == "private"     # the kind the browser editor shows
    assert exempt["papers"] == [{"title": "Cleaning services contract award (exempt)",
                                 "source": {"system": "moderngov", "id": 90008}}]
    assert "minutes" not in exempt
    assert "5" not in [str(i["number"]) for i in record["items"]]       # restricted, no paragraph: left out
    public = item(record, 3)
    assert public["session"] == "public"
    assert "Appendix 2 - Commercially sensitive findings" not in [p["title"] for p in public["papers"]]
    notes = review(repo)
    assert "item 5 `Staffing matter` is restricted and the source names no Schedule 12A paragraph" in notes
    assert "restricted document `Appendix 2 - Commercially sensitive findings` was not downloaded" in notes
    assert not list((repo / "content" / BOARD / "papers" / "2026-03-10").glob("4-*"))


def test_what_the_service_cannot_tell_is_listed_for_review(repo, site):
    assert run(repo, site) == 0
    record, notes = meeting(repo, "2026-03-10"), review(repo)
    assert record["attendance"] == [{"person": "cllr-basil-curley", "status": "present"},
                                    {"person": "cllr-jane-lovecy", "status": "apologies"}]
    assert "Councillor Sam Ahmed attended as a substitute" in notes
    assert "Dr Kim Osei (`Expected`)" in notes
    assert "Councillor Basil Curley (`Expected`)" in notes.split("## meetings/2026-02-10.yml")[1]
    assert "item 2: 1 declaration(s) of interest are recorded" in notes
    assert "item `Any other business` has no printed number; it is numbered 5a here" in notes
    assert str(item(record, "5a")["title"]) == "Any other business"
    assert record["minutes_status"] == "draft"                 # no later meeting has approved them yet


def test_people_and_memberships_are_added_once_and_matched_by_name(repo, site):
    people = repo / "data" / BOARD / "people.yml"
    people.write_text("# People\n- {id: basil-curley, name: Councillor Basil Curley}\n")
    (repo / "data" / BOARD / "memberships.yml").write_text(
        "- {person: basil-curley, seat: councillor, role: chair, voting: true, start: 2025-05-20}\n")
    assert run(repo, site) == 0
    listed = yaml.safe_load(people.read_text())
    assert [p["id"] for p in listed] == ["basil-curley", "cllr-jane-lovecy", "cllr-sam-ahmed", "dr-kim-osei"]
    assert listed[1]["source"]["id"] == 201
    assert item(meeting(repo, "2026-03-10"), 1) and meeting(repo, "2026-03-10")["attendance"][0] == {
        "person": "basil-curley", "status": "present"}
    memberships = yaml.safe_load((repo / "data" / BOARD / "memberships.yml").read_text())
    assert [(m["person"], m["role"]) for m in memberships] == [
        ("basil-curley", "chair"), ("cllr-jane-lovecy", "member"), ("dr-kim-osei", "co-opted")]
    assert run(repo, site) == 0
    assert len(yaml.safe_load(people.read_text())) == 4


def test_people_and_memberships_go_under_the_key_of_a_file_the_editor_wrote(repo, site):
    """people.yml as the browser editor writes it (entries under `people:`) keeps that form; an empty
    `memberships: []` takes its first entries under the key."""
    people, memberships = repo / "data" / BOARD / "people.yml", repo / "data" / BOARD / "memberships.yml"
    people.write_text("people:\n  - id: basil-curley\n    name: Councillor Basil Curley\n")
    memberships.write_text("# Who sits on the board\nmemberships: []\n")
    assert run(repo, site) == 0
    listed = yaml.safe_load(people.read_text())
    assert list(listed) == ["people"]
    assert [p["id"] for p in listed["people"]] == ["basil-curley", "cllr-jane-lovecy", "cllr-sam-ahmed",
                                                    "dr-kim-osei"]
    seats = yaml.safe_load(memberships.read_text())
    assert [m["person"] for m in seats["memberships"]] == ["cllr-jane-lovecy", "dr-kim-osei"]   # the new people
    assert memberships.read_text().startswith("# Who sits on the board\nmemberships:\n  - {person: ")


def test_a_file_edited_by_hand_is_left_alone_and_named_in_the_review(repo, site):
    assert run(repo, site, "--to", "2026-02-28") == 0
    path = repo / "data" / BOARD / "meetings" / "2026-02-10.yml"
    edited = path.read_text().replace("venue: Council Antechamber", "venue: Committee Room 1, Council Antechamber")
    path.write_text(edited)
    site.replace["GetMeeting.with-minutes.xml"] = ("Work Programme</agendaitemtitle>",
                                                   "Work Programme 2026/27</agendaitemtitle>")
    assert run(repo, site) == 0
    assert path.read_text() == edited
    assert "## meetings/2026-02-10.yml\n\n- edited by hand since the last import: not updated" in review(repo)
    assert (repo / "data" / BOARD / "meetings" / "2026-03-10.yml").is_file()      # the later meeting is added


def test_a_change_at_the_source_updates_a_file_nobody_edited(repo, site):
    assert run(repo, site) == 0
    site.replace["GetMeeting.with-minutes.xml"] = ("Work Programme</agendaitemtitle>",
                                                   "Work Programme 2026/27</agendaitemtitle>")
    assert run(repo, site) == 0
    assert item(meeting(repo, "2026-02-10"), 9)["title"] == "Work Programme 2026/27"


def test_a_failure_and_a_slow_answer_are_retried(repo, site, no_waiting):
    site.fail_once.add("/mgWebService.asmx/GetMeetings?lCommitteeId=144&sFromDate=01%2F01%2F2026"
                       "&sToDate=31%2F12%2F2026")
    site.fail_once.add("/mgConvert2PDF.aspx?ID=60909")
    assert run(repo, site, "--from", "2026-01-01", "--to", "2026-12-31") == 0
    assert len(site.requested("GetMeetings")) == 2 and len(site.requested("ID=60909")) == 2
    assert no_waiting == [2.0, 2.0]
    client = Client(site.base, timeout=0.3, retries=1)
    site.slow["/mgWebService.asmx/GetCommittees"] = 1.5
    root, _ = client.call("GetCommittees")       # the first try times out, the second answers
    assert root.findtext("committeescount").strip() == "3" and len(site.requested("GetCommittees")) == 2


@pytest.mark.parametrize("answer, words", [
    ((200, {"Content-Type": "text/html"}, b"<!DOCTYPE html><html><body>Log in</body></html>"), "did not answer"),
    ((200, {"Content-Type": "text/xml"}, b"<getmeetings><committee>"), "readable XML"),
    ((500, {"Content-Type": "text/html"}, b"<html>Server Error</html>"), "answered 500"),
    ((403, {"Content-Type": "text/html"}, b"<html>Forbidden</html>"), "answered 403"),
])
def test_a_bad_answer_is_one_line_and_writes_nothing(repo, site, capsys, answer, words):
    site.overrides = {r: answer for r in [
        "/mgWebService.asmx/GetMeetings?lCommitteeId=144&sFromDate=01%2F01%2F2026&sToDate=31%2F12%2F2026"]}
    before = tree(repo)
    assert run(repo, site, "--from", "2026-01-01", "--to", "2026-12-31") == 1
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err.startswith("hwbsite: nothing was imported:") and words in err and "Traceback" not in err
    assert tree(repo) == before


def test_a_server_that_cannot_be_reached_is_one_line(repo, capsys):
    assert main(["--repo", str(repo), "import", "moderngov", "http://127.0.0.1:9/mgWebService.asmx",
                 "--committee", "144", "--board", BOARD]) == 1
    err = capsys.readouterr().err
    assert "could not be reached after 4 tries" in err and "internal error" not in err


@pytest.mark.parametrize("args, words", [
    (["https://democracy.example.gov.uk/", "--committee", "144"], "does not end in mgWebService.asmx"),
    (["ftp://x/mgWebService.asmx", "--committee", "144"], "is not a web address"),
    (["https://x.gov.uk/mgWebService.asmx", "--committee", "audit"], "is not a ModernGov committee id"),
    (["https://x.gov.uk/mgWebService.asmx", "--committee", "144", "--from", "13/01/2026"], "--from `13/01/2026`"),
])
def test_usage_mistakes_exit_2_with_a_plain_message(repo, capsys, args, words):
    assert main(["--repo", str(repo), "import", "moderngov", *args, "--board", BOARD]) == 2
    assert words in capsys.readouterr().err


def test_a_malformed_meeting_date_is_listed_for_review(repo, site):
    site.replace["derived.GetMeetings.xml"] = ("<meetingdate>10/03/2026</meetingdate>",
                                               "<meetingdate>31/02/2026</meetingdate>")
    assert run(repo, site) == 0
    assert "ModernGov meeting 4968 has the date `31/02/2026`, which is not a date: not imported" in review(repo)
    assert not (repo / "data" / BOARD / "meetings" / "2026-03-10.yml").exists()


def test_a_meeting_that_cannot_be_read_is_reported_and_the_rest_imported(repo, site, capsys):
    site.meetings.pop("4967")
    assert run(repo, site) == 1
    out = capsys.readouterr().out
    assert "not imported: ModernGov meeting 4967 (10/02/2026) could not be read" in out
    assert (repo / "data" / BOARD / "meetings" / "2026-03-10.yml").is_file()


def test_hostile_titles_scripts_and_documents_stay_harmless(repo, site, tmp_path, capsys):
    huge = "/mgConvert2PDF.aspx?ID=90003"
    site.overrides[huge] = (200, {"Content-Type": "application/pdf", "Content-Length": str(600 * 1024 * 1024)},
                            b"%PDF-")
    assert run(repo, site) == 0
    record = meeting(repo, "2026-03-10")
    papers = {p["title"]: p for p in item(record, 3)["papers"]}
    climbing = papers["../../../etc/passwd Appendix <b>1</b>"]
    assert climbing["file"] == "papers/2026-03-10/3-etc-passwd-appendix-b-1-b.pdf"
    assert (repo / "content" / BOARD / climbing["file"]).is_file()
    assert papers["Internal Audit Progress Report March 2026"]["url"].endswith("ID=90003")    # too large
    assert papers["Briefing web page"] == {"title": "Briefing web page", "url": f"{site.site}/mgConvert2PDF.aspx?ID=90007",
                                           "source": {"system": "moderngov", "id": 90007,
                                                      "url": f"{site.site}/mgConvert2PDF.aspx?ID=90007"}}
    assert not list((repo / "content" / BOARD / "papers" / "2026-03-10").glob("*briefing*"))
    text = (repo / "data" / BOARD / "meetings" / "2026-03-10.yml").read_text()
    assert "<script" not in text and "steal()" not in text and "alert" not in text
    assert "too large to download" in review(repo)
    assert build(repo, tmp_path / "site", "--board", BOARD) == 0
    page = html.parse(str(tmp_path / "site" / BOARD / "meetings" / "2026-03-10" / "index.html"))
    assert not page.xpath("//script[not(@src)][contains(., 'alert')]") and not page.xpath("//b[text()='1']")


def test_a_document_on_another_site_is_listed_not_fetched(repo, site):
    site.replace["GetMeeting.with-minutes.xml"] = (f"<url>{site.site}/mgConvert2PDF.aspx?ID=60909",
                                                   "<url>http://127.0.0.2:1/mgConvert2PDF.aspx?ID=60909")
    assert run(repo, site) == 0
    paper = item(meeting(repo, "2026-02-10"), 9)["papers"][0]
    assert paper["url"] == "http://127.0.0.2:1/mgConvert2PDF.aspx?ID=60909" and "file" not in paper
    assert "is on another site: listed by its address, not downloaded" in review(repo)


def test_two_meetings_on_one_day_keep_separate_permanent_ids(repo, site, capsys):
    site.replace["derived.GetMeetings.xml"] = ("<meetingdate>10/03/2026</meetingdate>",
                                               "<meetingdate>10/02/2026</meetingdate>")
    site.replace["derived.GetMeeting.restricted.xml"] = ("<meetingdate>10/03/2026</meetingdate>",
                                                         "<meetingdate>10/02/2026</meetingdate>")
    assert run(repo, site) == 0
    assert meeting(repo, "2026-02-10-2")["source"]["id"] == 4968
    assert meeting(repo, "2026-02-10")["source"]["id"] == 4967
    capsys.readouterr()
    code, problems = run_json(repo, capsys, "--board", BOARD)
    assert code == 0, [p for p in problems if p["severity"] == "error"]


def test_a_future_meeting_is_scheduled(repo, site):
    site.replace["derived.GetMeetings.xml"] = ("<meetingdate>10/03/2026</meetingdate>",
                                               "<meetingdate>10/03/2099</meetingdate>")
    site.replace["derived.GetMeeting.restricted.xml"] = ("<meetingdate>10/03/2026</meetingdate>",
                                                         "<meetingdate>10/03/2099</meetingdate>")
    assert run(repo, site, "--to", "2099-12-31") == 0
    assert meeting(repo, "2099-03-10")["status"] == "scheduled"
    assert "attendance" not in meeting(repo, "2099-03-10")


def test_imported_provenance_is_checked_like_any_field(board_repo, capsys):
    repo = board_repo()
    path = next((repo / "data" / "testboard" / "meetings").glob("*.yml"))
    path.write_text(path.read_text() + "source: {system: ModernGov!, id: 1, url: not a url, page: 3}\n")
    line = len(path.read_text().splitlines())
    code, problems = run_json(repo, capsys)
    found = coordinates(problems, "error")
    relative = path.relative_to(repo).as_posix()
    assert {(relative, line, "unknown-key"), (relative, line, "invalid-url")} <= found
    assert any(c[0] == relative and c[1] == line and c[2] not in ("unknown-key", "invalid-url") for c in found)


def test_word_html_becomes_clean_markdown():
    word = ('<div class="WordSection1"><p class="MsoNormal"><span style="font-size:12pt">RESOLVED</span></p>'
            '<p class="MsoNormal"><o:p>&nbsp;</o:p></p><p class=MsoListParagraph><b>To note</b> the\nreport.</p>'
            '<ul><li>one</li></ul><a href="javascript:alert(1)">x</a><style>p{}</style></div>')
    assert word_to_markdown(word) == "RESOLVED\n\n**To note** the report.\n\n- one\n\nx"


@pytest.mark.parametrize("value, expected", [("10.00 am", "10:00"), ("2.30 pm", "14:30"), ("12.00 pm", "12:00"),
                                             ("12 noon", "12:00"), ("14:15", "14:15"), ("12.30 am", "00:30")])
def test_moderngov_times(value, expected):
    assert parse_time(value).strftime("%H:%M") == expected


def test_a_time_that_is_not_one_is_refused():
    with pytest.raises(ValueError):
        parse_time("13.00 pm")


def test_a_server_error_after_every_retry_is_a_source_error(site):
    site.overrides["/mgWebService.asmx/GetCommittees"] = (503, {"Content-Type": "text/html"}, b"busy")
    with pytest.raises(SourceError, match="answered 503"):
        Client(site.base, retries=2).call("GetCommittees")
    assert len(site.requested("GetCommittees")) == 3


def test_the_move_is_documented_and_linked_from_the_readme():
    readme = (REPO / "README.md").read_text()
    assert "(docs/moving-from-moderngov.md)" in readme and "`hwbsite import moderngov BASE_URL" in readme
    guide = (REPO / "docs" / "moving-from-moderngov.md").read_text()
    assert guide.startswith("# Moving from ModernGov") and "moderngov-review.md" in guide
