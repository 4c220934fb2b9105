"""The pipelines that check and publish a board: valid, and their commands work on this repository."""

import json
import shutil
import subprocess

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


def fresh_copy(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(REPO, repo, ignore=shutil.ignore_patterns(".git", "site", "public", ".tools", "*.egg-info",
                                                               "__pycache__", ".pytest_cache", ".hypothesis"))
    return repo


def test_github_workflow_commands_work(tmp_path):
    """Runs each `run:` step exactly as the workflows write it (the install step is this test's own setup)."""
    repo = fresh_copy(tmp_path)
    for workflow in WORKFLOWS:
        steps = [s for job in yaml.safe_load(workflow.read_text())["jobs"].values() for s in job.get("steps", [])]
        for command in [s["run"] for s in steps if "run" in s]:
            if command == INSTALL:
                continue
            result = subprocess.run(["bash", "-e", "-c", command], cwd=repo, capture_output=True, text=True)
            assert result.returncode == 0, (workflow.name, command, result.stdout[-2000:], result.stderr[-2000:])
    assert (repo / "site" / "index.html").is_file() and (repo / "site" / "exampleshire" / "index.html").is_file()


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
