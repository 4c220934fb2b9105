"""`validate --base REF`: a pull request is compared with the site its target branch publishes."""

import json
import re
import subprocess

import pytest

from helpers import coordinates, make_repo, run_json
from hwbsite.cli import main

MEETINGS = "data/testboard/meetings"


@pytest.fixture(autouse=True)
def git_identity(monkeypatch, tmp_path):
    for name in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{name}_NAME", "Democratic Services")
        monkeypatch.setenv(f"GIT_{name}_EMAIL", "committees@testshire.gov.uk")
    (tmp_path / "gitconfig").write_text("")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


def git(repo, *args):
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path):
    """The base board committed on `main`, and a branch `change` checked out for the officer's edit."""
    repo = make_repo(tmp_path / "repo")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "The board as published")
    git(repo, "checkout", "-q", "-b", "change")
    return repo


def commit(repo, message="An officer's change"):
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def move_meeting(repo, old="2025-03-12", new="2025-03-19"):
    """The meeting moved a week: its file renamed with its date, its start changed."""
    git(repo, "mv", f"{MEETINGS}/{old}.yml", f"{MEETINGS}/{new}.yml")
    path = repo / MEETINGS / f"{new}.yml"
    path.write_text(path.read_text().replace(f"start: {old}T", f"start: {new}T").replace(
        f"end: {old}T", f"end: {new}T"))


def add_redirects(repo, problems):
    lines = [re.search(r"`([^`]+)`", p["hint"]).group(1) for p in problems if p["code"] == "url-dropped"]
    board = repo / "data/testboard/board.yml"
    board.write_text(board.read_text() + "redirects:\n" + "".join(f"  {line}\n" for line in lines))


def test_a_renamed_meeting_must_leave_a_redirect_without_any_ledger(repo, capsys):
    assert not (repo / "data/testboard/published-urls.txt").exists()
    move_meeting(repo)
    commit(repo)
    code, problems = run_json(repo, capsys, "--base", "main")
    assert code == 1
    moved = f"{MEETINGS}/2025-03-19.yml"
    assert coordinates(problems, "error") == {(moved, 1, "url-dropped")}
    hints = sorted(p["hint"] for p in problems)
    assert "`meetings/2025-03-12.ics: meetings/2025-03-19.ics`" in hints[0]
    assert "`meetings/2025-03-12/: meetings/2025-03-19/`" in hints[1]
    # Without --base nothing knows the old address: the ledger was never written.
    assert run_json(repo, capsys)[0] == 0
    add_redirects(repo, problems)
    assert run_json(repo, capsys, "--base", "main") == (0, [])


def test_a_changed_id_is_reported_at_the_new_ids_line(repo, capsys):
    path = repo / MEETINGS / "2025-03-12.yml"
    path.write_text("id: bcf-meeting\n" + path.read_text())
    path.write_text(path.read_text().replace("id: hwb-2025-002", "id: hwb-2025-004"))
    code, problems = run_json(repo, capsys, "--base", "main")  # not committed: the working tree counts
    meeting = f"{MEETINGS}/2025-03-12.yml"
    assert code == 1
    assert coordinates(problems, "error") == {(meeting, 1, "url-dropped"), (meeting, 47, "url-dropped")}
    assert {p["hint"].split("`")[1] for p in problems} == {
        "meetings/2025-03-12/: meetings/bcf-meeting/", "meetings/2025-03-12.ics: meetings/bcf-meeting.ics",
        "decisions/hwb-2025-002/: decisions/hwb-2025-004/", "decisions/hwb-2025-002.json: decisions/hwb-2025-004.json"}


def test_an_address_no_changed_file_made_is_reported_at_the_redirects_line(repo, capsys):
    board = repo / "data/testboard/board.yml"
    board.write_text(board.read_text() + "redirects:\n  old-page/: meetings/\n")
    commit(repo, "A redirect")
    git(repo, "branch", "-f", "main")
    (repo / MEETINGS / "2025-06-18.yml").unlink()
    plan = repo / "data/testboard/forward-plan.yml"
    plan.write_text(plan.read_text().replace("meeting: 2025-06-18, ", ""))
    code, problems = run_json(repo, capsys, "--base", "main")
    assert coordinates(problems) == {("data/testboard/board.yml", 14, "url-dropped")}
    assert {p["hint"].split("`")[1] for p in problems} == {"meetings/2025-06-18/: meetings/",
                                                           "meetings/2025-06-18.ics: meetings/"}


def test_a_dropped_address_the_ledger_lists_is_reported_once(repo, capsys):
    assert main(["--repo", str(repo), "urls", "--update"]) == 0
    commit(repo, "The ledger")
    git(repo, "branch", "-f", "main")
    move_meeting(repo)
    capsys.readouterr()
    code, problems = run_json(repo, capsys, "--base", "main")
    assert code == 1 and [p["code"] for p in problems] == ["url-dropped", "url-dropped"]
    assert {p["file"] for p in problems} == {f"{MEETINGS}/2025-03-19.yml"}


