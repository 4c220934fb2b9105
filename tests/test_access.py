"""Public-access rules: notice in clear working days, minutes, quorum, statutory seats, the transparency page."""

from datetime import date, timedelta

import holidays
import yaml
from lxml import html

from helpers import REPO, coordinates, run_json
from hwbsite.model import WorkingCalendar

MEETINGS = "data/testboard/meetings/"


def test_clear_working_days_skip_easter_bank_holidays():
    calendar = WorkingCalendar()
    published, meeting = date(2025, 4, 15), date(2025, 4, 23)
    weekdays = sum(1 for n in range(1, 8) if (published + timedelta(days=n)).weekday() < 5)
    assert weekdays == 5                      # a count that ignores bank holidays would pass
    assert calendar.clear_days_between(published, meeting) == 3
    assert calendar.latest_publication(meeting, 5) == date(2025, 4, 11)


def test_closure_days_are_not_working_days():
    assert WorkingCalendar().clear_days_between(date(2025, 3, 4), date(2025, 3, 12)) == 5
    assert WorkingCalendar(frozenset({date(2025, 3, 7)})).clear_days_between(date(2025, 3, 4), date(2025, 3, 12)) == 4


def test_notice_and_minutes_after_easter(board_repo, capsys):
    code, problems = run_json(board_repo("easter"), capsys)
    assert code == 0
    assert coordinates(problems) == {
        (MEETINGS + "2025-04-23.yml", 3, "late-agenda"),
        (MEETINGS + "2025-04-23.yml", 4, "late-minutes"),
        (MEETINGS + "2025-05-21.yml", 2, "minutes-not-published"),   # late agenda, but urgent business
        (MEETINGS + "2025-06-18.yml", 2, "minutes-not-published"),
    }
    late = next(p for p in problems if p["code"] == "late-agenda")
    assert "3 clear working days" in late["message"] and "11 April 2025" in late["hint"]


def test_quorum_counts_substitutes_for_voting_members(board_repo, capsys):
    code, problems = run_json(board_repo("quorum"), capsys)
    assert code == 1
    assert coordinates(problems, "error") == {(MEETINGS + "2025-06-18.yml", 14, "inquorate-decision")}
    assert (MEETINGS + "2025-07-16.yml", 2, "attendance-missing") in coordinates(problems, "warning")


def test_votes_must_fit_the_members_present(board_repo, capsys):
    code, problems = run_json(board_repo("votes"), capsys)
    assert code == 1
    assert coordinates(problems, "error") == {
        (MEETINGS + "2025-06-18.yml", 16, "vote-exceeds-present"),
        (MEETINGS + "2025-06-18.yml", 20, "casting-vote-without-tie"),
    }


def test_statutory_seat_vacancies_and_closure_days(board_repo, capsys):
    code, problems = run_json(board_repo("seats"), capsys)
    assert coordinates(problems, "warning") >= {
        ("data/testboard/memberships.yml", 1, "vacant-seat"),     # public health: never filled
        ("data/testboard/memberships.yml", 3, "vacant-seat"),     # children's services: Feb-Mar 2025
        (MEETINGS + "2025-03-12.yml", 4, "late-agenda"),          # 7 March was a closure day
        (MEETINGS + "2025-03-12.yml", 5, "late-minutes"),
    }
    gap = next(p for p in problems if p["code"] == "vacant-seat" and p["line"] == 3)
    assert "1 February 2025 to 31 March 2025" in gap["message"]


def test_example_board_shows_late_papers_and_a_vacancy(example_site):
    root = html.parse(str(example_site / "transparency" / "index.html")).getroot()
    rows = root.xpath("//table[caption[starts-with(., 'Notice')]]/tbody/tr")
    cells = [[c.text_content().strip() for c in row] for row in rows]
    assert any("late" in row[1] for row in cells)
    assert any(row[4].startswith("Vacant: Director of Children's Services") for row in cells)


def _raw_meetings():
    return [yaml.safe_load(p.read_text()) | {"file": p.stem}
            for p in sorted((REPO / "data/exampleshire/meetings").glob("*.yml"))]


def test_transparency_attendance_matches_an_independent_count(example_site):
    """Counted here from the YAML with a different loader and simpler code than the site's."""
    memberships = yaml.safe_load((REPO / "data/exampleshire/memberships.yml").read_text())
    people = {p["id"]: p["name"] for p in yaml.safe_load((REPO / "data/exampleshire/people.yml").read_text())}
    expected = {}
    for person in {m["person"] for m in memberships}:
        periods = [(m["start"], m["end"] or date.max) for m in memberships if m["person"] == person]
        count = dict(expected=0, present=0, apologies=0, absent=0, substituted=0)
        for meeting in _raw_meetings():
            day = meeting["start"].date() if hasattr(meeting["start"], "date") else date.fromisoformat(
                str(meeting["start"])[:10])
            if meeting["status"] != "held" or meeting.get("kind", "ordinary") == "development-session":
                continue
            if not any(start <= day <= end for start, end in periods) or day > date.today():
                continue
            count["expected"] += 1
            for entry in meeting.get("attendance") or []:
                if entry["person"] == person and entry["status"] in ("present", "apologies", "absent"):
                    count[entry["status"]] += 1
                if entry.get("for") == person:
                    count["substituted"] += 1
        expected[people[person]] = count
    root = html.parse(str(example_site / "transparency" / "index.html")).getroot()
    table = root.xpath("//table[caption='Attendance by member']")[0]
    shown = {}
    for row in table.xpath("./tbody/tr"):
        cells = [c.text_content().strip() for c in row]
        shown[cells[0]] = dict(expected=int(cells[4]), present=int(cells[5]), apologies=int(cells[6]),
                               absent=int(cells[7]), substituted=int(cells[9]))
    assert shown == expected


def test_transparency_notice_matches_an_independent_count(example_site):
    bank = holidays.country_holidays("GB", subdiv="ENG")
    root = html.parse(str(example_site / "transparency" / "index.html")).getroot()
    rows = {row.xpath("./th//time/@datetime")[0]: row.xpath("./td")[0].text_content()
            for row in root.xpath("//table[caption[starts-with(., 'Notice')]]/tbody/tr")}
    checked = 0
    for meeting in _raw_meetings():
        if not meeting.get("agenda_published"):
            continue
        day = date.fromisoformat(str(meeting["start"])[:10])
        published = meeting["agenda_published"]
        clear = sum(1 for n in range(1, (day - published).days)
                    if (published + timedelta(days=n)).weekday() < 5 and published + timedelta(days=n) not in bank)
        assert rows[day.isoformat()].startswith(f"{clear} days"), day
        checked += 1
    assert checked >= 20
