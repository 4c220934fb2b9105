"""The pipelines that check and publish a board: valid, and their commands work on this repository."""

import json
import os
import shutil
import subprocess

import pytest
import yaml

from helpers import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
INSTALL = "python -m pip install -e ."


def test_workflows_pass_actionlint():
    assert len(WORKFLOWS) == 3
    result = subprocess.run(["actionlint", *map(str, WORKFLOWS)], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_publishing_uses_the_official_pages_actions():
    publish = yaml.safe_load((REPO / ".github/workflows/publish.yml").read_text())
    uses = [step.get("uses", "") for job in publish["jobs"].values() for step in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)


def test_papers_stored_with_git_lfs_are_fetched():
    """A checkout without LFS files would publish pointers; validation refuses them (lfs-pointer), so fetch them."""
    for workflow in WORKFLOWS:
        steps = [s for job in yaml.safe_load(workflow.read_text())["jobs"].values() for s in job.get("steps", [])]
        checkouts = [s for s in steps if s.get("uses", "").startswith("actions/checkout@")]
        assert checkouts and all(s.get("with", {}).get("lfs") is True for s in checkouts), workflow.name
    pipeline = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text())
    assert pipeline["variables"]["GIT_LFS_SKIP_SMUDGE"] == "0"
    assert not [job for job in ("check", "pages") if "GIT_LFS_SKIP_SMUDGE" in pipeline[job].get("variables", {})]


