"""`hwbsite validate` on broken boards: every problem at its file, line and code."""


import pytest

from helpers import REPO, coordinates, run_json
from hwbsite.cli import main

MEETING = "data/testboard/meetings/2025-03-12.yml"
MEETINGS = "data/testboard/meetings/"


def test_example_board_is_clean(capsys):
    code, problems = run_json(REPO, capsys)
    assert code == 0
    assert [p for p in problems if p["severity"] == "error"] == []


def test_base_fixture_is_clean(board_repo, capsys):
    assert run_json(board_repo(), capsys) == (0, [])


def test_unknown_keys_and_wrong_shapes(board_repo, capsys):
    code, problems = run_json(board_repo("keys"), capsys)
    assert code == 1
    assert coordinates(problems, "error") == {
        (MEETING, 3, "unknown-key"),
        (MEETING, 5, "unknown-key"),
        (MEETING, 5, "missing-value"),
        (MEETING, 6, "wrong-shape"),
        (MEETING, 10, "wrong-shape"),
        (MEETING, 15, "unknown-key"),
        ("data/testboard/people.yml", 1, "unknown-key"),
        ("data/testboard/people.yml", 6, "unknown-key"),
    }
    hints = {(p["line"], p["field"]): p["hint"] for p in problems if p["code"] == "unknown-key"}
    assert "`venue`" in hints[(3, "veneu")]
    assert "`status`" in hints[(5, "stauts")]
    assert "`against`" in hints[(15, "aginst")]


def test_references_to_unknown_ids(board_repo, capsys):
    code, problems = run_json(board_repo("references"), capsys)
    assert code == 1
    assert coordinates(problems, "error") == {
        (MEETING, 3, "unknown-person"),
        (MEETING, 6, "unknown-person"),
        (MEETING, 8, "unknown-item"),
        (MEETING, 14, "unknown-priority"),
        ("data/testboard/forward-plan.yml", 1, "unknown-person"),
        ("data/testboard/strategy.yml", 4, "unknown-decision"),
    }
    by_line = {(p["file"], p["line"]): p for p in problems}
    assert "`dr-amir-khan`" in by_line[(MEETING, 6)]["hint"]
    assert by_line[(MEETING, 8)]["column"] == 31
    assert "70, 71" in by_line[(MEETING, 8)]["hint"]


def test_values_checked_by_the_schemas(board_repo, capsys):
    code, problems = run_json(board_repo("values"), capsys)
    assert code == 1
    assert coordinates(problems, "error") == {
        (MEETING, 1, "invalid-datetime"),
        (MEETING, 3, "not-allowed"),
        (MEETING, 4, "invalid-date"),
        (MEETING, 6, "missing-value"),
        (MEETING, 10, "out-of-range"),
        ("data/testboard/memberships.yml", 2, "invalid-yes-no"),
        ("data/testboard/memberships.yml", 4, "invalid-date"),
        ("data/testboard/memberships.yml", 6, "not-allowed"),
        ("data/testboard/organisations.yml", 3, "bad-id"),
        ("data/testboard/organisations.yml", 3, "invalid-url"),
        ("data/testboard/people.yml", 5, "unknown-organisation"),
        ("data/testboard/strategy.yml", 4, "unknown-decision"),
    }
    status = next(p for p in problems if p["code"] == "not-allowed" and p["file"] == MEETING)
    assert (status["column"], status["field"]) == (9, "status") and "`held`" in status["hint"]


def test_domain_rules(board_repo, capsys):
    code, problems = run_json(board_repo("rules"), capsys)
    assert code == 1
    assert coordinates(problems, "error") == {
        ("data/testboard/board.yml", 3, "unknown-timezone"),
        ("data/testboard/forward-plan.yml", 1, "unknown-priority"),
        (MEETING, 2, "end-before-start"),
        (MEETING, 6, "substitute-without-for"),
        (MEETING, 7, "for-without-substitute"),
        (MEETING, 12, "bad-decision-id"),
        ("data/testboard/memberships.yml", 1, "end-before-start"),
    }
    bad_id = next(p for p in problems if p["code"] == "bad-decision-id")
    assert "hwb-2025-002" in bad_id["hint"]


