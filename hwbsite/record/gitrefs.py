"""Reading a board as it stood at a git revision, without touching the working tree.

`validate --base REF` compares the change with what REF publishes. Everything here
runs `git -C <repo>` read-only commands and writes only into a temporary folder.
"""

from __future__ import annotations

import os
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path


class GitError(Exception):
    """The base cannot be read: not a repository, no such revision, or no git (a usage error)."""


def _git(repo: Path, *args: str, binary: bool = False) -> str | bytes:
    try:
        result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False,
                                env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"})
    except FileNotFoundError:
        raise GitError("--base needs git, and git is not installed here") from None
    if result.returncode != 0:
        raise GitError(result.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed")
    return result.stdout if binary else result.stdout.decode("utf-8", "surrogateescape")


def _paths(output: str) -> list[str]:
    return [path for path in output.split("\0") if path]


@dataclass
class Base:
    """The revision a change is compared with: its commit, a copy of its boards' files, what changed since."""

    repo: Path
    ref: str
    commit: str
    prefix: str                                        # --repo's folder inside the git repository
    root: Path                                         # a temporary folder, where the base's boards are copied
    touched: set[str] = field(default_factory=set)     # paths (from --repo) changed since, or untracked
    renamed: dict[str, str] = field(default_factory=dict)   # old path -> new path, from --repo

    def board_root(self, board_id: str) -> Path | None:
        """A folder holding data/<board>/ and content/<board>/ as at the base, or None if the board was not there."""
        data, content = f"{self.prefix}data/{board_id}", f"{self.prefix}content/{board_id}"
        if not _paths(_git(self.repo, "ls-tree", "-z", "--name-only", self.commit, "--", data)):
            return None
        archive = subprocess.Popen(["git", "-C", str(self.repo), "archive", "--format=tar", self.commit, "--", data],
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        with tarfile.open(fileobj=archive.stdout, mode="r|") as stream:
            stream.extractall(self.root, filter="data")
        if archive.wait() != 0:
            raise GitError(f"could not read data/{board_id}/ at {self.ref}")
        # Content is needed only by name (pages' addresses, papers' sizes): empty stand-ins, not the files.
        for path in _paths(_git(self.repo, "ls-tree", "-r", "-z", "--name-only", self.commit, "--", content)):
            target = self.root.joinpath(*path.split("/"))
            if self.root.resolve() in target.resolve().parents:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.touch()
        return self.root / self.prefix if self.prefix else self.root


def open_base(repo: Path, ref: str) -> tuple[Base, tempfile.TemporaryDirectory]:
    """The base `ref` of the repository at `repo`, with a temporary folder the caller must clean up."""
    if not ref or ref.startswith("-"):
        raise GitError(f"`{ref}` is not a revision")
    try:
        prefix = _git(repo, "rev-parse", "--show-prefix").strip()
    except GitError:
        raise GitError(f"{repo} is not in a git repository, so there is no {ref} to compare with") from None
    try:
        commit = _git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").strip()
    except GitError:
        raise GitError(f"there is no revision `{ref}` in this repository (for a branch on the server, "
                       f"fetch it first: git fetch origin {ref.removeprefix('origin/')})") from None
    try:  # compare with where the change left REF, so later work on REF is not counted as this change's
        commit = _git(repo, "merge-base", commit, "HEAD").strip() or commit
    except GitError:
        pass
    folder = tempfile.TemporaryDirectory(prefix="hwbsite-base-")
    base = Base(repo, ref, commit, prefix, Path(folder.name))
    changed = _paths(_git(repo, "diff", "--name-only", "--no-renames", "-z", "--relative", commit, "--"))
    untracked = _paths(_git(repo, "ls-files", "--others", "--exclude-standard", "-z"))
    base.touched = set(changed) | set(untracked)
    status = _paths(_git(repo, "diff", "--name-status", "-M", "-z", "--relative", commit, "--"))
    index = 0
    while index < len(status):
        if status[index].startswith(("R", "C")):
            base.renamed[status[index + 1]] = status[index + 2]
            index += 3
        else:
            index += 2
    return base, folder