def fresh_copy(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(REPO, repo, ignore=shutil.ignore_patterns(".git", "site", "public", ".tools", "*.egg-info",
                                                               "__pycache__", ".pytest_cache", ".hypothesis"))
    return repo


@pytest.fixture
def git_env(tmp_path):
    """Git as a pipeline runner has it: an identity, and no settings from this machine."""
    config = tmp_path / "gitconfig"
    config.write_text("")
    return {**os.environ, "GIT_CONFIG_GLOBAL": str(config), "GIT_CONFIG_NOSYSTEM": "1",
            **{f"GIT_{who}_{what}": value for who in ("AUTHOR", "COMMITTER")
               for what, value in (("NAME", "Democratic Services"), ("EMAIL", "committees@example.gov.uk"))}}


def git(repo, env, *args):
    return subprocess.run(["git", "-C", str(repo), *args], env=env, check=True, capture_output=True,
                          text=True).stdout


def cloned_copy(tmp_path, env):
    """A fresh copy committed on `main` and pushed to a bare `origin`, as a runner's checkout has it."""
    repo, origin = fresh_copy(tmp_path), tmp_path / "origin.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(origin)], env=env, check=True)
    git(repo, env, "init", "-q", "-b", "main")
    git(repo, env, "add", "-A")
    git(repo, env, "commit", "-q", "-m", "The boards as published")
    git(repo, env, "remote", "add", "origin", str(origin))
    git(repo, env, "push", "-q", "-u", "origin", "main")
    return repo, origin


def steps(workflow):
    return [s for job in yaml.safe_load(workflow.read_text())["jobs"].values() for s in job.get("steps", [])]


def run_step(step, repo, env):
    """A `run:` step as the runner would: its `env:` with this test's values for the pull request's context."""
    context = {"${{ github.base_ref }}": "main"}
    # A repository variable not set (`${{ vars.X }}`) is empty, as on a fork that has not configured it.
    step_env = {name: context.get(value, "" if value.startswith("${{ vars.") else value)
                for name, value in step.get("env", {}).items()}
    assert not any("${{" in value for value in step_env.values()), step_env
    return subprocess.run(["bash", "-e", "-c", step["run"]], cwd=repo, capture_output=True, text=True,
                          env={**env, "GITHUB_REF_NAME": "main", **step_env})


def test_github_workflow_commands_work(tmp_path, git_env):
    """Runs each `run:` step exactly as the workflows write it (the install step is this test's own setup)."""
    repo, _ = cloned_copy(tmp_path, git_env)
    for workflow in WORKFLOWS:
        for step in [s for s in steps(workflow) if "run" in s and s["run"] != INSTALL]:
            result = run_step(step, repo, git_env)
            assert result.returncode == 0, (workflow.name, step["run"], result.stdout[-2000:], result.stderr[-2000:])
    assert (repo / "site" / "index.html").is_file() and (repo / "site" / "exampleshire" / "index.html").is_file()


def moved_meeting(repo, env):
    """A pull request that renames a published meeting and leaves no redirect."""
    git(repo, env, "checkout", "-q", "-b", "move-meeting")
    meetings = "data/exampleshire/meetings"
    git(repo, env, "mv", f"{meetings}/2026-09-16.yml", f"{meetings}/2026-09-23.yml")
    path = repo / meetings / "2026-09-23.yml"
    path.write_text(path.read_text().replace("2026-09-16T", "2026-09-23T"))
    git(repo, env, "commit", "-q", "-am", "Move the September meeting")


def test_the_pull_request_check_refuses_an_address_its_target_publishes(tmp_path, git_env):
    repo, _ = cloned_copy(tmp_path, git_env)
    ledger = repo / "data/exampleshire/published-urls.txt"
    ledger.write_text("")  # nothing recorded: only the comparison with the target branch protects the page
    git(repo, git_env, "commit", "-q", "-am", "An empty ledger")
    git(repo, git_env, "push", "-q", "origin", "main")
    moved_meeting(repo, git_env)
    check = next(s for s in steps(REPO / ".github/workflows/check.yml") if "--base" in s.get("run", ""))
    result = run_step(check, repo, git_env)
    assert result.returncode == 1
    errors = [line for line in result.stdout.splitlines() if line.startswith("::error")]
    assert errors and all("file=data/exampleshire/meetings/2026-09-23.yml,line=2," in line
                          and "title=url-dropped" in line for line in errors)


def test_publishing_records_new_addresses_in_the_ledger(tmp_path, git_env):
    repo, origin = cloned_copy(tmp_path, git_env)
    (repo / "data/exampleshire/meetings/2027-05-19.yml").write_text("start: 2027-05-19T14:00\nstatus: scheduled\n")
    git(repo, git_env, "add", "-A")
    git(repo, git_env, "commit", "-q", "-m", "A new meeting")
    git(repo, git_env, "push", "-q", "origin", "main")
    record = yaml.safe_load((REPO / ".github/workflows/publish.yml").read_text())["jobs"]["record"]
    assert record["needs"] == "deploy" and record["permissions"] == {"contents": "write"}
    step = next(s for s in record["steps"] if "urls --update" in s.get("run", ""))
    result = run_step(step, repo, git_env)
    assert result.returncode == 0, result.stderr
    assert "[skip ci]" in git(origin, git_env, "log", "-1", "--format=%s", "main")
    assert git(origin, git_env, "diff", "--name-only", "main~1", "main").split() == [
        "data/exampleshire/published-urls.txt"]
    assert "/meetings/2027-05-19/" in git(origin, git_env, "show", "main:data/exampleshire/published-urls.txt")
    # Published again with nothing new: no commit.
    assert run_step(step, repo, git_env).returncode == 0
    assert git(origin, git_env, "rev-list", "--count", "main") == "3\n"


def test_gitlab_pipeline_commands_work(tmp_path):
    repo = fresh_copy(tmp_path)
    pipeline = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text())
    for job in ("check", "pages"):
        script = [line for line in pipeline[job]["script"] if line != INSTALL]
        result = subprocess.run(["bash", "-e", "-c", "\n".join(script)], cwd=repo, capture_output=True, text=True)
        assert result.returncode == 0, (job, result.stdout[-2000:], result.stderr[-2000:])
    report = json.loads((repo / "gl-code-quality-report.json").read_text())
    assert report and all({"description", "check_name", "fingerprint", "severity", "location"} <= set(r)
                          for r in report)
    assert (repo / "public" / "exampleshire" / "index.html").is_file()


def test_gitlab_report_fails_the_check_on_errors(board_repo):
    repo = board_repo("rules")
    pipeline = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text())
    script = [line for line in pipeline["check"]["script"] if line != INSTALL]
    result = subprocess.run(["bash", "-e", "-c", "\n".join(script)], cwd=repo, capture_output=True, text=True)
    assert result.returncode != 0
    report = json.loads((repo / "gl-code-quality-report.json").read_text())
    assert ("data/testboard/board.yml", 3, "unknown-timezone", "major") in {
        (r["location"]["path"], r["location"]["lines"]["begin"], r["check_name"], r["severity"]) for r in report}