def test_paper_files(board_repo, capsys, tmp_path):
    repo = board_repo("papers")
    outside = tmp_path / "outside.pdf"
    outside.write_bytes(b"%PDF-1.4 private")
    (repo / "content/testboard/papers/linked").mkdir()
    (repo / "content/testboard/papers/linked/report.pdf").symlink_to(outside)
    code, problems = run_json(repo, capsys)
    assert code == 1
    assert coordinates(problems, "error") == {
        (MEETING, 7, "paper-missing"),
        (MEETING, 8, "paper-outside-papers"),
        (MEETING, 9, "paper-outside-papers"),
        (MEETING, 10, "paper-outside-papers"),
        (MEETING, 11, "paper-without-file"),
        (MEETING, 12, "paper-file-and-url"),
        (MEETING, 13, "paper-symlink"),
        ("content/testboard/papers/linked/report.pdf", 1, "symlink"),
        ("data/testboard/strategy.yml", 4, "unknown-decision"),
    }
    # The checks on the whole record run despite the errors.
    assert coordinates(problems, "warning") == {(MEETING, 2, "minutes-not-published")}
    missing = next(p for p in problems if p["code"] == "paper-missing")
    assert "71-bcf-plan.pdf" in missing["hint"]


def test_symlinked_papers_folder_is_refused(board_repo, capsys, tmp_path):
    repo = board_repo()
    real = tmp_path / "elsewhere"
    (repo / "content/testboard/papers").rename(real)
    (repo / "content/testboard/papers").symlink_to(real)
    code, problems = run_json(repo, capsys)
    assert code == 1
    assert coordinates(problems, "error") == {(MEETING, 30, "paper-symlink"),
                                              ("content/testboard/papers", 1, "symlink")}


def test_duplicate_ids_across_files(board_repo, capsys):
    code, problems = run_json(board_repo("duplicates"), capsys)
    assert code == 1
    assert coordinates(problems, "error") == {
        ("data/testboard/meetings/2025-03-19.yml", 1, "duplicate-id"),
        ("data/testboard/meetings/2025-03-19.yml", 8, "duplicate-id"),
        ("data/testboard/people.yml", 9, "duplicate-id"),
    }
    decision = next(p for p in problems if p["line"] == 8)
    assert f"{MEETING}:35" in decision["message"]


def test_unreadable_files_do_not_cascade(board_repo, capsys):
    code, problems = run_json(board_repo("yaml"), capsys)
    assert code == 1
    assert coordinates(problems, "error") == {
        ("data/testboard/forward-plan.yml", 3, "duplicate-key"),
        ("data/testboard/groups.yml", 1, "yaml-alias"),
        ("data/testboard/indicators.yml", 1, "not-utf8"),
        ("data/testboard/meetings/2025-06-18.yml", 3, "yaml-colon-in-value"),
        ("data/testboard/strategy.yml", 5, "tab-character"),
    }


def test_missing_required_files(board_repo, capsys):
    repo = board_repo()
    (repo / "data/testboard/people.yml").unlink()
    code, problems = run_json(repo, capsys)
    assert code == 1
    assert ("data/testboard/people.yml", 1, "missing-file") in coordinates(problems)


def test_optional_files_may_be_absent(board_repo, capsys):
    repo = board_repo()
    for name in ("forward-plan.yml", "groups.yml"):
        (repo / "data/testboard" / name).unlink()
    assert run_json(repo, capsys) == (0, [])


