"""Dates an officer can get wrong against today and the calendar, and corrections shown to readers."""

import json

from lxml import html

from helpers import build, coordinates, run_json

MEETINGS = "data/testboard/meetings"
DECISION = "      - id: hwb-2025-001\n        text: The Board approved the Better Care Fund plan 2025/26.\n"


def test_a_meeting_cannot_be_held_before_its_day(board_repo, capsys):
    repo = board_repo()
    (repo / MEETINGS / "2099-01-14.yml").write_text("start: 2099-01-14T14:00\nstatus: held\n")
    (repo / MEETINGS / "2099-02-11.yml").write_text("start: 2099-02-11T14:00\nstatus: cancelled\n")
    (repo / MEETINGS / "2099-03-11.yml").write_text(
        "start: 2099-03-11T14:00\nstatus: scheduled\nagenda_published: 2099-03-01\nminutes_published: 2099-03-20\n")
    code, problems = run_json(repo, capsys)
    assert code == 1
    assert coordinates(problems) == {
        (f"{MEETINGS}/2099-01-14.yml", 2, "status-before-meeting"),
        (f"{MEETINGS}/2099-03-11.yml", 3, "published-in-future"),
        (f"{MEETINGS}/2099-03-11.yml", 4, "published-in-future"),
    }
    assert coordinates(problems, "warning") == {(f"{MEETINGS}/2099-03-11.yml", 3, "published-in-future"),
                                                (f"{MEETINGS}/2099-03-11.yml", 4, "published-in-future")}
    assert "scheduled" in next(p["hint"] for p in problems if p["code"] == "status-before-meeting")


def test_a_forward_plan_date_must_be_a_meetings_date(board_repo, capsys):
    repo = board_repo()
    (repo / "data/testboard/forward-plan.yml").write_text(
        "- {title: Pharmaceutical Needs Assessment, meeting: 2025-06-11, purpose: decision}\n"
        "- {title: Annual report, meeting: 2025-03-12}\n"
        "- {title: Next year's strategy refresh, meeting: 2030-01-15}\n"
        "- {title: Not yet fixed}\n"
        "- {title: Before the first meeting, meeting: 2020-01-01}\n")
    code, problems = run_json(repo, capsys)
    assert code == 1
    assert coordinates(problems) == {("data/testboard/forward-plan.yml", 1, "forward-plan-no-meeting"),
                                     ("data/testboard/forward-plan.yml", 5, "forward-plan-no-meeting")}
    hints = {p["line"]: p["hint"] for p in problems}
    assert hints[1].startswith("did you mean `2025-06-18`") and hints[5].startswith("did you mean `2025-03-12`")


def with_correction(repo, day):
    path = repo / MEETINGS / "2025-03-12.yml"
    path.write_text(path.read_text().replace(DECISION, DECISION.replace("2025/26.", "2025/26, with £1.4m.") +
        f"        corrections:\n          - {{date: {day}, note: The sum was missing., "
        f"previous: \"The Board approved the <b>plan</b>.\"}}\n"))
    return path


def test_a_correction_cannot_come_before_its_decision(board_repo, capsys):
    repo = board_repo()
    with_correction(repo, "2025-03-01")
    assert coordinates(run_json(repo, capsys)[1]) == {(f"{MEETINGS}/2025-03-12.yml", 38, "correction-before-decision")}


def test_corrections_are_shown_on_the_decisions_page_json_and_open_data(board_repo, tmp_path, capsys):
    repo = board_repo()
    with_correction(repo, "2025-04-02")
    assert run_json(repo, capsys)[0] == 0
    assert build(repo, tmp_path / "site") == 0
    site = tmp_path / "site" / "testboard"
    page = html.parse(str(site / "decisions/hwb-2025-001/index.html")).getroot()
    items = page.xpath("//h2[@id='corrections']/following-sibling::ol[1]/li")
    assert len(items) == 1
    assert items[0].xpath("time/@datetime") == ["2025-04-02"]
    assert items[0].xpath("q")[0].text_content() == "The Board approved the <b>plan</b>."  # shown as text
    data = json.loads((site / "decisions/hwb-2025-001.json").read_text())
    assert data["corrections"] == [{"date": "2025-04-02", "note": "The sum was missing.",
                                    "previous": "The Board approved the <b>plan</b>."}]
    assert "hwb-2025-001,1,2025-04-02" in (site / "data/decision_corrections.csv").read_text()
    uncorrected = json.loads((site / "decisions/hwb-2025-002.json").read_text())
    assert uncorrected["corrections"] == []
