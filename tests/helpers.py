"""Helpers shared by the tests: fixture boards, running the CLI, reading problems."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from hwbsite.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent


def make_repo(destination: Path, *scenarios: str) -> Path:
    """A board repository as a council's fork would be: the project's site files and a fixture board.

    `tests/fixtures/base` is a small valid board; every other folder there is a scenario whose files
    are laid over a copy of it.
    """
    shutil.copytree(FIXTURES / "base", destination, dirs_exist_ok=True)
    shutil.copytree(REPO / "theme", destination / "theme", dirs_exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", destination / "mkdocs.yml")
    for scenario in scenarios:
        shutil.copytree(FIXTURES / scenario, destination, dirs_exist_ok=True)
    return destination


def copy_example(destination: Path) -> Path:
    """The example board in a repository of its own, with the project's site files."""
    for folder in ("data/exampleshire", "content/exampleshire", "theme"):
        shutil.copytree(REPO / folder, destination / folder)
    shutil.copy(REPO / "mkdocs.yml", destination / "mkdocs.yml")
    return destination


def run_json(repo: Path, capsys, *args: str) -> tuple[int, list[dict]]:
    code = main(["--repo", str(repo), "validate", "--format", "json", *args])
    out = capsys.readouterr().out
    return code, json.loads(out) if out.strip() else []


def coordinates(problems: list[dict], severity: str | None = None) -> set[tuple[str, int, str]]:
    return {(p["file"], p["line"], p["code"]) for p in problems
            if severity is None or p["severity"] == severity}


def build(repo: Path, site_dir: Path, *args: str) -> int:
    return main(["--repo", str(repo), "build", "--site-dir", str(site_dir), *args])


def serve_preview(repo: Path):
    """`hwbsite serve` started on a free loopback port: (the process, its address) once it answers."""
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "hwbsite.cli", "--repo", str(repo), "serve",
                               "--address", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return server, url
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.terminate()
                raise AssertionError("the preview never answered") from None
            time.sleep(0.5)


def run_fresh(script: str, *args) -> "subprocess.CompletedProcess":
    """`script` run by a new Python process (with this folder importable), given `args` as sys.argv[1:]:
    for what must not happen in this process, which earlier tests may have left with threads running."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-c", script, *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=600)
