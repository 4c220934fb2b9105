"""A new board, committed and cloned as CI clones it, builds beside the others from its first commit."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from lxml import html

from hwbsite.cli import main

from helpers import copy_example

GIT = {"GIT_AUTHOR_NAME": "Officer", "GIT_AUTHOR_EMAIL": "officer@example.org",
       "GIT_COMMITTER_NAME": "Officer", "GIT_COMMITTER_EMAIL": "officer@example.org"}


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env={**os.environ, **GIT})


def test_a_new_empty_board_builds_every_board_from_a_fresh_clone(tmp_path, capsys):
    work = copy_example(tmp_path / "work")
    assert main(["--repo", str(work), "new", "board", "--id", "newshire", "--name",
                 "Newshire Health and Wellbeing Board", "--council-id", "newshire-council",
                 "--council-name", "Newshire Council"]) == 0
    git(work, "init", "-q", "-b", "main")
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "A new board")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(work), str(clone)], check=True)
    assert not (clone / "data" / "newshire" / "meetings").exists()     # git keeps no empty folder
    assert main(["--repo", str(clone), "build", "--site-dir", str(tmp_path / "site")]) == 0
    capsys.readouterr()
    meetings = html.parse(str(tmp_path / "site" / "newshire" / "meetings" / "index.html")).getroot()
    assert "No meetings are scheduled yet." in meetings.xpath("string(//article)")
    assert (tmp_path / "site" / "exampleshire" / "meetings" / "2025-03-12" / "index.html").is_file()
    index = html.parse(str(tmp_path / "site" / "index.html")).getroot()
    assert {a.get("href") for a in index.iter("a")} >= {"exampleshire/", "newshire/"}
    # The first meeting can be added to the clone as it stands.
    assert main(["--repo", str(clone), "new", "meeting", "--board", "newshire", "--date", "2027-02-10"]) == 0
    assert (clone / "data" / "newshire" / "meetings" / "2027-02-10.yml").is_file()
