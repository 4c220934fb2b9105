"""The search index a build writes is whole, whatever Pagefind's service does with its own writes."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest

from helpers import build, make_repo
from test_site import content_pages
from test_sitedir import tree

# Pagefind's service, behind a go-between that answers "written" to WriteFiles without passing it on and
# stops Pagefind the moment its own input closes: Pagefind 1.5.2's worst case, whose answer can come before
# its files reach the disk and which exits when its input ends (Pagefind issue #1271). The build that
# trusted that answer shipped a cut-short index on a busy machine, and search found nothing.
EARLY_ANSWER = """\
import base64, json, subprocess, sys, threading
real = subprocess.Popen([{real!r}, "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)

def relay():
    while chunk := real.stdout.read1(1 << 16):
        sys.stdout.buffer.write(chunk)
        sys.stdout.buffer.flush()

threading.Thread(target=relay, daemon=True).start()
waiting = b""
while chunk := sys.stdin.buffer.read1(1 << 16):
    waiting += chunk
    *messages, waiting = waiting.split(b",")
    for message in messages:
        request = json.loads(base64.b64decode(message))
        if request["payload"]["type"] == "WriteFiles":
            answer = {{"message_id": request["message_id"], "payload": {{"type": "WriteFiles", "output_path": "."}}}}
            sys.stdout.buffer.write(base64.b64encode(json.dumps(answer).encode()) + b",")
            sys.stdout.buffer.flush()
        else:
            real.stdin.write(message + b",")
            real.stdin.flush()
real.kill()
"""

# A service that answers GetFiles with the files named (outside the index's folder, or oddly).
ESCAPING = """\
import base64, json, sys
waiting = b""
while chunk := sys.stdin.buffer.read1(1 << 16):
    waiting += chunk
    *messages, waiting = waiting.split(b",")
    for message in messages:
        request = json.loads(base64.b64decode(message))
        kind = request["payload"]["type"]
        payload = {{"type": kind, "index_id": 0}}
        if kind == "GetFiles":
            planted = base64.b64encode(b"planted").decode()
            payload["files"] = [{{"path": path, "content": planted}} for path in {paths!r}]
        answer = {{"message_id": request["message_id"], "payload": payload}}
        sys.stdout.buffer.write(base64.b64encode(json.dumps(answer).encode()) + b",")
        sys.stdout.buffer.flush()
"""


def _service(tmp_path: Path, monkeypatch, source: str) -> None:
    import pagefind.service

    program = tmp_path / "pagefind-service"
    program.write_text(f"#!{sys.executable}\n" + source)
    program.chmod(0o755)
    monkeypatch.setattr(pagefind.service, "get_executable", lambda: program)


def _pages(index: Path) -> dict[str, bytes]:
    """Each indexed page's address and words, read from the index's fragments (gzip checks each is whole)."""
    pages = {}
    for fragment in (index / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        page = json.loads(data[data.index(b"{"):])
        pages[page["url"]] = page["content"]
    return pages


@pytest.fixture
def repo(tmp_path) -> Path:
    return make_repo(tmp_path / "testboard")


def test_the_index_is_whole_when_pagefind_answers_before_writing(repo, tmp_path, monkeypatch):
    from pagefind.service import get_executable

    assert build(repo, tmp_path / "site") == 0
    site = tmp_path / "site" / "testboard"
    expected = _pages(site / "pagefind")
    assert len(expected) == len(content_pages(site)) > 5
    _service(tmp_path, monkeypatch, EARLY_ANSWER.format(real=str(get_executable())))
    assert build(repo, tmp_path / "early") == 0
    early = tmp_path / "early" / "testboard"
    entry = json.loads((early / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] == len(expected)
    assert _pages(early / "pagefind") == expected
    assert {p.relative_to(early).as_posix() for p in (early / "pagefind").rglob("*")} == \
        {p.relative_to(site).as_posix() for p in (site / "pagefind").rglob("*")}


@pytest.mark.parametrize("paths", [["../index.html"], ["/tmp/planted"], ["fragment/../../meetings/index.html"],
                                   ["fragment/a\x00b"], ["x\n::error::planted"], ["a", "a/b"]])
def test_index_files_named_outside_the_index_folder_or_oddly_are_refused(repo, tmp_path, monkeypatch, capsys, paths):
    """A search-index error in one line, the site as it was; never an internal error, nor a line of its own."""
    site = tmp_path / "site"
    assert build(repo, site) == 0
    before = tree(site)
    capsys.readouterr()
    _service(tmp_path, monkeypatch, ESCAPING.format(paths=paths))
    assert build(repo, site) == 1
    error = capsys.readouterr().err
    assert error.startswith("hwbsite: the site could not be built: the search index could not be built:")
    assert len(error.strip().splitlines()) == 1 and "Traceback" not in error
    assert tree(site) == before
    assert not Path("/tmp/planted").exists()


def test_the_previews_index_runs_below_the_saves_priority(tmp_path):
    """The preview indexes its whole site after each save in the background, at a lower priority than the
    next save's rebuild, which the officer is waiting for."""
    import os
    import time

    from hwbsite.site.search import start_index

    (tmp_path / "index.html").write_text("<html><body><main data-pagefind-body>Minutes</main></body></html>")
    running = start_index(tmp_path, None)
    try:
        deadline = time.monotonic() + 10
        while os.getpriority(os.PRIO_PROCESS, running.pid) < os.getpriority(os.PRIO_PROCESS, 0) + 10:
            assert running.poll() is None and time.monotonic() < deadline
            time.sleep(0.01)
    finally:
        running.kill()
        running.wait()


def test_the_previews_index_stopped_by_the_next_save_leaves_no_file_cut_short(tmp_path):
    """The next save stops an index still being made. Pagefind keeps an index file whose (hashed) name it finds
    already there, so a file cut short by the stop would have stayed in the preview: it starts from nothing."""
    import subprocess

    from hwbsite.site.search import SEARCH_FOLDER, start_index

    (tmp_path / "index.html").write_text("<html lang='en'><body><main data-pagefind-body>Minutes of the board"
                                         "</main></body></html>")
    assert start_index(tmp_path, None).wait() == 0
    fragment = next((tmp_path / SEARCH_FOLDER / "fragment").glob("*.pf_fragment"))
    whole = fragment.read_bytes()
    fragment.write_bytes(whole[:10])             # as a stopped index leaves it
    unfinished = subprocess.Popen(["sleep", "30"])
    assert start_index(tmp_path, unfinished).wait() == 0
    assert unfinished.returncode is not None
    assert fragment.read_bytes() == whole