def gitlab_script(job):
    pipeline = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text())
    return "\n".join(line for line in pipeline[job]["script"] if line != INSTALL)


def test_gitlab_merge_request_check_compares_with_the_target_branch(tmp_path, git_env):
    repo, _ = cloned_copy(tmp_path, git_env)
    (repo / "data/exampleshire/published-urls.txt").write_text("")
    git(repo, git_env, "commit", "-q", "-am", "An empty ledger")
    git(repo, git_env, "push", "-q", "origin", "main")
    moved_meeting(repo, git_env)
    git(repo, git_env, "update-ref", "-d", "refs/remotes/origin/main")  # the runner fetches it itself
    result = subprocess.run(["bash", "-e", "-c", gitlab_script("check")], cwd=repo, capture_output=True, text=True,
                            env={**git_env, "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main"})
    assert result.returncode != 0
    report = json.loads((repo / "gl-code-quality-report.json").read_text())
    assert {(r["location"]["path"], r["check_name"]) for r in report} == {
        ("data/exampleshire/meetings/2026-09-23.yml", "url-dropped")}


def test_gitlab_records_the_ledger_with_a_project_token(tmp_path, git_env):
    repo, origin = cloned_copy(tmp_path, git_env)
    (repo / "data/exampleshire/meetings/2027-05-19.yml").write_text("start: 2027-05-19T14:00\nstatus: scheduled\n")
    git(repo, git_env, "add", "-A")
    git(repo, git_env, "commit", "-q", "-m", "A new meeting")
    git(repo, git_env, "push", "-q", "origin", "main")
    ci = {"CI_COMMIT_BRANCH": "main", "CI_SERVER_PROTOCOL": "https", "CI_SERVER_HOST": "gitlab.example.gov.uk",
          "CI_SERVER_PORT": "443", "CI_PROJECT_PATH": "council/boards"}
    without_token = subprocess.run(["bash", "-e", "-c", gitlab_script("record-urls")], cwd=repo,
                                   capture_output=True, text=True, env={**git_env, **ci})
    assert without_token.returncode == 3 and "HWBSITE_LEDGER_TOKEN" in without_token.stdout
    git(repo, git_env, "checkout", "-q", "--", ".")
    # The runner's address for the project is this test's bare repository, which takes push options as GitLab does.
    git(origin, git_env, "config", "receive.advertisePushOptions", "true")
    with open(git_env["GIT_CONFIG_GLOBAL"], "a") as config:
        config.write(f'[url "{origin}"]\n\tinsteadOf = https://oauth2:secret@gitlab.example.gov.uk:443/council/boards.git\n')
    result = subprocess.run(["bash", "-e", "-c", gitlab_script("record-urls")], cwd=repo, capture_output=True,
                            text=True, env={**git_env, **ci, "HWBSITE_LEDGER_TOKEN": "secret"})
    assert result.returncode == 0, result.stderr
    assert "[skip ci]" in git(origin, git_env, "log", "-1", "--format=%s", "main")
    assert "/meetings/2027-05-19/" in git(origin, git_env, "show", "main:data/exampleshire/published-urls.txt")


def test_moderngov_import_runs_only_when_configured_and_opens_a_pull_request():
    workflow = yaml.safe_load((REPO / ".github/workflows/import-moderngov.yml").read_text())
    assert "schedule" in workflow[True] and "workflow_dispatch" in workflow[True]    # `on:` reads as True
    job = workflow["jobs"]["import"]
    assert all(f"vars.{name} != ''" in job["if"] for name in ("MODERNGOV_URL", "MODERNGOV_COMMITTEE", "HWBSITE_BOARD"))
    assert any(step.get("uses", "").startswith("peter-evans/create-pull-request@") for step in job["steps"])
    gitlab = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text())["import-moderngov"]
    rule = gitlab["rules"][0]["if"]
    assert '$CI_PIPELINE_SOURCE == "schedule"' in rule and "$MODERNGOV_URL" in rule
    assert any("merge_request.create" in line for line in gitlab["script"])