def test_github_format_annotates_each_problem(board_repo, capsys):
    repo = board_repo("rules")
    assert main(["--repo", str(repo), "validate", "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 9
    timezone = next(line for line in lines if "unknown-timezone" in line)
    assert timezone.startswith("::error file=data/testboard/board.yml,line=3,col=11,title=unknown-timezone::")
    assert any(line.startswith("::warning file=content/testboard/papers/") for line in lines)


def test_json_problem_shape(board_repo, capsys):
    _, problems = run_json(board_repo("rules"), capsys)
    assert all(set(p) >= {"severity", "file", "line", "column", "code", "message", "hint"} for p in problems)


def test_text_format_names_file_line_and_column(board_repo, capsys):
    repo = board_repo("rules")
    assert main(["--repo", str(repo), "validate"]) == 1
    out = capsys.readouterr().out
    assert "data/testboard/board.yml:3:11: error:" in out


@pytest.mark.parametrize("args", [["validate", "--board", "nowhere"], ["validate", "--format", "xml"], ["frobnicate"]])
def test_usage_errors_exit_2(board_repo, capsys, args):
    repo = board_repo()
    with pytest.raises(SystemExit) if args[0] == "frobnicate" or "--format" in args else _no_raise() as caught:
        code = main(["--repo", str(repo), *args])
    code = caught.value.code if hasattr(caught, "value") else code
    assert code == 2


class _no_raise:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_no_boards_is_a_usage_error(tmp_path, capsys):
    assert main(["--repo", str(tmp_path), "validate"]) == 2
    assert "no boards" in capsys.readouterr().err


def test_validate_writes_nothing(board_repo, capsys):
    repo = board_repo("rules")
    before = {p: p.stat().st_mtime_ns for p in repo.rglob("*")}
    run_json(repo, capsys)
    assert {p: p.stat().st_mtime_ns for p in repo.rglob("*")} == before


@pytest.mark.parametrize("scenario", ["references", "values", "rules", "duplicates"])
def test_foreign_keys_agree_with_frictionless_package_validation(board_repo, scenario):
    """hwbsite checks foreign keys itself, for speed; Frictionless's own validation must agree."""
    from frictionless import Package, Resource, Schema

    from hwbsite.record import TABLES, read_board
    from hwbsite.problems import Problems
    from hwbsite.checks.tables import check_tables, foreign_key_misses
    from hwbsite.record import schema_descriptor

    repo = board_repo(scenario)
    problems = Problems(repo)
    files = read_board(repo, "testboard", problems)
    typed = check_tables(files.tables, problems)
    ours = {(name, index) for name, index, _ in foreign_key_misses(typed)}
    resources = []
    for name in TABLES:
        descriptor = schema_descriptor(name)
        header = [f["name"] for f in descriptor["fields"]]
        rows = [[typed_row[column] if typed_row[column] is not None else raw.get(column)
                 for column in header] for typed_row, raw in zip(typed[name], files.tables[name].rows)]
        resources.append(Resource(name=name, data=[header] + [[None if v is None else str(v) for v in r]
                                                            for r in rows],
                                  schema=Schema.from_descriptor(descriptor)))
    report = Package(resources=resources).validate()
    theirs = {(task.name, error.row_number - 2) for task in report.tasks for error in task.errors
              if error.type == "foreign-key"}
    assert ours == theirs
    assert scenario != "references" or len(ours) >= 5


def test_links_must_be_web_addresses(board_repo, capsys):
    repo = board_repo()
    meeting = repo / MEETING
    meeting.write_text(meeting.read_text().replace("end: 2025-03-12T16:00\n",
                                                   'end: 2025-03-12T16:00\nwebcast: "javascript:alert(1)"\n'))
    code, problems = run_json(repo, capsys)
    assert code == 1
    assert coordinates(problems, "error") == {(MEETING, 3, "invalid-url")}


def test_every_problem_in_one_run(board_repo, capsys):
    """A typo, an impossible vote and a bad reference in two files: all reported at once, with the
    checks on the whole record (notice, quorum, votes) still run on the meetings that were read."""
    repo = board_repo("votes")
    meeting = repo / "data/testboard/meetings/2025-06-18.yml"
    meeting.write_text("veneu: Room 2\n" + meeting.read_text(encoding="utf-8"), encoding="utf-8")
    people = repo / "data/testboard/people.yml"
    people.write_text(people.read_text(encoding="utf-8") +
                      "- {id: new-person, name: New Person, organisation: no-such-organisation}\n",
                      encoding="utf-8")
    code, problems = run_json(repo, capsys)
    assert code == 1
    lines = len(people.read_text(encoding="utf-8").splitlines())
    assert coordinates(problems, "error") == {
        (MEETINGS + "2025-06-18.yml", 1, "unknown-key"),
        (MEETINGS + "2025-06-18.yml", 17, "vote-exceeds-present"),
        (MEETINGS + "2025-06-18.yml", 21, "casting-vote-without-tie"),
        ("data/testboard/people.yml", lines, "unknown-organisation"),
    }


def test_papers_of_a_meeting_file_that_cannot_be_read_are_not_called_unlisted(board_repo, capsys):
    repo = board_repo()
    meeting = repo / "data/testboard/meetings/2025-03-12.yml"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("status: held", "status: held: yes"),
                       encoding="utf-8")
    code, problems = run_json(repo, capsys)
    assert code == 1
    assert [p["code"] for p in problems if p["file"].startswith("content/")] == []
    assert coordinates(problems, "error") == {(MEETING, 3, "yaml-colon-in-value")}