def test_a_published_decisions_text_changes_only_with_a_correction(repo, capsys):
    path = repo / MEETINGS / "2025-03-12.yml"
    old = "The Board approved the Better Care Fund plan 2025/26."
    path.write_text(path.read_text().replace(old, "The Board approved the Better Care Fund plan 2025/26, "
                                                  "with £1.4m for reablement."))
    code, problems = run_json(repo, capsys, "--base", "main")
    assert code == 1 and coordinates(problems) == {(f"{MEETINGS}/2025-03-12.yml", 36, "correction-missing")}
    entry = re.search(r"`- (\{.*\})`", problems[0]["hint"]).group(1)
    assert json.dumps(old) in entry
    path.write_text(path.read_text().replace(
        "        outcome: agreed\n        vote:",
        f"        outcome: agreed\n        corrections:\n          - {entry.replace('what was corrected', 'the sum')}\n"
        "        vote:", 1))
    assert run_json(repo, capsys, "--base", "main") == (0, [])
    # Spacing is not wording: re-wrapping the text needs no correction.
    path.write_text(path.read_text().replace("with £1.4m", "with  £1.4m"))
    assert run_json(repo, capsys, "--base", "main")[0] == 0


def late_agenda(repo, meeting, published):
    path = repo / MEETINGS / f"{meeting}.yml"
    text = path.read_text()
    if "agenda_published:" in text:
        text = re.sub(r"agenda_published: \S+", f"agenda_published: {published}", text)
    else:
        text += f"agenda_published: {published}\n"
    path.write_text(text)


def test_only_warnings_in_changed_files_are_listed(repo, capsys):
    late_agenda(repo, "2025-03-12", "2025-03-10")
    commit(repo, "An old late agenda")
    git(repo, "branch", "-f", "main")
    late_agenda(repo, "2025-06-18", "2025-06-16")
    code, problems = run_json(repo, capsys, "--base", "main")
    assert code == 0 and coordinates(problems) == {(f"{MEETINGS}/2025-06-18.yml", 3, "late-agenda")}
    # json stays a list of problems; the count of older ones goes beside it.
    assert main(["--repo", str(repo), "validate", "--format", "json", "--base", "main"]) == 0
    assert "1 older warning(s) about records this change does not touch" in capsys.readouterr().err
    assert main(["--repo", str(repo), "validate", "--base", "main"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("1 older warning(s)")
    assert main(["--repo", str(repo), "validate", "--format", "github", "--base", "main"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(" ")[0] for line in lines] == ["::warning", "::notice"]
    # Without --base, and on the transparency page, every warning is still there.
    assert len(run_json(repo, capsys)[1]) == 2


def test_a_new_untracked_file_counts_as_touched(repo, capsys):
    (repo / MEETINGS / "2025-09-17.yml").write_text(
        "start: 2025-09-17T14:00\nstatus: scheduled\nagenda_published: 2025-09-16\n")
    code, problems = run_json(repo, capsys, "--base", "main")
    assert coordinates(problems) == {(f"{MEETINGS}/2025-09-17.yml", 3, "late-agenda")}


def test_a_board_new_since_the_base_compares_nothing(tmp_path, capsys):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    (repo / "README.md").write_text("A council's boards\n")
    commit(repo, "An empty repository")
    make_repo(repo)
    assert run_json(repo, capsys, "--base", "main") == (0, [])


@pytest.mark.parametrize("ref", ["no-such-branch", "--output=x", "main~5"])
def test_a_base_that_does_not_exist_is_a_usage_error(repo, capsys, ref):
    assert main(["--repo", str(repo), "validate", f"--base={ref}"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("hwbsite: cannot compare with --base") and "Traceback" not in err


def test_a_folder_outside_git_is_a_usage_error(tmp_path, capsys):
    repo = make_repo(tmp_path / "repo")
    assert main(["--repo", str(repo), "validate", "--base", "main"]) == 2
    assert "not in a git repository" in capsys.readouterr().err


def test_the_base_is_read_without_touching_the_working_tree(repo, capsys):
    move_meeting(repo)
    before = git(repo, "status", "--porcelain")
    run_json(repo, capsys, "--base", "main")
    assert git(repo, "status", "--porcelain") == before
    assert git(repo, "worktree", "list").count("\n") == 1


def test_removing_a_redirect_drops_the_address_it_kept(repo, capsys):
    move_meeting(repo)
    board = repo / "data/testboard/board.yml"
    board.write_text(board.read_text() + "redirects:\n  meetings/2025-03-12/: meetings/2025-03-19/\n"
                     "  meetings/2025-03-12.ics: meetings/2025-03-19.ics\n")
    commit(repo, "The meeting moved, with its redirects")
    git(repo, "branch", "-f", "main")
    board.write_text(board.read_text().replace("  meetings/2025-03-12.ics: meetings/2025-03-19.ics\n", ""))
    code, problems = run_json(repo, capsys, "--base", "main")
    assert code == 1 and coordinates(problems) == {("data/testboard/board.yml", 14, "url-dropped")}
    assert "`meetings/2025-03-12.ics: meetings/" in problems[0]["hint"]
